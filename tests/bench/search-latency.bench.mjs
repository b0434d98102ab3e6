/**
 * Search speed of the built widget in Chromium, at ~1k articles (the stackfaq-en + wikiqa-en pack) and
 * ~40k (the atec-zh pack, 38,959 articles: the size the latency target is for):
 *
 * (a) time to first usable search: from `document.body.append(el)` to the first `el.search(probe)` that
 *     resolves hits (retried until it does: a pack can be applied before its index is ready; the probe is
 *     a word the pack contains, see search-packs.mjs; the widget's script is loaded before the clock
 *     starts); cold (a fresh browser context per sample) and warm (one context, the page reloaded: HTTP
 *     cache and the widget's offline storage warm, as far as the bench server's headers allow);
 * (b) query latency as typed: every prefix (by character) of a fixed sample of dev queries (stackfaq-en
 *     against the 1k pack, atec-zh against the 40k one) through `await el.search(prefix, {limit: 10})`,
 *     each call timed;
 * (c) at 40k, the longest main-thread task (PerformanceObserver 'longtask', ≥ 50 ms) while typing a few
 *     queries into the widget's search box, one character every 80 ms (or, without a search box, the
 *     same prefixes through `el.search()` at that pace), and separately while clearing the box between
 *     queries; at both sizes the longest task while the pack loads (from the append to the later of the
 *     first usable search and the pack applied, plus 500 ms for its render), in the steady-state page and
 *     in every cold and warm sample (each load is let finish before that sample's baseline runs);
 * (d) JS heap after the pack is applied and the first search ran, minus before the element was added:
 *     the page's heap plus its workers' (the search index may live in a worker), each after a forced GC
 *     (CDP Runtime.getHeapUsage: performance.memory is coarse and cached without a launch flag; the
 *     page's performance.memory values are kept in the raw results).
 *
 * Baselines, in the same pages: MiniSearch with default options over the raw docs' title and text
 * (fetch the docs, index, search the probe; prefixes with default search options). At 40k the default
 * tokenizer makes each Chinese doc one token, so it finds almost nothing and answers in ~0 ms: there the
 * query-latency and typing rows are compared with the Intl.Segmenter-tokenized index instead (the
 * relevance comparator for Chinese), and the heap rows list both.
 */
import {summarize} from './stats.mjs';
import {devQueries, ensurePack, everyKth} from './search-packs.mjs';

export const name = 'search-latency';

/**
 * Samples per size. `prefixQueries`: how many dev queries (a fixed 1-in-k sample) are typed prefix by
 * prefix (stackfaq-en queries average 74 characters: 200 queries ≈ 14,700 calls; atec-zh 13: ≈ 2,700).
 * `primary`: the baseline the query-latency and typing ratios are to; `primaryEvery`: it runs on every
 * n-th query of the sample only (the Segmenter baseline takes ~90 ms a prefix at 40k, so all 200 would
 * take 4 minutes), and the ratio compares the widget on those same queries.
 */
const SIZES = [
  {
    key: '1k',
    set: 'en-1k',
    queries: 'stackfaq-en',
    cold: 7,
    warm: 7,
    prefixQueries: 200,
    typedQueries: 0,
    baselines: ['default'],
    primary: 'default',
    primaryEvery: 1,
  },
  {
    key: '40k',
    set: 'atec-zh',
    queries: 'atec-zh',
    cold: 7,
    warm: 7,
    prefixQueries: 200,
    typedQueries: 5,
    baselines: ['default', 'segmenter'],
    primary: 'segmenter',
    primaryEvery: 4,
  },
];
const BASELINE_NAMES = {default: 'MiniSearch default', segmenter: 'MiniSearch + Intl.Segmenter'};

async function openPage(context, baseUrl) {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/tests/bench/pages/search.html`);
  await page.waitForFunction(() => window.__ready);
  await page.evaluate(() => window.bench.loadWidget());
  return page;
}

const mount = (page, pack) =>
  page.evaluate(({url, probe}) => window.bench.mountAndFirstSearch(url, probe), {
    url: pack.url,
    probe: pack.probe,
  });

/**
 * The long tasks of a pack load that `mounted` started: from the append to the later of its first usable
 * search and the pack applied, plus 500 ms for its render (waited for).
 */
async function loadLongTasks(page, mounted) {
  const appliedAt = await page.evaluate(() => window.bench.whenApplied());
  const loadEnd = Math.max(mounted.doneAt, appliedAt) + 500;
  await page.waitForFunction((t) => performance.now() > t + 100, loadEnd);
  const tasks = await page.evaluate(
    ({t0, t1}) => {
      const {count, longest} = window.bench.longTasksBetween(t0, t1);
      return {count, longest};
    },
    {t0: mounted.startedAt, t1: loadEnd}
  );
  return {tasks, loadEnd};
}

/**
 * One time-to-first-search sample of the widget and of the baseline in `page`, in alternating order; the
 * widget's load is let finish (and its long tasks counted) before the baseline starts.
 */
async function firstSearch(page, pack, widgetFirst) {
  const ours = async () => {
    const mounted = await mount(page, pack);
    return {...mounted, loadLongTasks: (await loadLongTasks(page, mounted)).tasks};
  };
  const base = () =>
    page.evaluate(({url, probe}) => window.bench.baselineFirstSearch('default', url, probe), {
      url: pack.docsUrl,
      probe: pack.probe,
    });
  if (widgetFirst) {
    const o = await ours();
    return {ours: o, base: await base()};
  }
  const b = await base();
  return {ours: await ours(), base: b};
}

async function coldSamples(browser, baseUrl, pack, n) {
  const samples = [];
  for (let i = 0; i < n; i++) {
    const context = await browser.newContext();
    try {
      samples.push(await firstSearch(await openPage(context, baseUrl), pack, i % 2 === 0));
    } finally {
      await context.close();
    }
  }
  return samples;
}

async function warmSamples(browser, baseUrl, pack, n) {
  const context = await browser.newContext();
  try {
    const page = await openPage(context, baseUrl);
    await firstSearch(page, pack, true); // fills the caches; not counted
    const samples = [];
    for (let i = 0; i < n; i++) {
      await page.reload();
      await page.waitForFunction(() => window.__ready);
      await page.evaluate(() => window.bench.loadWidget());
      samples.push(await firstSearch(page, pack, i % 2 === 0));
    }
    return samples;
  } finally {
    await context.close();
  }
}

/**
 * Heap readings for a page and its workers through CDP: workers are auto-attached (non-flat sessions,
 * so Playwright's own sessions are untouched) and queried with Target.sendMessageToTarget.
 */
async function heapMeter(context, page) {
  const cdp = await context.newCDPSession(page);
  const workers = new Map();
  const pending = new Map();
  let nextId = 1;
  cdp.on('Target.attachedToTarget', (e) => workers.set(e.sessionId, e.targetInfo.url));
  cdp.on('Target.detachedFromTarget', (e) => workers.delete(e.sessionId));
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const message = JSON.parse(e.message);
    pending.get(message.id)?.(message);
    pending.delete(message.id);
  });
  const toWorker = (sessionId, method) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, (m) =>
        m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result)
      );
      cdp
        .send('Target.sendMessageToTarget', {sessionId, message: JSON.stringify({id, method})})
        .catch(reject);
    });
  await cdp.send('Target.setAutoAttach', {autoAttach: true, waitForDebuggerOnStart: false, flatten: false});
  /** Used heap (bytes) of the page and of each worker, each after a forced GC. */
  return async function measure() {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const {usedSize: pageBytes} = await cdp.send('Runtime.getHeapUsage');
    const workerBytes = {};
    for (const [sessionId, url] of workers) {
      await toWorker(sessionId, 'HeapProfiler.collectGarbage');
      workerBytes[url] = (await toWorker(sessionId, 'Runtime.getHeapUsage')).usedSize;
    }
    const total = pageBytes + Object.values(workerBytes).reduce((a, b) => a + b, 0);
    const performanceMemory = await page.evaluate(() => window.bench.usedHeap());
    return {total, pageBytes, workerBytes, performanceMemory};
  };
}

const MB = (bytes) => bytes / 1024 / 1024;

/** (b), (c), (d) for one size, in one fresh context. */
async function steadyState(browser, baseUrl, pack, size, prefixQueries, typedQueries) {
  const context = await browser.newContext();
  try {
    const page = await openPage(context, baseUrl);
    const heap = await heapMeter(context, page);
    const before = await heap();
    const mounted = await mount(page, pack);
    // The pack's load goes on until the page has applied it (the first search may come before) and has
    // rendered it: long tasks are counted from the append to the later of the two, plus 500 ms, and the
    // heap is read after that (its forced GC is not one of them).
    const {tasks: loadTasks} = await loadLongTasks(page, mounted);
    const after = await heap();
    const memory = {before, after, oursMb: MB(after.total - before.total), baselines: {}};
    for (const b of size.baselines) {
      const b0 = await heap();
      const built = await page.evaluate(({url, b}) => window.bench.buildBaseline(b, url, b), {
        url: pack.docsUrl,
        b,
      });
      const b1 = await heap();
      memory.baselines[b] = {before: b0, after: b1, mb: MB(b1.total - b0.total), buildMs: built.ms};
    }

    const baselines = [{name: 'default'}];
    if (size.primary !== 'default') baselines.push({name: size.primary, every: size.primaryEvery});
    const prefix = await page.evaluate(({qs, baselines}) => window.bench.prefixLatency(qs, baselines, 10), {
      qs: prefixQueries,
      baselines,
    });

    let typing = null;
    if (typedQueries.length > 0) {
      const ours = await page.evaluate((qs) => window.bench.typeQueries(qs), typedQueries);
      const base = await page.evaluate(({qs, name}) => window.bench.baselineTypeQueries(name, qs), {
        qs: typedQueries,
        name: size.primary,
      });
      typing = {ours, base};
    }
    return {mount: mounted, loadLongTasks: loadTasks, memory, prefix, typing};
  } finally {
    await context.close();
  }
}

function sampleQueries(root, corpus, target) {
  const all = devQueries(root, corpus).map((q) => q.q);
  const step = Math.max(1, Math.floor(all.length / target));
  return {queries: everyKth(all, step).slice(0, target), step, of: all.length};
}

const ratio = (a, b) => (b > 0 ? a / b : undefined);

/** `SEARCH_LATENCY_SIZES=40k` (comma-separated keys) runs only those sizes: the 40k part alone is ~15 min. */
const ONLY = process.env.SEARCH_LATENCY_SIZES?.split(',').map((k) => k.trim());

export async function run({browser, baseUrl, root}) {
  const rows = [];
  const raw = {};
  for (const size of SIZES.filter((s) => !ONLY || ONLY.includes(s.key))) {
    const pack = await ensurePack(root, baseUrl, size.set);
    if (pack.built)
      console.log(`  built the ${size.set} pack (${pack.docs} docs) in ${(pack.ms / 1000).toFixed(1)} s`);
    const label = `${size.key} (${pack.docs} articles)`;
    const t0 = performance.now();

    // (a) time to first usable search
    const cold = await coldSamples(browser, baseUrl, pack, size.cold);
    const warm = await warmSamples(browser, baseUrl, pack, size.warm);
    for (const [kind, samples] of [
      ['cold', cold],
      ['warm', warm],
    ]) {
      const o = summarize(samples.map((s) => s.ours.ms));
      const b = summarize(samples.map((s) => s.base.ms));
      rows.push(
        {
          metric: `${label}: append → first usable search, ${kind}`,
          unit: 'ms',
          ...o,
          ratio: ratio(o.median, b.median),
        },
        {
          metric: `${size.key}: baseline ${BASELINE_NAMES.default} (fetch docs, index, search), ${kind}`,
          unit: 'ms',
          ...b,
          ratio: 1,
        }
      );
    }

    // (b), (c), (d)
    const prefixSample = sampleQueries(root, size.queries, size.prefixQueries);
    const typed = prefixSample.queries.slice(0, size.typedQueries);
    const steady = await steadyState(browser, baseUrl, pack, size, prefixSample.queries, typed);

    // Per-query arrays of per-prefix times (null where an engine skipped the query), flattened.
    const flat = (perQuery, only = null) =>
      perQuery.flatMap((times, i) => (only && !only[i] ? [] : (times ?? [])));
    const qLabel = `${prefixSample.queries.length} ${size.queries} dev q (1 in ${prefixSample.step})`;
    const p = summarize(flat(steady.prefix.ours));
    const primaryRan = steady.prefix[size.primary].map((t) => t !== null);
    const primaryQueries = primaryRan.filter(Boolean).length;
    const pPaired = summarize(flat(steady.prefix.ours, primaryRan));
    const pPrimary = summarize(flat(steady.prefix[size.primary]));
    const paired = primaryQueries === prefixSample.queries.length;
    rows.push({
      metric:
        `${size.key}: query latency as typed, every prefix of ${qLabel}` +
        (paired ? '' : ` (ratio on the ${primaryQueries}-q subset below)`),
      unit: 'ms',
      ...p,
      ratio: ratio(pPaired.median, pPrimary.median),
    });
    if (!paired)
      rows.push({
        metric: `${size.key}: same, on those ${primaryQueries} q (every ${size.primaryEvery}th)`,
        unit: 'ms',
        ...pPaired,
        ratio: ratio(pPaired.median, pPrimary.median),
      });
    rows.push({
      metric: `${size.key}: baseline ${BASELINE_NAMES[size.primary]}, same prefixes${paired ? '' : ` of those ${primaryQueries} q`}`,
      unit: 'ms',
      ...pPrimary,
      ratio: 1,
    });
    if (size.primary !== 'default')
      rows.push({
        metric: `${size.key}: baseline ${BASELINE_NAMES.default}, all ${prefixSample.queries.length} q (finds ~nothing in Chinese)`,
        unit: 'ms',
        ...summarize(flat(steady.prefix.default)),
        ratio: 1,
      });

    if (steady.typing) {
      const {ours, base} = steady.typing;
      rows.push(
        {
          metric: `${size.key}: longest long task while typing (${ours.mode}, ${ours.keystrokes} keys/80 ms; ${ours.count} long tasks)`,
          unit: 'ms',
          median: ours.longest,
          n: ours.keystrokes,
          ratio: ratio(ours.longest, base.longest),
        },
        {
          metric: `${size.key}: baseline ${BASELINE_NAMES[size.primary]}, same prefixes/80 ms (${base.count} long tasks)`,
          unit: 'ms',
          median: base.longest,
          n: ours.keystrokes,
          ratio: 1,
        }
      );
      if (ours.clearing)
        rows.push({
          metric: `${size.key}: longest long task on clearing the search box (${ours.clearing.count} long tasks)`,
          unit: 'ms',
          median: ours.clearing.longest,
          n: typed.length,
        });
    }
    rows.push({
      metric: `${size.key}: longest long task while the pack loads, to applied + 500 ms (${steady.loadLongTasks.count} long tasks)`,
      unit: 'ms',
      median: steady.loadLongTasks.longest,
      n: 1,
    });
    // The same for every cold and warm sample: the median of each load's longest task, and the longest.
    const perLoad = [...cold, ...warm].map((s) => s.ours.loadLongTasks);
    const longestPerLoad = summarize(perLoad.map((t) => t.longest));
    rows.push({
      metric: `${size.key}: longest long task per pack load, cold and warm samples (worst ${Math.max(...perLoad.map((t) => t.longest))} ms; ${perLoad.reduce((n, t) => n + t.count, 0)} long tasks in all)`,
      unit: 'ms',
      ...longestPerLoad,
    });

    const mem = steady.memory;
    rows.push({
      metric: `${size.key}: JS heap after pack load (Δ page + workers, after GC)`,
      unit: 'MB',
      median: mem.oursMb,
      n: 1,
      ratio: ratio(mem.oursMb, mem.baselines.default.mb),
    });
    for (const b of size.baselines)
      rows.push({
        metric: `${size.key}: baseline ${BASELINE_NAMES[b]} index heap (Δ, after GC)`,
        unit: 'MB',
        median: mem.baselines[b].mb,
        n: 1,
        ratio: 1,
      });

    raw[size.key] = {
      pack: {set: size.set, docs: pack.docs},
      cold,
      warm,
      prefixQueries: prefixSample,
      prefixMs: steady.prefix,
      typing: steady.typing,
      loadLongTasks: steady.loadLongTasks,
      memory: mem,
      mount: steady.mount,
    };
    console.log(`  ${size.key}: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  return {rows, ...raw};
}
