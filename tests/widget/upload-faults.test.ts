/**
 * Upload faults in real tabs of the built widget (in-page embed), against the fault-injecting receiver:
 * reliability.md section B and the tab lifecycle of section A (scenarios 3, 4, 6, 9, 14, 15, 25, 26). Each
 * ends with the receiver holding every logged event exactly once, in each call's order.
 */
import {expect} from '@open-wc/testing';
import {executeServerCommand} from '@web/test-runner-commands';
import {crmPage, run} from './isolated-page.js';
import type {Step} from './isolated-page.js';

interface ReceiverView {
  stored: string[];
  requests: Array<{ids: string[]; count: number; step: string}>;
  maxInflight: number;
}

const receiver = (payload: {name: string; reset?: boolean; plan?: string[]}) =>
  executeServerCommand<ReceiverView, typeof payload>('aa-receiver', payload) as Promise<ReceiverView>;

/** A receiver of its own and a CRM page whose widget uploads to it. */
async function setUp(name: string, plan: string[] = [], beforeWidget = '', syncUrl?: string) {
  await receiver({name, reset: true, plan});
  const url = syncUrl ?? new URL(`/aa-receiver/${name}/events`, location.href).href;
  return crmPage(beforeWidget, `sync-url="${url}"`);
}

const HELPERS = `await customElements.whenDefined('agent-assist');
  const el = document.querySelector('agent-assist');
  await el.getCall();
  const waitFor = async (test, ms = 15000) => { for (const end = Date.now() + ms; Date.now() < end && !(await test()); ) await new Promise((r) => setTimeout(r, 50)); return test(); };
  const badge = () => el.shadowRoot.querySelector('.badge.sync')?.textContent.replace(/\\s+/g, ' ').trim() ?? '';
  const uploaded = () => waitFor(() => badge().startsWith('All uploaded'), 20000);`;

/** The first visit, online: the content pack has loaded. */
const LOADED = `${HELPERS} await waitFor(async () => (await el.search('refund')).length > 0); return null;`;

/** Runs a short call (5 events) with id `id`. */
const call = (id: string) => `await el.startCall({callId: '${id}', scriptId: 'billing-inbound'});
  await el.checkItem('greeting');
  await el.checkItem('recording-notice');
  await el.completeStep();
  await el.endCall();`;

/** Every logged event of the page: id → [callId, seq]. */
const LOGGED = `const file = JSON.parse(await (await el.exportLog({format: 'json'})).text());
  const logged = Object.fromEntries(file.events.map((e) => [e.eventId, [e.callId, e.seq]]));`;

/** The receiver holds each logged event once, and each call's events arrived in `seq` order. */
function expectExactlyOnceInOrder(view: ReceiverView, logged: Record<string, [string, number]>) {
  expect([...view.stored].sort()).to.deep.equal(Object.keys(logged).sort());
  expect(new Set(view.stored).size).to.equal(view.stored.length);
  const lastSeq = new Map<string, number>();
  for (const id of view.stored) {
    const [callId, seq] = logged[id]!;
    expect(seq, `${callId} seq ${seq} after ${lastSeq.get(callId)}`).to.be.greaterThan(
      lastSeq.get(callId) ?? 0
    );
    lastSeq.set(callId, seq);
  }
}

describe('upload faults in real tabs (built widget, in-page embed)', function () {
  this.timeout(90_000);

  it('scenarios 3 and 6: the draining tab closed mid-request: another tab takes over at once, and a tab closed with events waiting leaves them to the next', async () => {
    const name = `tabs-${Date.now()}`;
    // The first request is committed but answered late: the tab is gone before the answer.
    const url = await setUp(name, ['slow:4000']);
    const results = await run(url, [
      {
        tab: 0,
        eval: `${HELPERS} ${call('close-1')} await new Promise((r) => setTimeout(r, 500)); return badge();`,
      },
      {tab: 1, eval: `${HELPERS} ${call('close-2')} return badge();`},
      {tab: 0, close: true},
      {
        tab: 1,
        eval: `${HELPERS} const t = performance.now(); await uploaded(); return performance.now() - t;`,
      },
      // Offline, a third call is logged and its tab closed without a word: the next tab sends it.
      {offline: true},
      {tab: 1, eval: `${HELPERS} ${call('close-3')} return badge();`},
      {tab: 1, close: true},
      {offline: false},
      {tab: 2, eval: `${HELPERS} await uploaded(); ${LOGGED} return {logged, badge: badge()};`},
    ] as Step[]);
    expect(results[0]).to.contain('to upload');
    // Taken over well within the time the closed tab's request would have taken to answer.
    expect(results[3] as number).to.be.lessThan(3000);
    expect(results[5]).to.match(/^5 to upload/);
    const {logged} = results[8] as {logged: Record<string, [string, number]>};
    const view = await receiver({name});
    expect(Object.keys(logged)).to.have.length(15);
    // (The receiver saw two requests at once: the closed tab's, still being answered, and the new
    // drainer's; the second carried the first one's events again and they came back as duplicates.)
    expectExactlyOnceInOrder(view, logged);
  });

  it('scenario 4: a tab frozen during an upload neither loses nor doubles events when it wakes', async () => {
    const name = `frozen-${Date.now()}`;
    const url = await setUp(name, ['slow:1500']);
    const results = await run(url, [
      {eval: `${HELPERS} ${call('frozen-1')} await new Promise((r) => setTimeout(r, 300)); return badge();`},
      {freeze: 4000},
      {eval: `${HELPERS} ${call('frozen-2')} await uploaded(); ${LOGGED} return logged;`},
    ]);
    expect(results[0]).to.contain('to upload');
    const view = await receiver({name});
    expectExactlyOnceInOrder(view, results[2] as Record<string, [string, number]>);
    expect(view.maxInflight).to.equal(1);
  });

  it('scenario 14: eight hours offline, then back: every event once, in order, within the backoff cap, one request at a time', async () => {
    const name = `offline-8h-${Date.now()}`;
    const url = await setUp(name);
    const hour = 60 * 60 * 1000;
    const steps: Step[] = [{clock: 'install'}, {reload: true}, {eval: LOADED}, {offline: true}];
    // A shift without network: calls every hour, the clock jumping an hour at a time (timers fire).
    for (let h = 0; h < 8; h++) {
      steps.push({eval: `${HELPERS} ${call(`shift-${h}`)} return badge();`}, {clock: {fastForward: hour}});
    }
    steps.push(
      {eval: `${HELPERS} return badge();`},
      {offline: false},
      // Back online: the next attempt comes within the backoff cap (5 minutes).
      {clock: {fastForward: 5 * 60 * 1000}},
      {eval: `${HELPERS} await uploaded(); ${LOGGED} return logged;`}
    );
    const results = await run(url, steps);
    expect(results[4 + 16]).to.match(/^40 to upload/);
    const view = await receiver({name});
    expectExactlyOnceInOrder(view, results.at(-1) as Record<string, [string, number]>);
    expect(view.maxInflight).to.equal(1);
    // No burst: the backlog went in a few full batches.
    expect(view.requests.length).to.be.at.most(3);
  });

  it('scenario 15: a network flapping every 0.7 s: no overlapping drains, no duplicates, a bounded number of attempts', async () => {
    const name = `flapping-${Date.now()}`;
    // Counts the page's upload attempts (each fetch to the receiver), offline or not.
    const counter = `<script>window.__attempts = 0; const f = window.fetch;
      window.fetch = function (input, init) { if (String(input.url ?? input).includes('/aa-receiver/')) __attempts++; return f.call(this, input, init); };</script>`;
    const url = await setUp(name, [], counter);
    const steps: Step[] = [{eval: LOADED}];
    // (A server command must answer within 20 s: a shorter run than reliability.md's two minutes.)
    for (let i = 0; i < 6; i++) {
      steps.push(
        {offline: true},
        {eval: `${HELPERS} ${call(`flap-${i}`)} return null;`},
        {wait: 700},
        {offline: false},
        {wait: 700}
      );
    }
    steps.push({eval: `${HELPERS} await uploaded(); ${LOGGED} return {logged, attempts: __attempts};`});
    const results = await run(url, steps);
    const {logged, attempts} = results.at(-1) as {logged: Record<string, [string, number]>; attempts: number};
    const view = await receiver({name});
    expectExactlyOnceInOrder(view, logged);
    expect(view.maxInflight).to.equal(1);
    // About 9 s of flapping: one drain's attempts, spaced by its backoff, not one loop per toggle.
    expect(attempts).to.be.at.most(25);
  });

  it('scenario 9: with local storage refused, each event is uploaded as it happens', async () => {
    const name = `memory-${Date.now()}`;
    const refuse = `<script>indexedDB.open = () => { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); };</script>`;
    const url = await setUp(name, [], refuse);
    const results = await run(url, [
      {
        eval: `${HELPERS}
          const after = [];
          const step = async (action) => { await action(); after.push(await uploaded() ? badge() : 'waiting: ' + badge()); };
          await step(() => el.startCall({callId: 'memory-1', scriptId: 'billing-inbound'}));
          await step(() => el.checkItem('greeting'));
          await step(() => el.completeStep());
          await step(() => el.endCall());
          ${LOGGED}
          return {after, logged, banner: el.shadowRoot.querySelector('.banner')?.textContent.trim()};`,
      },
    ]);
    const r = results[0] as {after: string[]; logged: Record<string, [string, number]>; banner: string};
    expect(r.banner).to.contain('not durable');
    expect(r.after).to.deep.equal(Array(4).fill('All uploaded'));
    expectExactlyOnceInOrder(await receiver({name}), r.logged);
  });

  it('scenario 25: a host whose CSP forbids the endpoint gets a clear error, once, keeps every event and does not spin', async () => {
    const name = `csp-${Date.now()}`;
    // Another origin (127.0.0.1 instead of localhost) that the page's connect-src does not allow.
    const elsewhere = new URL(`/aa-receiver/${name}/events`, location.href);
    elsewhere.hostname = elsewhere.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
    const csp = `<meta http-equiv="Content-Security-Policy" content="connect-src 'self'">
      <script>window.__violations = 0; document.addEventListener('securitypolicyviolation', (e) => { if (e.effectiveDirective === 'connect-src') __violations++; });
      window.__messages = []; document.addEventListener('aa-error', (e) => __messages.push(e.detail));</script>`;
    const url = await setUp(name, [], csp, elsewhere.href);
    const results = await run(url, [
      {
        eval: `${HELPERS} ${call('csp-1')}
          await new Promise((r) => setTimeout(r, 6000));
          const title = el.shadowRoot.querySelector('.badge.sync')?.getAttribute('title');
          return {badge: badge(), title, violations: __violations, errors: __messages.filter((m) => m.code === 'sync-misconfigured')};`,
      },
    ]);
    const r = results[0] as {
      badge: string;
      title: string;
      violations: number;
      errors: Array<{code: string; message: string}>;
    };
    expect(r.badge).to.match(/^5 to upload/);
    expect(r.title).to.contain('Content-Security-Policy (connect-src) does not allow');
    expect(r.errors).to.have.length(1);
    expect(r.errors[0]!.message).to.contain(elsewhere.origin);
    // Retried at the slowest pace after the first refusal, not in a loop.
    expect(r.violations).to.be.at.most(2);
    expect((await receiver({name})).requests).to.have.length(0);
  });

  it('scenario 26: a clock two days behind that jumps three hours mid-call keeps the chain, the order and the report sound', async () => {
    const name = `skew-${Date.now()}`;
    const url = await setUp(name);
    const day = 24 * 60 * 60 * 1000;
    const results = await run(url, [
      {clock: 'install'},
      {clock: {setSystemTime: new Date(Date.now() - 2 * day).toISOString()}},
      {reload: true},
      {
        eval: `${HELPERS} await el.startCall({callId: 'skew-1', scriptId: 'billing-inbound'}); await el.checkItem('greeting'); return null;`,
      },
      {clock: {setSystemTime: new Date(Date.now() - 2 * day + 3 * 60 * 60 * 1000).toISOString()}},
      {
        eval: `${HELPERS} await el.checkItem('recording-notice'); await el.completeStep(); const report = await el.endCall();
          await uploaded(); ${LOGGED}
          return {logged, verify: await el.verifyLog({callId: 'skew-1'}), at: report.items.filter((i) => i.at != null).map((i) => i.at)};`,
      },
    ]);
    const r = results[5] as {logged: Record<string, [string, number]>; verify: {ok: boolean}; at: number[]};
    expect(r.verify.ok).to.equal(true);
    // When items were done is measured on the call's monotonic clock: never negative, never hours.
    expect(r.at.length).to.be.greaterThan(0);
    for (const at of r.at) expect(at).to.be.within(0, 600);
    expectExactlyOnceInOrder(await receiver({name}), r.logged);
  });
});
