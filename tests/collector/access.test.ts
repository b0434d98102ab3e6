/**
 * Who may do what, on both databases: 401 without a live token, an agent token ingests only for its own
 * agent and reads nothing, a qa token reads only its team (or all with `*`) and ingests nothing.
 */
import assert from 'node:assert/strict';
import {afterEach, beforeEach, describe} from 'node:test';
import type {Aggregates, CallPage} from '../../src/collector/store/collector-store.js';
import {issueToken} from '../../src/collector/tokens/issue-token.js';
import {makeCall, scriptPin} from './support/calls.js';
import {backends, get, post, startServer, tokenFor, itOn} from './support/harness.js';
import type {Fresh, IngestAnswer, Server} from './support/harness.js';

for (const backend of backends) {
  describe(`access (${backend.name})`, () => {
    const it = itOn(backend);
    let db: Fresh;
    let server: Server;
    let agentA: string;
    let agentB: string;

    beforeEach(async () => {
      db = await backend.open();
      server = await startServer(db.store);
      agentA = await tokenFor(db.store, {role: 'agent', agentId: 'a-1', team: 't1'});
      agentB = await tokenFor(db.store, {role: 'agent', agentId: 'b-1', team: 't2'});
    });
    afterEach(async () => {
      await server.close();
      await db.drop();
    });

    it('should answer 401 without a token, with an unknown one and with a revoked one', async () => {
      const events = await makeCall({agentId: 'a-1'});
      const none = await post<{message: string}>(server, null, {events});
      assert.equal(none.status, 401);
      assert.equal(none.headers.get('www-authenticate'), 'Bearer');
      assert.equal((await post(server, 'aac_made-up', {events})).status, 401);
      const {token, secret} = await issueToken(db.store, {role: 'agent', agentId: 'a-1'});
      assert.equal(await db.store.revokeToken(token.id, new Date().toISOString()), true);
      const revoked = await post<{message: string}>(server, secret, {events});
      assert.equal(revoked.status, 401);
      assert.equal(revoked.body.message, 'unknown or revoked token');
      assert.equal((await get(`${server.url}/v1/calls`)).status, 401);
      assert.deepEqual(await db.store.counts(), {events: 0, calls: 0});
    });

    it('should not let agent A ingest as agent B: 403 for a batch of B’s, B’s refused in a mixed one', async () => {
      const bEvents = await makeCall({agentId: 'b-1'});
      const refused = await post<{message: string; rejected: unknown[]}>(server, agentA, {events: bEvents});
      assert.equal(refused.status, 403);
      assert.match(refused.body.message, /ingests for agent "a-1" only/);
      assert.equal(refused.body.rejected.length, bEvents.length);
      assert.deepEqual(await db.store.counts(), {events: 0, calls: 0});

      const aEvents = await makeCall({agentId: 'a-1'});
      const mixed = await post<IngestAnswer>(server, agentA, {events: [...aEvents, bEvents[0]!]});
      assert.equal(mixed.status, 200);
      assert.deepEqual(
        mixed.body.accepted,
        aEvents.map((e) => e.eventId)
      );
      assert.deepEqual(mixed.body.rejected, [
        {
          eventId: bEvents[0]!.eventId,
          reason: `events[${aEvents.length}]: agentId "b-1" is not this token's agent`,
        },
      ]);
      assert.deepEqual(await db.store.counts(), {events: aEvents.length, calls: 1});
    });

    it('should not let an agent token read QA data', async () => {
      const events = await makeCall({agentId: 'a-1'});
      await post(server, agentA, {events});
      for (const path of ['/v1/calls', `/v1/calls/${events[0]!.callId}`, '/v1/aggregates', '/v1/export']) {
        const res = await get<{message: string}>(server.url + path, agentA);
        assert.equal(res.status, 403, path);
        assert.match(res.body.message, /needs a qa or admin token/);
      }
    });

    it('should scope a qa token to its team, `*` to all, and refuse its uploads', async () => {
      await db.store.addPins([await scriptPin()], new Date().toISOString());
      const a = await makeCall({agentId: 'a-1'});
      const b = await makeCall({agentId: 'b-1'});
      await post(server, agentA, {events: a});
      await post(server, agentB, {events: b});
      const qa1 = await tokenFor(db.store, {role: 'qa', team: 't1'});
      const qaAll = await tokenFor(db.store, {role: 'qa', team: '*'});
      const admin = await tokenFor(db.store, {role: 'admin'});

      const list = await get<CallPage & {nextCursor: string | null}>(`${server.url}/v1/calls`, qa1);
      assert.deepEqual(
        list.body.calls.map((c) => [c.callId, c.team]),
        [[a[0]!.callId, 't1']]
      );
      assert.equal((await get(`${server.url}/v1/calls/${b[0]!.callId}`, qa1)).status, 404);
      assert.equal((await get(`${server.url}/v1/calls/${a[0]!.callId}`, qa1)).status, 200);
      const aggregates = await get<Aggregates>(`${server.url}/v1/aggregates`, qa1);
      assert.deepEqual(
        aggregates.body.byAgent.map((x) => x.agentId),
        ['a-1']
      );
      const exported = await get<{calls: {callId: string}[]}>(`${server.url}/v1/export`, qa1);
      assert.deepEqual(
        exported.body.calls.map((c) => c.callId),
        [a[0]!.callId]
      );
      for (const token of [qaAll, admin]) {
        const all = await get<CallPage>(`${server.url}/v1/calls`, token);
        assert.equal(all.body.calls.length, 2);
      }
      const upload = await post<{message: string}>(server, qa1, {events: await makeCall({agentId: 'a-1'})});
      assert.equal(upload.status, 403);
      assert.match(upload.body.message, /needs an agent or admin token/);
    });
  });
}
