/**
 * Upload to `sync-url` from the framework-free core, against the fault-injecting receiver on the test
 * server (tests/support/fault-receiver.mjs): every logged event reaches it exactly once through 500s,
 * 429 with Retry-After, a captive portal's HTML, a hanging request, a response lost after the commit,
 * a cut connection, 413 (batches halved), a refused event (dead letter, the rest flowing), 401 (asked
 * once more, then waiting for new credentials), and a draining tab that goes away. Timings are shortened
 * through the core's upload options.
 */
import {expect, waitUntil} from '@open-wc/testing';
import {executeServerCommand} from '@web/test-runner-commands';
import {DEFAULT_SETTINGS} from '../../src/config/parse-attributes.js';
import type {AaEventDetailMap} from '../../src/events/aa-event.js';
import {AgentAssistCore} from '../../src/session/agent-assist-core.js';
import {AssistDb} from '../../src/storage/assist-db.js';
import {Uploader} from '../../src/sync/uploader.js';
import type {SyncState} from '../../src/sync/uploader.js';

const PACK = new URL('/dist/kb/manifest.json', location.href).href;
const FAST = {batchSize: 4, timeoutMs: 400, idleMs: 50, backoff: {baseMs: 40, capMs: 200}};

interface ReceiverView {
  stored: string[];
  requests: {
    at: number;
    step: string;
    count: number;
    ids: string[];
    key: string;
    auth: string;
    contentType: string;
  }[];
  planLeft: number;
}

const receiver = (payload: {
  name: string;
  reset?: boolean;
  plan?: string[];
  limit?: number;
  reject?: string[];
  rejectTypes?: string[];
  clearPlan?: boolean;
  token?: string | null;
}) => executeServerCommand<ReceiverView, typeof payload>('aa-receiver', payload) as Promise<ReceiverView>;

const cores: AgentAssistCore[] = [];
const dbNames = new Set<string>();

function makeCore(name: string, options: {dbName?: string; agentId?: string} = {}) {
  const dbName = options.dbName ?? `upload-${crypto.randomUUID()}`;
  dbNames.add(dbName);
  const core = new AgentAssistCore({dbName, defaultPackUrl: PACK, sync: FAST});
  const states: AaEventDetailMap['aa-sync-state'][] = [];
  core.addEventListener('aa-sync-state', (e) => states.push((e as CustomEvent).detail));
  core.configure({
    ...DEFAULT_SETTINGS,
    agentId: options.agentId ?? 'agent-upload',
    queue: 'billing',
    syncUrl: new URL(`/aa-receiver/${name}/events`, location.href).href,
  });
  cores.push(core);
  return {core, dbName, states};
}

/** Every event in the database, as the receiver should hold them. */
async function logged(dbName: string) {
  const db = new AssistDb(dbName);
  try {
    return await db.events.toArray();
  } finally {
    db.close();
  }
}

/** A short call: start, two ticks, a step, end (5 events). */
async function call(core: AgentAssistCore, callId: string) {
  await core.startCall({callId, scriptId: 'billing-inbound'});
  await core.checkItem('greeting');
  await core.checkItem('recording-notice');
  await core.completeStep();
  await core.endCall();
}

/** How many events wait in the database itself (not the core's last count, which may lag). */
async function waiting(dbName: string): Promise<number> {
  const db = new AssistDb(dbName);
  try {
    return await db.events.where('synced').equals(0).count();
  } finally {
    db.close();
  }
}

/** Waits until nothing waits in the database and the core says so, and returns the receiver's view. */
async function drained(
  core: AgentAssistCore,
  name: string,
  dbName: string,
  timeout = 8000
): Promise<ReceiverView> {
  await waitUntil(
    async () => (await waiting(dbName)) === 0 && core.syncState?.pending === 0,
    `still pending: ${JSON.stringify(core.syncState)}`,
    {timeout}
  );
  return receiver({name});
}

/** Each logged event stored exactly once, and marked uploaded. */
async function expectExactlyOnce(dbName: string, view: ReceiverView) {
  const events = await logged(dbName);
  const ids = events.map((e) => e.eventId).sort();
  expect([...view.stored].sort()).to.deep.equal(ids);
  expect(new Set(view.stored).size).to.equal(view.stored.length);
  expect(events.every((e) => e.synced === 1)).to.equal(true);
}

afterEach(async () => {
  for (const core of cores.splice(0)) core.disconnect();
  for (const name of dbNames) await new AssistDb(name).delete();
  dbNames.clear();
});

describe('upload to sync-url', function () {
  this.timeout(30_000);

  it('should upload every event once, with an Idempotency-Key and the host’s Authorization', async () => {
    const name = `ok-${Date.now()}`;
    await receiver({name, reset: true, token: 'Bearer t-1'});
    const {core, dbName, states} = makeCore(name);
    let asked = 0;
    core.syncAuth = async () => {
      asked++;
      return 'Bearer t-1';
    };
    await call(core, 'u-ok');
    const view = await drained(core, name, dbName);
    await expectExactlyOnce(dbName, view);
    expect(
      view.requests.every((r) => r.auth === 'Bearer t-1' && /^application\/json/.test(r.contentType))
    ).to.equal(true);
    expect(view.requests.every((r) => /^[0-9a-f]{64}$/.test(r.key) && r.count <= FAST.batchSize)).to.equal(
      true
    );
    expect(asked).to.equal(view.requests.length);
    const last = states.at(-1)!;
    expect(last).to.deep.include({pending: 0, deadLetters: 0});
    expect(last.lastSyncedAt).to.be.a('string');
    expect(last.lastError).to.equal(undefined);
  });

  it('should retry 500, 429 (after Retry-After), an HTML 200, a hang, a lost response and a cut connection, storing each event once', async () => {
    const name = `faults-${Date.now()}`;
    await receiver({name, reset: true, plan: ['500', '429:1', 'html', 'hang:1500', 'drop', 'cut']});
    const {core, dbName, states} = makeCore(name);
    await call(core, 'u-faults');
    const view = await drained(core, name, dbName, 15_000);
    await expectExactlyOnce(dbName, view);
    const steps = view.requests.map((r) => r.step);
    expect(steps.slice(0, 6)).to.deep.equal(['500', '429:1', 'html', 'hang:1500', 'drop', 'cut']);
    // Retry-After: 1 is honoured before the next attempt.
    expect(view.requests[2]!.at - view.requests[1]!.at).to.be.at.least(950);
    // The retry after the lost response resends the same batch (same key): the receiver says duplicates.
    const drop = view.requests[4]!;
    const resent = view.requests.slice(5).find((r) => r.key === drop.key);
    expect(resent, 'the dropped batch sent again with the same Idempotency-Key').to.not.equal(undefined);
    const errors = states.map((s) => s.lastError).filter(Boolean);
    expect(errors.some((e) => /answered 500/.test(e!))).to.equal(true);
    expect(errors.some((e) => /text\/html.*not JSON/.test(e!))).to.equal(true);
    expect(errors.some((e) => /did not answer within/.test(e!))).to.equal(true);
    expect(states.at(-1)!.lastError).to.equal(undefined);
  });

  it('should space retries to a receiver failing for a while by capped backoff with jitter, then drain (scenario 16)', async () => {
    const name = `failing-${Date.now()}`;
    await receiver({name, reset: true, plan: Array(8).fill('500')});
    const {core, dbName} = makeCore(name);
    await call(core, 'u-failing');
    const view = await drained(core, name, dbName);
    await expectExactlyOnce(dbName, view);
    const failed = view.requests.filter((r) => r.step === '500').map((r) => r.at);
    expect(failed).to.have.length(8);
    const gaps = failed.slice(1).map((at, i) => at - failed[i]!);
    // A gap is the delay (at most the cap, 200 ms here) plus the failed request and the machine's own
    // delays, which on a loaded shared machine reached 412 ms once: so the typical gap is held to the cap
    // plus a request, and the longest only to what an uncapped backoff would pass (its last steps' ceilings
    // are 1.28 s and 2.56 s). The cap itself is checked exactly in upload-response.test.ts. In all, the
    // backoff's time (full jitter averages half of each step's ceiling: about 0.5 s here), not a tight loop.
    const sorted = [...gaps].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)], `gaps ${gaps.join(', ')}`).to.be.at.most(200 + 250);
    expect(sorted.at(-1), `gaps ${gaps.join(', ')}`).to.be.at.most(1200);
    expect(gaps.reduce((a, b) => a + b, 0)).to.be.greaterThan(250);
  });

  it('should halve batches the receiver finds too large (413)', async () => {
    const name = `413-${Date.now()}`;
    await receiver({name, reset: true, limit: 1});
    const {core, dbName} = makeCore(name);
    await call(core, 'u-413');
    const view = await drained(core, name, dbName);
    await expectExactlyOnce(dbName, view);
    expect(view.requests.some((r) => r.count > 1)).to.equal(true);
    expect(view.stored.length).to.equal(5);
  });

  it('should move a refused event to the dead letters and keep the rest flowing', async () => {
    const name = `dead-${Date.now()}`;
    await receiver({name, reset: true, rejectTypes: ['item-check']});
    const {core, dbName, states} = makeCore(name);
    await core.startCall({callId: 'u-dead', scriptId: 'billing-inbound'});
    await core.checkItem('greeting');
    await core.completeStep();
    await core.endCall();
    await waitUntil(
      async () =>
        (await waiting(dbName)) === 0 && core.syncState?.pending === 0 && core.syncState.deadLetters === 1,
      'dead letter',
      {timeout: 8000}
    );
    const view = await receiver({name});
    const stored = await logged(dbName);
    const tick = stored.find((e) => e.type === 'item-check')!;
    expect(view.stored).to.not.include(tick.eventId);
    expect([...view.stored].sort()).to.deep.equal(
      stored
        .filter((e) => e !== tick)
        .map((e) => e.eventId)
        .sort()
    );
    expect(tick.synced).to.equal(2);
    const db = new AssistDb(dbName);
    try {
      const letters = await db.deadLetters.toArray();
      expect(letters.map(({at: _at, ...l}) => l)).to.deep.equal([
        {eventId: tick.eventId, callId: 'u-dead', reason: 'schema: not accepted here'},
      ]);
    } finally {
      db.close();
    }
    expect(states.at(-1)).to.deep.include({pending: 0, deadLetters: 1});
  });

  it('should ask syncAuth once more on 401, then wait for new credentials, keeping every event', async () => {
    const name = `auth-${Date.now()}`;
    await receiver({name, reset: true, token: 'Bearer good'});
    const {core, dbName} = makeCore(name);
    let asked = 0;
    core.syncAuth = () => {
      asked++;
      return 'Bearer stale';
    };
    await call(core, 'u-auth');
    await waitUntil(() => /new credentials/.test(core.syncState?.lastError ?? ''), 'paused for credentials', {
      timeout: 8000,
    });
    const paused = await receiver({name});
    // One request, asked once more, then nothing: no retry loop.
    expect(paused.requests.length).to.equal(2);
    expect(asked).to.equal(2);
    await new Promise((r) => setTimeout(r, 300));
    expect((await receiver({name})).requests.length).to.equal(2);
    expect(core.syncState!.pending).to.equal(5);
    core.syncAuth = () => 'Bearer good';
    const view = await drained(core, name, dbName);
    await expectExactlyOnce(dbName, view);
  });

  it('should keep draining after the local log fails under it (its database closed), storing each event once', async () => {
    const name = `log-fault-${crypto.randomUUID()}`;
    await receiver({name, reset: true});
    // A call logged without sync-url: its events wait in the database for the uploader below.
    const dbName = `upload-${crypto.randomUUID()}`;
    dbNames.add(dbName);
    const core = new AgentAssistCore({dbName, defaultPackUrl: PACK});
    cores.push(core);
    core.configure({...DEFAULT_SETTINGS, agentId: 'agent-upload', queue: 'billing'});
    await call(core, 'c-log-fault');
    const storage = await import('../../src/storage/index.js');
    const db = new AssistDb(dbName);
    let opens = 0;
    const states: SyncState[] = [];
    const uploader = new Uploader({
      ...FAST,
      url: new URL(`/aa-receiver/${name}/events`, location.href).href,
      // The second and third reads of the log fail, as a database closed mid-drain does.
      open: async () => {
        opens++;
        if (opens === 2 || opens === 3) throw new Error('DatabaseClosedError: Database has been closed');
        return {db, storage};
      },
      lockName: `aa-test-lock-${name}`,
      channelName: `aa-test-channel-${name}`,
      auth: async () => null,
      onState: (state) => states.push(state),
    });
    uploader.start();
    try {
      await waitUntil(async () => (await waiting(dbName)) === 0, 'events still waiting', {timeout: 8000});
      await expectExactlyOnce(dbName, await receiver({name}));
    } finally {
      uploader.stop();
      db.close();
    }
    expect(opens).to.be.greaterThan(3);
    expect(states.map((st) => st.lastError)).to.include(
      'the local log could not be read (DatabaseClosedError: Database has been closed)'
    );
  });

  it('should let one tab drain at a time, and another take over when it goes', async () => {
    const name = `tabs-${Date.now()}`;
    // The first tab's requests hang: it is closed while an upload is in flight.
    await receiver({name, reset: true, plan: Array(20).fill('hang:600')});
    const first = makeCore(name, {agentId: 'agent-tab-1'});
    first.core.syncAuth = () => 'tab-1';
    await call(first.core, 'u-tab-1');
    await waitUntil(async () => (await receiver({name})).requests.length >= 1, 'first upload in flight');
    const second = makeCore(name, {agentId: 'agent-tab-2', dbName: first.dbName});
    second.core.syncAuth = () => 'tab-2';
    await second.core.ready;
    await call(second.core, 'u-tab-2');
    await new Promise((r) => setTimeout(r, 300));
    // Only the first tab sends (its hung requests are retried); the second one only counts.
    await waitUntil(() => second.core.syncState?.pending === 10, 'the second tab counts what waits');
    const before = await receiver({name});
    expect(before.requests.every((r) => r.auth === 'tab-1')).to.equal(true);
    expect(before.stored).to.deep.equal([]);
    first.core.disconnect();
    await receiver({name, clearPlan: true});
    const view = await drained(second.core, name, first.dbName, 10_000);
    await expectExactlyOnce(first.dbName, view);
    expect(view.stored.length).to.equal(10);
    expect(view.requests.slice(before.requests.length).some((r) => r.auth === 'tab-2')).to.equal(true);
  });
});
