/**
 * The QA import as the Quality tab drives it (AgentAssistCore's QaData, the import worker, real
 * IndexedDB), replaying the probes of issue 19: each hostile file is refused with a message naming the
 * file and the problem, and afterwards, and after a reload, the QA list holds the local calls and the
 * earlier imports exactly as before. A 49 MB file is parsed in the worker without a long task on the page.
 */
import {expect} from '@open-wc/testing';
import {DEFAULT_SETTINGS} from '../../src/config/parse-attributes.js';
import type {QaCall} from '../../src/model/call-log.js';
import type {LogFile} from '../../src/qa/log-file.js';
import {AgentAssistCore} from '../../src/session/agent-assist-core.js';
import {AssistDb} from '../../src/storage/assist-db.js';
import {logFile, logText} from '../unit/qa/log-file-fixtures.js';

const PACK = new URL('/dist/kb/manifest.json', location.href).href;
const cores: AgentAssistCore[] = [];
const dbNames: string[] = [];

function newCore(dbName: string): AgentAssistCore {
  const core = new AgentAssistCore({dbName, defaultPackUrl: PACK});
  core.configure({...DEFAULT_SETTINGS, agentId: 'agent-qa', queue: 'billing'});
  cores.push(core);
  return core;
}

/** A core with one local call ended and `earlier.json` and `team.json` (3 calls each) imported. */
async function withHistory(): Promise<{core: AgentAssistCore; dbName: string}> {
  const dbName = `qa-import-${crypto.randomUUID()}`;
  dbNames.push(dbName);
  const core = newCore(dbName);
  await core.startCall({callId: 'local-1', scriptId: 'billing-inbound'});
  await core.checkItem('greeting');
  await core.endCall({outcome: 'resolved'});
  const outcomes = await core.qa.importFiles([
    new File([await logText({calls: 3, prefix: 'e'})], 'earlier.json'),
    new File([await logText({calls: 3})], 'team.json'),
  ]);
  expect(outcomes).to.deep.equal([
    {file: 'earlier.json', calls: 3, broken: 0},
    {file: 'team.json', calls: 3, broken: 0},
  ]);
  return {core, dbName};
}

/** The QA list in a stable order (local first, then by file and call). */
const listed = (calls: QaCall[] | null) =>
  [...(calls ?? [])].sort((a, b) =>
    a.source === b.source
      ? a.report.callId.localeCompare(b.report.callId)
      : a.source === 'local'
        ? -1
        : b.source === 'local'
          ? 1
          : a.source.localeCompare(b.source)
  );

afterEach(async () => {
  for (const core of cores.splice(0)) core.disconnect();
  for (const name of dbNames.splice(0)) await new AssistDb(name).delete();
});

const edited = (edit: (f: Record<string, unknown> & LogFile) => void, calls = 3) =>
  logText({calls}, (f) => edit(f as Record<string, unknown> & LogFile));
const loose = (v: unknown) => v as Record<string, unknown>;

/** Issue 19's hostile files, each with the exact message its import must give. */
const HOSTILE: {name: string; text: () => Promise<string>; message: string}[] = [
  {
    name: 'numbers as titles',
    text: () => edited((f) => (loose(f.calls[1]!.script).title = 42)),
    message: 'team.json: calls[1].script.title: expected text, found the number 42',
  },
  {
    name: 'a 200-call re-import whose call 151 is malformed',
    text: () => edited((f) => (loose(f.calls[151]).items = 3), 200),
    message: 'team.json: calls[151].items: expected a list, found the number 3',
  },
  {
    name: 'nesting 100,000 levels deep',
    text: async () => `{"format":"agent-assist-log","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
    message: 'team.json: nested deeper than 32 levels (at line 1, column 65); an exported log nests about 8',
  },
  {
    name: 'a lone surrogate',
    text: () => edited((f) => (f.events[3]!.type = 'call-\udbff')),
    message:
      'team.json: events[3].type: text with a lone surrogate (U+DBFF) at character 6; expected well-formed Unicode text',
  },
  {
    name: 'a call listed twice',
    text: () => edited((f) => f.calls.push(f.calls[2]!)),
    message: 'team.json: calls[3].callId: the call "c-3" is listed twice (first as calls[2])',
  },
  {
    name: 'an outcome object with a toString that is not a function',
    text: () => edited((f) => (loose(f.calls[0]).outcome = {toString: 1})),
    message: 'team.json: calls[0].outcome: expected text, found an object',
  },
  {
    name: 'version "1"',
    text: () => edited((f) => (loose(f).version = '1')),
    message: 'team.json: version: expected 1, found text ("1")',
  },
  {
    name: 'a script without steps',
    text: () => edited((f) => delete loose(f.calls[0]!.script).steps),
    message: 'team.json: calls[0].script.steps: missing; expected a list',
  },
];

describe('QA import of hostile files', function () {
  this.timeout(60_000);

  for (const worker of [true, false]) {
    it(`should refuse each hostile file with its message and change nothing, before and after a reload (${worker ? 'in the worker' : 'on the page'})`, async () => {
      const {core, dbName} = await withHistory();
      if (!worker) core.qa.startImportWorker = () => null;
      const before = listed(core.qa.calls);
      expect(before.map((c) => `${c.source} ${c.report.callId}`)).to.deep.equal([
        'local local-1',
        'earlier.json e-1',
        'earlier.json e-2',
        'earlier.json e-3',
        'team.json c-1',
        'team.json c-2',
        'team.json c-3',
      ]);
      for (const hostile of HOSTILE) {
        const outcomes = await core.qa.importFiles([new File([await hostile.text()], 'team.json')]);
        expect(outcomes, hostile.name).to.deep.equal([{file: 'team.json', error: hostile.message}]);
        expect(listed(core.qa.calls), hostile.name).to.deep.equal(before);
      }
      core.disconnect();
      const reloaded = newCore(dbName);
      await reloaded.qa.refresh();
      expect(listed(reloaded.qa.calls)).to.deep.equal(before);
    });
  }

  it('should import the good files of a batch and refuse the bad one alone', async () => {
    const {core} = await withHistory();
    const outcomes = await core.qa.importFiles([
      new File([await edited((f) => (loose(f.calls[0]).endedAt = 5))], 'bad.json'),
      new File([await logText({calls: 2, prefix: 'n'})], 'new.json'),
    ]);
    expect(outcomes).to.deep.equal([
      {file: 'bad.json', error: 'bad.json: calls[0].endedAt: expected text, found the number 5'},
      {file: 'new.json', calls: 2, broken: 0},
    ]);
    expect(core.qa.calls!.filter((c) => c.source === 'new.json')).to.have.length(2);
    expect(core.qa.calls!.some((c) => c.source === 'bad.json')).to.equal(false);
  });

  it('should export each file’s calls with its own script when two files share a script version', async () => {
    const {core} = await withHistory();
    await core.qa.importFiles([
      new File([await logText({calls: 1, prefix: 'm', stepTitle: 'Greet warmly'})], 'mei.json'),
      new File([await logText({calls: 1, prefix: 'l', stepTitle: 'Say hi'})], 'li.json'),
    ]);
    const exported = async (agentFile: string) => {
      const calls = core.qa.calls!.filter((c) => c.source === agentFile);
      const {storage, db} = await core.calls.open();
      const records = await storage.recordsForQaCalls(db, calls);
      return records.calls.map((c) => c.script!.steps[0]!.title);
    };
    expect(await exported('mei.json')).to.deep.equal(['Greet warmly']);
    expect(await exported('li.json')).to.deep.equal(['Say hi']);
    // And the earlier file (also version v1) still exports the steps it came with.
    expect(await exported('team.json')).to.deep.equal([
      'Greet the customer',
      'Greet the customer',
      'Greet the customer',
    ]);
  });
});

/** A file of about `mb` MB: the fixture's call repeated under new ids (chains then flagged, as they should). */
async function bigFile(mb: number): Promise<string> {
  const one = await logFile({calls: 1});
  const call = JSON.stringify(one.calls[0]);
  const events = JSON.stringify(one.events).slice(1, -1);
  const target = mb * 1024 * 1024 - 100;
  const calls: string[] = [];
  const evs: string[] = [];
  for (let i = 0, size = 0; size < target; i++) {
    const c = call.replaceAll('"c-1', `"big-${i}`);
    const e = events.replaceAll('"c-1', `"big-${i}`);
    calls.push(c);
    evs.push(e);
    size += c.length + e.length + 2;
  }
  return `{"format":"agent-assist-log","version":1,"exportedAt":"2026-11-22T11:00:00.000Z","calls":[${calls.join(',')}],"events":[${evs.join(',')}]}`;
}

/** The page's long tasks (≥ 50 ms) while `work` runs: [start (ms from the call), duration]. */
async function longTasks(work: () => Promise<unknown>): Promise<[number, number][]> {
  const t0 = performance.now();
  const tasks: [number, number][] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push([entry.startTime - t0, entry.duration]);
  });
  observer.observe({type: 'longtask'});
  try {
    await work();
    // Entries are delivered after the task: let the observer catch up.
    await new Promise((r) => setTimeout(r, 100));
  } finally {
    observer.disconnect();
  }
  return tasks;
}

describe('QA import of a large file', function () {
  this.timeout(600_000);

  it('should import a 49 MB file without a long task on the page', async () => {
    const dbName = `qa-import-${crypto.randomUUID()}`;
    dbNames.push(dbName);
    const core = newCore(dbName);
    await core.qa.refresh();
    const text = await bigFile(49);
    const file = new File([text], 'big.json');
    // Building the text was one long task of this test's own: let it end before measuring.
    await new Promise((r) => setTimeout(r, 0));
    expect(file.size).to.be.within(48.9 * 1024 * 1024, 49.1 * 1024 * 1024);
    // The import, then the list read again for the view: timed apart.
    const refresh = core.qa.refresh.bind(core.qa);
    let imported = 0;
    core.qa.refresh = () => ((imported = performance.now()), refresh());
    const t0 = performance.now();
    let outcomes: unknown;
    const tasks = await longTasks(async () => (outcomes = await core.qa.importFiles([file])));
    const split = imported - t0;
    const count = (outcomes as {calls: number}[])[0]!.calls;
    expect(outcomes).to.deep.equal([{file: 'big.json', calls: count, broken: count}]);
    const during = tasks.filter(([start]) => start < split).map(([, d]) => Math.round(d));
    const listing = tasks.filter(([start]) => start >= split).map(([, d]) => Math.round(d));
    console.log(
      `49 MB import (${count} calls): ${Math.round(split)} ms in the worker, main-thread long tasks meanwhile [${during.join(', ')}] ms; listing ${count} calls again: [${listing.join(', ')}] ms`
    );
    // The issue measured one 301 ms task on the page for such a file (its parse).
    expect(Math.max(0, ...during)).to.be.below(100);
  });
});
