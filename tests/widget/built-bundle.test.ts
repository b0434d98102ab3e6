/**
 * Tests of the built `dist/agent-assist.js` (npm test builds it first), loaded by host pages in iframes
 * exactly as an integrator's page would load it.
 */
import {expect, waitUntil} from '@open-wc/testing';
import {executeServerCommand} from '@web/test-runner-commands';

interface Probe {
  errors: string[];
  defines: string[];
  warnings: string[];
}
type ProbedWindow = Window & {__probe: Probe};

/** Loads `src` in an iframe and resolves its window once the page (and its module scripts) loaded. */
async function loadPage(src: string): Promise<ProbedWindow> {
  const frame = document.createElement('iframe');
  frame.style.width = '500px';
  frame.style.height = '600px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, {once: true}));
  frame.src = src;
  document.body.append(frame);
  await loaded;
  return frame.contentWindow as ProbedWindow;
}

/** Waits for the page's <agent-assist> to be defined and rendered; returns its shadow root. */
async function rendered(win: Window): Promise<ShadowRoot> {
  await win.customElements.whenDefined('agent-assist');
  const el = win.document.querySelector('agent-assist') as HTMLElement & {updateComplete: Promise<boolean>};
  await el.updateComplete;
  return el.shadowRoot!;
}

describe('dist/agent-assist.js', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  it('should define the element once and throw nothing when loaded twice', async () => {
    const win = await loadPage('/tests/fixtures/double-load.html');
    const root = await rendered(win);
    expect(root.querySelector('[part=base]')).to.not.equal(null);
    expect(win.__probe.defines.filter((name) => name === 'agent-assist')).to.deep.equal(['agent-assist']);
    expect(win.__probe.errors).to.deep.equal([]);
    // The second copy says what happened instead of failing silently (once its element module is there:
    // both copies paint first and load it after).
    await waitUntil(
      () => win.__probe.warnings.some((w) => w.includes('<agent-assist> is already defined')),
      'the second copy warns'
    );
    expect(win.__probe.errors).to.deep.equal([]);
  });

  it('should not throw on a page that already defines the tag', async () => {
    const win = await loadPage('/tests/fixtures/tag-taken.html');
    // Module scripts ran before load; give any rejected promise a turn to surface.
    await new Promise((r) => setTimeout(r, 50));
    expect(win.__probe.errors).to.deep.equal([]);
    // The views (the knowledge panel too) load from our own root element, which never ran here.
    expect(win.__probe.defines).to.deep.equal(['agent-assist']);
    expect(win.__probe.warnings.some((w) => w.includes('keeping the existing definition'))).to.equal(true);
  });

  it('should render when dist/ is copied to and served from another folder', async () => {
    const url = await executeServerCommand<string, {html: string}>('aa-copy-dist', {
      html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CRM</title>
        <script src="/tests/fixtures/page-probe.js"></script>
        <script type="module" src="../static/vendor/agent-assist/agent-assist.js"></script></head>
        <body><agent-assist lang="zh-CN" theme="purple"></agent-assist></body></html>`,
    });
    expect(url).to.match(/^\/\.tmp\/served\/[0-9a-f-]+\/crm\/index\.html$/);
    const win = await loadPage(url!);
    const root = await rendered(win);
    expect(root.querySelector('[role=tab]')!.textContent!.trim()).to.equal('知识库');
    expect(win.__probe.errors).to.deep.equal([]);
    // Nothing was fetched from the original dist/ folder: the widget's files came from the copy.
    const loaded = win.performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname);
    expect(loaded.filter((p) => p.startsWith('/dist/'))).to.deep.equal([]);
    expect(loaded.some((p) => p.endsWith('/static/vendor/agent-assist/agent-assist.js'))).to.equal(true);
  });

  it('should need no other file for its first frame; no chunk should import the entry or only re-export another', async () => {
    const text = async (path: string) => (await fetch(`/dist/${path}`)).text();
    const entry = await text('agent-assist.js');
    // Static imports are fetched before a module runs; the entry has only dynamic ones.
    const staticImports = /(?:^|[;}\n])\s*(?:import\s*[\w{*$][^;]*?from\s*|import\s*)["'`]/;
    expect(staticImports.test(entry), 'the entry has a static import').to.equal(false);
    // The element's chunk itself, not a one-line facade of it (collapse-facades-plugin.ts).
    expect(entry).to.match(/import\(`\.\/chunks\/widget-[\w-]+\.js`\)\.then\(/);
    // The service worker precaches every chunk: none may import the entry (a cache-busted copy of it
    // would then run twice), so each copies what it shares with the entry or loads it from a chunk.
    const chunks = [...new Set((await text('sw.js')).match(/chunks\/[\w.-]+\.js/g) ?? [])];
    expect(chunks.length).to.be.greaterThan(10);
    for (const chunk of chunks) {
      const code = await text(chunk);
      expect(code, chunk).to.not.match(/["'`]\.\.\/agent-assist\.js["'`]/);
      // No chunk is only a re-export of another: each would be one more request before the other.
      expect(code, chunk).to.not.match(/^export\s*\{[^}]*\}\s*from\s*["'`][^"'`]+["'`];?\s*$/);
    }
  });

  it('should paint its frame from its one file, and say so when the rest of the widget is missing', async () => {
    const url = await executeServerCommand<string, {html: string; removeChunks: string[]}>('aa-copy-dist', {
      // A deploy that lost the element's files: only agent-assist.js arrives.
      removeChunks: ['define-elements-', 'widget-'],
      html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CRM</title>
        <script src="/tests/fixtures/page-probe.js"></script>
        <script type="module" src="../static/vendor/agent-assist/agent-assist.js"></script></head>
        <body><agent-assist lang="zh-CN" section="checklist" agent-id="a-9"></agent-assist></body></html>`,
    });
    const win = await loadPage(url!);
    const el = win.document.querySelector('agent-assist')!;
    const root = el.shadowRoot!;
    // The frame, as the element would render it, before (here: without) the element itself.
    expect(win.customElements.get('agent-assist')).to.equal(undefined);
    expect(root.querySelector('[part=base]')!.getAttribute('lang')).to.equal('zh-CN');
    const tabs = [...root.querySelectorAll('[role=tab]')];
    expect(tabs.map((t) => t.textContent)).to.deep.equal(['知识库', '通话脚本', '检查清单', '质检']);
    expect(tabs.map((t) => t.getAttribute('aria-selected'))).to.deep.equal([
      'false',
      'false',
      'true',
      'false',
    ]);
    expect(root.querySelector('.agent')!.textContent).to.equal('坐席：a-9');
    expect(win.getComputedStyle(root.querySelector('[part=base]')!).display).to.not.equal('inline');
    // The missing files: said in the frame instead of "Loading…" for ever, and to the host's console.
    await waitUntil(() => root.querySelector('#panel-knowledge > p[role=alert]'), 'the frame says so');
    expect(root.querySelector('#panel-knowledge > p')!.textContent).to.contain('无法加载');
    expect(win.__probe.errors.join(' ')).to.match(/dynamically imported module|Failed to fetch/i);
  });

  it('should fall back and fire aa-error for a bad attribute in the built bundle', async () => {
    const url = await executeServerCommand<string, {html: string}>('aa-copy-dist', {
      html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CRM</title>
        <script>window.__aaErrors = []; document.addEventListener('aa-error', (e) => __aaErrors.push(e.detail));</script>
        <script type="module" src="../static/vendor/agent-assist/agent-assist.js"></script></head>
        <body><agent-assist theme="purple"></agent-assist></body></html>`,
    });
    const win = (await loadPage(url!)) as ProbedWindow & {__aaErrors: {code: string; message: string}[]};
    await rendered(win);
    expect(win.__aaErrors).to.deep.equal([
      {
        code: 'invalid-attribute',
        message:
          'agent-assist: theme="purple" is not valid; expected one of "light", "dark", "auto". Using "auto".',
      },
    ]);
  });
});
