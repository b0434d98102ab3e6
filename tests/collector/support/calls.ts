/**
 * Realistic call logs for the collector tests, chained and hashed by the widget's own `hashEvent`
 * (src/storage/event-log.ts), with a small pinned script and checklist whose `pinHash` the collector can
 * score against, and a content pack folder built from them.
 */
import {createHash, randomUUID} from 'node:crypto';
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {callItemsFor} from '../../../src/calls/call-items.js';
import {pinHash} from '../../../src/calls/pinned-content.js';
import type {PackChecklist, PackScript} from '../../../src/content/pack-types.js';
import {jsonText} from '../../../src/internal/json-text.js';
import type {LogEvent} from '../../../src/model/call-log.js';
import type {Pin} from '../../../src/collector/store/collector-store.js';
import {GENESIS_HASH, hashEvent} from '../../../src/storage/event-log.js';

const step = (id: string, title: string, next: string | null) => ({
  id,
  title,
  phase: 'opening' as const,
  say: [],
  guidance: [],
  required: true,
  branches: [],
  next,
  articles: [],
  checklistItems: [],
});

export const SCRIPT: PackScript = {
  id: 'billing',
  version: 'v1',
  title: 'Billing dispute',
  lang: 'en',
  queues: ['billing'],
  checklists: ['basics'],
  variables: [],
  steps: [step('greet', 'Greet the customer', 'verify'), step('verify', 'Verify identity', null)],
};

export const CHECKLISTS: PackChecklist[] = [
  {
    id: 'basics',
    version: '1',
    title: 'Basics',
    lang: 'en',
    items: [
      {
        id: 'greeting',
        text: 'Greet by name',
        weight: 1,
        category: 'etiquette',
        critical: false,
        deadline: null,
        appliesTo: [],
      },
      {
        id: 'recording',
        text: 'Recording notice',
        weight: 2,
        category: 'procedure',
        critical: true,
        deadline: {seconds: 30},
        appliesTo: [],
      },
      {
        id: 'kb-check',
        text: 'Check the knowledge base',
        weight: 1,
        category: 'knowledge',
        critical: false,
        deadline: null,
        appliesTo: [],
      },
    ],
  },
];

export const ITEMS = callItemsFor(SCRIPT, CHECKLISTS);

/** The pin of {@link SCRIPT}, as the collector stores it. */
export async function scriptPin(): Promise<Pin> {
  return {
    pinHash: await pinHash({script: SCRIPT, items: ITEMS}),
    scriptId: SCRIPT.id,
    scriptVersion: SCRIPT.version,
    scriptTitle: SCRIPT.title,
    content: jsonText({script: SCRIPT, items: ITEMS}),
  };
}

/** What happens in a call after its start: `[type, data]`, one per event. */
export type Action = [string, Record<string, unknown>];

/** A good call: both steps done, the recording notice on time, the greeting ticked, the KB item missed. */
export const GOOD_CALL: Action[] = [
  ['step-complete', {stepId: 'greet'}],
  ['item-check', {itemId: 'greeting'}],
  ['item-check', {itemId: 'recording'}],
  ['step-complete', {stepId: 'verify'}],
];

/** A failed call: the critical recording notice never given. */
export const FAILED_CALL: Action[] = [
  ['step-complete', {stepId: 'greet'}],
  ['item-check', {itemId: 'greeting'}],
];

export interface CallOptions {
  callId?: string;
  agentId: string;
  actions?: Action[];
  /** Wall-clock start (events follow a second apart). */
  start?: Date;
  /** Whether to end the call (default true). */
  end?: boolean;
  /** The script pinned at the start (default {@link SCRIPT}; null: none). */
  script?: PackScript | null;
  outcome?: string;
}

/** A call's events, exactly as the widget logs them (synced 0). */
export async function makeCall(options: CallOptions): Promise<LogEvent[]> {
  const callId = options.callId ?? `call-${randomUUID()}`;
  const start = options.start ?? new Date('2026-03-02T09:00:00.000Z');
  const script = options.script === undefined ? SCRIPT : options.script;
  const items = callItemsFor(script, CHECKLISTS);
  const actions: Action[] = [
    [
      'call-start',
      {
        scriptId: script?.id ?? null,
        scriptVersion: script?.version ?? null,
        queue: null,
        pinHash: await pinHash({script, items}),
      },
    ],
    ...(options.actions ?? GOOD_CALL),
    ...(options.end === false
      ? []
      : [['call-end', options.outcome ? {outcome: options.outcome} : {}] as Action]),
  ];
  return chainActions(callId, options.agentId, start.toISOString(), actions, {
    monoStart: 1_000_000,
    packVersion: 'test-pack',
  });
}

/** The same event with its content changed and its hash recomputed (a rewrite on the client). */
export async function rewritten(event: LogEvent, data: Record<string, unknown>): Promise<LogEvent> {
  const {hash: _hash, synced, ...content} = event;
  const changed = {...content, data};
  return {...changed, hash: await hashEvent(changed), synced};
}

/** Writes a content pack holding {@link SCRIPT} and {@link CHECKLISTS} to `dir` (as `npm run build` would). */
export function writePack(dir: string): void {
  mkdirSync(dir, {recursive: true});
  const file = (name: string, value: unknown) => {
    const bytes = Buffer.from(JSON.stringify(value));
    writeFileSync(join(dir, name), bytes);
    return {path: name, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length};
  };
  const files = {
    articles: file('articles.json', []),
    scripts: file('scripts.json', [SCRIPT]),
    checklists: file('checklists.json', CHECKLISTS),
    searchIndex: file('search-index.json', {version: 1, index: {}}),
  };
  const manifest = {
    formatVersion: 1,
    contentHash: 'test',
    builtAt: '2026-01-01T00:00:00.000Z',
    counts: {articles: 0, scripts: 1, checklists: 1},
    langs: ['en'],
    files,
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
}

/** An event chained onto `prev` (same call and agent), as the widget would log next. */
export async function chainedAfter(
  prev: LogEvent,
  type: string,
  data: Record<string, unknown>
): Promise<LogEvent> {
  const content: Omit<LogEvent, 'hash' | 'synced'> = {
    eventId: randomUUID(),
    callId: prev.callId,
    agentId: prev.agentId,
    seq: prev.seq + 1,
    type,
    data,
    clientTs: new Date(Date.parse(prev.clientTs) + 1000).toISOString(),
    clientMono: prev.clientMono + 1000,
    offset: prev.offset + 1,
    packVersion: prev.packVersion,
    prevHash: prev.hash,
  };
  return {...content, hash: await hashEvent(content), synced: 0};
}

/**
 * A chain of events as the widget logs them, `stepMs` apart from `start` (the monotonic clock starting at
 * `monoStart`; the offset in seconds), hashed with the widget's own `hashEvent`.
 */
export async function chainActions(
  callId: string,
  agentId: string,
  start: string,
  actions: readonly Action[],
  {stepMs = 1000, monoStart = 1000, packVersion = 'fixture'} = {}
): Promise<LogEvent[]> {
  const events: LogEvent[] = [];
  let prev = GENESIS_HASH;
  for (const [i, [type, data]] of actions.entries()) {
    const content = {
      eventId: randomUUID(),
      callId,
      agentId,
      seq: i + 1,
      type,
      data,
      clientTs: new Date(Date.parse(start) + i * stepMs).toISOString(),
      clientMono: monoStart + i * stepMs,
      offset: (i * stepMs) / 1000,
      packVersion,
      prevHash: prev,
    };
    const hash = await hashEvent(content);
    events.push({...content, hash, synced: 0});
    prev = hash;
  }
  return events;
}
