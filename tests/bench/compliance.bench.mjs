/**
 * Compliance logging and QA through the built widget (dist/agent-assist.js with its default pack,
 * dist/kb/), in headless Chromium, each part in a fresh browser context (an empty IndexedDB):
 *
 * (1) tick → committed: `await el.checkItem(id, {source: 'host'})` on the items of a `billing-inbound`
 *     call in turn (re-ticking a ticked item logs another event), time from the call to its resolution
 *     (which comes after the IndexedDB transaction committed). Baseline, interleaved in the same page: a
 *     plain IndexedDB `add` of a record shaped like a logged event, in its own transaction, into a store
 *     with the same key path and indexes as the widget's `events` table (no read, no hash).
 * (2) a call with 10,000 events: 50 ticks through the checklist UI at the start of the call (Playwright
 *     clicks on the checkbox `#item-<id>` in `aa-checklist-view`'s shadow root; each timed in the page from
 *     the click to the render that shows the committed state), then 10,000 events logged by `checkItem`,
 *     awaited one by one (each timed, long tasks recorded), then 50 more UI ticks (long tasks recorded).
 *     The UI ticks alternate check/uncheck per item, as clicking a ticked box unticks it. Heap: the page's
 *     `performance.memory.usedJSHeapSize` after, and the page heap after a forced GC (CDP) before/after.
 *     Then `el.verifyLog({callId})` checks the 10k chain (a sanity check, timed).
 * (3) QA over an imported team log: a log file of 4,000 ended calls × 25 events = 100,000 events is
 *     generated here in Node (seeded, so every run imports the same file): the pack's own scripts and
 *     checklist items, script walks that fit the scripts, ticks (some late, some skipped, some missing),
 *     article/search notes, valid hash chains (SHA-256 of the RFC 8785 canonical JSON of each event
 *     without `hash`, with the `canonicalize` package the widget uses). Call records carry the pinned
 *     script and items as exports do, but no stored `report`/`chain` (an import recomputes both), so the
 *     file is somewhat smaller than a real export of the same calls.
 *     (a) import through the QA view's file input (Playwright `setInputFiles`), timed in the page from the
 *     input's `change` to the frame after the view shows all calls (its summary's call count), with the
 *     long tasks in between; a fresh context per run. Reference row: `file.text()` + `JSON.parse` of the
 *     same File in the same page.
 *     (b) `aggregateCalls` from the built lazy chunk (dist/chunks/aggregate-calls-*.js) over every call
 *     the QA view holds, against a naive single-pass reduce computing only the mean score, interleaved.
 *     (c) filter changes in the QA view: the agent select set through Playwright `selectOption`,
 *     alternating agents and "all", timed from `change` to the view's `updateComplete` and to the next
 *     frame, with the long tasks in those windows.
 */
import {createHash} from 'node:crypto';
import {readFileSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import canonicalize from 'canonicalize';
import {callItemsFor} from '../../src/calls/call-items.js';
import {mulberry32, nextOf} from './call-walk.mjs';
import {summarize} from './stats.mjs';

export const name = 'compliance';

const SCRIPT_ID = 'billing-inbound';
/** COMPLIANCE_QUICK=1: a smoke run at a fraction of the sizes (its numbers are not the benchmark's). */
const Q = process.env.COMPLIANCE_QUICK === '1' ? 0.05 : 1;
const scaled = (n, min) => Math.max(min, Math.round(n * Q));
/** (1): kept ticks and warm-up ticks (not kept). */
const TICKS = scaled(300, 20);
const TICK_WARMUP = 20;
/** (2): events logged into one call, UI ticks before and after, and how many first/last API ticks compared. */
const LONG_CALL_EVENTS = scaled(10000, 400);
const UI_TICKS = scaled(50, 5);
const EDGE = scaled(200, 50);
/** (3): calls × events per call in the imported file; import runs (a fresh context each); reps. */
const QA_CALLS = scaled(4000, 100);
const EVENTS_PER_CALL = 25;
const QA_AGENTS = 40;
const QA_DAYS = 60;
const IMPORT_RUNS = scaled(3, 1);
const AGG_REPS = scaled(30, 5);
const AGG_WARMUP = 5;
const NAIVE_INNER = 200;
const FILTER_CHANGES = scaled(30, 4);

const MB = (bytes) => bytes / 1024 / 1024;
const ratio = (a, b) => (b > 0 ? a / b : undefined);
const GENESIS_HASH = '0'.repeat(64);

// -----------------------------------------------------------------------------------------------------
// The team log file.

export function loadPack(root) {
  const kb = join(root, 'dist/kb');
  const manifest = JSON.parse(readFileSync(join(kb, 'manifest.json'), 'utf8'));
  const read = (ref) => JSON.parse(readFileSync(join(kb, ref.path), 'utf8'));
  return {
    manifest,
    scripts: read(manifest.files.scripts),
    checklists: read(manifest.files.checklists),
    articles: read(manifest.files.articles).map((a) => a.id),
  };
}

/**
 * Builds the log file: `calls` ended calls of `perCall` events each, spread over `agents` agents and
 * `days` days, every pack script in turn. Returns the JSON text and a few counts.
 */
export function buildLogFile(pack, {calls, perCall, agents, days, seed = 20261122}) {
  const rng = mulberry32(seed);
  const pick = (list) => list[Math.floor(rng() * list.length)];
  const hex = (n) => {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(rng() * 16).toString(16);
    return s;
  };
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  const packHash = pack.manifest.contentHash;
  const agentIds = Array.from({length: agents}, (_, i) => `agent-${String(i + 1).padStart(2, '0')}`);
  const firstDay = Date.UTC(2026, 8, 1, 8, 0, 0);
  const spacing = (days * 86400000) / calls;
  const outCalls = [];
  const outEvents = [];
  let late = 0;
  for (let c = 0; c < calls; c++) {
    const script = pack.scripts[c % pack.scripts.length];
    const items = callItemsFor(script, pack.checklists);
    const agentId = pick(agentIds);
    const callId = `call-${uuid()}`;
    const startMs = Math.round(firstDay + c * spacing + rng() * 600000);
    const startedMono = 1.7e12 + c * 1e7 + rng() * 1000;

    // The script walk: complete (now and then skip) steps; at a branch prefer a target not visited yet.
    const budget = perCall - 2;
    const moves = [];
    const visited = new Set();
    let cur = script.steps[0] ?? null;
    while (cur && moves.length < Math.min(14, budget - 4)) {
      visited.add(cur.id);
      let target;
      const data = {stepId: cur.id};
      if (cur.branches.length > 0) {
        const fresh = cur.branches.filter((b) => !visited.has(b.target));
        data.branch = pick(fresh.length > 0 ? fresh : cur.branches).target;
        target = data.branch;
      } else {
        target = nextOf(script, cur);
      }
      if (cur.branches.length === 0 && rng() < 0.05)
        moves.push({type: 'step-skip', data: {...data, reason: 'Customer asked to move on'}});
      else moves.push({type: 'step-complete', data});
      cur = target === null ? null : script.steps.find((s) => s.id === target);
    }

    // Checklist actions: most items ticked, a few skipped, some never touched (missed); then notes.
    const other = [];
    const shuffled = [...items].sort(() => rng() - 0.5);
    for (const item of shuffled) {
      if (other.length >= budget - moves.length) break;
      const r = rng();
      if (r < 0.8)
        other.push({type: 'item-check', data: {itemId: item.id, source: rng() < 0.1 ? 'host' : 'agent'}});
      else if (r < 0.87)
        other.push({type: 'item-skip', data: {itemId: item.id, reason: 'Not relevant to this call'}});
    }
    while (moves.length + other.length < budget) {
      other.push(
        rng() < 0.5
          ? {type: 'article-open', data: {articleId: pick(pack.articles), from: 'script'}}
          : {type: 'search', data: {resultCount: Math.floor(rng() * 10)}}
      );
    }
    // Interleave the other actions into the walk at random places, keeping the walk's order.
    const middle = [...moves];
    for (const a of other) middle.splice(Math.floor(rng() * (middle.length + 1)), 0, a);
    const all = [
      {type: 'call-start', data: {scriptId: script.id, scriptVersion: script.version, queue: null}},
      ...middle,
      {type: 'call-end', data: rng() < 0.7 ? {outcome: pick(['resolved', 'escalated', 'callback'])} : {}},
    ];

    let prevHash = GENESIS_HASH;
    let offsetMs = 0;
    for (const [i, a] of all.entries()) {
      if (i > 0) offsetMs += 2000 + Math.floor(rng() * 20000);
      const offset = offsetMs / 1000;
      const content = {
        eventId: uuid(),
        callId,
        agentId,
        seq: i + 1,
        type: a.type,
        data: a.data,
        clientTs: new Date(startMs + offsetMs).toISOString(),
        clientMono: startedMono + offsetMs,
        offset,
        packVersion: packHash,
        prevHash,
      };
      const hash = createHash('sha256').update(canonicalize(content), 'utf8').digest('hex');
      outEvents.push({...content, hash});
      prevHash = hash;
      if (a.type === 'item-check' && offset > 15) late++;
    }
    outCalls.push({
      callId,
      agentId,
      status: 'ended',
      startedAt: new Date(startMs).toISOString(),
      startedMono,
      endedAt: new Date(startMs + offsetMs).toISOString(),
      packHash,
      scriptId: script.id,
      script,
      items,
      ...(all.at(-1).data.outcome ? {outcome: all.at(-1).data.outcome} : {}),
      eventCount: all.length,
    });
  }
  const file = {
    format: 'agent-assist-log',
    version: 1,
    exportedAt: new Date(firstDay + days * 86400000).toISOString(),
    calls: outCalls,
    events: outEvents,
  };
  return {
    text: JSON.stringify(file),
    calls: outCalls.length,
    events: outEvents.length,
    agents: agentIds,
    late,
  };
}

// -----------------------------------------------------------------------------------------------------
// Browser side.

async function openPage(context, baseUrl) {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/tests/bench/pages/compliance.html`);
  await page.waitForFunction(() => window.__ready);
  await page.evaluate(() => window.bench.loadWidget());
  return page;
}

/** Page heap after a forced GC (CDP), in bytes. */
async function gcHeap(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const {usedSize} = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

/** (1) */
async function tickToCommitted(browser, baseUrl) {
  const context = await browser.newContext();
  try {
    const page = await openPage(context, baseUrl);
    await page.evaluate(() => window.bench.mount());
    const call = await page.evaluate((id) => window.bench.startCall(id), SCRIPT_ID);
    const r = await page.evaluate(({items, n, warmup}) => window.bench.tickLatency(items, {n, warmup}), {
      items: call.items,
      n: TICKS,
      warmup: TICK_WARMUP,
    });
    return {items: call.items, ...r};
  } finally {
    await context.close();
  }
}

/** 50 ticks through the checklist UI, on the call's items in turn; each timed in the page. */
async function uiTicks(page, items, n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const id = items[i % items.length];
    await page.evaluate((id) => window.bench.armUiTick(id), id);
    await page.click(`agent-assist aa-checklist-view [id="item-${id}"]`);
    out.push(await page.evaluate(() => window.bench.awaitUiTick()));
  }
  return out;
}

/** (2) */
async function longCall(browser, baseUrl) {
  const context = await browser.newContext();
  try {
    const page = await openPage(context, baseUrl);
    await page.evaluate(() => window.bench.mount());
    const call = await page.evaluate((id) => window.bench.startCall(id), SCRIPT_ID);
    await page.click('agent-assist #tab-checklist');
    const heapStart = await gcHeap(context, page);
    const uiStart = await uiTicks(page, call.items, UI_TICKS);
    const t0 = performance.now();
    const logged = await page.evaluate(({items, n}) => window.bench.logEvents(items, n), {
      items: call.items,
      n: LONG_CALL_EVENTS,
    });
    console.log(
      `  logged ${LONG_CALL_EVENTS} events in ${(logged.totalMs / 1000).toFixed(1)} s (${((performance.now() - t0) / 1000).toFixed(1)} s wall)`
    );
    const uiEnd = await uiTicks(page, call.items, UI_TICKS);
    const uiEndLong = await page.evaluate(
      (w) => window.bench.longTasksIn(w),
      uiEnd.map((t) => [t.startedAt, t.doneAt])
    );
    const uiStartLong = await page.evaluate(
      (w) => window.bench.longTasksIn(w),
      uiStart.map((t) => [t.startedAt, t.doneAt])
    );
    const perfMemory = await page.evaluate(() => window.bench.usedHeap());
    const heapEnd = await gcHeap(context, page);
    const verify = await page.evaluate((id) => window.bench.verifyCall(id), call.callId);
    const expected = 1 + 2 * UI_TICKS + LONG_CALL_EVENTS;
    if (!verify.ok || verify.checked !== expected)
      throw new Error(`verifyLog: ${JSON.stringify(verify)}, expected ${expected} events in an intact chain`);
    return {
      items: call.items,
      uiStart,
      uiEnd,
      uiStartLong,
      uiEndLong,
      logged,
      perfMemory,
      heapStart,
      heapEnd,
      verify,
    };
  } finally {
    await context.close();
  }
}

/** (3a) one import in a fresh context; on the last run also (3b) and (3c). */
async function importRun(browser, baseUrl, filePath, log, full, chunkUrl) {
  const context = await browser.newContext();
  try {
    const page = await openPage(context, baseUrl);
    await page.evaluate(() => window.bench.mount({section: 'qa'}));
    await page.evaluate(() => window.bench.waitForQaView());
    await page.evaluate((n) => window.bench.armImport(n), log.calls);
    await page.setInputFiles('agent-assist aa-qa-view input[type=file]', filePath);
    const imported = await page.evaluate(() => window.bench.awaitImport());
    if (imported.calls !== log.calls || imported.events !== log.events || imported.broken !== 0)
      throw new Error(`import: ${JSON.stringify({...imported, agents: undefined})}`);
    const result = {imported, heapAfterImport: await page.evaluate(() => window.bench.usedHeap())};
    result.parse = await page.evaluate(() => window.bench.parseReference());
    if (!full) return result;

    result.aggregate = await page.evaluate(
      ({url, reps, warmup, inner}) => window.bench.aggregateBench(url, {reps, warmup, inner}),
      {url: chunkUrl, reps: AGG_REPS, warmup: AGG_WARMUP, inner: NAIVE_INNER}
    );
    const agentSelect = 'agent-assist aa-qa-view select >> nth=0';
    const filters = [];
    const values = [];
    for (let i = 0; i < FILTER_CHANGES; i++)
      values.push(i % 2 === 1 ? '' : imported.agents[(i / 2) % imported.agents.length]);
    for (const value of values) {
      await page.evaluate(() => window.bench.armFilter());
      await page.selectOption(agentSelect, value);
      filters.push({value, ...(await page.evaluate(() => window.bench.awaitFilter()))});
    }
    result.filters = filters;
    result.filterLong = await page.evaluate(
      (w) => window.bench.longTasksIn(w),
      filters.map((f) => [f.startedAt, f.doneAt])
    );
    return result;
  } finally {
    await context.close();
  }
}

async function qa(browser, baseUrl, root) {
  const chunk = readdirSync(join(root, 'dist/chunks')).find((f) => /^aggregate-calls-.*\.js$/.test(f));
  if (!chunk) throw new Error('no dist/chunks/aggregate-calls-*.js in the build');
  const t0 = performance.now();
  const log = buildLogFile(loadPack(root), {
    calls: QA_CALLS,
    perCall: EVENTS_PER_CALL,
    agents: QA_AGENTS,
    days: QA_DAYS,
  });
  const filePath = join(tmpdir(), `agent-assist-bench-log-${process.pid}.json`);
  writeFileSync(filePath, log.text);
  const bytes = statSync(filePath).size;
  console.log(
    `  generated ${log.calls} calls / ${log.events} events (${MB(bytes).toFixed(1)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`
  );
  try {
    const runs = [];
    for (let i = 0; i < IMPORT_RUNS; i++) {
      const last = i === IMPORT_RUNS - 1;
      runs.push(await importRun(browser, baseUrl, filePath, log, last, `/dist/chunks/${chunk}`));
      console.log(`  import ${i + 1}/${IMPORT_RUNS}: ${(runs.at(-1).imported.ms / 1000).toFixed(1)} s`);
    }
    return {log: {calls: log.calls, events: log.events, bytes, lateTicks: log.late}, chunk, runs};
  } finally {
    rmSync(filePath, {force: true});
  }
}

export async function run({browser, baseUrl, root}) {
  const rows = [];
  const t0 = performance.now();

  // (1)
  const ticks = await tickToCommitted(browser, baseUrl);
  const o = summarize(ticks.ours);
  const b = summarize(ticks.base);
  rows.push(
    {
      metric: `tick → committed: await checkItem() on a fresh ${SCRIPT_ID} call`,
      unit: 'ms',
      ...o,
      ratio: ratio(o.median, b.median),
    },
    {metric: 'baseline: raw IndexedDB add of a like record, own transaction', unit: 'ms', ...b, ratio: 1}
  );
  console.log(`  (1) ${((performance.now() - t0) / 1000).toFixed(0)} s`);

  // (2)
  const t2 = performance.now();
  const long = await longCall(browser, baseUrl);
  const first = summarize(long.logged.ms.slice(0, EDGE));
  const lastN = summarize(long.logged.ms.slice(-EDGE));
  const all = summarize(long.logged.ms);
  const uiS = summarize(long.uiStart.map((t) => t.ms));
  const uiE = summarize(long.uiEnd.map((t) => t.ms));
  const k = (n) => `${n / 1000}k`;
  rows.push(
    {
      metric: `${k(LONG_CALL_EVENTS)} call: all ${LONG_CALL_EVENTS} checkItem() awaited one by one (total ${(long.logged.totalMs / 1000).toFixed(1)} s)`,
      unit: 'ms',
      ...all,
    },
    {
      metric: `${k(LONG_CALL_EVENTS)} call: checkItem(), first ${EDGE} events`,
      unit: 'ms',
      ...first,
      ratio: 1,
    },
    {
      metric: `${k(LONG_CALL_EVENTS)} call: checkItem(), last ${EDGE} events (ratio to first ${EDGE})`,
      unit: 'ms',
      ...lastN,
      ratio: ratio(lastN.median, first.median),
    },
    {
      metric: `${k(LONG_CALL_EVENTS)} call: longest long task while logging (${long.logged.longTasks.count} long tasks, ${Math.round(long.logged.longTasks.totalMs)} ms total)`,
      unit: 'ms',
      median: long.logged.longTasks.longest,
      n: 1,
    },
    {
      metric: `${k(LONG_CALL_EVENTS)} call: UI click → tick shown committed, at call start`,
      unit: 'ms',
      ...uiS,
      ratio: 1,
    },
    {
      metric: `${k(LONG_CALL_EVENTS)} call: UI click → tick shown committed, at ${k(LONG_CALL_EVENTS)} events (ratio to start)`,
      unit: 'ms',
      ...uiE,
      ratio: ratio(uiE.median, uiS.median),
    },
    {
      metric: `${k(LONG_CALL_EVENTS)} call: longest long task during the ${UI_TICKS} UI ticks at ${k(LONG_CALL_EVENTS)} (${long.uiEndLong.count} long tasks; at start: ${long.uiStartLong.count}, longest ${Math.round(long.uiStartLong.longest)} ms)`,
      unit: 'ms',
      median: long.uiEndLong.longest,
      n: UI_TICKS,
    },
    {
      metric: `${k(LONG_CALL_EVENTS)} call: performance.memory.usedJSHeapSize after`,
      unit: 'MB',
      median: long.perfMemory === null ? undefined : MB(long.perfMemory),
      n: 1,
    },
    {
      metric: `${k(LONG_CALL_EVENTS)} call: page heap after GC, Δ from call start (CDP)`,
      unit: 'MB',
      median: MB(long.heapEnd - long.heapStart),
      n: 1,
    },
    {
      metric: `${k(LONG_CALL_EVENTS)} call: verifyLog({callId}) over its ${long.verify.checked} events`,
      unit: 'ms',
      median: long.verify.ms,
      n: 1,
    }
  );
  console.log(`  (2) ${((performance.now() - t2) / 1000).toFixed(0)} s`);

  // (3)
  const t3 = performance.now();
  const q = await qa(browser, baseUrl, root);
  const full = q.runs.at(-1);
  const imp = summarize(q.runs.map((r) => r.imported.ms));
  const parse = summarize(q.runs.map((r) => r.parse.ms));
  const importLong = q.runs.map((r) => r.imported.longTasks);
  const agg = summarize(full.aggregate.ours);
  // The naive pass takes microseconds: shown in µs, the ratio taken in the same unit.
  const naive = summarize(full.aggregate.base.map((ms) => ms * 1000));
  const fRender = summarize(full.filters.map((f) => f.renderMs));
  const fFrame = summarize(full.filters.map((f) => f.frameMs));
  const label = `QA ${(q.log.calls / 1000).toFixed(0)}k calls/${(q.log.events / 1000).toFixed(0)}k events`;
  rows.push(
    {
      metric: `${label}: import via the QA view's file input (${MB(q.log.bytes).toFixed(0)} MB) → calls shown`,
      unit: 'ms',
      ...imp,
      ratio: ratio(imp.median, parse.median),
    },
    {
      metric: `${label}: reference: file.text() + JSON.parse of the same file`,
      unit: 'ms',
      ...parse,
      ratio: 1,
    },
    {
      metric: `${label}: longest long task during an import (${importLong.map((l) => l.count).join('/')} long tasks, ${importLong.map((l) => Math.round(l.totalMs)).join('/')} ms total, per run)`,
      unit: 'ms',
      ...summarize(importLong.map((l) => l.longest)),
    },
    {
      metric: `${label}: aggregateCalls() over all calls (built chunk)`,
      unit: 'ms',
      ...agg,
      ratio: ratio(agg.median, naive.median / 1000),
    },
    {
      metric: `${label}: baseline: naive reduce, mean score only (per pass, ${NAIVE_INNER} passes/sample)`,
      unit: 'µs',
      ...naive,
      ratio: 1,
    },
    {
      metric: `${label}: agent filter change → QA view re-rendered (updateComplete)`,
      unit: 'ms',
      ...fRender,
    },
    {metric: `${label}: agent filter change → next frame (chart redrawn)`, unit: 'ms', ...fFrame},
    {
      metric: `${label}: longest long task during the ${FILTER_CHANGES} filter changes (${full.filterLong.count} long tasks)`,
      unit: 'ms',
      median: full.filterLong.longest,
      n: FILTER_CHANGES,
    },
    {
      metric: `${label}: performance.memory.usedJSHeapSize after import`,
      unit: 'MB',
      median: full.heapAfterImport === null ? undefined : MB(full.heapAfterImport),
      n: 1,
    }
  );
  console.log(`  (3) ${((performance.now() - t3) / 1000).toFixed(0)} s`);

  return {
    rows,
    config: {
      SCRIPT_ID,
      TICKS,
      TICK_WARMUP,
      LONG_CALL_EVENTS,
      UI_TICKS,
      EDGE,
      QA_CALLS,
      EVENTS_PER_CALL,
      QA_AGENTS,
      QA_DAYS,
      IMPORT_RUNS,
      AGG_REPS,
      NAIVE_INNER,
      FILTER_CHANGES,
    },
    ticks,
    longCall: {
      ...long,
      logged: {...long.logged, ms: undefined, summaryFirst: first, summaryLast: lastN, summaryAll: all},
      loggedMs: long.logged.ms.map((v) => Math.round(v * 100) / 100),
    },
    qa: {
      log: q.log,
      chunk: q.chunk,
      runs: q.runs.map(({imported, parse, heapAfterImport}) => ({
        imported: {...imported, agents: imported.agents.length},
        parse,
        heapAfterImport,
      })),
      aggregate: full.aggregate,
      filters: full.filters,
      filterLong: full.filterLong,
    },
    totalSeconds: (performance.now() - t0) / 1000,
  };
}
