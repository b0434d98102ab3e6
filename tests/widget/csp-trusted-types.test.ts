/**
 * Strict Content-Security-Policy and Trusted Types hosts (reliability.md scenarios 39 and 40, known
 * failures 21–23): the built widget, copied to a host's static folder, on pages whose CSP arrives as a
 * response header. Each host searches, opens an article (sanitized HTML), runs a call through the script
 * and checklist views and opens the QA view (lazy chunks, uPlot, a call's timeline, an export, a team file
 * imported through its worker), while
 * every `securitypolicyviolation` is recorded.
 */
import {expect} from '@open-wc/testing';
import {executeServerCommand} from '@web/test-runner-commands';
import {longCommand} from './long-command.js';

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  source: string;
}

interface CspRun {
  results: unknown[];
  violations: Violation[];
  aaErrors: Array<{code: string; message: string}>;
  console: Array<{text: string; url: string}>;
  failedRequests: string[];
  workers: string[];
}

/** What the full flow reports from the page. */
interface FlowResult {
  results: number;
  articleTags: string[];
  stepMoved: boolean;
  ticked: number;
  bars: string[];
  timeline: boolean;
  imported: boolean;
  hostLit: string | null;
}

const nonce = crypto.randomUUID().replaceAll('-', '');

/** Strict, with nothing inline and nothing from elsewhere: (a). */
const STRICT_SELF =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; worker-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'";
/** A nonce and 'strict-dynamic' (no 'self' for scripts, no worker-src): (b). */
const NONCE_STRICT_DYNAMIC =
  `default-src 'none'; script-src 'nonce-${nonce}' 'strict-dynamic'; style-src 'self'; ` +
  "connect-src 'self'; object-src 'none'; base-uri 'none'";
/** (a) with Trusted Types enforced, allowing the policies named (none: only the host's own). */
const trustedTypes = (...policies: string[]) =>
  `${STRICT_SELF}; require-trusted-types-for 'script'; trusted-types hostpolicy ${policies.join(' ')}`;

/**
 * A copy of dist/ on the host's static folder, and a host page with nothing inline; `hostLit` loads the
 * host's own Lit first, `alsoWidget` a second copy of the widget from another folder after this one.
 */
async function hostPage({hostLit = false, alsoWidget = ''} = {}): Promise<string> {
  return (await executeServerCommand<string, {html: string; removeChunks: string[]}>('aa-copy-dist', {
    removeChunks: [],
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CRM</title>
      ${hostLit ? `<script type="module" nonce="${nonce}" src="/tests/fixtures/host-lit.js"></script>` : ''}
      <script type="module" nonce="${nonce}" src="../static/vendor/agent-assist/agent-assist.js"></script>
      ${alsoWidget ? `<script type="module" nonce="${nonce}" src="${alsoWidget}"></script>` : ''}
      </head><body>${hostLit ? '<host-card></host-card>' : ''}
      <agent-assist lang="en" agent-id="a-csp" queue="billing"></agent-assist></body></html>`,
  }))!;
}

interface CspPayload {
  open?: {url: string; csp: string};
  id?: string;
  eval?: string;
  close?: boolean;
}
const cspCommand = async <T>(payload: CspPayload) => longCommand<T>('aa-csp-run', payload);

/** Opens `url` with `csp` as its header, runs each step (one server command each), and reports. */
async function runCsp(url: string, csp: string, steps: string[]): Promise<CspRun> {
  const id = await cspCommand<string>({open: {url, csp}});
  const results: unknown[] = [];
  let failed: unknown = null;
  try {
    for (const step of steps) results.push(await cspCommand({id, eval: step}));
  } catch (err) {
    failed = err;
  }
  // Closed even after a failed step (a browser context left open would outlive the test).
  const report = await cspCommand<Omit<CspRun, 'results'>>({id, close: true});
  if (failed) throw failed;
  return {...report, results};
}

const HELPERS = `const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const waitFor = async (what, test, ms = 8000) => {
    for (const end = Date.now() + ms; Date.now() < end; await sleep(25)) {
      try { const v = await test(); if (v) return v; } catch {}
    }
    throw new Error('timed out waiting for ' + what);
  };
  await customElements.whenDefined('agent-assist');
  const el = document.querySelector('agent-assist');
  await el.updateComplete;
  const root = el.shadowRoot;`;

/**
 * Search, an article, a call through the script and checklist views, the QA view: the steps of a
 * {@link FlowResult}, one server command each.
 */
const FULL_FLOW = [
  `${HELPERS}
  const panel = await waitFor('knowledge panel', () => root.querySelector('aa-knowledge-panel'));
  const box = await waitFor('search box', () => panel.shadowRoot.querySelector('input[type=search]'));
  box.value = 'refund';
  box.dispatchEvent(new Event('input', {bubbles: true, composed: true}));
  const option = await waitFor('results', () => panel.shadowRoot.querySelector('[role=option]'));
  const results = panel.shadowRoot.querySelectorAll('[role=option]').length;
  option.click();
  const body = await waitFor('article', () =>
    panel.shadowRoot.querySelector('aa-article-view')?.shadowRoot.querySelector('.body:not(:empty)'));
  const articleTags = [...new Set([...body.querySelectorAll('*')].map((n) => n.localName))].sort();
  const hostLit = document.querySelector('host-card')?.shadowRoot?.textContent.trim() ?? null;
  return {results, articleTags, hostLit};`,
  `${HELPERS}
  await el.startCall({scriptId: 'billing-inbound'});
  const next = await waitFor('script view', () =>
    root.querySelector('aa-script-view')?.shadowRoot?.querySelector('.actions .primary, .branches .branch'));
  const firstStep = (await el.getCall()).stepId;
  next.click();
  const stepMoved = await waitFor('next step', async () => (await el.getCall()).stepId !== firstStep);
  root.querySelector('#tab-checklist').click();
  const tick = await waitFor('checklist view', () =>
    root.querySelector('aa-checklist-view')?.shadowRoot?.querySelector('li.item input[type=checkbox]:not(:checked)'));
  tick.click();
  const ticked = await waitFor('tick', async () =>
    (await el.getCall()).items.filter((i) => i.status === 'done').length);
  await el.endCall();
  return {stepMoved, ticked};`,
  `${HELPERS}
  root.querySelector('#tab-qa').click();
  const qa = await waitFor('QA view', () => root.querySelector('aa-qa-view')?.shadowRoot?.querySelector('.calls'))
    .then(() => root.querySelector('aa-qa-view').shadowRoot);
  await waitFor('chart', () => qa.querySelector('.uplot'));
  const bars = [...qa.querySelectorAll('.bars .fill')].map((f) => f.style.width);
  [...qa.querySelectorAll('.actions button')].find((b) => b.textContent.includes('CSV')).click();
  qa.querySelector('button.link[data-row]').click();
  const timeline = !!(await waitFor('timeline', () => qa.querySelector('.detail')));
  // A team file imported through the file input: read, checked and written by the import worker.
  const exported = await (await el.exportLog({format: 'json'})).text();
  const input = qa.querySelector('input[type=file]');
  const files = new DataTransfer();
  files.items.add(new File([exported], 'team.json', {type: 'application/json'}));
  input.files = files.files;
  input.dispatchEvent(new Event('change', {bubbles: true}));
  const imported = await waitFor('import', () =>
    /^team\\.json: \\d+ calls? imported, every hash chain verified/.test(
      qa.querySelector('.message')?.textContent.trim() ?? ''), 20000);
  await sleep(300);
  return {bars, timeline, imported};`,
];

/** The flow's steps' results as one. */
const flowOf = (run: CspRun) => Object.assign({}, ...run.results) as FlowResult;

/** Console errors other than the favicon the test server does not have. */
const consoleErrors = (run: CspRun) => run.console.filter((c) => !c.url.endsWith('/favicon.ico'));
const searchWorker = (run: CspRun) =>
  run.workers.filter((w) => /\/assets\/search-worker-[\w-]+\.js$/.test(w));
const importWorker = (run: CspRun) =>
  run.workers.filter((w) => /\/assets\/log-import-worker-[\w-]+\.js$/.test(w));

/** Everything works, nothing is reported: no violation, no error, search in its worker. */
function expectClean(run: CspRun): FlowResult {
  const flow = flowOf(run);
  expect(run.violations).to.deep.equal([]);
  expect(run.aaErrors).to.deep.equal([]);
  expect(consoleErrors(run)).to.deep.equal([]);
  expect(run.failedRequests.filter((r) => !r.endsWith('/favicon.ico'))).to.deep.equal([]);
  expect(searchWorker(run)).to.have.length(1);
  expect(flow.results).to.be.greaterThan(0);
  // The article's sanitized HTML, not its text: headings, lists or links beside the paragraphs.
  expect(flow.articleTags).to.include('p');
  expect(flow.articleTags.filter((t) => !['p', 'button'].includes(t))).to.have.length.greaterThan(0);
  expect(flow.stepMoved).to.equal(true);
  expect(flow.ticked).to.be.greaterThan(0);
  // The QA view's bars, sized through the CSSOM rather than a style attribute.
  expect(flow.bars).to.have.length.greaterThan(0);
  for (const width of flow.bars) expect(width).to.match(/^\d+(\.\d+)?%$/);
  expect(flow.timeline).to.equal(true);
  expect(flow.imported).to.equal(true);
  expect(importWorker(run)).to.have.length(1);
  return flow;
}

describe('strict CSP and Trusted Types hosts (built widget)', function () {
  this.timeout(60_000);

  it("(a) should run under script-src 'self', style-src 'self' and default-src 'none' with no violation", async () => {
    expectClean(await runCsp(await hostPage(), STRICT_SELF, FULL_FLOW));
  });

  it("(b) should load through a nonce and 'strict-dynamic' with no violation, its worker included", async () => {
    expectClean(await runCsp(await hostPage(), NONCE_STRICT_DYNAMIC, FULL_FLOW));
  });

  it("(c) should run under require-trusted-types-for 'script' with its two policies allowed", async () => {
    expectClean(await runCsp(await hostPage(), trustedTypes('agent-assist-lit', 'agent-assist'), FULL_FLOW));
  });

  it("(c) should run beside a host's own Lit, whose lit-html policy it does not collide with", async () => {
    // No 'allow-duplicates': two copies of Lit both creating `lit-html` would fail here (known failure 22).
    const run = await runCsp(
      await hostPage({hostLit: true}),
      trustedTypes('lit-html', 'agent-assist-lit', 'agent-assist'),
      FULL_FLOW
    );
    const flow = expectClean(run);
    expect(flow.hostLit).to.equal("Rendered by the host's own Lit");
  });

  it('(c) should create no duplicate policy when a second copy of the widget is on the page', async () => {
    // Another folder's copy: its own module graph, as a second version would be (scenario 41).
    const other = (await hostPage()).replace(
      '/crm/index.html',
      '/static/vendor/agent-assist/agent-assist.js'
    );
    expectClean(
      await runCsp(
        await hostPage({alsoWidget: other}),
        trustedTypes('agent-assist-lit', 'agent-assist'),
        FULL_FLOW
      )
    );
  });

  it('(d) should fire one aa-error naming both policies when neither is allowed, and still search', async () => {
    const run = await runCsp(await hostPage(), trustedTypes(), [
      `${HELPERS}
        const hits = await el.search('refund', {limit: 3});
        const {callId} = await el.startCall({scriptId: 'billing-inbound'});
        await el.checkItem('greeting');
        const report = await el.endCall();
        await sleep(300);
        return {hits: hits.length, callLogged: report.callId === callId, shown: root.textContent.trim()};`,
    ]);
    const page = run.results[0] as {hits: number; callLogged: boolean; shown: string};
    expect(run.aaErrors).to.have.length(1);
    expect(run.aaErrors[0]!.code).to.equal('trusted-types-blocked');
    expect(run.aaErrors[0]!.message).to.equal(
      'agent-assist: this page\'s Content-Security-Policy does not allow the Trusted Types policies "agent-assist-lit" ' +
        'and "agent-assist": add agent-assist-lit agent-assist to its trusted-types directive (see README, ' +
        'Embedding). Until then the widget cannot be shown; its methods, search() included, still work.'
    );
    // Only the two refused policies: no sink was reached (nothing fails open, nothing throws).
    expect(run.violations.map((v) => `${v.directive} ${v.sample}`).sort()).to.deep.equal([
      'trusted-types agent-assist',
      'trusted-types agent-assist-lit',
    ]);
    // The browser's own report of each refused policy, and nothing else.
    expect(
      consoleErrors(run)
        .map((c) => c.text.replace(/ violates .*/, ''))
        .sort()
    ).to.deep.equal([
      "Creating a TrustedTypePolicy named 'agent-assist'",
      "Creating a TrustedTypePolicy named 'agent-assist-lit'",
    ]);
    expect(page.hits).to.be.greaterThan(0);
    expect(page.callLogged).to.equal(true);
    expect(page.shown).to.contain('Trusted Types');
    // Search runs on the page: the worker's script URL needs the refused policy.
    expect(searchWorker(run)).to.deep.equal([]);
  });

  it('(d) should show articles as text and search on the page when only agent-assist is refused', async () => {
    const run = await runCsp(await hostPage(), trustedTypes('agent-assist-lit'), FULL_FLOW);
    const flow = flowOf(run);
    expect(run.aaErrors.map((e) => e.code)).to.deep.equal(['trusted-types-blocked']);
    expect(run.aaErrors[0]!.message).to.contain('does not allow the Trusted Types policy "agent-assist":');
    expect(run.aaErrors[0]!.message).to.not.contain('agent-assist-lit');
    expect(run.violations.map((v) => `${v.directive} ${v.sample}`)).to.deep.equal([
      'trusted-types agent-assist',
    ]);
    expect(searchWorker(run)).to.deep.equal([]);
    expect(flow.results).to.be.greaterThan(0);
    // The article's text in paragraphs (with their copy buttons), no HTML parsed.
    expect(flow.articleTags).to.deep.equal(['button', 'p']);
    expect(flow.stepMoved).to.equal(true);
    expect(flow.timeline).to.equal(true);
    // The import runs on the page: its worker's script URL needs the refused policy too.
    expect(flow.imported).to.equal(true);
    expect(importWorker(run)).to.deep.equal([]);
  });
});
