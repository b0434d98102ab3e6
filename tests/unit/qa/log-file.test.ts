/**
 * Reading an exported log file for the QA import: every hostile file of issue 19 is refused before
 * anything uses it, with a message naming the file, the path in it and what was expected (the old parser
 * let most of them through, to fail later as "e.items is not iterable" or "Maximum call stack size
 * exceeded"); a clean file, and a collector export's extra fields, still read.
 */
import {expect} from '@open-wc/testing';
import {checkJson} from '../../../src/qa/check-json.js';
import {LOG_FILE_SCHEMA} from '../../../src/qa/log-file-schema.js';
import {checkLogFileSize, LogFileError, MAX_LOG_FILE_DEPTH, parseLogFile} from '../../../src/qa/log-file.js';
import type {LogFile} from '../../../src/qa/log-file.js';
import {logText} from './log-file-fixtures.js';

function errorOf(text: string, name = 'team.json'): string {
  try {
    parseLogFile(text, name);
    return '';
  } catch (e) {
    expect(e).to.be.instanceOf(LogFileError);
    return (e as Error).message;
  }
}

/** The message for the fixture file with `edit` applied (a plain object edit, as a hostile tool would). */
const refusal = async (edit: (file: LogFile & Record<string, unknown>) => void, calls = 3) =>
  errorOf(await logText({calls}, (f) => edit(f as LogFile & Record<string, unknown>)));

// Hostile edits reach into the file as plain JSON: the types say what a valid file holds.
type Loose = Record<string, unknown>;
const loose = (v: unknown) => v as Loose;

describe('parseLogFile', () => {
  it('should read a clean export, and a collector export with its extra fields', async () => {
    const text = await logText({calls: 3});
    expect(parseLogFile(text, 'team.json').calls.map((c) => c.callId)).to.deep.equal(['c-1', 'c-2', 'c-3']);
    const collector = await logText({calls: 1}, (f) => {
      Object.assign(f.calls[0]!, {eventCount: 4, chain: {ok: true, checked: 4}, report: {score: 100}});
    });
    expect(parseLogFile(collector, 'export.json').calls).to.have.length(1);
  });

  it('should refuse numbers as titles (they broke the Quality tab for good)', async () => {
    expect(await refusal((f) => (loose(f.calls[1]!.script).title = 42))).to.equal(
      'team.json: calls[1].script.title: expected text, found the number 42'
    );
    expect(await refusal((f) => (loose(f.calls[0]!.items[0]).text = 7))).to.equal(
      'team.json: calls[0].items[0].text: expected text, found the number 7'
    );
  });

  it('should name the malformed call of a large file, and the field', async () => {
    expect(await refusal((f) => (loose(f.calls[151]).items = {}), 200)).to.equal(
      'team.json: calls[151].items: expected a list, found an object'
    );
  });

  it('should refuse a file nested 100,000 levels without overflowing the stack', async () => {
    const head = '{"format":"agent-assist-log","version":1,"calls":[],"events":[],"x":';
    const text = `${head}${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    // The root object is level 1: the list opened at level 33 is the 32nd bracket after the head.
    const column = head.length + MAX_LOG_FILE_DEPTH;
    expect(errorOf(text)).to.equal(
      `team.json: nested deeper than 32 levels (at line 1, column ${column}); an exported log nests about 8`
    );
  });

  it('should say which script lacks its steps, or has them in the wrong shape', async () => {
    expect(await refusal((f) => delete loose(f.calls[0]!.script).steps)).to.equal(
      'team.json: calls[0].script.steps: missing; expected a list'
    );
    expect(await refusal((f) => (loose(f.calls[0]!.script).steps = {}))).to.equal(
      'team.json: calls[0].script.steps: expected a list, found an object'
    );
    expect(await refusal((f) => (loose(f.calls[0]!.script!.steps[0]).branches = 'none'))).to.equal(
      'team.json: calls[0].script.steps[0].branches: expected a list, found text ("none")'
    );
  });

  it('should refuse lone surrogates in values and in names, saying where', async () => {
    expect(await refusal((f) => (f.calls[0]!.agentId = 'a-\ud800'))).to.equal(
      'team.json: calls[0].agentId: text with a lone surrogate (U+D800) at character 3; expected well-formed Unicode text'
    );
    expect(await refusal((f) => (f.events[2]!.data = {['n\udc00te']: 1}))).to.equal(
      'team.json: events[2].data["n\ufffdte"]: its name is text with a lone surrogate (U+DC00) at character 2; expected well-formed Unicode text'
    );
  });

  it('should say what the version must be when it is not the number 1', async () => {
    expect(await refusal((f) => (loose(f).version = '1'))).to.equal(
      'team.json: version: expected 1, found text ("1")'
    );
    expect(await refusal((f) => (loose(f).version = 9))).to.equal(
      'team.json: log file version 9; this build reads version 1'
    );
  });

  it('should check script, items, endedAt and outcome, which the old parser did not', async () => {
    expect(await refusal((f) => (loose(f.calls[0]).script = 'billing'))).to.equal(
      'team.json: calls[0].script: expected null or a call script (an object), found text ("billing")'
    );
    expect(await refusal((f) => (loose(f.calls[2]).endedAt = 5))).to.equal(
      'team.json: calls[2].endedAt: expected text, found the number 5'
    );
    expect(await refusal((f) => (loose(f.calls[0]).outcome = {toString: 1}))).to.equal(
      'team.json: calls[0].outcome: expected text, found an object'
    );
    expect(await refusal((f) => (loose(f.calls[0]!.items[0]).category = 'speed'))).to.equal(
      'team.json: calls[0].items[0].category: expected one of "etiquette", "knowledge", "procedure", found text ("speed")'
    );
    expect(await refusal((f) => (loose(f.calls[0]!.items[0]).deadline = {seconds: '30'}))).to.equal(
      'team.json: calls[0].items[0].deadline.seconds: expected a number, found text ("30")'
    );
    expect(await refusal((f) => (loose(f.events[1]!.data).stepId = ['greet']))).to.equal(
      'team.json: events[1].data.stepId: expected text, found a list of 1'
    );
  });

  it('should refuse a call listed twice (it was counted twice and shown once)', async () => {
    expect(await refusal((f) => f.calls.push({...f.calls[0]!}))).to.equal(
      'team.json: calls[3].callId: the call "c-1" is listed twice (first as calls[0])'
    );
  });

  it('should refuse numbers too large to hash, and an event missing its hash', async () => {
    const text = (await logText({calls: 1})).replace('"offset":0', '"offset":1e400');
    expect(errorOf(text)).to.equal('team.json: events[0].offset: a number too large to use (Infinity)');
    expect(await refusal((f) => delete loose(f.events[0]).hash)).to.equal(
      'team.json: events[0].hash: missing; expected text'
    );
  });

  it('should refuse files over the size limit before reading them', () => {
    expect(() => checkLogFileSize(200 * 1024 * 1024, 'big.json')).to.throw(
      'big.json: the file is 200 MB; the import reads files up to 160 MB (export fewer calls per file)'
    );
    expect(() => checkLogFileSize(49 * 1024 * 1024, 'team.json')).not.to.throw();
  });

  it('should publish the same schema it checks (src/qa/log-file.schema.json)', async () => {
    const published = (await (await fetch('/src/qa/log-file.schema.json')).json()) as unknown;
    expect(published).to.deep.equal(LOG_FILE_SCHEMA);
    expect(checkJson(published, {type: 'object', required: ['$schema', 'properties']})).to.equal(null);
  });
});
