/** The event log on real IndexedDB: one fresh database per test, deleted afterwards. */
import {expect} from '@open-wc/testing';
import {AssistDb} from '../../src/storage/assist-db.js';
import {appendEvent, callEvents, GENESIS_HASH, verifyChain} from '../../src/storage/event-log.js';
import type {LogEvent} from '../../src/model/call-log.js';

let db: AssistDb;
beforeEach(() => {
  db = new AssistDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

const base = {agentId: 'a-1', packVersion: 'p1', callStartMono: performance.timeOrigin + performance.now()};

async function logCall(callId: string, n: number): Promise<LogEvent[]> {
  for (let i = 0; i < n; i++)
    await appendEvent(db, {...base, callId, type: 'step-complete', data: {stepId: `s${i}`}});
  return callEvents(db, callId);
}

describe('appendEvent', () => {
  it('should chain events with contiguous sequence numbers, committed when it resolves', async () => {
    const first = await appendEvent(db, {...base, callId: 'c1', type: 'call-start'});
    expect(first.seq).to.equal(1);
    expect(first.prevHash).to.equal(GENESIS_HASH);
    // Committed: a second connection sees it.
    const other = new AssistDb(db.name);
    expect((await other.events.get(first.eventId))?.hash).to.equal(first.hash);
    other.close();
    const events = await logCall('c1', 3);
    expect(events.map((e) => e.seq)).to.deep.equal([1, 2, 3, 4]);
    expect(events[1]!.prevHash).to.equal(events[0]!.hash);
    expect(await verifyChain(events)).to.deep.equal({ok: true, checked: 4});
  });

  it('should keep sequences gap-free under concurrent appends, per call', async () => {
    await Promise.all(
      Array.from({length: 20}, (_, i) =>
        appendEvent(db, {...base, callId: i % 2 ? 'odd' : 'even', type: 't', data: {i}})
      )
    );
    for (const callId of ['odd', 'even']) {
      const events = await callEvents(db, callId);
      expect(events.map((e) => e.seq)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect((await verifyChain(events)).ok).to.equal(true);
    }
  });

  it('should keep sequences gap-free with two connections (two tabs) writing the same call', async () => {
    const other = new AssistDb(db.name);
    await Promise.all([
      ...Array.from({length: 5}, () => appendEvent(db, {...base, callId: 'c', type: 'a'})),
      ...Array.from({length: 5}, () => appendEvent(other, {...base, callId: 'c', type: 'b'})),
    ]);
    other.close();
    const events = await callEvents(db, 'c');
    expect(events.map((e) => e.seq)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect((await verifyChain(events)).ok).to.equal(true);
  });
});

describe('verifyChain', () => {
  it('should find an edited record', async () => {
    const events = await logCall('c', 4);
    events[2] = {...events[2]!, data: {stepId: 'forged'}};
    expect(await verifyChain(events)).to.deep.equal({ok: false, checked: 2, brokenAt: events[2]!.eventId});
  });
  it('should find a deleted record', async () => {
    const events = await logCall('c', 4);
    events.splice(1, 1);
    expect(await verifyChain(events)).to.deep.equal({ok: false, checked: 1, brokenAt: 'seq 2'});
  });
  it('should find an inserted record, even with a plausible sequence', async () => {
    const events = await logCall('c', 3);
    const forged = {...events[1]!, eventId: 'forged', data: {stepId: 'x'}};
    const tampered = [events[0]!, forged, ...events.slice(1)].map((e, i) => ({...e, seq: i + 1}));
    const result = await verifyChain(tampered);
    expect(result.ok).to.equal(false);
    expect(result.checked).to.equal(1);
  });
  it('should find reordered records', async () => {
    const events = await logCall('c', 4);
    const swapped = [events[0]!, events[2]!, events[1]!, events[3]!];
    expect((await verifyChain(swapped)).ok).to.equal(false);
  });
});
