/**
 * Exported log files for the import tests, built the way the widget writes them: calls pinning a small
 * script and checklist item, each with a whole hash chain (call-start carrying the pins' hash), so a clean
 * file imports with every chain verified, and a hostile one differs from it in exactly one place.
 */
import {GENESIS_HASH, hashEvent} from '../../../src/calls/event-chain.js';
import {pinHash} from '../../../src/calls/pinned-content.js';
import type {PackScript} from '../../../src/content/pack-types.js';
import type {CallItem, CallRecord} from '../../../src/model/call-log.js';
import type {ExportedEvent, LogFile} from '../../../src/qa/log-file.js';

export interface FixtureOptions {
  /** Calls in the file (default 3). */
  calls?: number;
  /** Call ids are `${prefix}-1`, `${prefix}-2`… (default `c`). */
  prefix?: string;
  agentId?: string;
  scriptVersion?: string;
  /** The title of the script's step (what tells two same-version scripts apart). */
  stepTitle?: string;
  /** Whether the greeting step was done (default true: a score of 100). */
  greeted?: boolean;
}

export function fixtureScript(version = 'v1', stepTitle = 'Greet the customer'): PackScript {
  return {
    id: 'billing',
    version,
    title: 'Billing inbound',
    lang: 'en',
    queues: ['billing'],
    checklists: ['identity'],
    variables: [],
    steps: [
      {
        id: 'greet',
        title: stepTitle,
        phase: 'opening',
        say: ['Hello'],
        guidance: [],
        required: true,
        branches: [],
        next: null,
        articles: [],
        checklistItems: [],
      },
    ],
  };
}

export const fixtureItem: CallItem = {
  id: 'verify',
  text: 'Verify identity',
  weight: 2,
  category: 'procedure',
  critical: false,
  deadline: {seconds: 60},
  appliesTo: [],
  checklistId: 'identity',
  checklistTitle: 'Identity',
};

/** A valid log file of `calls` ended calls. */
export async function logFile(options: FixtureOptions = {}): Promise<LogFile> {
  const {calls: count = 3, prefix = 'c', agentId = 'a-1', greeted = true} = options;
  const calls: CallRecord[] = [];
  const events: ExportedEvent[] = [];
  for (let n = 1; n <= count; n++) {
    const callId = `${prefix}-${n}`;
    const script = fixtureScript(options.scriptVersion, options.stepTitle);
    const record: CallRecord = {
      callId,
      agentId,
      status: 'ended',
      startedAt: `2026-11-${String(10 + (n % 20)).padStart(2, '0')}T10:00:00.000Z`,
      startedMono: 0,
      endedAt: '2026-11-22T10:05:00.000Z',
      packHash: 'p1',
      scriptId: script.id,
      script,
      items: [structuredClone(fixtureItem)],
      outcome: 'resolved',
    };
    calls.push(record);
    const kinds: [string, Record<string, unknown>][] = [
      ['call-start', {scriptId: script.id, pinHash: await pinHash(record)}],
      ...(greeted ? ([['step-complete', {stepId: 'greet'}]] as [string, Record<string, unknown>][]) : []),
      ['item-check', {itemId: 'verify', source: 'agent'}],
      ['call-end', {}],
    ];
    let prevHash = GENESIS_HASH;
    for (const [i, [type, data]] of kinds.entries()) {
      const content = {
        eventId: `${callId}-e${i + 1}`,
        callId,
        agentId,
        seq: i + 1,
        type,
        data,
        clientTs: `2026-11-22T10:0${i}:00.000Z`,
        clientMono: i,
        offset: i * 10,
        packVersion: 'p1',
        prevHash,
      };
      const hash = await hashEvent(content);
      events.push({...content, hash});
      prevHash = hash;
    }
  }
  return {format: 'agent-assist-log', version: 1, exportedAt: '2026-11-22T11:00:00.000Z', calls, events};
}

/** A file as the JSON text a QA lead would pick, `edit` applied to the parsed file first. */
export async function logText(options: FixtureOptions = {}, edit?: (file: LogFile) => void): Promise<string> {
  const file = await logFile(options);
  edit?.(file);
  return JSON.stringify(file);
}
