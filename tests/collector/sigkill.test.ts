/**
 * The collector killed with SIGKILL in the middle of a stream of ingest requests, restarted on the same
 * database, sent everything again: every event acknowledged before the kill is found stored (reported as a
 * duplicate), none is stored twice, every call ends intact. Also: the first admin token is printed once.
 */
import assert from 'node:assert/strict';
import type {ChildProcess} from 'node:child_process';
import {describe} from 'node:test';
import type {CallRow} from '../../src/collector/store/collector-store.js';
import type {LogEvent} from '../../src/model/call-log.js';
import {makeCall} from './support/calls.js';
import type {Action} from './support/calls.js';
import {exited, startChild} from './support/child-collector.js';
import {backends, itOn} from './support/harness.js';
import type {IngestAnswer} from './support/harness.js';

const CALLS = 24;
const EVENTS_PER_BATCH = 8;
const WORKERS = 4;
/** Acknowledged events after which the collector is killed (about a third of the stream). */
const KILL_AFTER = 220;

/** Each worker's batches: its calls' events in sequence order, a few at a time. */
async function streams(): Promise<{all: LogEvent[]; perWorker: LogEvent[][][]}> {
  const actions: Action[] = [...Array(26)].map((_, i) => ['search', {results: i}]);
  const calls = await Promise.all(
    [...Array(CALLS)].map((_, i) => makeCall({agentId: `a-${i % 3}`, actions, script: null}))
  );
  const perWorker: LogEvent[][][] = [...Array(WORKERS)].map(() => []);
  calls.forEach((events, i) => {
    for (let at = 0; at < events.length; at += EVENTS_PER_BATCH)
      perWorker[i % WORKERS]!.push(events.slice(at, at + EVENTS_PER_BATCH));
  });
  return {all: calls.flat(), perWorker};
}

async function send(url: string, token: string, events: LogEvent[]): Promise<IngestAnswer> {
  const res = await fetch(`${url}/v1/events`, {
    method: 'POST',
    headers: {Authorization: `Bearer ${token}`, 'Content-Type': 'application/json'},
    body: JSON.stringify({events}),
  });
  assert.equal(res.status, 200);
  return (await res.json()) as IngestAnswer;
}

for (const backend of backends) {
  describe(`SIGKILL during ingest (${backend.name})`, () => {
    const it = itOn(backend);
    it('should lose no acknowledged event and store none twice', {timeout: 90_000}, async () => {
      const db = await backend.open();
      const children: ChildProcess[] = [];
      try {
        const {all, perWorker} = await streams();
        const first = await startChild(db.env);
        children.push(first.child);
        const token = /First admin token \(shown once, keep it safe\): (\S+)/.exec(first.output())?.[1];
        assert.ok(token, `no first admin token in:\n${first.output()}`);

        const acked = new Set<string>();
        let killed = false;
        await Promise.all(
          perWorker.map(async (batches) => {
            for (const batch of batches) {
              if (killed) return;
              try {
                const answer = await send(first.url, token, batch);
                for (const id of [...answer.accepted, ...answer.duplicates]) acked.add(id);
              } catch (err) {
                // Once killed, a request in flight dies with the collector: never acknowledged.
                if (killed) return;
                throw err;
              }
              if (acked.size >= KILL_AFTER && !killed) {
                killed = true;
                first.child.kill('SIGKILL');
              }
            }
          })
        );
        await exited(first.child);
        assert.equal(first.child.signalCode, 'SIGKILL');
        assert.ok(acked.size >= KILL_AFTER && acked.size < all.length, `acknowledged ${acked.size}`);

        const second = await startChild(db.env);
        children.push(second.child);
        assert.doesNotMatch(second.output(), /First admin token/);
        const duplicates = new Set<string>();
        await Promise.all(
          perWorker.map(async (batches) => {
            for (const batch of batches) {
              const answer = await send(second.url, token, batch);
              assert.deepEqual(answer.rejected, []);
              for (const id of answer.duplicates) duplicates.add(id);
            }
          })
        );
        // Everything acknowledged before the kill had been committed: now it is a duplicate.
        for (const id of acked) assert.ok(duplicates.has(id), `acknowledged event ${id} was lost`);
        assert.deepEqual(await db.store.counts(), {events: all.length, calls: CALLS});
        const res = await fetch(`${second.url}/v1/calls?limit=500`, {
          headers: {Authorization: `Bearer ${token}`},
        });
        const {calls} = (await res.json()) as {calls: CallRow[]};
        assert.equal(calls.length, CALLS);
        for (const call of calls) {
          assert.equal(call.status, 'intact', `${call.callId}: ${call.brokenReason ?? ''}`);
          assert.equal(call.eventCount, all.length / CALLS);
        }
      } finally {
        // A failed assertion must not leave a collector running (it would keep the test process alive).
        for (const child of children) {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited(child);
        }
        await db.drop();
      }
    });
  });
}
