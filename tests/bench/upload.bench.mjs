/**
 * Draining the upload queue through the built widget: 10,000 events waiting in IndexedDB (seeded in a
 * fresh context straight into the widget's `events` store, as a shift spent offline leaves them), then
 * `sync-url` set on the element: time until the receiver holds all of them and the widget reports none
 * pending (events/s), with the main-thread long tasks meanwhile. The receiver is a small Node server here
 * that dedupes on event id and acknowledges per the protocol. Baseline, in the same page and against the
 * same receiver: `fetch` posting the same events in batches of 100, one after another, with no storage.
 */
import {createServer} from 'node:http';
import {summarize} from './stats.mjs';

export const name = 'upload';

const EVENTS = Number(process.env.UPLOAD_EVENTS ?? 10_000);
const RUNS = 3;

/** A receiver on a free port: CORS for the bench page's origin, dedupe on event id. */
function startReceiver() {
  const stored = new Set();
  const server = createServer((req, res) => {
    const cors = {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key, Authorization',
      'Access-Control-Allow-Methods': 'POST',
    };
    if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const out = {accepted: [], duplicates: [], rejected: []};
      for (const e of JSON.parse(body).events) {
        if (stored.has(e.eventId)) out.duplicates.push(e.eventId);
        else {
          stored.add(e.eventId);
          out.accepted.push(e.eventId);
        }
      }
      res.writeHead(200, {...cors, 'Content-Type': 'application/json'}).end(JSON.stringify(out));
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${server.address().port}/events`,
        stored,
        close: () => new Promise((r) => server.close(r)),
      })
    );
  });
}

async function once(browser, baseUrl, receiver) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${baseUrl}/tests/bench/pages/upload.html`);
  const result = await page.evaluate(
    async ({count, syncUrl}) => {
      await customElements.whenDefined('agent-assist');
      const el = document.querySelector('agent-assist');
      await el.getCall();
      // Seed the queue: events shaped as logged ones, straight into the widget's store.
      await new Promise((resolve, reject) => {
        const req = indexedDB.open('agent-assist');
        req.onsuccess = () => {
          const tx = req.result.transaction('events', 'readwrite');
          const store = tx.objectStore('events');
          const t0 = Date.parse('2026-11-30T08:00:00Z');
          for (let i = 0; i < count; i++) {
            const callId = `seed-${Math.floor(i / 40)}`;
            store.add({
              eventId: crypto.randomUUID(),
              callId,
              agentId: 'bench',
              seq: (i % 40) + 1,
              type: 'item-check',
              data: {itemId: 'greeting', source: 'agent'},
              clientTs: new Date(t0 + i * 1000).toISOString(),
              clientMono: i,
              offset: i % 40,
              packVersion: 'bench',
              prevHash: '0'.repeat(64),
              hash: '0'.repeat(64),
              synced: 0,
            });
          }
          tx.oncomplete = () => (req.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
        req.onerror = () => reject(req.error);
      });
      const longTasks = [];
      new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration))).observe({
        type: 'longtask',
      });
      const done = new Promise((resolve) => {
        el.addEventListener('aa-sync-state', (e) => {
          if (e.detail.pending === 0 && e.detail.lastSyncedAt) resolve();
        });
      });
      const start = performance.now();
      el.setAttribute('sync-url', syncUrl);
      await done;
      const drainMs = performance.now() - start;
      // Baseline: the same number of events posted in batches of 100, no storage.
      const events = Array.from({length: count}, (_, i) => ({
        eventId: `baseline-${i}-${crypto.randomUUID()}`,
        seq: i,
      }));
      const b0 = performance.now();
      for (let i = 0; i < count; i += 100) {
        const res = await fetch(syncUrl, {
          method: 'POST',
          headers: {'Content-Type': 'application/json'},
          body: JSON.stringify({events: events.slice(i, i + 100)}),
        });
        await res.json();
      }
      const baselineMs = performance.now() - b0;
      return {drainMs, baselineMs, longTasks};
    },
    {count: EVENTS, syncUrl: receiver.url}
  );
  await context.close();
  return result;
}

export async function run({browser, baseUrl}) {
  const drains = [];
  const baselines = [];
  const rates = [];
  const longest = [];
  let longTaskCount = 0;
  for (let i = 0; i < RUNS; i++) {
    const receiver = await startReceiver();
    try {
      const r = await once(browser, baseUrl, receiver);
      const seeded = [...receiver.stored].filter((id) => !id.startsWith('baseline-')).length;
      if (seeded !== EVENTS) throw new Error(`upload: the receiver holds ${seeded} of ${EVENTS} events`);
      drains.push(r.drainMs);
      baselines.push(r.baselineMs);
      rates.push(EVENTS / (r.drainMs / 1000));
      longest.push(Math.max(0, ...r.longTasks));
      longTaskCount += r.longTasks.length;
    } finally {
      await receiver.close();
    }
  }
  const drain = summarize(drains);
  const baseline = summarize(baselines);
  return {
    rows: [
      {
        metric: `drain ${EVENTS} queued events → all acknowledged`,
        unit: 'ms',
        ...drain,
        ratio: drain.median / baseline.median,
      },
      {
        metric: `baseline: POST the same events in batches of 100 (no storage)`,
        unit: 'ms',
        ...baseline,
        ratio: 1,
      },
      {metric: 'drain rate', unit: 'events/s', ...summarize(rates)},
      {
        metric: `longest main-thread task while draining (${longTaskCount} tasks ≥50 ms in ${RUNS} runs)`,
        unit: 'ms',
        ...summarize(longest),
      },
    ],
  };
}
