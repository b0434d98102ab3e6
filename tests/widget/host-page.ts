/**
 * The built widget on host pages at a chosen size (`aa-page-run`, tests/support/page-run.mjs), for the
 * host-CSS, narrow-panel and accessibility tests: host pages built from real CSS frameworks, steps that
 * bring each view up, measurements of the widget's key elements, screenshots.
 */
import {executeServerCommand} from '@web/test-runner-commands';

export interface Viewport {
  width: number;
  height: number;
}

/** What the host page holds besides the widget. */
export interface HostOptions {
  /** Stylesheets the host page links (URL paths on the test server, e.g. `/node_modules/...`). */
  stylesheets?: string[];
  /** CSS the host page has in a `<style>` element. */
  css?: string;
  /** Attributes of `<agent-assist>` beside `agent-id` and `queue` (e.g. `lang="zh-CN" theme="dark"`). */
  attributes?: string;
  /**
   * The panel the widget sits in (the widget fills it): a fixed size, or `'viewport'` (the whole window,
   * following its size); without one the widget is in the page's `<main>`, as tall as its content.
   */
  panel?: Viewport | 'viewport';
  /** Scripts the host page loads before the widget (URL paths on the test server). */
  scripts?: string[];
  /** The `class` of the host page's `<body>` (e.g. an admin template's layout classes). */
  bodyClass?: string;
  /** Whether the host page has landmarks (`<main>`, the panel an `<aside>`); without, plain boxes only. */
  landmarks?: boolean;
}

/** A copy of dist/ on the host's static folder and a host page embedding it; returns the page's URL. */
export async function hostPage(options: HostOptions = {}): Promise<string> {
  const {
    stylesheets = [],
    css = '',
    attributes = 'lang="en"',
    panel,
    scripts = [],
    bodyClass = '',
    landmarks = true,
  } = options;
  const size =
    panel === 'viewport'
      ? 'width:100%;height:100%'
      : panel
        ? `width:${panel.width}px;height:${panel.height}px`
        : '';
  const panelCss = panel
    ? `#assist-panel{position:fixed;top:0;inset-inline-start:0;${size};margin:0;padding:0;border:0}`
    : '';
  const widget = `<agent-assist agent-id="a-host" queue="billing" ${attributes}></agent-assist>`;
  return (await executeServerCommand<string, {html: string; removeChunks: string[]}>('aa-copy-dist', {
    removeChunks: [],
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CRM</title>
      <meta name="viewport" content="width=device-width, initial-scale=1">
      ${stylesheets.map((href) => `<link rel="stylesheet" href="${href}">`).join('\n')}
      <style>${css}${panelCss}</style>
      ${scripts.map((src) => `<script src="${src}"></script>`).join('\n')}
      <script type="module" src="../static/vendor/agent-assist/agent-assist.js"></script></head>
      <body class="${bodyClass}">${
        !landmarks
          ? `<div id="assist-panel">${widget}</div>`
          : panel
            ? `<main></main><aside id="assist-panel" aria-label="Assist">${widget}</aside>`
            : `<main>${widget}</main>`
      }</body></html>`,
  }))!;
}

interface PagePayload {
  open?: {url: string; viewport: Viewport; colorScheme?: 'light' | 'dark'};
  id?: string;
  eval?: string;
  viewport?: Viewport;
  screenshot?: string;
  capture?: string;
  close?: boolean;
}
const command = async <T>(payload: PagePayload) =>
  (await executeServerCommand<T, PagePayload>('aa-page-run', payload)) as T;

/** An open page (one server command per call, each well within the runner's 20 s). */
export interface PageRun {
  eval<T = unknown>(body: string): Promise<T>;
  viewport(size: Viewport): Promise<void>;
  /** Saves the viewport as `name` (a .png file name) in the screenshot folder; returns its path. */
  screenshot(name: string): Promise<string>;
  /** A PNG of the element `selector` finds in the page (base64), for comparing pixels. */
  capture(selector: string): Promise<string>;
  /** Closes the page; returns the console and uncaught errors it had. */
  close(): Promise<string[]>;
}

/** Opens `url` in a fresh browser context of `viewport`'s size. */
export async function openPage(
  url: string,
  viewport: Viewport,
  colorScheme: 'light' | 'dark' = 'light'
): Promise<PageRun> {
  const id = await command<string>({open: {url, viewport, colorScheme}});
  return {
    eval: async <T>(body: string) => (await command<{value: T}>({id, eval: body})).value,
    viewport: async (size) => void (await command({id, viewport: size})),
    screenshot: (name) => command<string>({id, screenshot: name}),
    capture: (selector) => command<string>({id, capture: selector}),
    close: async () => (await command<{errors: string[]}>({id, close: true})).errors,
  };
}

/** Runs `body` on a page opened on `url`, closing the page whatever happens. */
export async function withPage<T>(
  url: string,
  viewport: Viewport,
  body: (page: PageRun) => Promise<T>,
  colorScheme: 'light' | 'dark' = 'light'
): Promise<{value: T; errors: string[]}> {
  const page = await openPage(url, viewport, colorScheme);
  let value: T | undefined;
  let failure: unknown = null;
  try {
    value = await body(page);
  } catch (err) {
    failure = err;
  }
  // Closed even after a failed step (a browser context left open would outlive the test).
  const errors = await page.close();
  if (failure) {
    // What the page said may explain the failure (a file that did not load, an uncaught error).
    if (failure instanceof Error && errors.length > 0)
      failure.message += `\npage errors: ${errors.join('\n')}`;
    throw failure;
  }
  return {value: value as T, errors};
}

/**
 * Page-side helpers every step starts with: `el`, `root`, `sleep`, `waitFor`, `inner(tag)`, `knowledge()`,
 * `composed()` (the widget's elements through its shadow roots), `parentOf(e)`, `settled()`.
 */
export const HELPERS = `const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const waitFor = async (what, test, ms = 8000) => {
    for (const end = Date.now() + ms; Date.now() < end; await sleep(25)) {
      try { const v = await test(); if (v) return v; } catch {}
    }
    throw new Error('timed out waiting for ' + what);
  };
  await Promise.race([customElements.whenDefined('agent-assist'), sleep(10000).then(() => {
    throw new Error('<agent-assist> was never defined: its script did not load');
  })]);
  const el = document.querySelector('agent-assist');
  await el.updateComplete;
  const root = el.shadowRoot;
  const inner = (tag) => root.querySelector(tag)?.shadowRoot ?? null;
  const knowledge = () => inner('aa-knowledge-panel');
  /** Every element of the widget, through its nested shadow roots (styles left out). */
  const composed = (node = root, out = []) => {
    for (const child of node.children) {
      if (child.localName === 'style') continue;
      out.push(child);
      if (child.shadowRoot) composed(child.shadowRoot, out);
      composed(child, out);
    }
    return out;
  };
  /** The element's parent in the composed tree (across shadow roots). */
  const parentOf = (e) => e.parentElement ?? e.getRootNode().host ?? null;
  const settled = async () => {
    await sleep(50);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  };`;

/** The views every test brings up, in this order (each step leaves the widget showing its view). */
export type ViewName = 'search' | 'article' | 'script' | 'checklist' | 'qa';
export const VIEW_NAMES: ViewName[] = ['search', 'article', 'script', 'checklist', 'qa'];

/**
 * Steps that bring each view up on a fresh page, one server command each: knowledge search with results,
 * an open article, the call script during a call (one step done), the checklist (one item ticked), and the
 * QA view with that call ended.
 */
export const VIEW_STEPS: Record<ViewName, string> = {
  search: `${HELPERS}
    const panel = await waitFor('knowledge panel', () => knowledge()?.querySelector('input[type=search]') && knowledge());
    const box = panel.querySelector('input[type=search]');
    box.value = el.getAttribute('lang') === 'zh-CN' ? '退款' : 'refund';
    box.dispatchEvent(new Event('input', {bubbles: true, composed: true}));
    await waitFor('results', () => panel.querySelectorAll('[role=option]').length > 1);
    await settled();
    return panel.querySelectorAll('[role=option]').length;`,
  article: `${HELPERS}
    knowledge().querySelector('[role=option]').click();
    await waitFor('article', () =>
      knowledge().querySelector('aa-article-view')?.shadowRoot.querySelector('.body:not(:empty)'));
    await settled();
    return true;`,
  script: `${HELPERS}
    await el.startCall({context: {customer: {name: 'Li Wei'}}});
    const next = await waitFor('script view', () =>
      inner('aa-script-view')?.querySelector('.actions .primary, .branches .branch'));
    const firstStep = (await el.getCall()).stepId;
    next.click();
    await waitFor('next step', async () => (await el.getCall()).stepId !== firstStep);
    await settled();
    return (await el.getCall()).stepId;`,
  checklist: `${HELPERS}
    root.querySelector('#tab-checklist').click();
    const tick = await waitFor('checklist view', () =>
      inner('aa-checklist-view')?.querySelector('li.item input[type=checkbox]:not(:checked)'));
    tick.click();
    await waitFor('tick', async () => (await el.getCall()).items.some((i) => i.status === 'done'));
    await settled();
    return true;`,
  qa: `${HELPERS}
    await el.endCall();
    root.querySelector('#tab-qa').click();
    await waitFor('QA view', () => inner('aa-qa-view')?.querySelector('table.calls tbody tr'), 12000).catch((err) => {
      const text = (e) => (e?.textContent ?? '(none)').replace(/\\s+/g, ' ').slice(0, 300);
      throw new Error(err.message + ': defined ' + !!customElements.get('aa-qa-view') + ', panel ' +
        text(root.querySelector('#panel-qa')) + ', view ' + text(inner('aa-qa-view')));
    });
    await waitFor('chart', () => inner('aa-qa-view').querySelector('.uplot'));
    await settled();
    return inner('aa-qa-view').querySelectorAll('table.calls tbody tr').length;`,
};
