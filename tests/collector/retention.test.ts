/**
 * Retention on both databases: calls (whole) and maintenance events last received before the cutoff are
 * deleted in batches, each batch logged; newer data stays.
 */
import assert from 'node:assert/strict';
import {describe} from 'node:test';
import {runRetention} from '../../src/collector/retention/run-retention.js';
import {makeCall} from './support/calls.js';
import {backends, post, startServer, tokenFor, itOn} from './support/harness.js';
import type {IngestAnswer} from './support/harness.js';

for (const backend of backends) {
  describe(`retention (${backend.name})`, () => {
    const it = itOn(backend);
    it('should delete what is older than the retention period, in logged batches', async () => {
      const db = await backend.open();
      let now = new Date('2026-01-10T12:00:00.000Z');
      const server = await startServer(db.store, {}, () => now);
      try {
        const token = await tokenFor(db.store, {role: 'agent', agentId: 'a-1'});
        const old = await Promise.all([1, 2, 3].map(() => makeCall({agentId: 'a-1'})));
        for (const events of old) assert.equal((await post(server, token, {events})).status, 200);
        const [purge] = await makeCall({callId: 'log-maintenance', agentId: 'a-1', actions: [], end: false});
        assert.equal((await post<IngestAnswer>(server, token, {events: [purge]})).body.accepted.length, 1);

        now = new Date('2026-03-01T12:00:00.000Z');
        const recent = await makeCall({agentId: 'a-1'});
        assert.equal((await post(server, token, {events: recent})).status, 200);
        // The call itself is old, but an event of it arrived recently: it stays, whole.
        const revived = await makeCall({agentId: 'a-1', end: false, actions: []});
        now = new Date('2026-01-10T12:00:00.000Z');
        assert.equal((await post(server, token, {events: revived})).status, 200);
        now = new Date('2026-03-01T12:00:00.000Z');
        const {chainedAfter} = await import('./support/calls.js');
        const late = await chainedAfter(revived[0]!, 'call-end', {});
        assert.equal((await post(server, token, {events: [late]})).status, 200);

        const logged: {details: object; message: string}[] = [];
        const log = {
          info: (details: object, message: string) => logged.push({details, message}),
          error: (details: object, message: string) => logged.push({details, message}),
        };
        const perCall = old[0]!.length;
        const total = await runRetention(
          db.store,
          30,
          new Date('2026-03-02T00:00:00.000Z'),
          log,
          perCall + 2
        );
        assert.deepEqual(total, {calls: 3, events: 3 * perCall + 1});
        const batches = logged.filter((l) => l.message === 'retention: deleted a batch');
        // A batch holds whole calls up to the size (at least one call), then maintenance events.
        assert.deepEqual(
          batches.map((b) => b.details),
          [
            {cutoff: '2026-01-31T00:00:00.000Z', calls: 1, events: perCall + 1},
            {cutoff: '2026-01-31T00:00:00.000Z', calls: 1, events: perCall},
            {cutoff: '2026-01-31T00:00:00.000Z', calls: 1, events: perCall},
          ]
        );
        assert.equal(logged.at(-1)!.message, 'retention: done');
        assert.deepEqual(await db.store.counts(), {events: recent.length + 2, calls: 2});
        assert.deepEqual(await runRetention(db.store, 30, new Date('2026-03-02T00:00:00.000Z'), log), {
          calls: 0,
          events: 0,
        });
      } finally {
        await server.close();
        await db.drop();
      }
    });
  });
}
