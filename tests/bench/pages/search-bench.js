/**
 * In-page side of the search benchmarks (search-relevance, search-latency): mounts `<agent-assist>`
 * with a content pack, runs `el.search()` over many queries, and builds and queries the baseline, a
 * MiniSearch index over the raw corpus documents (fields title and text), in the same page.
 * Everything that fails throws, so a benchmark never reports numbers from a broken run.
 */
import MiniSearch from '/node_modules/minisearch/dist/es/index.js';

const NOT_AVAILABLE = /not available in this build/;

/** Every long task (≥ 50 ms on the main thread) since the page started. */
export const longTasks = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) longTasks.push({start: e.startTime, duration: e.duration});
}).observe({type: 'longtask', buffered: true});

/** Long tasks that started in [t0, t1]: their count and the longest duration (0 if none). */
export function longTasksBetween(t0, t1) {
  const tasks = longTasks.filter((t) => t.start >= t0 && t.start <= t1);
  return {count: tasks.length, longest: Math.max(0, ...tasks.map((t) => t.duration)), tasks};
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** `performance.memory.usedJSHeapSize` (Chromium), or null. */
export const usedHeap = () => performance.memory?.usedJSHeapSize ?? null;

/** Loads the built widget (not timed by the search measurements). */
export async function loadWidget(src = '/dist/agent-assist.js') {
  await import(src);
  await customElements.whenDefined('agent-assist');
}

let el = null;
/** When the current element's pack was applied (`aa-content-update`), or null before. */
let appliedAtMs = null;

/**
 * Resolves the time the current element's pack was applied (`aa-content-update`), waiting for it: the
 * first search can come before the page has the whole pack, and the pack's load goes on until then.
 */
export async function whenApplied(timeoutMs = 180000) {
  const t0 = performance.now();
  while (appliedAtMs === null) {
    if (performance.now() - t0 > timeoutMs) throw new Error('whenApplied: the pack was not applied');
    await sleep(10);
  }
  return appliedAtMs;
}

/**
 * Appends a new `<agent-assist pack-url>` and measures the time from `document.body.append(el)` to the
 * first usable search: `el.search(probe)` resolving at least one hit, retrying (every 10 ms, or at once on
 * `aa-content-update`) while it rejects or resolves none, since a pack can be applied before its index
 * is ready. `probe` must match some article of the pack. Throws on `aa-error`, on "not available in
 * this build", on a malformed result and on timeout.
 */
export async function mountAndFirstSearch(packUrl, probe, {timeoutMs = 180000} = {}) {
  if (typeof probe !== 'string' || !probe) throw new Error('mountAndFirstSearch: a probe query is required');
  el?.remove();
  el = document.createElement('agent-assist');
  el.setAttribute('pack-url', packUrl);
  let appliedAt = null;
  appliedAtMs = null;
  let contentHash = null;
  let error = null;
  let wake = null;
  el.addEventListener('aa-content-update', (e) => {
    appliedAt ??= performance.now();
    appliedAtMs ??= appliedAt;
    contentHash = e.detail?.contentHash ?? null;
    wake?.();
  });
  el.addEventListener('aa-error', (e) => {
    error ??= e.detail;
    wake?.();
  });
  const t0 = performance.now();
  document.body.append(el);
  let tries = 0;
  let lastRejection = null;
  for (;;) {
    if (error) throw new Error(`agent-assist fired aa-error ${error.code}: ${error.message}`);
    if (performance.now() - t0 > timeoutMs)
      throw new Error(
        `no hits for "${probe}" after ${timeoutMs} ms (pack applied: ${appliedAt !== null}, last rejection: ${lastRejection})`
      );
    tries++;
    let hits;
    try {
      hits = await el.search(probe, {limit: 10});
    } catch (err) {
      const message = String(err?.message ?? err);
      if (NOT_AVAILABLE.test(message) || !(err instanceof Error)) throw err;
      lastRejection = message;
    }
    if (hits !== undefined && !Array.isArray(hits))
      throw new Error(`search() resolved ${typeof hits}, expected an array of hits`);
    if (hits?.length > 0) {
      const done = performance.now();
      if (error) throw new Error(`agent-assist fired aa-error ${error.code}: ${error.message}`);
      return {
        ms: done - t0,
        appliedMs: appliedAt === null ? null : appliedAt - t0,
        tries,
        hits: hits.length,
        contentHash,
        startedAt: t0,
        doneAt: done,
      };
    }
    await new Promise((r) => {
      wake = r;
      setTimeout(r, 10);
    });
    wake = null;
  }
}

/** Checks one result list against the contract; returns a list of problems (empty when fine). */
function checkHits(q, hits, limit) {
  const problems = [];
  if (!Array.isArray(hits)) return [`"${q}": resolved ${typeof hits}, not an array`];
  if (hits.length > limit) problems.push(`"${q}": ${hits.length} hits > limit ${limit}`);
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i];
    for (const k of ['id', 'title', 'snippet', 'category'])
      if (typeof h?.[k] !== 'string') problems.push(`"${q}": hit ${i} has no string ${k}`);
    if (typeof h?.score !== 'number' || !Number.isFinite(h.score))
      problems.push(`"${q}": hit ${i} has no finite score`);
    if (i > 0 && h?.score > hits[i - 1]?.score) problems.push(`"${q}": hits not sorted by score at ${i}`);
  }
  return problems;
}

/** Runs every query through `el.search(q, {limit})`: hit ids per query, the time per call and problems. */
export async function searchAll(queries, limit = 10) {
  if (!el) throw new Error('searchAll: no element mounted');
  const ids = [];
  const ms = [];
  const problems = [];
  let example = null;
  for (const q of queries) {
    const t = performance.now();
    const hits = await el.search(q, {limit});
    ms.push(performance.now() - t);
    problems.push(...checkHits(q, hits, limit));
    ids.push(hits.map((h) => h.id));
    if (!example && hits.length > 0) example = {q, hits: hits.slice(0, 3)};
  }
  return {ids, ms, problems: problems.slice(0, 20), problemCount: problems.length, example};
}

const segmenter = new Intl.Segmenter('zh', {granularity: 'word'});

/** The baseline's tokenizers: MiniSearch's default, or Intl.Segmenter words (word-like segments only). */
const TOKENIZERS = {
  default: undefined,
  segmenter: (text) => {
    const out = [];
    for (const s of segmenter.segment(text)) if (s.isWordLike) out.push(s.segment);
    return out;
  },
};

const baselines = new Map();

/**
 * Fetches the raw corpus docs and indexes them with MiniSearch (default options, fields title and text;
 * `tokenizer` 'segmenter' swaps in the Intl.Segmenter tokenizer), as baseline `name`; resolves the time
 * taken and the document count. The docs themselves are not kept.
 */
export async function buildBaseline(name, docsUrl, tokenizer = 'default') {
  const t0 = performance.now();
  const res = await fetch(docsUrl);
  if (!res.ok) throw new Error(`baseline: ${docsUrl}: HTTP ${res.status}`);
  const docs = (await res.text())
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  const options = {fields: ['title', 'text']};
  if (TOKENIZERS[tokenizer]) options.tokenize = TOKENIZERS[tokenizer];
  const index = new MiniSearch(options);
  index.addAll(docs.map((d) => ({id: d.id, title: d.title ?? '', text: d.text})));
  baselines.set(name, index);
  return {ms: performance.now() - t0, docs: docs.length};
}

function baseline(name) {
  const index = baselines.get(name);
  if (!index) throw new Error(`no baseline ${name}`);
  return index;
}

/** The baseline's time to first usable search: fetch, parse and index the docs, then search `probe`. */
export async function baselineFirstSearch(name, docsUrl, probe, tokenizer = 'default') {
  const t0 = performance.now();
  await buildBaseline(name, docsUrl, tokenizer);
  baseline(name).search(probe);
  const done = performance.now();
  return {ms: done - t0, startedAt: t0, doneAt: done};
}

/** Runs every query through the baseline (default search options), top `limit` doc ids per query. */
export function baselineSearchAll(name, queries, limit = 10) {
  const index = baseline(name);
  const ids = [];
  const ms = [];
  for (const q of queries) {
    const t = performance.now();
    const hits = index.search(q).slice(0, limit);
    ms.push(performance.now() - t);
    ids.push(hits.map((h) => h.id));
  }
  return {ids, ms};
}

/** Every prefix of `q` by code point, from one character to the whole query. */
const prefixes = (q) => {
  const cps = [...q];
  return cps.map((_, i) => cps.slice(0, i + 1).join(''));
};

/**
 * Query latency as typed: for each query, every prefix through `el.search(prefix, {limit})`, then through
 * each baseline `{name, every}` that takes this query (every `every`-th query, from the first),
 * interleaved per query so load bursts hit both. Resolves, per engine, the times per query: an array of
 * per-prefix times, or null for a query that engine skipped.
 */
export async function prefixLatency(queries, baselines = [], limit = 10) {
  if (!el) throw new Error('prefixLatency: no element mounted');
  const out = {ours: []};
  for (const {name} of baselines) out[name] = [];
  for (const [i, q] of queries.entries()) {
    const times = [];
    for (const p of prefixes(q)) {
      const t = performance.now();
      await el.search(p, {limit});
      times.push(performance.now() - t);
    }
    out.ours.push(times);
    for (const {name, every = 1} of baselines) {
      if (i % every !== 0) {
        out[name].push(null);
        continue;
      }
      const index = baseline(name);
      const base = [];
      for (const p of prefixes(q)) {
        const t = performance.now();
        await Promise.resolve(index.search(p).slice(0, limit));
        base.push(performance.now() - t);
      }
      out[name].push(base);
    }
  }
  return out;
}

/** The first element matching `selector` in `root` or any shadow root below it. */
function deepQuery(root, selector) {
  const found = root.querySelector(selector);
  if (found) return found;
  for (const node of root.querySelectorAll('*')) {
    if (node.shadowRoot) {
      const inner = deepQuery(node.shadowRoot, selector);
      if (inner) return inner;
    }
  }
  return null;
}

/**
 * Simulated typing: each query typed into the widget's search box one character every `gapMs` (value set,
 * then an `input` event), then, after `settleMs`, the box cleared the same way before the next query.
 * Without a search box, the same prefixes go through `el.search()` at the same pace. Resolves the long
 * tasks that started while typing (keystrokes and the settle time after them) and, separately, while
 * clearing (from the clearing event to the next query's first keystroke).
 */
export async function typeQueries(queries, {gapMs = 80, settleMs = 600} = {}) {
  if (!el) throw new Error('typeQueries: no element mounted');
  const input = el.shadowRoot ? deepQuery(el.shadowRoot, 'input[type=search]') : null;
  let searchEvents = 0;
  const onSearch = () => searchEvents++;
  el.addEventListener('aa-search', onSearch);
  const type = (value, data) => {
    input.value = value;
    input.dispatchEvent(
      new InputEvent('input', {
        bubbles: true,
        composed: true,
        data,
        inputType: value ? 'insertText' : 'deleteContentBackward',
      })
    );
  };
  const typingWindows = [];
  const clearWindows = [];
  let keystrokes = 0;
  const t0 = performance.now();
  for (const q of queries) {
    if (input) input.focus();
    const tq = performance.now();
    for (const p of prefixes(q)) {
      keystrokes++;
      if (input) type(p, [...p].at(-1));
      else await el.search(p, {limit: 10});
      await sleep(gapMs);
    }
    await sleep(settleMs);
    const tc = performance.now();
    typingWindows.push([tq, tc]);
    if (input) type('', null);
    await sleep(settleMs);
    clearWindows.push([tc, performance.now()]);
  }
  const t1 = performance.now();
  el.removeEventListener('aa-search', onSearch);
  await sleep(100); // long-task entries are delivered asynchronously
  const within = (windows) => {
    const tasks = windows.flatMap(([a, b]) => longTasksBetween(a, b).tasks);
    return {count: tasks.length, longest: Math.max(0, ...tasks.map((t) => t.duration))};
  };
  return {
    mode: input ? 'typed into the search box' : 'el.search() per prefix',
    keystrokes,
    searchEvents,
    ...within(typingWindows),
    clearing: input ? within(clearWindows) : null,
    ms: t1 - t0,
  };
}

/** The baseline's counterpart of `typeQueries`: each prefix searched every `gapMs`; long tasks seen. */
export async function baselineTypeQueries(name, queries, {gapMs = 80, settleMs = 600} = {}) {
  const index = baseline(name);
  const t0 = performance.now();
  for (const q of queries) {
    for (const p of prefixes(q)) {
      index.search(p).slice(0, 10);
      await sleep(gapMs);
    }
    await sleep(settleMs + gapMs);
  }
  const t1 = performance.now();
  await sleep(100);
  const {count, longest} = longTasksBetween(t0, t1);
  return {count, longest, ms: t1 - t0};
}
