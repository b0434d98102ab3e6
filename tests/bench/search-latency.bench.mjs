/**
 * Search speed of the built widget in Chromium, at ~1k articles (the stackfaq-en + wikiqa-en pack) and
 * ~40k (the atec-zh pack, 38,959 articles: the size the latency target is for):
 *
 * (a) time to first usable search: from `document.body.append(el)` to the first `el.search('x')` that
 *     resolves once the pack is applied (the widget's script is loaded before the clock starts); cold
 *     (a fresh browser context per sample) and warm (one context, the page reloaded: HTTP cache and the
 *     widget's offline storage warm, as far as the bench server's headers allow);
 * (b) query latency as typed: every prefix (by character) of a fixed sample of dev queries (stackfaq-en
 *     against the 1k pack, atec-zh against the 40k one) through `await el.search(prefix, {limit: 10})`,
 *     each call timed;
 * (c) at 40k, the longest main-thread task (PerformanceObserver 'longtask', ≥ 50 ms) while typing a few
 *     queries into the widget's search box, one character every 80 ms (or, without a search box, the
 *     same prefixes through `el.search()` at that pace); also the longest task while the pack loads;
 * (d) JS heap after the pack is applied (and the first search ran), minus before the element was added,
 *     both after a forced GC (CDP Runtime.getHeapUsage: performance.memory is coarse and cached without
 *     a launch flag; its values are kept in the raw results).
 *
 * Baseline, in the same pages: MiniSearch with default options over the raw docs' title and text (fetch
 * the docs, index, search 'x'; prefixes with default search options). At 40k the heap rows also have
 * the Intl.Segmenter-tokenized index, the relevance comparator for Chinese (not its query latency: at
 * ~150 ms a query over 39k docs it would take minutes).
 */
import {summarize} from './stats.mjs';
import {devQueries, ensurePack, everyKth} from './search-packs.mjs';

export const name = 'search-latency';

/**
 * Samples per size. `prefixQueries`: how many dev queries (a fixed 1-in-k sample) are typed prefix by
 * prefix; fewer than ~200 to stay within the time budget on a 2-core machine: stackfaq-en queries
 * average 74 characters (80 queries ≈ 5,800 calls), and at 40k a call took ~90 ms when this was written
 * (60 atec-zh queries ≈ 820 calls).
 */
const SIZES = [
  {
    key: '1k',
    set: 'en-1k',
    queries: 'stackfaq-en',
    cold: 7,
    warm: 7,
    prefixQueries: 80,
    baselines: ['default'],
  },
  {
    key: '40k',
    set: 'atec-zh',
    queries: 'atec-zh',
    cold: 3,
    warm: 5,
    prefixQueries: 60,
    baselines: ['default', 'segmenter'],
  },
];
const TYPED_QUERIES = 5;
const BASELINE_NAMES = {default: 'MiniSearch default', segmenter: 'MiniSearch + Intl.Segmenter'};

async function openPage(context, baseUrl) {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/tests/bench/pages/search.html`);
  await page.waitForFunction(() => window.__ready);
  await page.evaluate(() => window.bench.loadWidget());
  return page;
}

/** One time-to-first-search sample of the widget and of the baseline in `page`, in alternating order. */
async function firstSearch(page, pack, widgetFirst) {
  const ours = () =>
    page.evaluate(({url, probe}) => window.bench.mountAndFirstSearch(url, probe), {
      url: pack.url,
      probe: pack.probe,
    });
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

/** Heap after a forced GC: CDP's used size, and performance.memory's value for the record. */
async function heap(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const {usedSize} = await cdp.send('Runtime.getHeapUsage');
  return {usedSize, performanceMemory: await page.evaluate(() => window.bench.usedHeap())};
}

const MB = (bytes) => bytes / 1024 / 1024;

/** (b), (c), (d) for one size, in one fresh context. */
async function steadyState(browser, baseUrl, pack, size, prefixQueries, typedQueries) {
  const context = await browser.newContext();
  try {
    const page = await openPage(context, baseUrl);
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    const before = await heap(page, cdp);
    const mount = await page.evaluate(({url, probe}) => window.bench.mountAndFirstSearch(url, probe), {
      url: pack.url,
      probe: pack.probe,
    });
    const after = await heap(page, cdp);
    const memory = {before, after, oursMb: MB(after.usedSize - before.usedSize), baselines: {}};
    for (const b of size.baselines) {
      const b0 = await heap(page, cdp);
      const built = await page.evaluate(({url, b}) => window.bench.buildBaseline(b, url, b), {
        url: pack.docsUrl,
        b,
      });
      const b1 = await heap(page, cdp);
      memory.baselines[b] = {before: b0, after: b1, mb: MB(b1.usedSize - b0.usedSize), buildMs: built.ms};
    }
    await page.waitForTimeout(200);
    const loadLongTasks = await page.evaluate(
      ({t0, t1}) => {
        const {count, longest} = window.bench.longTasksBetween(t0, t1);
        return {count, longest};
      },
      {t0: mount.startedAt, t1: mount.doneAt}
    );

    // Only the default baseline: the Segmenter one takes ~150 ms a query at 40k (OR over very common words).
    const prefix = await page.evaluate(({qs}) => window.bench.prefixLatency(qs, ['default'], 10), {
      qs: prefixQueries,
    });

    let typing = null;
    if (typedQueries) {
      const ours = await page.evaluate((qs) => window.bench.typeQueries(qs), typedQueries);
      const base = await page.evaluate((qs) => window.bench.baselineTypeQueries('default', qs), typedQueries);
      typing = {ours, base};
    }
    return {mount, loadLongTasks, memory, prefix, typing};
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

export async function run({browser, baseUrl, root}) {
  const rows = [];
  const raw = {};
  for (const size of SIZES) {
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
    const typed = size.key === '40k' ? prefixSample.queries.slice(0, TYPED_QUERIES) : null;
    const steady = await steadyState(browser, baseUrl, pack, size, prefixSample.queries, typed);

    const qLabel = `${prefixSample.queries.length} ${size.queries} dev q (1 in ${prefixSample.step})`;
    const p = summarize(steady.prefix.ours);
    const pb = summarize(steady.prefix.default);
    rows.push({
      metric: `${size.key}: query latency as typed, every prefix of ${qLabel}`,
      unit: 'ms',
      ...p,
      ratio: ratio(p.median, pb.median),
    });
    rows.push({
      metric: `${size.key}: baseline ${BASELINE_NAMES.default}, same prefixes`,
      unit: 'ms',
      ...pb,
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
          metric: `${size.key}: baseline ${BASELINE_NAMES.default}, same prefixes/80 ms (${base.count} long tasks)`,
          unit: 'ms',
          median: base.longest,
          n: ours.keystrokes,
          ratio: 1,
        }
      );
    }
    rows.push({
      metric: `${size.key}: longest long task while the pack loads (${steady.loadLongTasks.count} long tasks)`,
      unit: 'ms',
      median: steady.loadLongTasks.longest,
      n: 1,
    });

    const mem = steady.memory;
    rows.push({
      metric: `${size.key}: JS heap after pack load (Δ, after GC)`,
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
