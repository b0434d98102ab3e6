/**
 * The built bundle on host pages (README, Embedding, "Globals" and "Patched globals"; reliability.md
 * scenarios 41 and 42): it adds to the page only the globals the README lists, loaded once, twice and as a
 * second copy from another folder; and a host that replaced `Promise` (zone.js-like), wrapped `fetch` and
 * patched `Array.prototype.toJSON` (Prototype.js) still runs whole calls and uploads byte-correct events
 * (checked server-side by the fault receiver, tests/support/upload-check.mjs). Each page runs in a fresh
 * browser context (`aa-isolated-run`).
 */
import {expect} from '@open-wc/testing';
import {executeServerCommand} from '@web/test-runner-commands';
import {crmPage, hostPages, run} from './isolated-page.js';

/** What the README says loading the widget adds to `window` (Lit's registries, shared by every Lit). */
const DOCUMENTED_GLOBALS = [
  'litElementVersions',
  'litHtmlVersions',
  'litPropertyMetadata',
  'reactiveElementVersions',
];
/** The elements the README says the widget defines (the last three when first needed). */
const DOCUMENTED_ELEMENTS = [
  'aa-article-view',
  'aa-knowledge-panel',
  'agent-assist',
  'aa-script-view',
  'aa-checklist-view',
  'aa-qa-view',
];

interface Added {
  window: string[];
  symbols: string[];
  Symbol: string[];
  document: string[];
  /** Built-ins whose value changed (the widget replaced a host global). */
  replaced: string[];
  /** Prototypes whose own properties changed. */
  prototypes: string[];
}

/** Page-side: what loading the widget added to the page, against a snapshot taken before. */
const SNAPSHOT = `const BUILT_INS = ['fetch', 'Promise', 'JSON', 'setTimeout', 'queueMicrotask', 'customElements',
      'addEventListener', 'Symbol', 'Object', 'Array', 'Request', 'Headers', 'indexedDB', 'trustedTypes'];
    const PROTOTYPES = {Object, Array, Function, Promise, EventTarget, Node, Element, HTMLElement, Document, Window};
    const ownKeys = (o) => [...Object.getOwnPropertyNames(o), ...Object.getOwnPropertySymbols(o).map(String)].sort().join();
    const snapshot = () => ({
      window: Object.getOwnPropertyNames(window),
      symbols: Object.getOwnPropertySymbols(window).map(String),
      Symbol: Object.getOwnPropertyNames(Symbol),
      document: Object.getOwnPropertyNames(document),
      values: Object.fromEntries(BUILT_INS.map((n) => [n, window[n]])),
      prototypes: Object.fromEntries(Object.entries(PROTOTYPES).map(([n, c]) => [n, ownKeys(c.prototype)])),
    });
    const added = (a, b) => ({
      window: b.window.filter((n) => !a.window.includes(n)).sort(),
      symbols: b.symbols.filter((n) => !a.symbols.includes(n)),
      Symbol: b.Symbol.filter((n) => !a.Symbol.includes(n)),
      document: b.document.filter((n) => !a.document.includes(n)),
      replaced: BUILT_INS.filter((n) => a.values[n] !== b.values[n]),
      prototypes: Object.keys(PROTOTYPES).filter((n) => a.prototypes[n] !== b.prototypes[n]),
    });`;

/** Receiver-side view (tests/support/fault-receiver.mjs). */
interface ReceiverView {
  stored: string[];
  requests: {key: string; contentType: string; problems: string[]}[];
}
const receiver = (payload: {name: string; reset?: boolean}) =>
  executeServerCommand<ReceiverView, typeof payload>('aa-receiver', payload) as Promise<ReceiverView>;
const receiverUrl = (name: string) => new URL(`/aa-receiver/${name}/events`, location.href).href;

describe('the built widget on host pages: globals and patched built-ins', function () {
  this.timeout(90_000);

  it('should add only the globals the README documents, loaded once, twice, cache-busted and from another folder', async () => {
    const dir = await hostPages({
      'index.html':
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>blank</title></head><body></body></html>',
    });
    const other = await crmPage();
    const copy = (page: string) =>
      page.replace(/crm\/index\.html$/, 'static/vendor/agent-assist/agent-assist.js');
    const name = `globals-${Date.now()}`;
    await receiver({name, reset: true});
    const [result] = (await run(`${dir}crm/index.html`, [
      {
        eval: `${SNAPSHOT}
          const before = snapshot();
          const defines = [];
          const define = customElements.define;
          customElements.define = function (tag, ...rest) { defines.push(tag); return define.call(this, tag, ...rest); };
          const el = document.createElement('agent-assist');
          for (const [k, v] of Object.entries({'agent-id': 'a-globals', lang: 'en', queue: 'billing', 'sync-url': '${receiverUrl(name)}'}))
            el.setAttribute(k, v);
          document.body.append(el);
          await import('${copy(`${dir}crm/index.html`)}');
          await customElements.whenDefined('agent-assist');
          await el.updateComplete;
          // Everything a session loads: search, storage, the call views, an article, the QA view and its chart.
          const hits = await el.search('refund');
          await el.startCall({scriptId: 'billing-inbound'});
          await el.checkItem('greeting');
          await el.openArticle(hits[0].id);
          await el.endCall();
          for (const tab of el.shadowRoot.querySelectorAll('[role=tab]')) {
            tab.click();
            await new Promise((r) => setTimeout(r, 400));
          }
          await el.exportLog({format: 'csv'});
          await new Promise((r) => setTimeout(r, 500));
          const once = added(before, snapshot());
          const versions = reactiveElementVersions.length;
          // The same URL again (one module), a cache-busted URL and a copy from another folder (two more copies).
          await import('${copy(`${dir}crm/index.html`)}');
          await import('${copy(`${dir}crm/index.html`)}?v=2');
          await import('${copy(other)}');
          await new Promise((r) => setTimeout(r, 300));
          customElements.define = define;
          return {once, twice: added(before, snapshot()), defines, copies: reactiveElementVersions.length - versions};`,
      },
    ])) as [{once: Added; twice: Added; defines: string[]; copies: number}];
    expect(result.once).to.deep.equal({
      window: DOCUMENTED_GLOBALS,
      symbols: [],
      // Lit's polyfill of the decorators' metadata symbol, where the browser has none yet.
      Symbol: result.once.Symbol.length === 0 ? [] : ['metadata'],
      document: [],
      replaced: [],
      prototypes: [],
    });
    // The copy from another folder ran (its Lit registered its version; the cache-busted entry shares the
    // first copy's chunks, Lit's included), and nothing more was added.
    expect(result.copies).to.equal(1);
    expect(result.twice).to.deep.equal(result.once);
    expect([...result.defines].sort()).to.deep.equal([...DOCUMENTED_ELEMENTS].sort());
    // And the README says so.
    const readme = await (await fetch('/README.md')).text();
    for (const documented of [
      ...DOCUMENTED_GLOBALS,
      'Symbol.metadata',
      ...DOCUMENTED_ELEMENTS.map((t) => `<${t}>`),
    ])
      expect(readme, documented).to.contain(`\`${documented}\``);
  });

  /** Page-side helpers: the element, uncaught errors, and a wait for the upload badge. */
  const HELPERS = `await customElements.whenDefined('agent-assist');
    const el = document.querySelector('agent-assist');
    const waitFor = async (test, ms = 15000) => { for (const end = Date.now() + ms; Date.now() < end && !(await test()); ) await new Promise((r) => setTimeout(r, 50)); return test(); };
    const uploaded = () => waitFor(() => (el.shadowRoot.querySelector('.badge.sync')?.textContent ?? '').trim().startsWith('All uploaded'), 20000);`;

  /** A whole call, then the log as the page sees it. */
  const WHOLE_CALL = `const {callId} = await el.startCall({callId: 'c-host-' + Date.now(), scriptId: 'billing-inbound',
        context: {customer: {name: 'Li Wei'}}});
      await el.checkItem('greeting');
      await el.checkItem('recording-notice', {source: 'host'});
      await el.skipItem('data-consent', 'Customer in a hurry');
      for (let i = 0; i < 4; i++) {
        const call = await el.getCall();
        if (!call.step) break;
        await el.completeStep(call.step.choices.length > 0 ? {branch: 1} : {});
      }
      const hits = await el.search('refund');
      await el.openArticle(hits[0].id);
      const report = await el.endCall({outcome: 'resolved'});
      const isUploaded = await uploaded();
      const file = JSON.parse(await (await el.exportLog({format: 'json'})).text());
      return {
        isUploaded,
        items: Array.isArray(report.items) && report.items.length,
        logged: file.events.map((e) => e.eventId),
        types: file.events.filter((e) => e.callId === callId).map((e) => e.type),
        verify: await el.verifyLog(),
        aaErrors: __aaErrors,
        uncaught: __uncaught,
        zone: window.__zone ? __zone.callbacks : null,
        fetches: window.__fetches ? __fetches.length : null,
      };`;

  /** Before the host's own scripts: uncaught errors and rejections (a PrematureCommitError would be one). */
  const UNCAUGHT = `<script>window.__uncaught = [];
    addEventListener('error', (e) => __uncaught.push(e.message));
    addEventListener('unhandledrejection', (e) => __uncaught.push(String(e.reason && (e.reason.name + ': ' + e.reason.message))));</script>`;
  /** zone.js-like: `window.Promise` replaced by a subclass that wraps every callback it is given. */
  const ZONE_PROMISE = `<script>(() => {
    window.__zone = {callbacks: 0};
    const wrap = (f) => (typeof f === 'function' ? (v) => { __zone.callbacks++; return f(v); } : f);
    class ZoneAwarePromise extends Promise {
      then(onFulfilled, onRejected) { return super.then(wrap(onFulfilled), wrap(onRejected)); }
    }
    window.Promise = ZoneAwarePromise;
  })();</script>`;
  /** An APM-style `fetch` wrapper that records each request and passes it through. */
  const LOGGING_FETCH = `<script>(() => {
    window.__fetches = [];
    const fetch = window.fetch;
    window.fetch = function (input, init) { __fetches.push(String(input.url || input)); return fetch.call(this, input, init); };
  })();</script>`;
  /** A `fetch` wrapper that removes the `Idempotency-Key` header (e.g. a proxy shim with a header allow-list). */
  const STRIPPING_FETCH = `<script>(() => {
    const fetch = window.fetch;
    window.fetch = function (input, init) {
      if (init && init.headers) {
        const headers = new Headers(init.headers);
        headers.delete('Idempotency-Key');
        init = {...init, headers};
      }
      return fetch.call(this, input, init);
    };
  })();</script>`;
  /** Prototype.js 1.6: arrays become strings when JSON.stringify meets them. */
  const PROTOTYPE_JS = `<script>Array.prototype.toJSON = function () { return '[' + this.map(String).join(', ') + ']'; };</script>`;

  type Outcome = {
    isUploaded: boolean;
    items: number;
    logged: string[];
    types: string[];
    verify: {ok: boolean};
    aaErrors: string[];
    uncaught: string[];
    zone: number | null;
    fetches: number | null;
  };

  /** Runs a whole call on a host page with `patches`; returns the page's outcome and the receiver's view. */
  async function hostWith(patches: string): Promise<{page: Outcome; server: ReceiverView}> {
    const name = `host-${Date.now()}`;
    await receiver({name, reset: true});
    const url = await crmPage(`${UNCAUGHT}${patches}`, `sync-url="${receiverUrl(name)}"`);
    const [page] = (await run(url, [{eval: `${HELPERS} ${WHOLE_CALL}`}])) as [Outcome];
    return {page, server: await receiver({name})};
  }

  /** The call ran, logged and uploaded each event once; the server found every request byte-correct. */
  function expectWholeCallUploaded({page, server}: {page: Outcome; server: ReceiverView}) {
    expect(page.uncaught).to.deep.equal([]);
    expect(page.aaErrors).to.deep.equal([]);
    expect(page.isUploaded).to.equal(true);
    expect(page.items).to.be.greaterThan(0);
    expect(page.types[0]).to.equal('call-start');
    expect(page.types).to.include.members(['item-check', 'item-skip', 'step-complete', 'article-open']);
    expect(page.types[page.types.length - 1]).to.equal('call-end');
    expect(page.verify.ok).to.equal(true);
    expect([...server.stored].sort()).to.deep.equal([...page.logged].sort());
    expect(server.requests.length).to.be.greaterThan(0);
    for (const request of server.requests) {
      expect(request.problems).to.deep.equal([]);
      expect(request.contentType).to.equal('application/json');
    }
  }

  it('scenario 42: a zone.js-like Promise, a logging fetch wrapper and Prototype.js: a whole call, uploaded byte-correct with its key', async () => {
    const outcome = await hostWith(`${ZONE_PROMISE}${LOGGING_FETCH}${PROTOTYPE_JS}`);
    expectWholeCallUploaded(outcome);
    // The host's patches were in the way: the widget's promises and uploads went through them.
    expect(outcome.page.zone).to.be.greaterThan(0);
    expect(outcome.page.fetches).to.be.greaterThan(0);
    for (const request of outcome.server.requests) expect(request.key).to.match(/^[0-9a-f]{64}$/);
  });

  it('scenario 42: a fetch wrapper that strips Idempotency-Key: the events still arrive once and byte-correct, without the key', async () => {
    const outcome = await hostWith(STRIPPING_FETCH);
    expectWholeCallUploaded(outcome);
    // What the README says: the widget uses the page's fetch, so the key is gone; each event's id dedupes.
    for (const request of outcome.server.requests) expect(request.key).to.equal('');
  });
});
