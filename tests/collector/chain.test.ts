/**
 * Chain anchoring: the pure walk (advanceChain) against the widget's own verifyChain, then through a real
 * collector on both databases: `incomplete` until a gap is filled, `broken` where and why.
 */
import assert from 'node:assert/strict';
import {afterEach, beforeEach, describe, it} from 'node:test';
import type {ChainLink} from '../../src/collector/ingest/advance-chain.js';
import {advanceChain, GENESIS_HASH, newChainState} from '../../src/collector/ingest/advance-chain.js';
import type {CallDetail, CallRow} from '../../src/collector/store/collector-store.js';
import type {LogEvent} from '../../src/model/call-log.js';
import {GENESIS_HASH as WIDGET_GENESIS, verifyChain} from '../../src/storage/event-log.js';
import {chainedAfter, makeCall} from './support/calls.js';
import {backends, get, itOn, openAgain, post, startServer, tokenFor} from './support/harness.js';
import type {Fresh, IngestAnswer, Server} from './support/harness.js';

const links = (events: LogEvent[]): ChainLink[] => events.map((e) => ({...e, hashOk: true}));

describe('advanceChain', () => {
  it('should use the widget’s genesis value', () => {
    assert.equal(GENESIS_HASH, WIDGET_GENESIS);
  });

  it('should find a call intact exactly when the widget’s verifyChain does', async () => {
    const events = await makeCall({agentId: 'a-1'});
    assert.equal((await verifyChain(events)).ok, true);
    const state = advanceChain(newChainState(), links(events));
    assert.equal(state.status, 'intact');
    assert.equal(state.verifiedSeq, events.length);
    assert.equal(state.verifiedHash, events.at(-1)!.hash);
  });

  it('should wait at a gap and resume from where it stopped', async () => {
    const events = await makeCall({agentId: 'a-1'});
    const partial = advanceChain(newChainState(), links([events[0]!, events[2]!]));
    assert.equal(partial.status, 'incomplete');
    assert.equal(partial.verifiedSeq, 1);
    const resumed = advanceChain(partial, links(events.slice(1)));
    assert.equal(resumed.status, 'intact');
    assert.equal(resumed.verifiedSeq, events.length);
  });

  it('should break at a wrong hash, a wrong prevHash, and an event after call-end', async () => {
    const events = await makeCall({agentId: 'a-1'});
    const wrongHash = links(events);
    wrongHash[2] = {...wrongHash[2]!, hashOk: false};
    assert.deepEqual(
      (({status, brokenAt, brokenReason}) => ({status, brokenAt, brokenReason}))(
        advanceChain(newChainState(), wrongHash)
      ),
      {
        status: 'broken',
        brokenAt: events[2]!.eventId,
        brokenReason: "seq 3: hash does not match the event's content",
      }
    );
    const wrongPrev = links(events);
    wrongPrev[0] = {...wrongPrev[0]!, prevHash: 'f'.repeat(64)};
    assert.equal(
      advanceChain(newChainState(), wrongPrev).brokenReason,
      'seq 1: prevHash of the first event is not the genesis value'
    );
    const ended = {...newChainState(), endSeq: 2};
    const after = advanceChain(ended, links(events));
    assert.equal(after.status, 'broken');
    assert.equal(after.brokenAt, events[2]!.eventId);
    assert.match(after.brokenReason!, /comes after the call-end event/);
  });
});

for (const backend of backends) {
  describe(`chain anchoring (${backend.name})`, () => {
    const it = itOn(backend);
    let db: Fresh;
    let server: Server;
    let agent: string;
    let admin: string;
    const call = async (callId: string) =>
      (await get<CallDetail>(`${server.url}/v1/calls/${callId}`, admin)).body.call;

    beforeEach(async () => {
      db = await backend.open();
      server = await startServer(db.store);
      agent = await tokenFor(db.store, {role: 'agent', agentId: 'a-1', team: 't1'});
      admin = await tokenFor(db.store, {role: 'admin'});
    });
    afterEach(async () => {
      await server.close();
      await db.drop();
    });

    it('should mark a call incomplete until the gap arrives, then intact', async () => {
      const events = await makeCall({agentId: 'a-1'});
      const {callId} = events[0]!;
      // A retried batch arrives after the one that followed it.
      assert.equal((await post(server, agent, {events: events.slice(3)})).status, 200);
      let row: CallRow = await call(callId);
      assert.equal(row.status, 'incomplete');
      assert.equal(row.verifiedSeq, 0);
      assert.equal(row.maxSeq, events.length);
      assert.equal((await post(server, agent, {events: events.slice(0, 2)})).status, 200);
      row = await call(callId);
      assert.equal(row.status, 'incomplete');
      assert.equal(row.verifiedSeq, 2);
      assert.equal((await post(server, agent, {events: [events[2]!]})).status, 200);
      row = await call(callId);
      assert.equal(row.status, 'intact');
      assert.equal(row.verifiedSeq, events.length);
      assert.equal(row.eventCount, events.length);
    });

    it('should record how far the agent’s clock is off, from the smallest delay seen (scenario 26)', async () => {
      // The agent's clock runs two days behind; the first upload comes an hour late, the rest at once.
      const day = 86_400_000;
      const start = new Date(Date.now() - 2 * day - 60 * 60_000);
      const events = await makeCall({agentId: 'a-1', start});
      const last = Date.parse(events.at(-1)!.clientTs);
      let now = last + 2 * day + 60 * 60_000;
      const late = await startServer(db.store, {}, () => new Date(now));
      try {
        assert.equal((await post(late, agent, {events: events.slice(0, 2)})).status, 200);
        now = last + 2 * day + 1500;
        assert.equal((await post(late, agent, {events: events.slice(2)})).status, 200);
      } finally {
        await late.close();
      }
      const row = await call(events[0]!.callId);
      assert.equal(row.clockOffsetMs, 2 * day + 1500);
      assert.equal(row.status, 'intact');
    });

    it('should store an event whose hash does not match its content and mark the call broken there', async () => {
      const events = await makeCall({agentId: 'a-1'});
      // Edited before its first upload, hash left as it was.
      const edited = {...events[2]!, data: {itemId: 'kb-check'}};
      const res = await post<IngestAnswer>(server, agent, {events: [...events.slice(0, 2), edited]});
      assert.equal(res.body.accepted.length, 3);
      const row = await call(events[0]!.callId);
      assert.equal(row.status, 'broken');
      assert.equal(row.brokenAt, edited.eventId);
      assert.equal(row.brokenReason, "seq 3: hash does not match the event's content");
    });

    it('should refuse a second event claiming a stored seq and mark the call broken', async () => {
      const events = await makeCall({agentId: 'a-1'});
      const {callId} = events[0]!;
      assert.equal((await post(server, agent, {events})).status, 200);
      const [impostor] = await makeCall({callId, agentId: 'a-1', end: false, actions: []});
      const res = await post<IngestAnswer>(server, agent, {events: [impostor]});
      assert.equal(res.status, 200);
      assert.equal(res.body.rejected[0]!.eventId, impostor!.eventId);
      assert.match(res.body.rejected[0]!.reason, new RegExp(`seq 1 is held by event ${events[0]!.eventId}`));
      const row = await call(callId);
      assert.equal(row.status, 'broken');
      assert.equal(row.brokenAt, 'seq 1');
      assert.equal(row.eventCount, events.length);
    });

    it('should mark a call broken when an event follows its call-end', async () => {
      const events = await makeCall({agentId: 'a-1'});
      // The follow-up event chains onto the call-end as if nothing had ended.
      const late = await chainedAfter(events.at(-1)!, 'search', {results: 1});
      assert.equal((await post(server, agent, {events: [...events, late]})).status, 200);
      const row = await call(events[0]!.callId);
      assert.equal(row.status, 'broken');
      assert.equal(row.brokenAt, late.eventId);
    });

    it('should leave every call intact when two collectors ingest its halves at once', async () => {
      const otherStore = openAgain(db);
      const other = await startServer(otherStore);
      try {
        const calls = await Promise.all([...Array(12)].map(() => makeCall({agentId: 'a-1'})));
        // The call rows exist first (a new row would serialize the two inserts by itself); then each call's
        // middle reaches one collector while its end reaches the other.
        for (const events of calls) await post(server, agent, {events: events.slice(0, 1)});
        await Promise.all(
          calls.flatMap((events) => [
            post(server, agent, {events: events.slice(1, 3)}),
            post(other, agent, {events: events.slice(3)}),
          ])
        );
        for (const events of calls) {
          const row = await call(events[0]!.callId);
          assert.equal(row.status, 'intact', row.brokenReason ?? `verified to ${row.verifiedSeq}`);
          assert.equal(row.eventCount, events.length);
        }
      } finally {
        await other.close();
        await otherStore.close();
      }
    });

    it('should refuse events of another agent in a call it does not own', async () => {
      const events = await makeCall({agentId: 'a-1'});
      assert.equal((await post(server, agent, {events: events.slice(0, 2)})).status, 200);
      // An admin token may ingest for any agent, but not graft agent a-2's events onto a-1's call.
      const [foreign] = await makeCall({callId: events[0]!.callId, agentId: 'a-2', end: false, actions: []});
      const res = await post<IngestAnswer>(server, admin, {events: [{...foreign!, seq: 3}]});
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.rejected, [
        {
          eventId: foreign!.eventId,
          reason: `call ${JSON.stringify(events[0]!.callId)} was logged by another agent`,
        },
      ]);
      const row = await call(events[0]!.callId);
      assert.equal(row.status, 'intact');
      assert.equal(row.eventCount, 2);
    });
  });
}
