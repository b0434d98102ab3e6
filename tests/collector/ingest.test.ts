/**
 * `POST /v1/events` against a real listening collector, on SQLite and on PostgreSQL: exactly-once
 * storage, per-event refusals with reasons, 400/413/422 with nothing stored, injection-laden strings kept
 * verbatim, the rate limit, CORS.
 */
import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import {afterEach, beforeEach, describe} from 'node:test';
import type {CallDetail} from '../../src/collector/store/collector-store.js';
import {GOOD_CALL, makeCall, rewritten} from './support/calls.js';
import {backends, get, post, startServer, tokenFor, itOn} from './support/harness.js';
import type {Fresh, IngestAnswer, Server} from './support/harness.js';

for (const backend of backends) {
  describe(`ingest (${backend.name})`, () => {
    const it = itOn(backend);
    let db: Fresh;
    let server: Server;
    let agent: string;
    let admin: string;

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

    it('should store a batch once: the same batch again is all duplicates', async () => {
      const events = await makeCall({agentId: 'a-1'});
      const ids = events.map((e) => e.eventId);
      const first = await post<IngestAnswer>(server, agent, {events});
      assert.equal(first.status, 200);
      assert.deepEqual(first.body, {accepted: ids, duplicates: [], rejected: []});
      // The widget resends with synced changed (its own upload state): still the same event.
      const again = await post<IngestAnswer>(server, agent, {events: events.map((e) => ({...e, synced: 1}))});
      assert.equal(again.status, 200);
      assert.deepEqual(again.body, {accepted: [], duplicates: ids, rejected: []});
      assert.deepEqual(await db.store.counts(), {events: events.length, calls: 1});
    });

    it('should refuse an edited event re-uploaded under its id and mark its call broken', async () => {
      const events = await makeCall({agentId: 'a-1'});
      assert.equal((await post(server, agent, {events})).status, 200);
      // The client changed what was ticked and even recomputed the hash: the collector holds the original.
      const edited = await rewritten(events[2]!, {itemId: 'kb-check'});
      assert.notEqual(edited.hash, events[2]!.hash);
      const res = await post<IngestAnswer>(server, agent, {events: [edited]});
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.accepted, []);
      assert.equal(res.body.rejected.length, 1);
      assert.equal(res.body.rejected[0]!.eventId, edited.eventId);
      assert.match(res.body.rejected[0]!.reason, /re-uploaded with different content/);
      const detail = await get<CallDetail>(`${server.url}/v1/calls/${events[0]!.callId}`, admin);
      assert.equal(detail.body.call.status, 'broken');
      assert.equal(detail.body.call.brokenAt, edited.eventId);
      // What is stored is still the original event.
      assert.deepEqual(detail.body.events[2]!.data, events[2]!.data);
    });

    it('should list invalid events with reasons and store the rest', async () => {
      const events = await makeCall({agentId: 'a-1'});
      const bad = [
        {...events[1]!, seq: 0},
        {...events[2]!, hash: 'XYZ'},
        {...events[3]!, eventId: 'not-a-uuid'},
        {...events[4]!, data: 'text'},
      ];
      const res = await post<IngestAnswer>(server, agent, {events: [events[0]!, ...bad]});
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.accepted, [events[0]!.eventId]);
      assert.deepEqual(
        res.body.rejected.map((r) => r.reason),
        [
          'events[1]: seq must be an integer from 1 to 2147483647',
          'events[2]: hash must be 64 lowercase hex digits',
          'events[3]: eventId must be a UUID',
          'events[4]: data must be an object',
        ]
      );
      assert.deepEqual(await db.store.counts(), {events: 1, calls: 1});
    });

    it('should answer 422 with reasons and store nothing when no event is valid', async () => {
      const [e] = await makeCall({agentId: 'a-1'});
      const res = await post<{message: string; rejected: unknown[]}>(server, agent, {
        events: [{...e!, clientTs: 'yesterday'}, 42],
      });
      assert.equal(res.status, 422);
      assert.match(res.body.message, /clientTs must be an RFC 3339 date-time/);
      assert.deepEqual(res.body.rejected, [
        {eventId: e!.eventId, reason: 'events[0]: clientTs must be an RFC 3339 date-time'},
        {eventId: '', reason: 'events[1] is not an object'},
      ]);
      assert.deepEqual(await db.store.counts(), {events: 0, calls: 0});
    });

    it('should answer 400 to malformed JSON and to a body without events, storing nothing', async () => {
      const events = await makeCall({agentId: 'a-1'});
      const text = JSON.stringify({events});
      const truncated = await post<{message: string}>(server, agent, text.slice(0, -5));
      assert.equal(truncated.status, 400);
      assert.match(truncated.body.message, /^malformed JSON/);
      for (const body of [{}, {events: []}, {events: 'x'}, {events, more: 1}, []]) {
        const res = await post<{message: string}>(server, agent, body);
        assert.equal(res.status, 400, JSON.stringify(body).slice(0, 40));
        assert.match(res.body.message, /^invalid request: body/);
      }
      assert.deepEqual(await db.store.counts(), {events: 0, calls: 0});
    });

    it('should answer 413 to more than 100 events and to a body over the size limit, storing nothing', async () => {
      const many = [];
      for (let i = 0; i < 26; i++) many.push(...(await makeCall({agentId: 'a-1'})));
      assert.ok(many.length > 100);
      const tooMany = await post<{message: string}>(server, agent, {events: many});
      assert.equal(tooMany.status, 413);
      assert.match(tooMany.body.message, /at most 100 events per request/);

      const small = await startServer(db.store, {bodyLimit: 4096});
      try {
        const big = await makeCall({agentId: 'a-1', actions: [['note', {text: 'x'.repeat(5000)}]]});
        const tooBig = await post<{message: string}>(small, agent, {events: big});
        assert.equal(tooBig.status, 413);
        assert.match(tooBig.body.message, /larger than 4096 bytes/);
      } finally {
        await small.close();
      }
      assert.deepEqual(await db.store.counts(), {events: 0, calls: 0});
    });

    it('should store injection-laden strings verbatim and keep filters harmless', async () => {
      const nasty = "a'); DROP TABLE events; --";
      const callId = `c' OR '1'='1`;
      const nastyToken = await tokenFor(db.store, {role: 'agent', agentId: nasty});
      const events = await makeCall({
        callId,
        agentId: nasty,
        actions: [['item-skip', {itemId: 'greeting', reason: "'; DELETE FROM calls; --\u0000?$1"}]],
      });
      const res = await post<IngestAnswer>(server, nastyToken, {events});
      assert.equal(res.status, 200);
      assert.equal(res.body.accepted.length, events.length);
      const detail = await get<CallDetail>(`${server.url}/v1/calls/${encodeURIComponent(callId)}`, admin);
      assert.equal(detail.status, 200);
      assert.equal(detail.body.call.agentId, nasty);
      assert.deepEqual(
        detail.body.events,
        events.map(({synced: _s, ...e}) => e)
      );
      const filtered = await get<{calls: unknown[]}>(
        `${server.url}/v1/calls?agent=${encodeURIComponent("' OR '1'='1")}`,
        admin
      );
      assert.deepEqual(filtered.body.calls, []);
      const exact = await get<{calls: unknown[]}>(
        `${server.url}/v1/calls?agent=${encodeURIComponent(nasty)}`,
        admin
      );
      assert.equal(exact.body.calls.length, 1);
      assert.deepEqual(await db.store.counts(), {events: events.length, calls: 1});
    });

    it('should answer 429 with Retry-After once a token exceeds its rate', async () => {
      const limited = await startServer(db.store, {rateLimitPerMinute: 3});
      try {
        const events = await makeCall({agentId: 'a-1'});
        for (let i = 0; i < 3; i++) assert.equal((await post(limited, agent, {events})).status, 200);
        const res = await post<{message: string}>(limited, agent, {events});
        assert.equal(res.status, 429);
        assert.equal(res.headers.get('retry-after'), '20');
        assert.match(res.body.message, /rate limit/);
        // Another token has its own allowance.
        const other = await tokenFor(db.store, {role: 'agent', agentId: 'a-2'});
        assert.equal((await post(limited, other, {events: await makeCall({agentId: 'a-2'})})).status, 200);
      } finally {
        await limited.close();
      }
    });

    it('should accept each browser’s maintenance chain under the shared log-maintenance id', async () => {
      const other = await tokenFor(db.store, {role: 'agent', agentId: 'a-2'});
      for (const [token, agentId] of [
        [agent, 'a-1'],
        [other, 'a-2'],
      ] as const) {
        const [purge] = await makeCall({
          callId: 'log-maintenance',
          agentId,
          script: null,
          actions: [],
          end: false,
        });
        const res = await post<IngestAnswer>(server, token, {
          events: [{...purge!, type: 'retention-purge', data: {days: 30, calls: 0}}],
        });
        assert.equal(res.status, 200);
        assert.equal(res.body.accepted.length, 1);
      }
      assert.deepEqual(await db.store.counts(), {events: 2, calls: 0});
    });

    it('should allow the CORS origins configured, with the upload headers', async () => {
      const preflight = await fetch(`${server.url}/v1/events`, {
        method: 'OPTIONS',
        headers: {
          Origin: 'https://desk.example',
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization,content-type,idempotency-key',
        },
      });
      assert.equal(preflight.status, 204);
      assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://desk.example');
      assert.equal(
        preflight.headers.get('access-control-allow-headers'),
        'Authorization, Content-Type, Idempotency-Key'
      );
      const elsewhere = await fetch(`${server.url}/v1/events`, {
        method: 'OPTIONS',
        headers: {Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST'},
      });
      assert.equal(elsewhere.headers.get('access-control-allow-origin'), null);
      const events = await makeCall({agentId: 'a-1', actions: GOOD_CALL});
      const res = await fetch(`${server.url}/v1/events`, {
        method: 'POST',
        headers: {
          Origin: 'https://desk.example',
          Authorization: `Bearer ${agent}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': randomUUID(),
        },
        body: JSON.stringify({events}),
      });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('access-control-allow-origin'), 'https://desk.example');
      assert.match(res.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
    });
  });
}
