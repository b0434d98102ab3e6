/**
 * Time from script load to the widget's first render, cold (a fresh browser context per sample, so no
 * HTTP or module cache), against a baseline: a framework-free element loaded and measured the same way.
 * Three moments: the frame (`[part=base]`) in the element's shadow root (the first render), the element
 * defined with its first update complete (for the widget: Lit has taken the frame over, so its tabs
 * answer), and the page's first contentful paint (the page shows nothing else; on software rendering its
 * time grows with what is drawn, so it compares a whole widget with one word).
 */
import {summarize} from './stats.mjs';

export const name = 'first-render';

const SAMPLES = 25;

async function sample(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  const result = await page
    .waitForFunction(() => window.__result, null, {timeout: 20000})
    .then((h) => h.jsonValue());
  await context.close();
  if (result.error || !result.rendered || result.frameMs === null)
    throw new Error(`first-render: ${result.error ?? 'nothing rendered'} (${url})`);
  return result;
}

export async function run({browser, baseUrl}) {
  const page = `${baseUrl}/tests/bench/pages/first-render.html`;
  const widgetUrl = `${page}?tag=agent-assist&src=/dist/agent-assist.js`;
  const baselineUrl = `${page}?tag=bench-baseline&src=/tests/bench/pages/baseline-element.js`;
  // Warm up the browser process (not the pages' caches: each sample gets a new context).
  await sample(browser, baselineUrl);
  await sample(browser, widgetUrl);
  const widget = [];
  const baseline = [];
  // Interleaved, so a burst of load on the shared machine hits both series alike.
  for (let i = 0; i < SAMPLES; i++) {
    baseline.push(await sample(browser, baselineUrl));
    widget.push(await sample(browser, widgetUrl));
  }
  const w = summarize(widget.map((r) => r.frameMs));
  const b = summarize(baseline.map((r) => r.frameMs));
  const wReady = summarize(widget.map((r) => r.readyMs));
  const bReady = summarize(baseline.map((r) => r.readyMs));
  const wPaint = summarize(widget.map((r) => r.paintMs));
  const bPaint = summarize(baseline.map((r) => r.paintMs));
  return {
    rows: [
      {metric: 'widget: script load → first render (cold)', unit: 'ms', ...w, ratio: w.median / b.median},
      {metric: 'baseline: vanilla element, same path', unit: 'ms', ...b, ratio: 1},
      {
        metric: 'widget: script load → element defined, first update complete',
        unit: 'ms',
        ...wReady,
        ratio: wReady.median / bReady.median,
      },
      {metric: 'baseline: defined, updateComplete', unit: 'ms', ...bReady, ratio: 1},
      {
        metric: 'widget: script load → first contentful paint',
        unit: 'ms',
        ...wPaint,
        ratio: wPaint.median / bPaint.median,
      },
      {metric: 'baseline: first contentful paint', unit: 'ms', ...bPaint, ratio: 1},
    ],
    samples: {widget, baseline},
  };
}
