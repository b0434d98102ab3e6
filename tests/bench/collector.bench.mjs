/**
 * The collector (`npm run collector`) under load over loopback, on the embedded SQLite and on PostgreSQL.
 *
 * (1) Ingest: 1, 10 and 50 simulated agents, each with its own agent token and keep-alive connection,
 *     POST their calls to `/v1/events` one request after another, in batches of 100 events (the widget's
 *     batch when it drains its queue), ~40 events per call. Events are made as the widget logs them: the
 *     pack's own scripts walked and ticked, `pinHash` of the pinned script and items, a per-call chain of
 *     SHA-256 over RFC 8785 JSON written by the widget's own serializer (checked against `hashEvent` on
 *     the first call), so the collector anchors every chain and scores every call. Each run is bounded
 *     (10k events at 1 agent, 30k at 10 and 50, and 20 s), starts a fresh database and a fresh collector
 *     child, warms it up with 2,000 events, and checks afterwards that every event is stored and no chain
 *     is broken. Levels × 3 repetitions, interleaved across:
 *       baseline       a Fastify server in its own process with the same body and response schemas that
 *                      parses the same bodies and acknowledges every event, with no database;
 *       sqlite         the collector as shipped, embedded SQLite in a temp folder;
 *       postgres       the collector on a fresh PostgreSQL database (tests/support/postgres.mjs).
 *     The collector runs as `npm run collector` does, in a child process, so it does not share an event
 *     loop (or a JIT) with the load generator; CPU time of the collector, of PostgreSQL (this database's
 *     backends and the cluster's writers) and of the load generator is read from /proc around each run.
 * (2) Where the time goes: per-event costs measured in-process on the same batches (JSON.parse, the
 *     ingest route's prepareBatch with Web Crypto, the same checks with node:crypto, store.ingest per
 *     backend), and a V8 CPU profile of the collector child (`--cpu-prof`) during one extra 10-agent run
 *     per backend, summarized by module (not part of the figures above).
 * (3) QA over a center's day: 5,000,000 events (125,000 calls, 1,000 agents in 10 teams, 30 days, 7
 *     scripts) seeded into SQLite and into PostgreSQL (COLLECTOR_BENCH_QA_EVENTS and
 *     COLLECTOR_BENCH_PG_QA_EVENTS), through `store.ingest` in-process, 2,000 events per transaction (50
 *     calls; SQLite binds at most 32,766 values per statement), four transactions in flight on PostgreSQL.
 *     Events are generated and checked (the route's own validateEvent and hash recomputation, with
 *     node:crypto in place of Web Crypto: the same PreparedEvent, checked against prepareBatch on the
 *     first chunk) in a worker thread while the main thread ingests. Then a collector child serves
 *     `GET /v1/aggregates` (all teams, one team, one agent, 7 days, one script, a +05:30 reader) and
 *     `GET /v1/calls?limit=50` (first page and a cursor 80% deep), 3 warm-up + 20 timed requests each.
 *     Each aggregate is also asked with `status=intact` (every seeded call is intact), which makes the
 *     collector compute it from the per-call rows instead of its rollups: the baseline of the same run.
 * (4) Ingest at that size: one agent uploads 5 batches of new calls (at most 60 s) to the seeded database.
 *
 * COLLECTOR_BENCH_QUICK=1: a smoke run at small sizes (its numbers are not the benchmark's).
 * COLLECTOR_BENCH_PARTS=qa: only (3) and (4); =ingest: only (1) and (2).
 */
import {execFileSync, spawn} from 'node:child_process';
import {createHash, randomBytes, randomUUID} from 'node:crypto';
import {cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import http from 'node:http';
import {loadavg, tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {isDeepStrictEqual} from 'node:util';
import {fileURLToPath} from 'node:url';
import {isMainThread, parentPort, Worker, workerData} from 'node:worker_threads';
import Database from 'better-sqlite3';
import pg from 'pg';
import {callItemsFor} from '../../src/calls/call-items.js';
import {pinHash} from '../../src/calls/pinned-content.js';
import {prepareBatch} from '../../src/collector/ingest/prepare-batch.js';
import {validateEvent} from '../../src/collector/ingest/validate-event.js';
import {pinsFromPack} from '../../src/collector/pins/pins-from-pack.js';
import {openPostgresStore} from '../../src/collector/store/postgres-store.js';
import {openSqliteStore, SQLITE_FILE} from '../../src/collector/store/sqlite-store.js';
import {issueToken} from '../../src/collector/tokens/issue-token.js';
import {jsonText} from '../../src/internal/json-text.js';
import {GENESIS_HASH, hashEvent} from '../../src/storage/event-log.js';
import {ensurePostgres} from '../support/postgres.mjs';
import {mulberry32, nextOf} from './call-walk.mjs';
import {quantile, summarize} from './stats.mjs';

export const name = 'collector';

const QUICK = process.env.COLLECTOR_BENCH_QUICK === '1';
const PARTS = process.env.COLLECTOR_BENCH_PARTS ?? 'ingest,qa';
const ONLY_QA = !PARTS.includes('ingest');
const WITH_QA = PARTS.includes('qa');
const EVENTS_PER_CALL = 40;
/** The widget's batch (src/sync) and the collector's limit per request. */
const BATCH = 100;
/** (1) [agents, events per run]; repetitions; the time bound of a run; warm-up events per run. */
const LEVELS = QUICK
  ? [
      [1, 2_000],
      [10, 4_000],
      [50, 5_000],
    ]
  : [
      [1, 10_000],
      [10, 30_000],
      [50, 30_000],
    ];
const REPS = QUICK ? 1 : 3;
const RUN_CAP_MS = 20_000;
const WARMUP_EVENTS = QUICK ? 400 : 2_000;
const BACKENDS = ['baseline', 'sqlite', 'postgres'];
/** (2) events timed per in-process phase. */
const PHASE_EVENTS = QUICK ? 2_000 : 10_000;
/** (3) seeded events per database, agents, teams, days; chunk = one transaction; requests per query. */
const QA_EVENTS = {
  sqlite: Number(process.env.COLLECTOR_BENCH_QA_EVENTS ?? (QUICK ? 40_000 : 5_000_000)),
  postgres: Number(process.env.COLLECTOR_BENCH_PG_QA_EVENTS ?? (QUICK ? 40_000 : 5_000_000)),
};
const QA_AGENTS = QUICK ? 100 : 1_000;
const QA_TEAMS = 10;
const QA_DAYS = 30;
const QA_FIRST_DAY = Date.UTC(2026, 2, 1);
const SEED_CHUNK_CALLS = 50;
const PG_SEED_IN_FLIGHT = 4;
/**
 * A seed stops after this long (s) and the QA part reads what it holds (reported): on a quiet 2-core
 * machine 5M events take ~7 min on SQLite and ~13 min on PostgreSQL; other jobs can double that.
 */
const SEED_CAP_S = {sqlite: 900, postgres: 1200};
const QUERY_WARMUP = 3;
const QUERY_REPS = QUICK ? 5 : 20;
/**
 * A series of one request stops after this long (ms) once it has 3 timed requests; a request slower
 * than SLOW_QUERY_MS is warmed up once only.
 */
const QUERY_CAP_MS = 60_000;
const SLOW_QUERY_MS = 2_000;
/** (4) batches one agent uploads to the seeded database, and the time bound. */
const AT_SCALE_BATCHES = 5;
const AT_SCALE_CAP_MS = 60_000;

/**
 * The machine may be shared (another job's tests): a run starts once other jobs use under
 * QUIET_OTHER_PCT % of a core for a second (waiting at most QUIET_WAIT_MS), and a run during which they
 * used more than RERUN_OTHER_PCT % is run again once; waits and reruns stop after DISTURBANCE_BUDGET_MS.
 */
const QUIET_OTHER_PCT = 25;
const QUIET_WAIT_MS = 15_000;
const RERUN_OTHER_PCT = 50;
const DISTURBANCE_BUDGET_MS = 300_000;

const COLLECTOR_BIN = 'src/collector/bin/collector.ts';
const SELF = fileURLToPath(import.meta.url);
const us = (ms, n) => (ms * 1000) / n;

// -----------------------------------------------------------------------------------------------------
// Calls as the widget logs them.

/** The built pack (dist/kb): each script with the items a call pins and their `pinHash`, article ids. */
async function loadPack(dir) {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const read = (ref) => JSON.parse(readFileSync(join(dir, ref.path), 'utf8'));
  const checklists = read(manifest.files.checklists);
  const scripts = [];
  for (const script of read(manifest.files.scripts)) {
    const items = callItemsFor(script, checklists);
    scripts.push({script, items, pinHash: await pinHash({script, items})});
  }
  return {
    dir,
    version: manifest.contentHash,
    scripts,
    articles: read(manifest.files.articles).map((a) => a.id),
  };
}

/**
 * One ended call of {@link EVENTS_PER_CALL} events: a walk through the pinned script (branches, now and
 * then a skip), most items ticked (critical ones nearly always), searches and articles, a call-end; every
 * event chained and hashed as `hashEvent` does (synchronous SHA-256: the same digest, 10× cheaper here).
 */
function makeCall(pack, rng, {agentId, startMs, pinned}) {
  const {script, items} = pinned;
  const pick = (list) => list[Math.floor(rng() * list.length)];
  const budget = EVENTS_PER_CALL - 2;
  const moves = [];
  const visited = new Set();
  let step = script.steps[0] ?? null;
  while (step && moves.length < 16) {
    visited.add(step.id);
    const data = {stepId: step.id};
    let target;
    if (step.branches.length > 0) {
      const fresh = step.branches.filter((b) => !visited.has(b.target));
      data.branch = pick(fresh.length > 0 ? fresh : step.branches).target;
      target = data.branch;
    } else target = nextOf(script, step);
    if (step.branches.length === 0 && rng() < 0.05)
      moves.push({type: 'step-skip', data: {...data, reason: 'Customer asked to move on'}});
    else moves.push({type: 'step-complete', data});
    step = target === null ? null : script.steps.find((s) => s.id === target);
  }
  const other = [];
  for (const item of items) {
    const r = rng();
    if (r < (item.critical ? 0.97 : 0.85))
      other.push({type: 'item-check', data: {itemId: item.id, source: 'agent'}});
    else if (r < 0.9)
      other.push({type: 'item-skip', data: {itemId: item.id, reason: 'Not relevant', source: 'agent'}});
  }
  while (moves.length + other.length < budget)
    other.push(
      rng() < 0.5
        ? {type: 'article-open', data: {articleId: pick(pack.articles), from: 'search'}}
        : {type: 'search', data: {resultCount: Math.floor(rng() * 10)}}
    );
  // Notes and ticks land anywhere in the walk, which keeps its order.
  const middle = [...moves];
  for (const a of other) middle.splice(Math.floor(rng() * (middle.length + 1)), 0, a);
  const start = {scriptId: script.id, scriptVersion: script.version, queue: null, pinHash: pinned.pinHash};
  const actions = [
    {type: 'call-start', data: start},
    ...middle.slice(0, budget),
    {type: 'call-end', data: rng() < 0.7 ? {outcome: pick(['resolved', 'escalated', 'callback'])} : {}},
  ];
  const callId = `call-${randomUUID()}`;
  const startMono = 1.7e12 + Math.floor(rng() * 1e9);
  const events = [];
  let prevHash = GENESIS_HASH;
  let offsetMs = 0;
  for (const [i, a] of actions.entries()) {
    if (i > 0) offsetMs += 1000 + Math.floor(rng() * 8000);
    const content = {
      eventId: randomUUID(),
      callId,
      agentId,
      seq: i + 1,
      type: a.type,
      data: a.data,
      clientTs: new Date(startMs + offsetMs).toISOString(),
      clientMono: startMono + offsetMs,
      offset: offsetMs / 1000,
      packVersion: pack.version,
      prevHash,
    };
    const hash = createHash('sha256')
      .update(jsonText(content, {canonical: true}))
      .digest('hex');
    events.push({...content, hash, synced: 0});
    prevHash = hash;
  }
  return events;
}

/** Throws unless `hashEvent` (the widget's, Web Crypto) gives the same hashes as {@link makeCall}. */
async function checkHashes(events) {
  for (const {hash, synced: _synced, ...content} of events)
    if ((await hashEvent(content)) !== hash) throw new Error('collector bench: makeCall hashes differ');
}

/** An agent's upload: its calls' events in order, as request bodies of {@link BATCH} events. */
function agentBodies(pack, rng, agentId, events) {
  const list = [];
  while (list.length < events)
    list.push(...makeCall(pack, rng, {agentId, startMs: Date.now() - 3_600_000, pinned: pick(rng, pack)}));
  const bodies = [];
  for (let i = 0; i < events; i += BATCH) {
    const batch = list.slice(i, Math.min(events, i + BATCH));
    const ids = batch.map((e) => e.eventId).sort();
    bodies.push({
      buf: Buffer.from(JSON.stringify({events: batch})),
      count: batch.length,
      key: createHash('sha256').update(ids.join('\n')).digest('hex'),
      events: batch,
    });
  }
  return bodies;
}

const pick = (rng, pack) => pack.scripts[Math.floor(rng() * pack.scripts.length)];

/** What prepareBatch makes of events, with node:crypto's SHA-256 in place of Web Crypto's. */
function prepareSync(raw) {
  return raw.map((item, i) => {
    const checked = validateEvent(item, i);
    if (!checked.ok) throw new Error(`collector bench: ${checked.reason}`);
    const {hash, ...content} = checked.event;
    const digest = createHash('sha256')
      .update(jsonText(content, {canonical: true}))
      .digest('hex');
    const e = checked.event;
    return {
      eventId: e.eventId,
      callId: e.callId,
      agentId: e.agentId,
      seq: e.seq,
      type: e.type,
      clientTs: checked.clientTs,
      prevHash: e.prevHash,
      hash,
      hashOk: digest === hash,
      body: checked.body,
      data: e.data,
    };
  });
}

// -----------------------------------------------------------------------------------------------------
// Databases and processes.

/** A fresh, migrated database of `kind` (`sqlite`, `postgres`) and its store. */
async function freshDatabase(kind, pgUrl) {
  if (kind.startsWith('sqlite')) {
    const dir = mkdtempSync(join(tmpdir(), 'aa-bench-collector-'));
    const store = openSqliteStore(dir);
    await store.migrate();
    const db = {kind, dir, store, env: {COLLECTOR_DATA_DIR: dir}};
    db.bytes = () =>
      ['', '-wal'].reduce(
        (n, s) => n + (statSync(join(dir, SQLITE_FILE + s), {throwIfNoEntry: false})?.size ?? 0),
        0
      );
    db.drop = async () => {
      await db.store.close();
      rmSync(dir, {recursive: true, force: true});
    };
    return db;
  }
  const dbName = `aa_bench_${randomBytes(5).toString('hex')}`;
  await pgAdmin(pgUrl, `CREATE DATABASE ${dbName}`);
  const url = new URL(pgUrl);
  url.pathname = `/${dbName}`;
  const store = openPostgresStore(url.href);
  await store.migrate();
  const db = {kind, dbName, url: url.href, store, env: {DATABASE_URL: url.href}};
  db.bytes = async () => Number((await pgQuery(db.url, `SELECT pg_database_size('${dbName}') AS n`))[0].n);
  db.drop = async () => {
    await db.store.close();
    await pgAdmin(pgUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  };
  return db;
}

async function pgQuery(url, sql, params = []) {
  const client = new pg.Client({connectionString: url});
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const pgAdmin = (url, sql) => pgQuery(url, sql);

/** `[startedAt, callId]` of the call `offset` places into the newest-first list, as a `/v1/calls` cursor. */
async function cursorAt(db, offset) {
  const sql = 'SELECT started_at, call_id FROM calls ORDER BY started_at DESC, call_id DESC LIMIT 1 OFFSET ';
  let row;
  if (db.dir) {
    const conn = new Database(join(db.dir, SQLITE_FILE), {readonly: true});
    row = conn.prepare(`${sql}?`).get(offset);
    conn.close();
  } else [row] = await pgQuery(db.url, `${sql}$1`, [offset]);
  return Buffer.from(JSON.stringify([row.started_at, row.call_id])).toString('base64url');
}

/** Starts `args` (a node script) in a child and resolves once it prints `listening on <url>`. */
function startChild(root, args, env) {
  const child = spawn(process.execPath, args, {cwd: root, env});
  let out = '';
  let err = '';
  const exited = new Promise((r) => child.once('exit', (code, signal) => r(code ?? signal)));
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error(`child did not start in 60 s:\n${out}\n${err}`)), 60_000);
    child.stderr.on('data', (chunk) => (err += chunk));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (!match) return;
      clearTimeout(timer);
      resolveStart({
        pid: child.pid,
        url: match[1],
        async stop() {
          child.kill('SIGTERM');
          const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
          const code = await exited;
          clearTimeout(kill);
          if (code !== 0) console.warn(`  child exited with ${code}: ${err.slice(-2000)}`);
        },
      });
    });
    exited.then((code) => reject(new Error(`child exited (${code}) before listening:\n${out}\n${err}`)));
  });
}

/** The collector as `npm run collector` runs it: its CLI in a child, rate limit off, logs at warn. */
function startCollector(ctx, dbEnv, profileDir) {
  const env = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    COLLECTOR_LOG_LEVEL: 'warn',
    COLLECTOR_RATE_LIMIT: '0',
    COLLECTOR_PACK_DIR: ctx.packDir,
  };
  delete env.DATABASE_URL;
  delete env.COLLECTOR_DATA_DIR;
  const prof = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  return startChild(ctx.root, [...prof, '--import', 'tsx', COLLECTOR_BIN], {...env, ...dbEnv});
}

/** The baseline: Fastify with the ingest route's schemas, acknowledging every event, no database. */
async function serveBaseline() {
  const {default: Fastify} = await import('fastify');
  const app = Fastify({
    logger: false,
    bodyLimit: 1024 * 1024,
    ajv: {customOptions: {removeAdditional: false, coerceTypes: true}},
  });
  const ids = {type: 'array', items: {type: 'string'}};
  const schema = {
    headers: {type: 'object', properties: {'idempotency-key': {type: 'string', maxLength: 256}}},
    body: {
      type: 'object',
      required: ['events'],
      additionalProperties: false,
      properties: {events: {type: 'array', minItems: 1, items: {}}},
    },
    response: {
      200: {
        type: 'object',
        required: ['accepted', 'duplicates', 'rejected'],
        properties: {accepted: ids, duplicates: ids, rejected: {type: 'array', items: {type: 'object'}}},
      },
    },
  };
  app.post('/v1/events', {schema}, async (request) => ({
    accepted: request.body.events.map((e) => e.eventId),
    duplicates: [],
    rejected: [],
  }));
  const url = await app.listen({host: '127.0.0.1', port: 0});
  process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
  process.stdout.write(`baseline listening on ${url}\n`);
}

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time (user + system, ms) of process `pid`, from /proc; 0 once it is gone. */
function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
  } catch {
    return 0;
  }
}

/** CPU ms of PostgreSQL's backends for database `dbName` and of the cluster's writers, by pid. */
function pgCpu(dbName) {
  const out = new Map();
  if (!dbName) return out;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let cmd;
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!cmd.startsWith('postgres:')) continue;
    if (cmd.includes(` ${dbName} `) || /walwriter|checkpointer|background writer|autovacuum/.test(cmd))
      out.set(pid, cpuMs(pid));
  }
  return out;
}

const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/** Other jobs' CPU over the next `ms` (% of one core): the machine's busy time less ours and `pids`'. */
async function otherLoad(ms, pids) {
  const m0 = machineCpu();
  const self0 = process.cpuUsage();
  const p0 = pids.map(cpuMs);
  await new Promise((r) => setTimeout(r, ms));
  const self = process.cpuUsage(self0);
  const ours = (self.user + self.system) / 1000 + pids.reduce((n, p, i) => n + cpuMs(p) - p0[i], 0);
  return pct(machineCpu().busy - m0.busy - ours, ms);
}

/** Waits until other jobs are quiet (see QUIET_OTHER_PCT), within the budget; resolves the ms waited. */
async function quiet(ctx, pids) {
  const t = performance.now();
  while (
    performance.now() - t < QUIET_WAIT_MS &&
    ctx.waitedMs + ctx.rerunMs + (performance.now() - t) < DISTURBANCE_BUDGET_MS &&
    (await otherLoad(1000, pids)) > QUIET_OTHER_PCT
  );
  const waited = performance.now() - t;
  ctx.waitedMs += waited;
  return waited;
}

/** The machine's busy and iowait CPU time so far (all cores, ms), from /proc/stat. */
function machineCpu() {
  const [user, nice, system, , iowait, irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const ms = (ticks) => (ticks * 1000) / CLK_TCK;
  return {busy: ms(user + nice + system + irq + softirq + steal), iowait: ms(iowait)};
}

/**
 * CPU used while `fn` runs, in ms: by the collector (pid), PostgreSQL (dbName), this process (the load
 * generator), and by everything else on the machine (`other`: another job sharing it makes a run noisy);
 * `iowait`: time cores sat idle waiting for the disk (fsync).
 */
async function withCpu(pid, dbName, fn) {
  const pg0 = pgCpu(dbName);
  const c0 = pid ? cpuMs(pid) : 0;
  const self0 = process.cpuUsage();
  const m0 = machineCpu();
  const from = monotonicUs();
  const result = await fn();
  const window = {from, to: monotonicUs()};
  const m1 = machineCpu();
  const self = process.cpuUsage(self0);
  const pg1 = pgCpu(dbName);
  let pgMs = 0;
  for (const [p, ms] of pg1) pgMs += ms - (pg0.get(p) ?? 0);
  const cpu = {collector: pid ? cpuMs(pid) - c0 : 0, postgres: pgMs, load: (self.user + self.system) / 1000};
  cpu.other = Math.max(0, m1.busy - m0.busy - cpu.collector - cpu.postgres - cpu.load);
  cpu.iowait = m1.iowait - m0.iowait;
  return {result, cpu, window};
}

// -----------------------------------------------------------------------------------------------------
// Load.

function request(url, {method = 'GET', agent, token, body, key}) {
  return new Promise((resolveReq, reject) => {
    const headers = {};
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = body.length;
      headers['Idempotency-Key'] = key;
    }
    const req = http.request(url, {method, agent, headers}, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolveReq({status: res.statusCode, text: Buffer.concat(chunks).toString('utf8')}));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Each agent sends its bodies one after another on its own keep-alive connection, until all are sent
 * or `capMs` has passed; every answer must accept the whole batch. Latency: request start to last byte.
 */
async function drive(url, agents, capMs) {
  const latencies = [];
  let accepted = 0;
  const t0 = performance.now();
  await Promise.all(
    agents.map(async ({token, bodies}) => {
      const agent = new http.Agent({keepAlive: true, maxSockets: 1});
      try {
        for (const b of bodies) {
          if (performance.now() - t0 > capMs) break;
          const s = performance.now();
          const res = await request(`${url}/v1/events`, {
            method: 'POST',
            agent,
            token,
            body: b.buf,
            key: b.key,
          });
          latencies.push(performance.now() - s);
          const ack = res.status === 200 ? JSON.parse(res.text) : null;
          if (ack?.accepted.length !== b.count)
            throw new Error(`collector bench: ${res.status} ${res.text.slice(0, 300)}`);
          accepted += b.count;
        }
      } finally {
        agent.destroy();
      }
    })
  );
  const ms = performance.now() - t0;
  return {latencies, accepted, ms, rate: accepted / (ms / 1000), capped: ms > capMs};
}

/** Agent tokens for `agentIds` (team `bench`), straight through the store as the token CLI does. */
async function agentTokens(store, agentIds, team = 'bench') {
  const tokens = [];
  for (const agentId of agentIds) tokens.push(await tokenSecret(store, {role: 'agent', agentId, team}));
  return tokens;
}

const tokenSecret = async (store, req) => (await issueToken(store, req)).secret;

/** One measured run of `backend` at one level on a fresh database; or with a CPU profile of the child. */
async function ingestRun(ctx, backend, level, baseline, profileDir) {
  const agentIds = level.agents.map((a) => a.agentId);
  if (backend === 'baseline') {
    const agents = level.agents.map((a) => ({token: 'none', bodies: a.bodies}));
    await drive(baseline.url, [{token: 'none', bodies: level.warmup}], RUN_CAP_MS);
    const waitedMs = await quiet(ctx, [baseline.pid]);
    const {result, cpu} = await withCpu(baseline.pid, null, () => drive(baseline.url, agents, RUN_CAP_MS));
    return {...result, cpu, waitedMs};
  }
  const db = await freshDatabase(backend, ctx.pgUrl);
  let collector = null;
  try {
    const tokens = await agentTokens(db.store, [...agentIds, 'bench-warmup']);
    await db.store.close();
    collector = await startCollector(ctx, db.env, profileDir);
    await drive(collector.url, [{token: tokens.at(-1), bodies: level.warmup}], RUN_CAP_MS);
    const agents = level.agents.map((a, i) => ({token: tokens[i], bodies: a.bodies}));
    const waitedMs = await quiet(ctx, [collector.pid]);
    const {result, cpu, window} = await withCpu(collector.pid, db.dbName, () =>
      drive(collector.url, agents, RUN_CAP_MS)
    );
    await collector.stop();
    collector = null;
    // Every acknowledged event is stored once, and no chain is broken.
    db.store = backend === 'postgres' ? openPostgresStore(db.url) : openSqliteStore(db.dir);
    const {events} = await db.store.counts();
    const warm = level.warmup.reduce((n, b) => n + b.count, 0);
    if (events !== result.accepted + warm)
      throw new Error(
        `collector bench: ${backend} holds ${events} events, acknowledged ${result.accepted + warm}`
      );
    const broken = await db.store.listCalls({status: 'broken'}, 1, null);
    if (broken.calls.length > 0)
      throw new Error(`collector bench: ${backend} broke ${broken.calls[0].callId}`);
    return {...result, cpu, window, waitedMs};
  } finally {
    await collector?.stop();
    await db.drop();
  }
}

// -----------------------------------------------------------------------------------------------------
// Where the time goes.

/** Per-event costs in this process over `bodies`: parse, prepare (Web Crypto / node:crypto), store.ingest. */
async function phases(ctx, bodies, kinds) {
  const token = {role: 'agent', agentId: bodies[0].events[0].agentId};
  const n = bodies.reduce((s, b) => s + b.count, 0);
  const out = {};
  let t = performance.now();
  const parsed = bodies.map((b) => JSON.parse(b.buf.toString('utf8')).events);
  out['JSON.parse of the request bodies'] = us(performance.now() - t, n);
  t = performance.now();
  const prepared = [];
  for (const events of parsed) prepared.push((await prepareBatch(events, token)).events);
  out['prepareBatch: validation, canonical JSON, Web Crypto SHA-256'] = us(performance.now() - t, n);
  t = performance.now();
  const sync = parsed.map(prepareSync);
  out['the same with node:crypto SHA-256 (synchronous)'] = us(performance.now() - t, n);
  if (!isDeepStrictEqual(sync, prepared))
    throw new Error('collector bench: prepareSync differs from prepareBatch');
  for (const kind of kinds) {
    const db = await freshDatabase(kind, ctx.pgUrl);
    try {
      await db.store.addPins(await pinsFromPack(ctx.packDir), new Date().toISOString());
      t = performance.now();
      for (const batch of prepared) await db.store.ingest(batch, new Date().toISOString());
      out[`store.ingest on ${kind} (batches of ${BATCH}, one after another)`] = us(performance.now() - t, n);
    } finally {
      await db.drop();
    }
  }
  return out;
}

/** Module groups a CPU profile's self time is summed into (first match of the frame's URL wins). */
const PROFILE_GROUPS = [
  [
    /node_modules\/(fastify|@fastify|find-my-way|avvio|fast-json-stringify|ajv|secure-json-parse|light-my-request|pino|fast-uri|fast-querystring|toad-cache|rfdc)\//,
    'Fastify (routing, schemas, serialization, logs)',
  ],
  [
    /node_modules\/(pg|pg-protocol|pg-pool|pg-types|pg-connection-string|postgres-[a-z]+)\//,
    'pg client (protocol, parsing rows)',
  ],
  [/better-sqlite3|store\/sqlite-store\.ts/, 'SQLite statements (better-sqlite3)'],
  [/src\/internal\/sha256|internal\/crypto/, 'SHA-256 through Web Crypto (main-thread part)'],
  [/src\/internal\/json-text/, 'canonical JSON (jsonText)'],
  [/validate-event/, 'event validation'],
  [/src\/(calls|scripting)\/|summarize-call|score-call-row/, 'scoring (reportFromLog)'],
  [/src\/collector\//, 'collector, other'],
  [/^node:|^internal\//, 'Node core (http, net, streams)'],
];

/**
 * Shares of wall time by module group in a `.cpuprofile` (native frames count for their caller), over the
 * samples taken in `window` (µs of the monotonic clock, which V8's sample times and process.hrtime share).
 */
function profileGroups(file, window) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const groupOf = new Map();
  const group = (id) => {
    if (groupOf.has(id)) return groupOf.get(id);
    const {functionName: fn, url} = byId.get(id).callFrame;
    let g = null;
    if (fn === '(idle)') g = 'idle (waiting for the network or the database)';
    else if (fn === '(garbage collector)') g = 'garbage collection';
    else if (fn === '(program)') g = 'V8 and native, unattributed';
    else if (!url && (fn === 'parse' || fn === 'stringify')) g = 'JSON.parse / JSON.stringify';
    // The store runs only BEGIN IMMEDIATE and COMMIT through exec(): the time is the commit's fsync.
    else if (fn === 'exec' && url.includes('better-sqlite3')) g = 'SQLite BEGIN/COMMIT (the fsync)';
    else if (url) g = PROFILE_GROUPS.find(([re]) => re.test(url))?.[1] ?? 'other JS';
    g ??= parent.has(id) ? group(parent.get(id)) : 'other';
    groupOf.set(id, g);
    return g;
  };
  const ms = new Map();
  let at = profile.startTime;
  let total = 0;
  for (const [i, id] of profile.samples.entries()) {
    const delta = profile.timeDeltas[i + 1] ?? 0;
    at += profile.timeDeltas[i];
    if (at < window.from || at > window.to) continue;
    ms.set(group(id), (ms.get(group(id)) ?? 0) + delta);
    total += delta;
  }
  return [...ms].sort((a, b) => b[1] - a[1]).map(([g, m]) => ({group: g, share: m / total}));
}

/** The main thread's profile among those a child wrote to `dir` (the largest file). */
function mainProfile(dir) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  files.sort((a, b) => statSync(join(dir, b)).size - statSync(join(dir, a)).size);
  if (!files[0]) throw new Error(`collector bench: no CPU profile in ${dir}`);
  return join(dir, files[0]);
}

// -----------------------------------------------------------------------------------------------------
// QA over a seeded database.

/**
 * Worker side of the seed: `calls` ended calls spread over agents and days, sent as prepared chunks of
 * {@link SEED_CHUNK_CALLS} calls, one per credit the main thread posts.
 */
async function seedWorker({packDir, calls, agents, seed}) {
  const pack = await loadPack(packDir);
  const rng = mulberry32(seed);
  let next = 0;
  let busyMs = 0;
  parentPort.on('message', () => {
    const t = performance.now();
    if (next >= calls) return parentPort.postMessage({done: true, busyMs});
    const raw = [];
    for (const end = Math.min(calls, next + SEED_CHUNK_CALLS); next < end; next++) {
      const day = Math.floor((next * QA_DAYS) / calls);
      const startMs = QA_FIRST_DAY + day * 86_400_000 + 8 * 3_600_000 + Math.floor(rng() * 12 * 3_600_000);
      const agentId = agents[Math.floor(rng() * agents.length)];
      raw.push(...makeCall(pack, rng, {agentId, startMs, pinned: pick(rng, pack)}));
    }
    const prepared = prepareSync(raw);
    if (prepared.some((e) => !e.hashOk)) throw new Error('collector bench: a seeded hash does not check');
    busyMs += performance.now() - t;
    parentPort.postMessage({raw: next === SEED_CHUNK_CALLS ? raw : null, prepared});
  });
}

/** Seeds a fresh database of `kind` with `events` events through store.ingest; resolves the database. */
async function seed(ctx, kind, events) {
  const db = await freshDatabase(kind, ctx.pgUrl);
  const calls = Math.round(events / EVENTS_PER_CALL);
  const agents = Array.from({length: QA_AGENTS}, (_, i) => `agent-${String(i + 1).padStart(4, '0')}`);
  const teamOf = (i) => `team-${String((i % QA_TEAMS) + 1).padStart(2, '0')}`;
  let t = performance.now();
  await db.store.addPins(await pinsFromPack(ctx.packDir), new Date().toISOString());
  // Each agent's token puts the agent in its team, as `token create --role agent --team` does.
  const agentTokens = [];
  for (const [i, agentId] of agents.entries())
    agentTokens.push(await tokenSecret(db.store, {role: 'agent', agentId, team: teamOf(i)}));
  const qaAll = await tokenSecret(db.store, {role: 'qa', team: '*'});
  const qaTeam = await tokenSecret(db.store, {role: 'qa', team: teamOf(2)});
  const setupMs = performance.now() - t;

  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(import.meta.url)}); }).then((m) => m.startSeedWorker());`;
  const worker = new Worker(code, {
    eval: true,
    workerData: {collectorBenchSeed: {packDir: ctx.packDir, calls, agents, seed: 20260301}},
  });
  const inFlight = kind === 'postgres' ? PG_SEED_IN_FLIGHT : 1;
  const queue = [];
  const waiters = [];
  const wake = () => waiters.splice(0).forEach((r) => r());
  let workerMs = 0;
  let failed = null;
  worker.on('message', (m) => {
    if (m.done) workerMs = m.busyMs;
    queue.push(m);
    wake();
  });
  worker.on('error', (err) => {
    failed = err;
    wake();
  });
  const take = async () => {
    while (queue.length === 0) {
      if (failed) throw failed;
      await new Promise((r) => waiters.push(r));
    }
    worker.postMessage('more');
    return queue.shift();
  };
  for (let i = 0; i < inFlight + 2; i++) worker.postMessage('more');
  // The clock starts once the worker (tsx, the pack) is up and its first chunk is ready.
  while (queue.length === 0 && !failed) await new Promise((r) => waiters.push(r));
  const m0 = machineCpu();
  const self0 = process.cpuUsage();
  const pg0 = pgCpu(db.dbName);
  t = performance.now();
  let ingested = 0;
  let checked = false;
  let done = false;
  let capped = false;
  const lane = async () => {
    for (;;) {
      if (done) return;
      if (performance.now() - t > SEED_CAP_S[kind] * 1000) {
        capped = true;
        done = true;
        return;
      }
      const chunk = await take();
      if (chunk.done) {
        done = true;
        return;
      }
      if (chunk.raw && !checked) {
        checked = true;
        await checkHashes(chunk.raw.slice(0, EVENTS_PER_CALL));
        const viaRoute = await prepareBatch(chunk.raw, {role: 'admin', agentId: null});
        if (!isDeepStrictEqual(viaRoute.events, chunk.prepared))
          throw new Error('collector bench: the seed prepares events unlike prepareBatch');
      }
      const res = await db.store.ingest(chunk.prepared, new Date().toISOString());
      if (res.accepted.length !== chunk.prepared.length)
        throw new Error(`collector bench: seed refused ${JSON.stringify(res.rejected[0])}`);
      ingested += res.accepted.length;
      if (ingested % 500_000 < chunk.prepared.length)
        console.log(
          `  ${kind}: ${ingested.toLocaleString('en')} events, ${((performance.now() - t) / 1000).toFixed(0)} s`
        );
    }
  };
  try {
    await Promise.all(Array.from({length: inFlight}, lane));
  } finally {
    await worker.terminate();
  }
  const seedMs = performance.now() - t;
  // CPU of other jobs on the machine meanwhile (% of one core): what made this seed slower than it is.
  const self = process.cpuUsage(self0);
  let ours = (self.user + self.system) / 1000;
  for (const [p, ms] of pgCpu(db.dbName)) ours += ms - (pg0.get(p) ?? 0);
  const otherPct = pct(machineCpu().busy - m0.busy - ours, seedMs);
  const counts = await db.store.counts();
  if (counts.events !== ingested) throw new Error(`collector bench: seeded ${counts.events} of ${ingested}`);
  // Chunks hold whole calls, so every seeded call ended and is scored.
  const all = await db.store.aggregates({});
  if (all.count !== counts.calls)
    throw new Error(`collector bench: ${all.count} of ${counts.calls} seeded calls scored`);
  await db.store.close();
  if (capped) console.log(`  ${kind}: seed stopped at ${SEED_CAP_S[kind]} s with ${ingested} events`);
  return Object.assign(db, {
    calls: counts.calls,
    events: counts.events,
    agents,
    tokens: {agent: agentTokens[0], qaAll, qaTeam},
    seed: {
      capped,
      setupMs,
      seedMs,
      workerMs,
      otherPct,
      rate: counts.events / (seedMs / 1000),
      bytes: await db.bytes(),
    },
    meanScore: all.meanScore,
  });
}

/**
 * Time per SQL statement while `fn` runs in this process (keyed by the statement's start): the drivers'
 * query methods are wrapped meanwhile and restored after.
 */
async function statementTimes(fn) {
  const times = new Map();
  const note = (sql, ms) => {
    const key = sql.replace(/\s+/g, ' ').trim().slice(0, 100);
    const e = times.get(key) ?? {n: 0, ms: 0};
    e.n++;
    e.ms += ms;
    times.set(key, e);
  };
  const probe = new Database(':memory:');
  const statement = Object.getPrototypeOf(probe.prepare('SELECT 1'));
  probe.close();
  const saved = {
    all: statement.all,
    run: statement.run,
    get: statement.get,
    query: pg.Client.prototype.query,
  };
  for (const m of ['all', 'run', 'get'])
    statement[m] = function (...args) {
      const t = performance.now();
      try {
        return saved[m].apply(this, args);
      } finally {
        note(this.source, performance.now() - t);
      }
    };
  // pg.Pool#query calls Client#query with a callback; a transaction's client with a promise.
  pg.Client.prototype.query = function (text, ...rest) {
    const t = performance.now();
    const sql = typeof text === 'string' ? text : text?.text;
    const cb = rest.findIndex((a) => typeof a === 'function');
    if (cb >= 0) {
      const done = rest[cb];
      rest[cb] = (...a) => {
        if (sql) note(sql, performance.now() - t);
        return done(...a);
      };
    }
    const pending = saved.query.call(this, text, ...rest);
    if (cb < 0 && sql && pending?.then)
      pending.then(
        () => note(sql, performance.now() - t),
        () => undefined
      );
    return pending;
  };
  try {
    await fn();
  } finally {
    Object.assign(statement, {all: saved.all, run: saved.run, get: saved.get});
    pg.Client.prototype.query = saved.query;
  }
  const total = [...times.values()].reduce((n, e) => n + e.ms, 0);
  return [...times].sort((a, b) => b[1].ms - a[1].ms).map(([sql, e]) => ({sql, ...e, share: e.ms / total}));
}

/** Times each QA request `QUERY_REPS` times after `QUERY_WARMUP`, one after another (bounded); p50/p95 in ms. */
async function qaQueries(ctx, collector, db, cursor) {
  const agent = new http.Agent({keepAlive: true, maxSockets: 1});
  const from = new Date(QA_FIRST_DAY + 9 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(QA_FIRST_DAY + 15 * 86_400_000).toISOString().slice(0, 10);
  const queries = [
    ['aggregates, all teams', '/v1/aggregates', db.tokens.qaAll],
    ['aggregates, one team (its QA token)', '/v1/aggregates', db.tokens.qaTeam],
    ['aggregates, one agent', `/v1/aggregates?agent=${db.agents[41]}`, db.tokens.qaAll],
    [`aggregates, 7 days (${from}..${to})`, `/v1/aggregates?from=${from}&to=${to}`, db.tokens.qaAll],
    ['aggregates, one script', '/v1/aggregates?script=billing-inbound', db.tokens.qaAll],
    ['aggregates, all teams, a reader at +05:30', '/v1/aggregates?tzOffset=330', db.tokens.qaAll],
    ['calls?limit=50, first page', '/v1/calls?limit=50', db.tokens.qaAll],
    ['calls?limit=50, a cursor 80% deep', `/v1/calls?limit=50&cursor=${cursor}`, db.tokens.qaAll],
  ];
  // Each aggregate again from the per-call rows (`status=intact` selects every seeded call): the baseline.
  for (const [label, path, token] of queries.filter(([, p]) => p.startsWith('/v1/aggregates')))
    queries.push([
      `${label}, per-call queries`,
      `${path}${path.includes('?') ? '&' : '?'}status=intact`,
      token,
    ]);
  const out = [];
  try {
    for (const [label, path, token] of queries) {
      const times = [];
      let body = null;
      await quiet(ctx, [collector.pid]);
      const m0 = machineCpu();
      const started = performance.now();
      let warmups = QUERY_WARMUP;
      while (times.length < QUERY_REPS) {
        if (times.length >= 3 && performance.now() - started > QUERY_CAP_MS) break;
        const t = performance.now();
        const res = await request(collector.url + path, {agent, token});
        const ms = performance.now() - t;
        if (res.status !== 200)
          throw new Error(`collector bench: ${path}: ${res.status} ${res.text.slice(0, 300)}`);
        body ??= JSON.parse(res.text);
        if (warmups > 0) warmups = ms > SLOW_QUERY_MS ? 0 : warmups - 1;
        else times.push(ms);
      }
      const size = body.calls ? `${body.calls.length} calls` : `${body.count} calls`;
      // The machine's CPU meanwhile, all of it (ours included), % of one core: a noisy series shows here.
      const busyPct = pct(machineCpu().busy - m0.busy, performance.now() - started);
      out.push({label, path, size, ...summarize(times), p50: quantile(times, 0.5), busyPct});
    }
    for (const r of out) {
      const perCall = out.find((b) => b.label === `${r.label}, per-call queries`);
      if (perCall) r.perCallRatio = r.p50 / perCall.p50;
    }
  } finally {
    agent.destroy();
  }
  return out;
}

/** (3) and (4) on one database: seed, read, ingest at that size. */
async function qaOn(ctx, pack, kind) {
  console.log(`  seeding ${kind} with ${QA_EVENTS[kind].toLocaleString('en')} events…`);
  const db = await seed(ctx, kind, QA_EVENTS[kind]);
  let collector = null;
  try {
    console.log(`  ${kind}: seeded in ${(db.seed.seedMs / 1000).toFixed(0)} s; reading…`);
    const cursor = await cursorAt(db, Math.floor(db.calls * 0.8));
    // Where one team's aggregates spend their time, statement by statement (in-process, nothing else running).
    const store = kind === 'postgres' ? openPostgresStore(db.url) : openSqliteStore(db.dir);
    await store.ping();
    const teamAggregates = await statementTimes(() => store.aggregates({team: 'team-03'}));
    await store.close();
    collector = await startCollector(ctx, db.env);
    const queries = await qaQueries(ctx, collector, db, cursor);
    const bodies = agentBodies(pack, mulberry32(7), db.agents[0], AT_SCALE_BATCHES * BATCH);
    await quiet(ctx, [collector.pid]);
    const {result: atScale, cpu} = await withCpu(collector.pid, db.dbName, () =>
      drive(collector.url, [{token: db.tokens.agent, bodies}], AT_SCALE_CAP_MS)
    );
    atScale.cpuPct = Object.fromEntries(CPU_KEYS.map((k) => [k, pct(cpu[k], atScale.ms)]));
    return {
      kind,
      calls: db.calls,
      events: db.events,
      meanScore: db.meanScore,
      seed: db.seed,
      teamAggregates,
      queries,
      atScale,
    };
  } finally {
    await collector?.stop();
    await db.drop();
  }
}

// -----------------------------------------------------------------------------------------------------
// The run.

function table(header, lines) {
  const all = [header, ...lines].map((r) => r.map(String));
  const widths = all[0].map((_, i) => Math.max(...all.map((r) => r[i].length)));
  return all.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ')).join('\n');
}

const f0 = (v) => (Number.isFinite(v) ? v.toFixed(0) : '–');
const f1 = (v) => (Number.isFinite(v) ? v.toFixed(1) : '–');
/** CPU ms over wall ms, as % of one core. */
const pct = (cpu, wall) => (100 * cpu) / wall;
const CPU_KEYS = ['collector', 'postgres', 'load', 'other', 'iowait'];
const cpuText = (c) => CPU_KEYS.map((k) => f0(c[k])).join(' / ');

/** (1) Every backend at every level, repetitions interleaved; the baseline in one process throughout. */
/** A run in a few numbers, for the JSON. */
function runSummary(backend, level, {latencies, window: _w, ...r}) {
  const p = (q) => quantile(latencies, q);
  return {backend, agents: level.agents.length, ...r, requests: latencies.length, p50: p(0.5), p99: p(0.99)};
}

async function ingestLevels(ctx, levels) {
  const baseline = await startChild(ctx.root, ['--import', 'tsx', SELF, '--baseline-server'], process.env);
  const runs = Object.fromEntries(BACKENDS.map((b) => [b, levels.map(() => [])]));
  try {
    for (const [li, level] of levels.entries()) {
      for (let rep = 0; rep < REPS; rep++) {
        for (const backend of BACKENDS) {
          let r = null;
          // A run that other jobs disturbed is run again once (within the budget); the calmer one counts.
          for (let attempt = 0; attempt < 2; attempt++) {
            const t = performance.now();
            const next = await ingestRun(ctx, backend, level, baseline);
            next.cpuPct = Object.fromEntries(CPU_KEYS.map((k) => [k, pct(next.cpu[k], next.ms)]));
            if (r) ctx.rerunMs += performance.now() - t;
            if (!r || next.cpuPct.other < r.cpuPct.other) {
              if (r) ctx.discarded.push(runSummary(backend, level, r));
              r = next;
            } else ctx.discarded.push(runSummary(backend, level, next));
            if (r.cpuPct.other <= RERUN_OTHER_PCT || ctx.rerunMs + ctx.waitedMs > DISTURBANCE_BUDGET_MS)
              break;
          }
          runs[backend][li].push(r);
          console.log(
            `  ${backend}, ${level.agents.length} agents, rep ${rep + 1}: ${f0(r.rate)} events/s, ` +
              `p50 ${f1(quantile(r.latencies, 0.5))} ms, CPU % ${cpuText(r.cpuPct)}${r.capped ? ', stopped at 20 s' : ''}`
          );
        }
      }
    }
  } finally {
    await baseline.stop();
  }
  return runs;
}

/** (2) One more 10-agent run per collector backend, its child under --cpu-prof; the last run's kept. */
async function profileRuns(ctx, level, kinds) {
  const profiles = {};
  const profileRoot = join(ctx.root, 'bench-results', 'collector-profiles');
  rmSync(profileRoot, {recursive: true, force: true});
  for (const kind of kinds) {
    const dir = join(profileRoot, kind);
    mkdirSync(dir, {recursive: true});
    const r = await ingestRun(ctx, kind, level, null, dir);
    const file = mainProfile(dir);
    profiles[kind] = {file, rate: r.rate, groups: profileGroups(file, r.window)};
  }
  return profiles;
}

/** The rows of (1) and the lines of its table. */
function ingestReport(levels, runs) {
  const rows = [];
  const lines = [];
  for (const [li, level] of levels.entries()) {
    const n = level.agents.length;
    const baseRate = summarize(runs.baseline[li].map((r) => r.rate)).median;
    const baseP50 = quantile(
      runs.baseline[li].flatMap((r) => r.latencies),
      0.5
    );
    for (const backend of BACKENDS) {
      const rs = runs[backend][li];
      const latencies = rs.flatMap((r) => r.latencies);
      const rate = summarize(rs.map((r) => r.rate));
      const lat = summarize(latencies);
      const p99 = quantile(latencies, 0.99);
      const cpu = Object.fromEntries(CPU_KEYS.map((k) => [k, summarize(rs.map((r) => r.cpuPct[k])).median]));
      const label = `ingest ${backend}, ${n} agent${n > 1 ? 's' : ''}`;
      rows.push(
        {
          metric: `${label}: events/s (ratio: to the baseline's)`,
          unit: 'events/s',
          ...rate,
          ratio: rate.median / baseRate,
        },
        {
          metric: `${label}: request latency, all requests of ${rs.length} runs (median = p50)`,
          unit: 'ms',
          ...lat,
          p99,
          ratio: lat.median / baseP50,
        },
        {
          metric: `${label}: request latency p99 (of each run)`,
          unit: 'ms',
          ...summarize(rs.map((r) => quantile(r.latencies, 0.99))),
        },
        {
          metric: `${label}: CPU of the server process (postgres ${f0(cpu.postgres)}, load generator ${f0(cpu.load)}, other jobs ${f0(cpu.other)}, iowait ${f0(cpu.iowait)})`,
          unit: '% of a core',
          ...summarize(rs.map((r) => r.cpuPct.collector)),
        }
      );
      lines.push([
        backend,
        n,
        `${f0(rate.median)} (${f0(rate.p25)}–${f0(rate.p75)})`,
        f1(lat.median),
        f1(p99),
        `${(rate.median / baseRate).toFixed(2)}×`,
        cpuText(cpu),
        rs.some((r) => r.capped) ? 'stopped at 20 s' : '',
      ]);
    }
  }
  return {rows, lines};
}

/** The rows of (2), (3) and (4). */
function otherRows(phaseCosts, profiles, qa) {
  const rows = [];
  for (const [phase, value] of Object.entries(phaseCosts))
    rows.push({metric: `per event, in-process: ${phase}`, unit: 'µs/event', median: value, n: 1});
  for (const [kind, p] of Object.entries(profiles)) {
    const top = p.groups.slice(0, 5).map((g) => `${g.group} ${f0(g.share * 100)}%`);
    const idle = p.groups.find((g) => g.group.startsWith('idle'))?.share ?? 0;
    rows.push({
      metric: `profile of the collector, ${kind}, 10 agents: ${top.join(', ')}`,
      unit: '% busy',
      median: 100 * (1 - idle),
      n: 1,
    });
  }
  for (const q of Object.values(qa)) {
    const size = sizeText(q.events);
    rows.push(
      {
        metric: `seed ${q.kind}, ${size} (${q.calls} calls) via store.ingest: wall time`,
        unit: 's',
        median: q.seed.seedMs / 1000,
        n: 1,
      },
      {metric: `seed ${q.kind}: rate`, unit: 'events/s', median: q.seed.rate, n: 1},
      {metric: `seed ${q.kind}: database size`, unit: 'MB', median: q.seed.bytes / 1048576, n: 1}
    );
    const stmts = q.teamAggregates;
    const top = stmts[0] ? `; ${f0(stmts[0].share * 100)}% in: ${stmts[0].sql}` : '';
    rows.push({
      metric: `QA ${q.kind} ${size}: one team's store.aggregates() in-process${top}`,
      unit: 'ms',
      median: stmts.reduce((n, e) => n + e.ms, 0),
      n: 1,
    });
    for (const r of q.queries)
      rows.push({metric: `QA ${q.kind} ${size}: ${r.label} → ${r.size}`, unit: 'ms', ...r});
    for (const r of q.queries.filter((x) => x.perCallRatio !== undefined))
      rows.push({
        metric: `QA ${q.kind} ${size}: ${r.label}, p50 × the per-call queries`,
        unit: '×',
        median: r.perCallRatio,
        n: 1,
      });
    rows.push({
      metric: `ingest into the seeded ${q.kind} (${size}), 1 agent, ${q.atScale.latencies.length} requests of ${BATCH}`,
      unit: 'ms',
      ...summarize(q.atScale.latencies),
      rate: q.atScale.rate,
    });
  }
  return rows;
}

const sizeText = (events) => `${(events / 1e6).toFixed(events < 1e6 ? 2 : 0)}M events`;

function printTables(ingestLines, phaseCosts, profiles, qa) {
  if (ingestLines.length > 0) printIngestTables(ingestLines, phaseCosts, profiles);
  if (Object.keys(qa).length > 0) printQaTables(qa);
}

function printIngestTables(ingestLines, phaseCosts, profiles) {
  console.log(
    `\nIngest over loopback, batches of ${BATCH} events (events/s: median of ${REPS} runs and p25–p75; ` +
      'latency over all requests of the runs; CPU as % of one core, medians: the server process / ' +
      'PostgreSQL / the load generator / other jobs on the machine / iowait):\n' +
      table(['backend', 'agents', 'events/s', 'p50 ms', 'p99 ms', '× baseline', 'CPU %', ''], ingestLines)
  );
  console.log(
    '\nPer event, in-process:\n' +
      table(
        ['phase', 'µs/event'],
        Object.entries(phaseCosts).map(([k, v]) => [k, f1(v)])
      )
  );
  for (const [kind, p] of Object.entries(profiles)) {
    const groups = p.groups.filter((g) => g.share >= 0.005).map((g) => [g.group, f1(g.share * 100)]);
    console.log(
      `\nProfile of the collector (${kind}, 10 agents, ${f0(p.rate)} events/s; % of wall time):\n` +
        table(['group', '%'], groups)
    );
  }
}

function printQaTables(qa) {
  const qs = Object.values(qa);
  console.log(
    '\nSeeding (store.ingest in-process, 2,000 events per transaction):\n' +
      table(
        [
          'database',
          'events',
          'calls',
          'wall s',
          'events/s',
          'generator busy s',
          'other jobs CPU %',
          'size MB',
          'mean score',
        ],
        qs.map((q) => [
          q.kind,
          q.events,
          q.calls,
          f0(q.seed.seedMs / 1000),
          f0(q.seed.rate),
          f0(q.seed.workerMs / 1000),
          f0(q.seed.otherPct),
          f0(q.seed.bytes / 1048576),
          f1(q.meanScore),
        ])
      )
  );
  console.log(
    `\nQA reads (${QUERY_REPS} requests each after ${QUERY_WARMUP} warm-up, one at a time):\n` +
      table(
        ['database', 'size', 'request', 'answer', 'p50 ms', 'p95 ms', 'n', '× per-call', 'machine CPU %'],
        qs.flatMap((q) =>
          q.queries.map((r) => [
            q.kind,
            sizeText(q.events),
            r.label,
            r.size,
            f1(r.p50),
            f1(r.p95),
            r.n,
            r.perCallRatio === undefined ? '' : r.perCallRatio.toFixed(3),
            f0(r.busyPct),
          ])
        )
      )
  );
  for (const q of qs)
    console.log(
      `\nOne team's store.aggregates() on ${q.kind} (${sizeText(q.events)}), in-process, by statement:\n` +
        table(
          ['ms', '%', 'statement'],
          q.teamAggregates.map((e) => [f1(e.ms), f0(e.share * 100), e.sql])
        )
    );
  console.log(
    `\nIngest into the seeded databases (1 agent, batches of ${BATCH}, at most ${AT_SCALE_BATCHES} or ${AT_SCALE_CAP_MS / 1000} s):\n` +
      table(
        ['database', 'size', 'requests', 'p50 ms', 'max ms', 'events/s', 'CPU %'],
        qs.map((q) => [
          q.kind,
          sizeText(q.events),
          q.atScale.latencies.length,
          f0(quantile(q.atScale.latencies, 0.5)),
          f0(Math.max(...q.atScale.latencies)),
          f0(q.atScale.rate),
          cpuText(q.atScale.cpuPct),
        ])
      )
  );
}

export async function run({root}) {
  const pgUrl = await ensurePostgres();
  if (!pgUrl) throw new Error('collector bench: no PostgreSQL (set AA_TEST_DATABASE_URL or run as root)');
  const startLoad = loadavg();
  // A private copy of the built pack: another build in this checkout may replace dist/ meanwhile.
  const ctx = {root, pgUrl, packDir: mkdtempSync(join(tmpdir(), 'aa-bench-pack-'))};
  Object.assign(ctx, {waitedMs: 0, rerunMs: 0, discarded: []});
  cpSync(join(root, 'dist', 'kb'), ctx.packDir, {recursive: true});
  try {
    return await measure(ctx, startLoad);
  } finally {
    rmSync(ctx.packDir, {recursive: true, force: true});
  }
}

async function measure(ctx, startLoad) {
  const pack = await loadPack(ctx.packDir);
  const rng = mulberry32(20261201);
  await checkHashes(
    makeCall(pack, rng, {agentId: 'bench-check', startMs: Date.now(), pinned: pack.scripts[0]})
  );

  // The load of each level, made once and sent to a fresh database in every run.
  const levels = LEVELS.map(([agents, events]) => ({
    agents: Array.from({length: agents}, (_, i) => {
      const agentId = `bench-agent-${String(i + 1).padStart(2, '0')}`;
      return {agentId, bodies: agentBodies(pack, rng, agentId, Math.ceil(events / agents))};
    }),
    warmup: agentBodies(pack, rng, 'bench-warmup', WARMUP_EVENTS),
    events,
  }));
  const kinds = BACKENDS.filter((b) => b !== 'baseline');

  let phaseCosts = {};
  let runs = null;
  let profiles = {};
  if (!ONLY_QA) {
    console.log('  per-event costs in-process…');
    const phaseBodies = levels[0].agents[0].bodies.slice(0, PHASE_EVENTS / BATCH);
    phaseCosts = await phases(ctx, phaseBodies, kinds);
    runs = await ingestLevels(ctx, levels);
    console.log('  profiles…');
    profiles = await profileRuns(ctx, levels[Math.min(1, levels.length - 1)], kinds);
  }
  const qa = {};
  if (WITH_QA) for (const kind of ['sqlite', 'postgres']) qa[kind] = await qaOn(ctx, pack, kind);

  const ingest = runs ? ingestReport(levels, runs) : {lines: [], rows: []};
  printTables(ingest.lines, phaseCosts, profiles, qa);
  console.log(
    `\nOther jobs on the machine: waited ${f0(ctx.waitedMs / 1000)} s for quiet, ran ${ctx.discarded.length} ` +
      `disturbed runs again (${f0(ctx.rerunMs / 1000)} s); load average ${loadavg().map(f1).join(' ')}.`
  );
  return {
    rows: [...ingest.rows, ...otherRows(phaseCosts, profiles, qa)],
    config: {
      levels: LEVELS,
      reps: REPS,
      batch: BATCH,
      capMs: RUN_CAP_MS,
      warmup: WARMUP_EVENTS,
      qaEvents: QA_EVENTS,
      quick: QUICK,
    },
    loadavg: {start: startLoad, end: loadavg()},
    disturbance: {waitedMs: ctx.waitedMs, rerunMs: ctx.rerunMs, discardedRuns: ctx.discarded},
    runs: Object.fromEntries(
      Object.entries(runs ?? {}).map(([b, ls]) => [
        b,
        ls.map((rs, li) => rs.map((r) => runSummary(b, levels[li], r))),
      ])
    ),
    phases: phaseCosts,
    profiles,
    qa,
  };
}

/** Entry of the seed worker (started by {@link seed} through tsx). */
export function startSeedWorker() {
  return seedWorker(workerData.collectorBenchSeed);
}

// `node --import tsx tests/bench/collector.bench.mjs --baseline-server`: the baseline's process.
if (isMainThread && process.argv.includes('--baseline-server') && resolve(process.argv[1] ?? '') === SELF)
  await serveBaseline();
