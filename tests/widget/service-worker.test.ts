/**
 * The service worker of the frame embed (dist/sw.js, dist/frame.html), against a copy of dist/ served by
 * a server of the test's own that a step can stop: reliability.md section C (scenarios 27 to 31).
 */
import {expect} from '@open-wc/testing';
import {executeServerCommand} from '@web/test-runner-commands';
import {longCommand} from './long-command.js';

type SwStep =
  | {open: string}
  | {eval: string}
  | {server: 'down' | 'up'}
  | {closeTabs: true}
  | {deploy: {rename?: string[]; missing?: string; remove?: string[]}}
  | {stopWorkers: true}
  | {navigations: true}
  | {wait: number};

const swRun = (steps: SwStep[]) => longCommand<unknown[]>('aa-sw-run', {steps});

const FRAME = 'frame.html?agent-id=a-sw&lang=en&queue=billing';

/** Page-side helpers: the element, a poll, the errors it reported, and the worker's state. */
const HELPERS = `await customElements.whenDefined('agent-assist');
  const el = document.querySelector('agent-assist');
  const waitFor = async (test, ms = 10000) => { for (const end = Date.now() + ms; Date.now() < end && !(await test()); ) await new Promise((r) => setTimeout(r, 50)); return test(); };
  window.__errors ??= [];
  if (!window.__listening) { window.__listening = true; document.addEventListener('aa-error', (e) => __errors.push(e.detail.code)); }
  const reg = await navigator.serviceWorker.getRegistration();
  const notice = () => document.getElementById('aa-app-update');`;

/** The first visit: the worker installs (precaching everything) and is active. */
const INSTALLED = `${HELPERS}
  await navigator.serviceWorker.ready;
  return !!(await navigator.serviceWorker.getRegistration())?.active;`;

/** A whole call from the page, then the chain check. */
const A_CALL = `const {callId} = await el.startCall({scriptId: 'billing-inbound'});
  await el.checkItem('greeting');
  await el.completeStep();
  const report = await el.endCall();
  const verify = await el.verifyLog({callId});`;

describe('service worker (frame.html, built widget)', function () {
  this.timeout(60_000);

  it('scenario 31: a cold start with the server gone renders, searches, runs a call and logs', async () => {
    const results = await swRun([
      {open: FRAME},
      {eval: INSTALLED},
      {closeTabs: true},
      {server: 'down'},
      {open: FRAME},
      {
        eval: `${HELPERS}
          const hits = await el.search('refund');
          const articles = () => el.shadowRoot.querySelector('aa-knowledge-panel')?.shadowRoot.querySelectorAll('.article-link').length ?? 0;
          await waitFor(() => articles() > 0);
          ${A_CALL}
          return {controlled: !!navigator.serviceWorker.controller, hits: hits.length, articles: articles(),
            ended: report.callId === callId, verify: verify.ok, errors: __errors};`,
      },
    ]);
    expect(results[1]).to.equal(true);
    const offline = results[5] as {
      controlled: boolean;
      hits: number;
      articles: number;
      ended: boolean;
      verify: boolean;
      errors: string[];
    };
    expect(offline.controlled).to.equal(true);
    expect(offline.hits).to.be.greaterThan(0);
    expect(offline.articles).to.be.greaterThan(0);
    expect(offline.ended).to.equal(true);
    expect(offline.verify).to.equal(true);
    // Only that the pack could not be refreshed from the network.
    expect(offline.errors.filter((e) => e !== 'pack-unavailable')).to.deep.equal([]);
  });

  it('scenario 27: an update found mid-call waits, the old version’s lazy views still load, and it applies when the call ends', async () => {
    const results = await swRun([
      {open: FRAME},
      {eval: INSTALLED},
      // A second visit: this page is controlled by the worker.
      {open: FRAME},
      {
        eval: `${HELPERS}
          await el.startCall({scriptId: 'billing-inbound'});
          return !!navigator.serviceWorker.controller;`,
      },
      // A new build replaces the QA view's chunks: the old ones are gone from the server.
      {deploy: {rename: ['qa-view', 'uPlot.esm']}},
      {
        eval: `${HELPERS}
          await reg.update();
          await waitFor(() => reg.waiting !== null);
          await waitFor(() => !notice().hidden);
          // The running version opens a view it had not loaded yet: its chunk comes from the old precache.
          el.shadowRoot.querySelector('#tab-qa').click();
          await waitFor(() => customElements.get('aa-qa-view') !== undefined);
          const qa = el.shadowRoot.querySelector('aa-qa-view');
          await waitFor(() => qa?.shadowRoot?.querySelector('table, [role="status"], p') != null);
          return {waiting: reg.waiting !== null, notice: notice().textContent, qaDefined: !!customElements.get('aa-qa-view'), errors: __errors, inCall: (await el.getCall()) !== null};`,
      },
      {navigations: true},
      // The call ends: the update applies and the page reloads into the new version, once.
      {eval: `${HELPERS} void el.endCall(); return null;`},
      {wait: 3000},
      {navigations: true},
      {
        eval: `${HELPERS}
          await waitFor(() => reg.waiting === null && !!navigator.serviceWorker.controller);
          el.shadowRoot.querySelector('#tab-qa').click();
          await waitFor(() => customElements.get('aa-qa-view') !== undefined);
          const scripts = [...document.scripts].map((s) => s.src);
          return {qaDefined: !!customElements.get('aa-qa-view'), errors: __errors, notice: notice().hidden, inCall: (await el.getCall()) !== null,
            newChunk: performance.getEntriesByType('resource').some((e) => /chunks\\/qa-view-v2/.test(e.name)), scripts: scripts.length};`,
      },
    ]);
    expect(results[3]).to.equal(true);
    const midCall = results[5] as {
      waiting: boolean;
      notice: string;
      qaDefined: boolean;
      errors: string[];
      inCall: boolean;
    };
    expect(midCall.waiting).to.equal(true);
    expect(midCall.notice).to.contain('when this call ends');
    expect(midCall.qaDefined).to.equal(true);
    expect(midCall.errors).to.not.include('not-available');
    expect(midCall.inCall).to.equal(true);
    expect(results[6]).to.equal(1);
    // One reload, after the call ended.
    expect(results[9]).to.equal(2);
    const after = results[10] as {
      qaDefined: boolean;
      errors: string[];
      notice: boolean;
      inCall: boolean;
      newChunk: boolean;
    };
    expect(after.inCall).to.equal(false);
    expect(after.qaDefined).to.equal(true);
    expect(after.newChunk).to.equal(true);
    expect(after.errors).to.not.include('not-available');
    expect(after.notice).to.equal(true);
  });

  it('scenario 28: a new build with one missing file never installs, and the running one keeps working', async () => {
    const results = await swRun([
      {open: FRAME},
      {eval: INSTALLED},
      {open: FRAME},
      {deploy: {missing: 'chunks/gone-0a1b2c3d.js'}},
      {
        eval: `${HELPERS}
          const before = reg.active.scriptURL;
          const installing = new Promise((resolve) => reg.addEventListener('updatefound', () => resolve(reg.installing)));
          await reg.update().catch(() => undefined);
          const worker = await installing;
          await waitFor(() => worker.state === 'redundant');
          const hits = await el.search('refund');
          return {redundant: worker.state, waiting: reg.waiting, same: reg.active.scriptURL === before, hits: hits.length, notice: notice().hidden};`,
      },
      {server: 'down'},
      {open: FRAME},
      {
        eval: `${HELPERS}
          const hits = await el.search('refund');
          return {controlled: !!navigator.serviceWorker.controller, hits: hits.length};`,
      },
    ]);
    const update = results[4] as {
      redundant: string;
      waiting: null;
      same: boolean;
      hits: number;
      notice: boolean;
    };
    expect(update.redundant).to.equal('redundant');
    expect(update.waiting).to.equal(null);
    expect(update.same).to.equal(true);
    expect(update.hits).to.be.greaterThan(0);
    expect(update.notice).to.equal(true);
    const offline = results[7] as {controlled: boolean; hits: number};
    expect(offline.controlled).to.equal(true);
    expect(offline.hits).to.be.greaterThan(0);
  });

  it('scenario 29: builds alternating on every deploy reload the page at most once, never mid-call', async () => {
    const update = `${HELPERS}
      await reg.update();
      await waitFor(() => reg.waiting !== null);
      return reg.waiting !== null;`;
    const callThenWait = `${HELPERS}
      await el.startCall({scriptId: 'billing-inbound'});
      await el.completeStep();
      void el.endCall();
      return null;`;
    const results = await swRun([
      {open: FRAME},
      {eval: INSTALLED},
      {open: FRAME},
      {deploy: {}},
      {eval: update},
      {eval: callThenWait},
      {wait: 3000},
      {navigations: true},
      {deploy: {}},
      {eval: update},
      {eval: callThenWait},
      {wait: 3000},
      {navigations: true},
      {
        eval: `${HELPERS} return {notice: notice().hidden ? '' : notice().textContent, waiting: reg.waiting !== null};`,
      },
    ]);
    expect(results[4]).to.equal(true);
    expect(results[7]).to.equal(2);
    expect(results[9]).to.equal(true);
    // The second update waits for the agent: no second automatic reload in this session.
    expect(results[12]).to.equal(2);
    const last = results[13] as {notice: string; waiting: boolean};
    expect(last.notice).to.contain('ready');
  });

  it('scenario 30: the worker stopped mid-upload: the page-driven upload goes on and the next start is clean', async () => {
    const receiver = 'sw-30';
    await executeServerCommand('aa-receiver', {name: receiver, reset: true, plan: ['hang:1500']});
    const syncUrl = encodeURIComponent(new URL(`/aa-receiver/${receiver}/events`, location.origin).href);
    const frame = `${FRAME}&sync-url=${syncUrl}`;
    const results = await swRun([
      {open: frame},
      {eval: INSTALLED},
      {open: frame},
      {
        eval: `${HELPERS}
          ${A_CALL}
          return verify.ok;`,
      },
      {stopWorkers: true},
      {
        eval: `${HELPERS}
          const badge = () => el.shadowRoot.querySelector('.badge.sync')?.textContent ?? '';
          await waitFor(() => badge().includes('All uploaded'), 20000);
          return badge().trim();`,
      },
      {server: 'down'},
      {closeTabs: true},
      {open: frame},
      {
        eval: `${HELPERS}
          const hits = await el.search('refund');
          return {controlled: !!navigator.serviceWorker.controller, hits: hits.length};`,
      },
    ]);
    expect(results[3]).to.equal(true);
    expect(results[5]).to.equal('All uploaded');
    const held = (await executeServerCommand('aa-receiver', {name: receiver})) as {
      stored: string[];
      requests: Array<{ids: string[]}>;
    };
    const sent = held.requests.flatMap((r) => r.ids);
    // Every event arrived, each stored once (a resend after the hang is a duplicate, not a second copy).
    expect(held.stored.length).to.be.greaterThan(3);
    expect(new Set(held.stored).size).to.equal(held.stored.length);
    expect(new Set(sent).size).to.equal(held.stored.length);
    const offline = results[9] as {controlled: boolean; hits: number};
    expect(offline.controlled).to.equal(true);
    expect(offline.hits).to.be.greaterThan(0);
  });
});
