/**
 * In-page side of the compliance benchmark: drives the built `<agent-assist>` through its public API
 * (startCall, checkItem, getCall), its checklist checkboxes and its QA view, and measures the baselines
 * (a raw IndexedDB add in its own transaction; a naive mean-score reduce) in the same page. Imports
 * nothing from the widget but the built bundle and, for the aggregation timing, its built lazy chunk.
 * Everything that fails throws, so the benchmark never reports numbers from a broken run.
 */

/** Every long task (≥ 50 ms on the main thread) since the page started. */
export const longTasks = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) longTasks.push({start: e.startTime, duration: e.duration});
}).observe({type: 'longtask', buffered: true});

/**
 * Long tasks that overlap [t0, t1] (a task that started before t0, e.g. the one dispatching the click
 * being timed, counts): their count, the longest duration (0 if none), their total.
 */
export function longTasksBetween(t0, t1) {
  const tasks = longTasks.filter((t) => t.start <= t1 && t.start + t.duration >= t0);
  return {
    count: tasks.length,
    longest: Math.max(0, ...tasks.map((t) => t.duration)),
    totalMs: tasks.reduce((a, t) => a + t.duration, 0),
    tasks,
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Resolves after the next frame has been produced (rAF, then a task after it). */
const nextFrame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

/** `performance.memory.usedJSHeapSize` (Chromium), or null. */
export const usedHeap = () => performance.memory?.usedJSHeapSize ?? null;

/** Loads the built widget (not timed). */
export async function loadWidget(src = '/dist/agent-assist.js') {
  await import(src);
  await customElements.whenDefined('agent-assist');
}

let el = null;
const errors = [];

function checkErrors() {
  if (errors.length > 0)
    throw new Error(`agent-assist fired aa-error ${errors[0].code}: ${errors[0].message}`);
}

/** Appends a new `<agent-assist>` (the default pack, next to the bundle), optionally on a section. */
export async function mount({section} = {}) {
  el?.remove();
  el = document.createElement('agent-assist');
  el.setAttribute('agent-id', 'bench-agent');
  if (section) el.setAttribute('section', section);
  el.addEventListener('aa-error', (e) => errors.push(e.detail));
  document.body.append(el);
  await el.updateComplete;
  checkErrors();
}

/** Starts a call on `scriptId`; resolves its id and its checklist item ids. */
export async function startCall(scriptId) {
  const {callId} = await el.startCall({scriptId});
  const call = await el.getCall();
  if (!call || call.items.length === 0)
    throw new Error(`startCall(${scriptId}): the call has no checklist items`);
  checkErrors();
  return {callId, items: call.items.map((i) => i.id)};
}

// ---------------------------------------------------------------------------------------------------
// Baseline: a plain IndexedDB add of a record shaped like a logged event, one transaction each, into a
// store with the same key path and indexes as the widget's `events` table. No read, no hashing.

let baseDb = null;
let baseSeq = 0;
const HEX64 = 'a3'.repeat(32);

function openBaselineDb() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open('bench-baseline', 1);
    req.onupgradeneeded = () => {
      const store = req.result.createObjectStore('events', {keyPath: 'eventId'});
      store.createIndex('[callId+seq]', ['callId', 'seq'], {unique: true});
      store.createIndex('callId', 'callId');
      store.createIndex('synced', 'synced');
      store.createIndex('clientTs', 'clientTs');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function baselineAdd(itemId) {
  baseDb ??= await openBaselineDb();
  const mono = performance.timeOrigin + performance.now();
  const record = {
    eventId: crypto.randomUUID(),
    callId: 'baseline-call',
    agentId: 'bench-agent',
    seq: ++baseSeq,
    type: 'item-check',
    data: {itemId, source: 'host'},
    clientTs: new Date().toISOString(),
    clientMono: mono,
    offset: baseSeq / 10,
    packVersion: HEX64,
    prevHash: HEX64,
    hash: HEX64,
    synced: 0,
  };
  await new Promise((resolve, reject) => {
    const tx = baseDb.transaction('events', 'readwrite');
    tx.objectStore('events').add(record);
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('baseline transaction aborted'));
  });
}

/**
 * (1) Tick → committed: `await el.checkItem(id, {source: 'host'})` over the call's items in turn, against
 * the baseline add, interleaved (alternating which goes first). The first `warmup` pairs are not kept.
 */
export async function tickLatency(items, {n, warmup}) {
  const ours = [];
  const base = [];
  for (let i = 0; i < warmup + n; i++) {
    const id = items[i % items.length];
    const runOurs = async () => {
      const t = performance.now();
      await el.checkItem(id, {source: 'host'});
      return performance.now() - t;
    };
    const runBase = async () => {
      const t = performance.now();
      await baselineAdd(id);
      return performance.now() - t;
    };
    let o;
    let b;
    if (i % 2 === 0) {
      o = await runOurs();
      b = await runBase();
    } else {
      b = await runBase();
      o = await runOurs();
    }
    if (i >= warmup) {
      ours.push(o);
      base.push(b);
    }
  }
  checkErrors();
  return {ours, base};
}

// ---------------------------------------------------------------------------------------------------
// (2) A long call.

/**
 * Logs `n` events into the running call, `await el.checkItem(...)` one by one over its items (as a host
 * would); resolves each call's time, the whole run's time and the long tasks that started meanwhile.
 */
export async function logEvents(items, n) {
  const ms = new Array(n);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await el.checkItem(items[i % items.length], {source: 'host'});
    ms[i] = performance.now() - t;
  }
  const t1 = performance.now();
  await sleep(100); // long-task entries are delivered asynchronously
  checkErrors();
  const {count, longest, totalMs} = longTasksBetween(t0, t1);
  return {ms, totalMs: t1 - t0, longTasks: {count, longest, totalMs}, startedAt: t0, doneAt: t1};
}

function checklistRoot() {
  const view = el.shadowRoot?.querySelector('aa-checklist-view');
  if (!view?.shadowRoot) throw new Error('no aa-checklist-view in the widget');
  return view.shadowRoot;
}

let uiTick = null;

/**
 * Arms the measurement of one tick through the checklist UI on item `itemId`: from the checkbox's click
 * (a capture listener) to the render that shows the logged state (the checkbox no longer disabled as
 * "saving", and its `checked` flipped), seen by a MutationObserver on the checklist's shadow root.
 * The click itself comes from Playwright (`page.click`).
 */
export function armUiTick(itemId, timeoutMs = 20000) {
  const root = checklistRoot();
  const input = root.getElementById(`item-${itemId}`);
  if (!input) throw new Error(`no checkbox #item-${itemId}`);
  const before = input.checked;
  if (input.disabled) throw new Error(`checkbox #item-${itemId} is disabled before the click`);
  uiTick = new Promise((resolve, reject) => {
    let t0 = null;
    let sawSaving = false;
    input.addEventListener('click', () => (t0 ??= performance.now()), {capture: true, once: true});
    const check = () => {
      const cur = root.getElementById(`item-${itemId}`);
      if (!cur || t0 === null) return;
      if (cur.disabled) sawSaving = true;
      else if (sawSaving && cur.checked !== before) {
        const t1 = performance.now();
        observer.disconnect();
        clearTimeout(timer);
        resolve({ms: t1 - t0, startedAt: t0, doneAt: t1, checked: cur.checked});
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(root, {subtree: true, childList: true, attributes: true, characterData: true});
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(
        new Error(`tick on ${itemId} not shown as committed within ${timeoutMs} ms (clicked: ${t0 !== null})`)
      );
    }, timeoutMs);
  });
  uiTick.catch(() => undefined);
}

/** Resolves the armed UI tick's measurement. */
export async function awaitUiTick() {
  const r = await uiTick;
  uiTick = null;
  checkErrors();
  return r;
}

/** Verifies the running call's chain through the public API; resolves the check and its time. */
export async function verifyCall(callId) {
  const t = performance.now();
  const result = await el.verifyLog({callId});
  return {...result, ms: performance.now() - t};
}

// ---------------------------------------------------------------------------------------------------
// (3) The QA view over an imported team log.

function qaView() {
  return el.shadowRoot?.querySelector('aa-qa-view') ?? null;
}

/** Waits until the lazily loaded QA view has rendered its import input and is not busy. */
export async function waitForQaView(timeoutMs = 30000) {
  const t0 = performance.now();
  for (;;) {
    const qa = qaView();
    if (qa?.shadowRoot?.querySelector('input[type=file]') && !qa.busy && qa.hasUpdated) {
      await qa.updateComplete;
      return {ms: performance.now() - t0};
    }
    if (performance.now() - t0 > timeoutMs) throw new Error('the QA view did not render its import input');
    await sleep(20);
  }
}

let qaImport = null;

const countText = (n) => new Intl.NumberFormat('en', {maximumFractionDigits: 1}).format(n);

/**
 * Arms the measurement of one import: from the file input's `change` (a capture listener on the QA view's
 * shadow root, which also keeps the File) until the QA view shows `expected` calls (its `calls`, and the
 * summary's call count) and the next frame is out. Long tasks in that window are kept.
 */
export function armImport(expected, timeoutMs = 300000) {
  const qa = qaView();
  const root = qa.shadowRoot;
  qaImport = new Promise((resolve, reject) => {
    let t0 = null;
    let file = null;
    let done = false;
    root.addEventListener(
      'change',
      (e) => {
        if (e.target?.type !== 'file') return;
        t0 = performance.now();
        file = e.target.files?.[0] ?? null;
      },
      {capture: true}
    );
    const shown = () => {
      const dd = root.querySelector('dl.summary dd');
      return qa.calls?.length === expected && !qa.busy && dd?.textContent.trim() === countText(expected);
    };
    const finish = async () => {
      if (done || t0 === null || !shown()) return;
      done = true;
      observer.disconnect();
      clearInterval(poll);
      clearTimeout(timer);
      const shownAt = performance.now();
      await nextFrame();
      const t1 = performance.now();
      await sleep(100);
      const {count, longest, totalMs, tasks} = longTasksBetween(t0, t1);
      resolve({
        ms: t1 - t0,
        shownMs: shownAt - t0,
        longTasks: {count, longest, totalMs, durations: tasks.map((t) => Math.round(t.duration))},
        message: root.querySelector('.message')?.textContent.trim() ?? '',
        file,
      });
    };
    const observer = new MutationObserver(() => void finish());
    observer.observe(root, {subtree: true, childList: true, attributes: true, characterData: true});
    const poll = setInterval(() => void finish(), 50);
    const timer = setTimeout(() => {
      observer.disconnect();
      clearInterval(poll);
      reject(
        new Error(
          `the QA view did not show ${expected} calls within ${timeoutMs} ms (change seen: ${t0 !== null}, calls: ${qa.calls?.length}, message: ${root.querySelector('.message')?.textContent.trim()})`
        )
      );
    }, timeoutMs);
  });
  qaImport.catch(() => undefined);
}

let importedFile = null;

/** Resolves the armed import's measurement (the File is kept in the page for `parseReference`). */
export async function awaitImport() {
  const {file, ...r} = await qaImport;
  qaImport = null;
  importedFile = file;
  checkErrors();
  const qa = qaView();
  const calls = qa.calls;
  const broken = calls.filter((c) => !c.chain.ok).length;
  const events = calls.reduce((a, c) => a + c.eventCount, 0);
  const agents = [...new Set(calls.map((c) => c.report.agentId))].sort();
  const scores = calls.map((c) => c.report.score);
  return {
    ...r,
    calls: calls.length,
    events,
    broken,
    agents,
    meanScore: scores.reduce((a, b) => a + b, 0) / scores.length,
    criticalFailures: calls.filter((c) => c.report.criticalFailed).length,
    fileBytes: file?.size ?? null,
  };
}

/** Reference for the import: `file.text()` and `JSON.parse` of the same File, alone. */
export async function parseReference() {
  if (!importedFile) throw new Error('no imported file kept');
  const t0 = performance.now();
  const text = await importedFile.text();
  const t1 = performance.now();
  const data = JSON.parse(text);
  const t2 = performance.now();
  return {readMs: t1 - t0, parseMs: t2 - t1, ms: t2 - t0, events: data.events.length};
}

let sink = 0;

/**
 * (3b) `aggregateCalls` (the built chunk's export) over every call the QA view holds, against the
 * baseline, a single-pass reduce computing only the mean score, interleaved, `reps` samples each after
 * `warmup`. The baseline is far below the clock's resolution, so each of its samples times `inner`
 * passes and reports the time per pass; `aggregateCalls` is timed one call per sample.
 */
export async function aggregateBench(chunkUrl, {reps, warmup, inner}) {
  const mod = await import(chunkUrl);
  if (typeof mod.aggregateCalls !== 'function') throw new Error(`${chunkUrl} exports no aggregateCalls`);
  const calls = qaView().calls;
  const ours = [];
  const base = [];
  let last = null;
  const naive = () => calls.reduce((a, c) => a + c.report.score, 0) / calls.length;
  for (let i = 0; i < warmup + reps; i++) {
    let t = performance.now();
    last = mod.aggregateCalls(calls);
    const o = performance.now() - t;
    t = performance.now();
    for (let k = 0; k < inner; k++) sink += naive();
    const b = (performance.now() - t) / inner;
    if (i >= warmup) {
      ours.push(o);
      base.push(b);
    }
  }
  const mean = naive();
  if (Math.abs(mean - last.meanScore) > 1e-9)
    throw new Error(`aggregateCalls meanScore ${last.meanScore} ≠ baseline mean ${mean}`);
  return {
    ours,
    base,
    calls: calls.length,
    result: {
      count: last.count,
      meanScore: last.meanScore,
      criticalFailures: last.criticalFailures,
      trendDays: last.trend.length,
      mostMissed: last.mostMissed.slice(0, 3).map((m) => `${m.title.slice(0, 40)} (${m.missed} missed)`),
      byCategory: last.byCategory,
      agents: last.agents.length,
      scripts: last.scripts.length,
    },
    sink: sink > 0,
  };
}

let qaFilter = null;

/**
 * Arms the measurement of one filter change in the QA view: from the select's `change` (a bubble listener
 * on the view's shadow root, after the view's own handler) to the view's `updateComplete` (re-rendered)
 * and to the next frame (laid out, painted, chart redrawn).
 */
export function armFilter() {
  const qa = qaView();
  const root = qa.shadowRoot;
  qaFilter = new Promise((resolve) => {
    const onChange = async (e) => {
      if (e.target?.tagName !== 'SELECT') return;
      root.removeEventListener('change', onChange);
      const t0 = performance.now();
      await qa.updateComplete;
      const t1 = performance.now();
      await nextFrame();
      const t2 = performance.now();
      resolve({renderMs: t1 - t0, frameMs: t2 - t0, startedAt: t0, doneAt: t2});
    };
    root.addEventListener('change', onChange);
  });
}

/** Resolves the armed filter change's measurement, with the count the summary shows. */
export async function awaitFilter() {
  const r = await qaFilter;
  qaFilter = null;
  checkErrors();
  const shown = qaView().shadowRoot.querySelector('dl.summary dd')?.textContent.trim() ?? '';
  return {...r, shown};
}

/** Long tasks overlapping any of a list of [t0, t1] windows (each counted once). */
export async function longTasksIn(windows) {
  await sleep(100);
  const tasks = [...new Set(windows.flatMap(([a, b]) => longTasksBetween(a, b).tasks))];
  return {count: tasks.length, longest: Math.max(0, ...tasks.map((t) => t.duration))};
}
