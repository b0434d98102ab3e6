/**
 * Why the collector's embedded database is SQLite (better-sqlite3) and not PGlite: the same workload on
 * both, in this process, on disk: 20,000 events inserted as the collector's ingest does (batches of 100 in
 * one transaction each, the event id as primary key, `ON CONFLICT DO NOTHING`, a unique `(call_id, seq)`),
 * then a grouped read over them (per-call counts, as the QA list's summary rows are built). Medians of
 * three runs each; SQLite is the baseline (ratio 1).
 */
import {randomUUID} from 'node:crypto';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {summarize} from './stats.mjs';

export const name = 'embedded-db';

const EVENTS = 20_000;
const BATCH = 100;
const RUNS = 3;

const SCHEMA = `CREATE TABLE events (event_id TEXT PRIMARY KEY, call_id TEXT NOT NULL, seq INTEGER NOT NULL,
  type TEXT NOT NULL, client_ts TEXT NOT NULL, hash TEXT NOT NULL, body TEXT NOT NULL);
  CREATE UNIQUE INDEX events_call_seq ON events (call_id, seq)`;

/** Events like the widget's: 40 per call, a body of about 600 bytes. */
function makeEvents() {
  const out = [];
  const pad = 'x'.repeat(420);
  for (let i = 0; i < EVENTS; i++) {
    const callId = `call-${Math.floor(i / 40)}`;
    out.push([
      randomUUID(),
      callId,
      (i % 40) + 1,
      'item-check',
      new Date(1e12 + i).toISOString(),
      'f'.repeat(64),
      pad,
    ]);
  }
  return out;
}

async function sqliteRun(dir, events) {
  const {default: Database} = await import('better-sqlite3');
  const db = new Database(join(dir, 'bench.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(SCHEMA);
  const t0 = performance.now();
  for (let i = 0; i < events.length; i += BATCH) {
    const batch = events.slice(i, i + BATCH);
    const sql = `INSERT INTO events VALUES ${batch.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}
      ON CONFLICT DO NOTHING RETURNING event_id`;
    db.transaction(() => db.prepare(sql).all(batch.flat()))();
  }
  const insertMs = performance.now() - t0;
  const r0 = performance.now();
  db.prepare('SELECT call_id, COUNT(*) AS n, MAX(seq) AS m FROM events GROUP BY call_id').all();
  const readMs = performance.now() - r0;
  db.close();
  return {insertMs, readMs};
}

async function pgliteRun(dir, events) {
  const {PGlite} = await import('@electric-sql/pglite');
  const db = new PGlite(join(dir, 'pglite'));
  await db.exec(SCHEMA);
  const t0 = performance.now();
  for (let i = 0; i < events.length; i += BATCH) {
    const batch = events.slice(i, i + BATCH);
    let n = 0;
    const values = batch
      .map(() => `($${++n}, $${++n}, $${++n}, $${++n}, $${++n}, $${++n}, $${++n})`)
      .join(', ');
    await db.transaction((tx) =>
      tx.query(`INSERT INTO events VALUES ${values} ON CONFLICT DO NOTHING RETURNING event_id`, batch.flat())
    );
  }
  const insertMs = performance.now() - t0;
  const r0 = performance.now();
  await db.query('SELECT call_id, COUNT(*) AS n, MAX(seq) AS m FROM events GROUP BY call_id');
  const readMs = performance.now() - r0;
  await db.close();
  return {insertMs, readMs};
}

export async function run() {
  const events = makeEvents();
  const samples = {sqlite: {insert: [], read: []}, pglite: {insert: [], read: []}};
  for (let i = 0; i < RUNS; i++) {
    for (const [engine, fn] of [
      ['sqlite', sqliteRun],
      ['pglite', pgliteRun],
    ]) {
      const dir = mkdtempSync(join(tmpdir(), `aa-${engine}-`));
      try {
        const r = await fn(dir, events);
        samples[engine].insert.push(r.insertMs);
        samples[engine].read.push(r.readMs);
      } finally {
        rmSync(dir, {recursive: true, force: true});
      }
    }
  }
  const s = summarize(samples.sqlite.insert);
  const p = summarize(samples.pglite.insert);
  const sr = summarize(samples.sqlite.read);
  const pr = summarize(samples.pglite.read);
  return {
    rows: [
      {
        metric: `SQLite (better-sqlite3): insert ${EVENTS} events, ${BATCH} per transaction`,
        unit: 'ms',
        ...s,
        ratio: 1,
      },
      {metric: `PGlite: the same inserts`, unit: 'ms', ...p, ratio: p.median / s.median},
      {metric: 'SQLite: per-call grouped read', unit: 'ms', ...sr, ratio: 1},
      {metric: 'PGlite: the same read', unit: 'ms', ...pr, ratio: pr.median / sr.median},
    ],
  };
}
