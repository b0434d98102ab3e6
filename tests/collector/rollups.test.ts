/**
 * The QA rollups on both databases: migration 0005 moves reports out of the call rows and fills the
 * rollups from the calls an older collector scored, ingest keeps them up to date, retention subtracts what
 * it deletes, and for every filter and time zone the aggregates read from them equal the ones computed
 * from the calls (`status=` forces that path: every call here is intact).
 */
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe} from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import {reportFromLog} from '../../src/calls/report-from-log.js';
import {runRetention} from '../../src/collector/retention/run-retention.js';
import {pinsFromPack} from '../../src/collector/pins/pins-from-pack.js';
import {SQLITE_FILE} from '../../src/collector/store/sqlite-store.js';
import type {Aggregates, CallDetail} from '../../src/collector/store/collector-store.js';
import type {LogEvent} from '../../src/model/call-log.js';
import {FAILED_CALL, GOOD_CALL, ITEMS, SCRIPT, makeCall, writePack} from './support/calls.js';
import type {CallOptions} from './support/calls.js';
import {backends, get, openAgain, post, startServer, tokenFor, itOn} from './support/harness.js';
import type {Fresh} from './support/harness.js';

let packDir: string;
before(() => {
  packDir = mkdtempSync(join(tmpdir(), 'aa-pack-'));
  writePack(packDir);
});
after(() => rmSync(packDir, {recursive: true, force: true}));

const at = (iso: string) => new Date(iso);

/** Calls on both sides of half hours, days and (in some zones) local midnights. */
/** Calls an older collector scored (team from the agent: a-1 and a-2 in t1, a-3 in t2). */
const EARLY: CallOptions[] = [
  {agentId: 'a-1', start: at('2026-03-02T09:29:58.000Z')},
  {agentId: 'a-1', start: at('2026-03-02T09:30:00.000Z'), actions: FAILED_CALL},
  {agentId: 'a-2', start: at('2026-03-02T18:29:00.000Z')},
  {agentId: 'a-2', start: at('2026-03-02T18:31:00.000Z'), actions: FAILED_CALL},
  {agentId: 'a-3', start: at('2026-03-02T23:50:00.000Z')},
  {agentId: 'a-3', start: at('2026-03-03T04:59:00.000Z'), script: null, actions: []},
];
const TEAM = {'a-1': 't1', 'a-2': 't1', 'a-3': 't2'} as const;
const LATE: CallOptions[] = [
  {agentId: 'a-1', start: at('2026-03-03T05:00:00.000Z'), actions: FAILED_CALL},
  {agentId: 'a-2', start: at('2026-03-03T12:15:00.000Z')},
  {agentId: 'a-3', start: at('2026-03-04T00:05:00.000Z'), actions: FAILED_CALL},
  {agentId: 'a-1', start: at('2026-03-04T13:44:00.000Z'), outcome: 'resolved'},
];

/** Runs statements straight on a test database (`?` placeholders), as an older collector wrote rows. */
async function onDatabase(fresh: Fresh, statements: [string, unknown[]][]): Promise<void> {
  if (fresh.env.DATABASE_URL) {
    const client = new pg.Client({connectionString: fresh.env.DATABASE_URL});
    await client.connect();
    for (const [sql, params] of statements) {
      let n = 0;
      await client.query(
        sql.replace(/\?/g, () => `$${++n}`),
        params
      );
    }
    await client.end();
  } else {
    const db = new Database(join(fresh.env.COLLECTOR_DATA_DIR!, SQLITE_FILE));
    for (const [sql, params] of statements) db.prepare(sql).run(...params);
    db.close();
  }
}

/** The rows collector versions before migration 0005 wrote for a scored call (report on the call row). */
function olderCollectorRows(events: LogEvent[], team: string, receivedAt: string): [string, unknown[]][] {
  const start = events[0]!;
  const end = events.at(-1)!;
  const script = start.data.scriptId === null ? null : SCRIPT;
  const report = reportFromLog(
    {
      callId: start.callId,
      agentId: start.agentId,
      startedAt: start.clientTs,
      script,
      items: script ? ITEMS : [],
    },
    events.slice(0, -1),
    end.clientTs
  );
  return [
    [
      `INSERT INTO calls (call_id, agent_id, team, started_at, ended_at, end_seq, script_id, script_title, status,
         verified_seq, verified_hash, event_count, max_seq, score, critical_failed, cat_etiquette, cat_knowledge,
         cat_procedure, report, report_source, first_received_at, last_received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'intact', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'log', ?, ?)`,
      [
        start.callId,
        start.agentId,
        team,
        start.clientTs,
        end.clientTs,
        end.seq,
        script?.id ?? null,
        script?.title ?? null,
        end.seq,
        end.hash,
        events.length,
        end.seq,
        report.score,
        report.criticalFailed ? 1 : 0,
        report.byCategory.etiquette ?? null,
        report.byCategory.knowledge ?? null,
        report.byCategory.procedure ?? null,
        JSON.stringify(report),
        receivedAt,
        receivedAt,
      ],
    ],
    ...report.items.map((item): [string, unknown[]] => [
      `INSERT INTO call_items (call_id, kind, item_id, title, category, status, critical) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [
        start.callId,
        item.kind ?? 'item',
        item.id,
        item.title ?? item.id,
        item.category,
        item.status,
        item.critical ? 1 : 0,
      ],
    ]),
  ];
}

const QUERIES = [
  '',
  'agent=a-1',
  'agent=a-3',
  'script=billing',
  'from=2026-03-02&to=2026-03-02',
  'from=2026-03-02T09:30:00Z',
  'to=2026-03-03T05:00:00Z',
  'agent=a-2&from=2026-03-03',
  // Whole UTC days with partial days at both ends (a +05:30 reader's days), and within one day.
  'from=2026-03-02T18:30:00Z&to=2026-03-04T18:30:00Z',
  'script=billing&from=2026-03-02T09:30:00Z&to=2026-03-04T13:30:00Z',
  'from=2026-03-02T09:00:00Z&to=2026-03-02T19:00:00Z',
];

const round = (a: Aggregates) =>
  JSON.parse(JSON.stringify(a, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v)));

for (const backend of backends) {
  describe(`QA rollups (${backend.name})`, () => {
    const it = itOn(backend);
    it(
      'should give the per-call answer for every filter, across the upgrade and retention',
      {timeout: 120_000},
      async () => {
        const db = await backend.open(4);
        let now = at('2026-01-10T12:00:00.000Z');
        const server = await startServer(db.store, {}, () => now);
        try {
          await db.store.addPins(await pinsFromPack(packDir), now.toISOString());
          const agents = {
            'a-1': await tokenFor(db.store, {role: 'agent', agentId: 'a-1', team: 't1'}),
            'a-2': await tokenFor(db.store, {role: 'agent', agentId: 'a-2', team: 't1'}),
            'a-3': await tokenFor(db.store, {role: 'agent', agentId: 'a-3', team: 't2'}),
          };
          const readers = {
            all: await tokenFor(db.store, {role: 'qa', team: '*'}),
            t1: await tokenFor(db.store, {role: 'qa', team: 't1'}),
          };
          const send = async (events: LogEvent[]) => {
            const res = await post(server, agents[events[0]!.agentId as keyof typeof agents], {events});
            assert.equal(res.status, 200);
          };
          const early = await Promise.all(EARLY.map((o) => makeCall(o)));
          await onDatabase(
            db,
            early.flatMap((events) =>
              olderCollectorRows(events, TEAM[events[0]!.agentId as keyof typeof TEAM], now.toISOString())
            )
          );

          assert.deepEqual(await db.store.migrate(), [5]);
          // The report moved out of the call row and still comes with the call.
          const detail = await get<CallDetail>(`${server.url}/v1/calls/${early[1]![0]!.callId}`, readers.all);
          assert.equal(detail.body.call.report?.criticalFailed, true);
          assert.equal(detail.body.call.reportSource, 'log');

          now = at('2026-03-05T12:00:00.000Z');
          // A call sent in two batches: scored (and rolled up) when its end arrives.
          const twoBatches = await makeCall({agentId: 'a-2', start: at('2026-03-03T07:00:00.000Z')});
          await send(twoBatches.slice(0, 2));
          await send(twoBatches.slice(2));
          for (const events of await Promise.all(LATE.map((o) => makeCall(o)))) await send(events);

          const compare = async (label: string) => {
            let scored = 0;
            for (const [reader, token] of Object.entries(readers))
              for (const query of QUERIES)
                for (const tz of [0, 330, -300, 60]) {
                  const url = `${server.url}/v1/aggregates?tzOffset=${tz}${query ? `&${query}` : ''}`;
                  const fromRollups = await get<Aggregates>(url, token);
                  const fromCalls = await get<Aggregates>(`${url}&status=intact`, token);
                  assert.equal(fromRollups.status, 200);
                  assert.deepEqual(
                    round(fromRollups.body),
                    round(fromCalls.body),
                    `${label}: ${reader} ${url}`
                  );
                  if (reader === 'all' && query === '' && tz === 0) scored = fromRollups.body.count;
                }
            return scored;
          };
          // Every ended call counts: the older collector's, the one sent in two batches and the late ones.
          assert.equal(await compare('after the upgrade'), EARLY.length + 1 + LATE.length);
          const missed = await get<Aggregates>(`${server.url}/v1/aggregates`, readers.all);
          assert.ok(missed.body.mostMissed.length > 0, 'the most-missed table has entries');

          // Retention deletes the calls last received in January: the older collector's.
          const log = {info: () => {}, error: () => {}};
          const deleted = await runRetention(db.store, 30, at('2026-03-05T12:00:00.000Z'), log, 7);
          assert.equal(deleted.calls, EARLY.length);
          assert.equal(await compare('after retention'), 1 + LATE.length);
          const rest = await get<Aggregates>(`${server.url}/v1/aggregates`, readers.all);
          assert.deepEqual(
            rest.body.trend.map((t) => t.day),
            ['2026-03-03', '2026-03-04'],
            'no day is left with only deleted calls'
          );
        } finally {
          await server.close();
          await db.drop();
        }
      }
    );

    it(
      'should keep counting right when two collectors score one team’s calls at once',
      {timeout: 120_000},
      async () => {
        const db = await backend.open();
        const second = openAgain(db);
        const servers = [await startServer(db.store), await startServer(second)];
        try {
          await db.store.addPins(await pinsFromPack(packDir), new Date().toISOString());
          const agentIds = ['b-1', 'b-2', 'b-3', 'b-4'];
          const tokens = await Promise.all(
            agentIds.map((agentId) => tokenFor(db.store, {role: 'agent', agentId, team: 'busy'}))
          );
          const qa = await tokenFor(db.store, {role: 'qa', team: 'busy'});
          // Every call in the same two half hours: all transactions add to the same rollup rows.
          const batches: {server: number; token: string; events: LogEvent[]}[] = [];
          for (const [a, agentId] of agentIds.entries())
            for (let b = 0; b < 4; b++) {
              const calls = await Promise.all(
                [0, 1, 2].map((c) =>
                  makeCall({
                    agentId,
                    start: new Date(Date.UTC(2026, 2, 2, 9, 20 + b * 3 + c)),
                    actions: (a + b + c) % 2 === 0 ? GOOD_CALL : FAILED_CALL,
                  })
                )
              );
              batches.push({server: (a + b) % 2, token: tokens[a]!, events: calls.flat()});
            }
          const answers = await Promise.all(
            batches.map((b) => post(servers[b.server]!, b.token, {events: b.events}))
          );
          assert.deepEqual(
            answers.map((r) => r.status),
            batches.map(() => 200)
          );
          const url = `${servers[0]!.url}/v1/aggregates`;
          const fromRollups = await get<Aggregates>(url, qa);
          const fromCalls = await get<Aggregates>(`${url}?status=intact`, qa);
          assert.equal(fromRollups.body.count, batches.length * 3);
          assert.deepEqual(round(fromRollups.body), round(fromCalls.body));
        } finally {
          for (const s of servers) await s.close();
          await second.close();
          await db.drop();
        }
      }
    );
  });
}
