/**
 * Iframe mode end to end (README, Embedding; reliability.md scenarios 43 and 46, known failure 29): the built
 * bundle on a host page at http://localhost:<port> drives `frame.html` served from http://127.0.0.1:<port>
 * (another origin on the same test server) through `createAgentAssistFrame()`; an "ad" iframe and a popup on
 * third origins (127.0.0.2, 127.0.0.3) try to drive it too. Each test runs in a Chromium of its own on a
 * fresh profile (`aa-frames-run`): Chromium's defaults for third-party storage (partitioned by the
 * embedding site), which Playwright's contexts change, and nothing left behind for the other tests.
 */
import {expect} from '@open-wc/testing';
import {executeServerCommand} from '@web/test-runner-commands';
import {longCommand} from './long-command.js';
import type {AaEventDetailMap, AaEventName} from '../../src/events/aa-event.js';
import type {AgentAssistApi} from '../../src/session/api-types.js';
import {framesRun, hostPages} from './isolated-page.js';
import type {ConsoleEntry, FramesRun} from './isolated-page.js';

const PORT = location.port;
/** The host page's origin (the test server as the tests reach it). */
const HOST = location.origin;
/** The frame's origin: the same server under another name. */
const FRAME = `http://127.0.0.1:${PORT}`;
/** Third parties: an ad iframe on the host page, a popup, a page that is not the CRM. */
const AD = `http://127.0.0.2:${PORT}`;
const POPUP = `http://127.0.0.3:${PORT}`;

/** In every frame of the run: the `aa-error`s its document hears. */
const INIT = `window.__aaErrors = [];
  document.addEventListener('aa-error', (e) => __aaErrors.push(e.detail));`;

/**
 * A CRM page that imports the built bundle from the copy of dist/ beside it, as an integrator would;
 * `frameUrl(origin, query)` is that copy's frame.html on another origin.
 */
const crm = (body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CRM</title>
  <script type="module">
    import {createAgentAssistFrame} from '../static/vendor/agent-assist/agent-assist.js';
    window.frameUrl = (origin, query = '') =>
      origin + location.pathname.replace(/crm\\/[^/]*$/, 'static/vendor/agent-assist/frame.html') + query;
    window.createAgentAssistFrame = createAgentAssistFrame;
  </script></head><body>${body}<div id="slot" style="height: 640px"></div></body></html>`;

/** Page-side: waits for the CRM page's module. */
const READY = `for (let i = 0; i < 400 && !window.createAgentAssistFrame; i++) await new Promise((r) => setTimeout(r, 25));`;

/**
 * A third party's page: posts `aa:` messages to every frame of the page that embeds (or opened) it, twice:
 * a call straight to the window, a handshake with a port of its own followed by a call on that port, and
 * fake answers and events to the host page itself. `__heard` is what came back on its ports.
 */
const THIRD_PARTY = `<!doctype html><meta charset="utf-8"><title>ad</title><body>Buy now<script>
  window.__heard = [];
  const spoof = (round) => {
    const host = window.opener || window.parent;
    host.postMessage({type: 'aa:result', id: 1, value: {callId: 'c-fake'}}, '*');
    host.postMessage({type: 'aa:event', name: 'aa-call-start', detail: {callId: 'c-fake', scriptId: null, scriptVersion: null}}, '*');
    for (let i = 0; i < host.frames.length; i++) {
      const target = host.frames[i];
      if (target === window) continue;
      target.postMessage({type: 'aa:call', method: 'startCall', args: [{callId: 'c-spoofed-' + round}], id: 1}, '*');
      const channel = new MessageChannel();
      channel.port1.onmessage = (e) => __heard.push(e.data);
      target.postMessage({type: 'aa:connect', protocol: 1, session: 'spoof-' + round}, '*', [channel.port2]);
      channel.port1.postMessage({type: 'aa:call', method: 'startCall', args: [{callId: 'c-port-' + round}], id: 2});
    }
    window.__rounds = round;
  };
  spoof(1);
  setTimeout(() => spoof(2), 150);
</script></body>`;

/** A third party's two rounds and the answers to both (waited for: slow on a loaded machine). */
const HEARD_BOTH_ROUNDS = `for (let i = 0; i < 150 && (window.__rounds !== 2 || __heard.length < 2); i++)
    await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 300));
  return {heard: __heard, rounds: __rounds};`;

/** An object with the API and the element's typed events: `<agent-assist>`, or what the helper resolves. */
type Embed = AgentAssistApi & {
  addEventListener<K extends AaEventName>(
    type: K,
    listener: (e: CustomEvent<AaEventDetailMap[K]>) => void
  ): void;
};

/**
 * The host's call-driving code, written once and run (as its source text, in the CRM page) against the
 * element and against the frame helper. Self-contained: it may use nothing from this module.
 */
async function driveCall(api: Embed) {
  const events: {name: string; detail: unknown}[] = [];
  const names = [
    'aa-call-start',
    'aa-step-change',
    'aa-checklist-change',
    'aa-call-end',
    'aa-article-open',
  ] as const;
  for (const name of names) api.addEventListener(name, (e) => events.push({name, detail: e.detail}));
  const scripts = (await api.listScripts()).map((s) => s.id);
  const hits = await api.search('refund', {limit: 3});
  const {callId} = await api.startCall({
    callId: 'c-same-code',
    scriptId: 'billing-inbound',
    context: {customer: {name: 'Li Wei'}},
  });
  await api.setContext({customer: {account: 'ACC-1'}});
  await api.openArticle(hits[0]!.id);
  await api.checkItem('greeting', {source: 'host'});
  await api.skipItem('data-consent', 'customer in a hurry');
  let call = await api.getCall();
  const steps: string[] = [];
  for (let i = 0; i < 40 && call?.step; i++) {
    steps.push(call.step.id);
    await api.completeStep(call.step.choices.length > 0 ? {branch: 1} : {});
    call = await api.getCall();
  }
  let refused = '';
  try {
    await api.checkItem('no-such-item');
  } catch (err) {
    refused = (err as Error).message;
  }
  const report = await api.endCall({outcome: 'resolved'});
  const verify = await api.verifyLog({callId});
  const blob = await api.exportLog({format: 'json'});
  const exported = JSON.parse(await blob.text()) as {events: {callId: string; type: string}[]};
  await new Promise((r) => setTimeout(r, 300));
  // Times differ between the two runs (a "before step X" deadline is when step X began); nothing else may.
  const timeless = (r: typeof report) => ({
    ...r,
    startedAt: typeof r.startedAt,
    endedAt: typeof r.endedAt,
    items: r.items.map((item) => ({...item, at: typeof item.at, deadline: typeof item.deadline})),
  });
  return {
    scripts,
    hits: hits.map((h) => [h.id, h.score]),
    callId,
    steps,
    refused,
    report: timeless(report),
    verify,
    blob: blob instanceof Blob,
    logged: exported.events.filter((e) => e.callId === callId).map((e) => e.type),
    events: events.map((e) =>
      e.name === 'aa-call-end' ? {...e, detail: timeless(e.detail as typeof report)} : e
    ),
  };
}

type Driven = Awaited<ReturnType<typeof driveCall>>;

/** Runs `scenario` in a browser of its own on `url`, stopping the browser after it. */
async function inBrowser<T>(url: string, scenario: (run: FramesRun) => Promise<T>): Promise<T> {
  const run = await framesRun(url, INIT);
  try {
    return await scenario(run);
  } finally {
    await run.end();
  }
}
const refusals = (entries: ConsoleEntry[]) =>
  entries.filter((m) => m.type === 'warning' && m.text.startsWith('agent-assist: ignored a message from'));

describe('iframe mode (createAgentAssistFrame and frame.html, across origins)', function () {
  this.timeout(90_000);

  before(() => expect(location.hostname, 'the host page must be on localhost').to.equal('localhost'));

  it('should drive a whole call through the frame with the same code, reports and events as through the element', async () => {
    const dir = await hostPages({
      'index.html': crm('<agent-assist agent-id="a-same" lang="en" queue="billing"></agent-assist>'),
    });
    const {viaElement, viaFrame, src} = await inBrowser(`${dir}crm/index.html`, async (run) => {
      const [element] = (await run.steps([
        {
          eval: `${READY}
            window.drive = ${driveCall.toString()};
            await customElements.whenDefined('agent-assist');
            return drive(document.querySelector('agent-assist'));`,
        },
      ])) as [Driven];
      const [frame] = (await run.steps([
        {
          eval: `const assist = await createAgentAssistFrame(document.getElementById('slot'), {
              frameUrl: frameUrl('${FRAME}'), agentId: 'a-same', lang: 'en', queue: 'billing',
            });
            return {driven: await drive(assist), src: assist.iframe.src};`,
        },
      ])) as [{driven: Driven; src: string}];
      return {viaElement: element, viaFrame: frame.driven, src: frame.src};
    });
    expect(new URL(src).origin).to.equal(FRAME);
    expect(new URL(src).searchParams.get('allowed-origins')).to.equal(HOST);
    expect(new URL(src).searchParams.get('agent-id')).to.equal('a-same');
    // A real call happened: a script walked to its end, a report, a verified chain, events.
    expect(viaElement.steps.length).to.be.greaterThan(3);
    expect(viaElement.report.agentId).to.equal('a-same');
    expect(viaElement.report.scriptId).to.equal('billing-inbound');
    expect(viaElement.verify.ok).to.equal(true);
    expect(viaElement.blob).to.equal(true);
    expect(viaElement.refused).to.match(/^agent-assist: checkItem\(\)/);
    expect(viaElement.logged[0]).to.equal('call-start');
    expect(viaElement.events.map((e) => e.name)).to.include.members([
      'aa-call-start',
      'aa-step-change',
      'aa-checklist-change',
      'aa-article-open',
      'aa-call-end',
    ]);
    // The same code gives the same everything through the frame.
    expect(viaFrame).to.deep.equal(viaElement);
  });

  it('should ignore an ad iframe and a popup on other origins posting aa: messages, reporting each origin once', async () => {
    const dir = await hostPages({'index.html': crm(''), 'ad.html': THIRD_PARTY, 'popup.html': THIRD_PARTY});
    const results = await inBrowser(`${dir}crm/index.html`, async (run) => [
      ...(await run.steps([
        {
          eval: `${READY}
            window.assist = await createAgentAssistFrame(document.getElementById('slot'), {frameUrl: frameUrl('${FRAME}'), agentId: 'a-host'});
            window.__events = [];
            for (const name of ['aa-call-start', 'aa-error', 'aa-call-end'])
              assist.addEventListener(name, (e) => __events.push({name, detail: e.detail}));
            const ad = document.createElement('iframe');
            ad.src = '${AD}' + location.pathname.replace('index.html', 'ad.html');
            document.body.append(ad);
            window.open('${POPUP}' + location.pathname.replace('index.html', 'popup.html'));`,
        },
        {wait: 1500},
      ])),
      ...(await run.steps([
        {frame: 'ad.html', eval: HEARD_BOTH_ROUNDS},
        {frame: 'popup.html', eval: HEARD_BOTH_ROUNDS},
        {
          frame: 'frame.html',
          eval: `return {errors: __aaErrors, call: await document.querySelector('agent-assist').getCall()};`,
        },
        {
          eval: `const before = {events: [...__events], call: await assist.getCall()};
            const {callId} = await assist.startCall({callId: 'c-host'});
            await new Promise((r) => setTimeout(r, 200));
            return {...before, callId, after: __events.slice(before.events.length).map((e) => e.name)};`,
        },
        {console: true},
      ])),
    ]);
    type Heard = {heard: {type: string; message?: string}[]; rounds: number};
    const [, , ad, popup, frame, host, consoleEntries] = results as [
      unknown,
      unknown,
      Heard,
      Heard,
      {errors: {code: string; message: string}[]; call: unknown},
      {
        events: {name: string; detail: {code?: string; message?: string; callId?: string}}[];
        call: unknown;
        callId: string;
        after: string[];
      },
      ConsoleEntry[],
    ];
    // Both third parties tried twice; their handshakes were refused, and no call was answered.
    for (const [origin, party] of [
      [AD, ad],
      [POPUP, popup],
    ] as const) {
      expect(party.rounds, origin).to.equal(2);
      expect(party.heard, origin).to.deep.equal([
        {
          type: 'aa:refused',
          message: `agent-assist: the frame refused the handshake: ${origin} is not in the frame's allowed-origins`,
        },
        {
          type: 'aa:refused',
          message: `agent-assist: the frame refused the handshake: ${origin} is not in the frame's allowed-origins`,
        },
      ]);
    }
    // No method ran: no call in the frame, none seen by the host; the fake answers and events posted to the
    // host page's window reached nothing.
    expect(frame.call).to.equal(null);
    expect(host.call).to.equal(null);
    expect(host.events.filter((e) => e.name !== 'aa-error')).to.deep.equal([]);
    // One aa-error per origin, in the frame and forwarded to the host; one console warning each.
    const expected = [AD, POPUP].map((origin) => ({
      code: 'bridge-refused',
      message: `agent-assist: ignored a message from ${origin}: "aa:call" was posted to the frame's window; after the handshake, messages go over its MessagePort`,
    }));
    const sorted = <T extends {message: string}>(list: T[]) =>
      [...list].sort((a, b) => a.message.localeCompare(b.message));
    expect(sorted(frame.errors.filter((e) => e.code === 'bridge-refused'))).to.deep.equal(expected);
    expect(sorted(host.events.map((e) => e.detail as {code: string; message: string}))).to.deep.equal(
      expected
    );
    const warnings = refusals(consoleEntries);
    expect(warnings.map((w) => w.text).sort()).to.deep.equal(expected.map((e) => e.message));
    expect(warnings.every((w) => new URL(w.url).origin === FRAME)).to.equal(true);
    // The host's own connection was untouched.
    expect(host.callId).to.equal('c-host');
    expect(host.after).to.deep.equal(['aa-call-start']);
  });

  it('should ignore, after the handshake, a call posted to the frame’s window instead of its port', async () => {
    const dir = await hostPages({'index.html': crm('')});
    const [result, consoleEntries] = (await inBrowser(`${dir}crm/index.html`, (run) =>
      run.steps([
        {
          eval: `${READY}
            const assist = await createAgentAssistFrame(document.getElementById('slot'), {frameUrl: frameUrl('${FRAME}')});
            const events = [];
            assist.addEventListener('aa-error', (e) => events.push(e.detail));
            assist.addEventListener('aa-call-start', (e) => events.push(e.detail));
            const direct = {type: 'aa:call', method: 'startCall', args: [{callId: 'c-window'}], id: 1};
            assist.iframe.contentWindow.postMessage(direct, '${FRAME}');
            assist.iframe.contentWindow.postMessage({...direct, id: 2}, '*');
            await new Promise((r) => setTimeout(r, 600));
            return {events, call: await assist.getCall(), scripts: (await assist.listScripts()).length};`,
        },
        {console: true},
      ])
    )) as [{events: unknown[]; call: unknown; scripts: number}, ConsoleEntry[]];
    expect(result.call).to.equal(null);
    expect(result.events).to.deep.equal([
      {
        code: 'bridge-refused',
        message: `agent-assist: ignored a message from ${HOST}: "aa:call" was posted to the frame's window; after the handshake, messages go over its MessagePort`,
      },
    ]);
    expect(refusals(consoleEntries)).to.have.length(1);
    // The port still works.
    expect(result.scripts).to.be.greaterThan(0);
  });

  it('should refuse the handshake of a parent not in allowed-origins, and every handshake when none is allowed', async () => {
    const dir = await hostPages({'index.html': crm('')});
    const results = await inBrowser(`${AD}${dir}crm/index.html`, async (run) => [
      ...(await run.steps([
        {
          eval: `${READY}
            const url = frameUrl('${FRAME}', '?allowed-origins=' + encodeURIComponent('${HOST}'));
            let refused = '';
            await createAgentAssistFrame(document.getElementById('slot'), {frameUrl: url}).catch((e) => (refused = e.message));
            const removed = document.querySelectorAll('iframe').length === 0;
            // By hand, to look inside afterwards: the same frame, a handshake and a call on its port; and a
            // frame with no allowed-origins at all.
            const handshake = async (src) => {
              const iframe = document.createElement('iframe');
              iframe.src = src;
              const loaded = new Promise((r) => (iframe.onload = r));
              document.body.append(iframe);
              await loaded;
              const heard = [];
              const channel = new MessageChannel();
              channel.port1.onmessage = (e) => heard.push(e.data);
              iframe.contentWindow.postMessage({type: 'aa:connect', protocol: 1, session: 'mine'}, '${FRAME}', [channel.port2]);
              channel.port1.postMessage({type: 'aa:call', method: 'startCall', args: [{callId: 'c-evil'}], id: 1});
              // The refusal comes once the frame's bridge is up (slow on a loaded machine); then a little
              // longer, for anything that should not come after it.
              for (let waited = 0; heard.length === 0 && waited < 15000; waited += 100)
                await new Promise((r) => setTimeout(r, 100));
              await new Promise((r) => setTimeout(r, 500));
              return heard;
            };
            const heard = await handshake(url + '&agent-id=a-listed');
            const heardBare = await handshake(frameUrl('${FRAME}', '?agent-id=a-bare'));
            return {refused, removed, heard, heardBare};`,
        },
      ])),
      ...(await run.steps([
        {
          frame: 'a-listed',
          eval: `return {errors: __aaErrors, call: await document.querySelector('agent-assist').getCall()};`,
        },
        {
          frame: 'a-bare',
          eval: `return {errors: __aaErrors, call: await document.querySelector('agent-assist').getCall()};`,
        },
        {console: true},
      ])),
    ]);
    const [page, listed, bare, consoleEntries] = results as [
      {refused: string; removed: boolean; heard: unknown[]; heardBare: unknown[]},
      {errors: {code: string; message: string}[]; call: unknown},
      {errors: {code: string; message: string}[]; call: unknown},
      ConsoleEntry[],
    ];
    const notListed = `${AD} is not in the frame's allowed-origins`;
    expect(page.refused).to.equal(`agent-assist: the frame refused the handshake: ${notListed}`);
    expect(page.removed).to.equal(true);
    expect(page.heard).to.deep.equal([
      {type: 'aa:refused', message: `agent-assist: the frame refused the handshake: ${notListed}`},
    ]);
    expect(listed.call).to.equal(null);
    expect(listed.errors).to.deep.equal([
      {code: 'bridge-refused', message: `agent-assist: ignored a message from ${AD}: ${notListed}`},
    ]);
    const noneAllowed = 'the frame has no allowed-origins, so it accepts no handshake';
    expect(page.heardBare).to.deep.equal([
      {type: 'aa:refused', message: `agent-assist: the frame refused the handshake: ${noneAllowed}`},
    ]);
    expect(bare.call).to.equal(null);
    expect(bare.errors).to.deep.equal([
      {code: 'bridge-refused', message: `agent-assist: ignored a message from ${AD}: ${noneAllowed}`},
    ]);
    expect(
      consoleEntries.filter((m) => m.type === 'error' && m.text.includes('this frame has no allowed-origins'))
    ).to.have.length(1);
  });

  it('should keep two CRMs embedding the same frame apart, each uploading to its own endpoint with its own token (scenario 46)', async () => {
    const dir = await hostPages({'index.html': crm('')});
    const stamp = Date.now();
    const receivers = {a: `crm-a-${stamp}`, b: `crm-b-${stamp}`};
    const receiver = (name: string, token?: string) =>
      executeServerCommand<
        {stored: string[]; requests: {auth: string; step: string; count: number}[]},
        object
      >('aa-receiver', {
        name,
        ...(token ? {reset: true, token} : {}),
      });
    await receiver(receivers.a, 'Bearer token-a');
    await receiver(receivers.b, 'Bearer token-b');
    // Each CRM: the frame, a call through it, and what its log holds. `syncUrl` is relative to the CRM page.
    const crmCall = (name: string, token: string, callId: string) => `${READY}
      const assist = await createAgentAssistFrame(document.getElementById('slot'), {
        frameUrl: frameUrl('${FRAME}'), syncUrl: '/aa-receiver/${name}/events', syncAuth: async () => '${token}',
      });
      await assist.startCall({callId: '${callId}', scriptId: 'billing-inbound'});
      await assist.checkItem('greeting', {source: 'host'});
      await assist.endCall();
      const log = JSON.parse(await (await assist.exportLog({format: 'json'})).text());
      return {calls: log.calls.map((c) => c.callId), events: log.events.map((e) => e.eventId)};`;
    /** What receiver `name` holds once it has `count` events, or after 30 s. */
    const held = async (name: string, count: number) => {
      let got = await receiver(name);
      for (let i = 0; i < 300 && got.stored.length < count; i++) {
        await new Promise((r) => setTimeout(r, 100));
        got = await receiver(name);
      }
      return got;
    };
    type Logged = {calls: string[]; events: string[]};
    const {a, b, heldA, heldB} = await inBrowser(`${dir}crm/index.html`, async (run) => {
      const [a] = (await run.steps([{eval: crmCall(receivers.a, 'Bearer token-a', 'c-crm-a')}])) as [Logged];
      await run.steps([{eval: `window.open('${AD}' + location.pathname);`}]);
      const [b] = (await run.steps([
        {frame: `${AD}${dir}crm/index.html`, eval: crmCall(receivers.b, 'Bearer token-b', 'c-crm-b')},
      ])) as [Logged];
      // Uploads go on after a call has ended: they are waited for while both CRMs' pages are still open
      // (the browser stops after this; a frame closed first would send the rest when it next loads).
      return {
        a,
        b,
        heldA: await held(receivers.a, a.events.length),
        heldB: await held(receivers.b, b.events.length),
      };
    });
    // The frame's storage is partitioned by the CRM embedding it: neither sees the other's call.
    expect(a.calls).to.deep.equal(['c-crm-a']);
    expect(b.calls).to.deep.equal(['c-crm-b']);
    // Each CRM's events reached its own receiver, with its own token (asked of the host over the port).
    for (const [name, log, held, token] of [
      [receivers.a, a, heldA, 'Bearer token-a'],
      [receivers.b, b, heldB, 'Bearer token-b'],
    ] as const) {
      // (On failure, what the receiver saw: each request's answer, event count and credentials.)
      const seen = held.requests.map((r) => `${r.step}:${r.count}:${r.auth || 'no auth'}`);
      expect([...held.stored].sort(), `${name} after requests ${seen.join(', ')}`).to.deep.equal(
        [...log.events].sort()
      );
      // (A request sent before the host's syncAuth reached the frame goes without one, and is refused.)
      expect(
        held.requests.filter((r) => r.auth !== '' && r.auth !== token),
        name
      ).to.deep.equal([]);
      expect(held.requests.filter((r) => r.auth === token).length, name).to.be.greaterThan(0);
    }
  });

  it('should change the frame’s language and theme live, and read the collector with the host’s qaAuth apart from its syncAuth', async () => {
    const agent = `a-frame-qa-${Date.now()}`;
    const collector = await longCommand<{
      id: string;
      url: string;
      agentTokens: Record<string, string>;
      qaToken: string;
    }>('aa-collector', {start: {agents: [agent], origins: [FRAME]}});
    try {
      const dir = await hostPages({'index.html': crm('')});
      const inFrame = `const el = document.querySelector('agent-assist');
        const waitFor = async (test, ms = 15000) => { for (const end = Date.now() + ms; Date.now() < end && !(await test()); ) await new Promise((r) => setTimeout(r, 50)); return test(); };
        const root = el.shadowRoot;
        const qa = () => root.querySelector('aa-qa-view')?.shadowRoot;
        const text = (node) => node?.textContent.replace(/\\s+/g, ' ').trim() ?? '';
        const look = () => ({
          htmlLang: document.documentElement.lang,
          tabs: [...root.querySelectorAll('[role=tab]')].map(text),
          selected: text(root.querySelector('[role=tab][aria-selected=true]')),
          theme: el.getAttribute('theme'),
          bg: getComputedStyle(root.querySelector('.base')).backgroundColor,
          qaAgents: [...(qa()?.querySelectorAll('table.calls tbody tr') ?? [])].map((r) => text(r.children[1])),
          qaHeading: text(qa()?.querySelector('table.calls thead th:nth-child(2)')),
        });`;
      type Look = {
        htmlLang: string;
        tabs: string[];
        selected: string;
        theme: string;
        bg: string;
        qaAgents: string[];
        qaHeading: string;
        errors?: {code: string; message: string}[];
      };
      const [page, before, asked, after] = (await inBrowser(`${dir}crm/index.html`, (run) =>
        run.steps([
          {
            eval: `${READY}
              window.asked = {sync: 0, qa: 0};
              window.assist = await createAgentAssistFrame(document.getElementById('slot'), {
                frameUrl: frameUrl('${FRAME}'), agentId: '${agent}', lang: 'en', theme: 'light',
                syncUrl: '${collector.url}/v1/events', qaUrl: '${collector.url}',
                syncAuth: async () => (asked.sync++, 'Bearer ${collector.agentTokens[agent]}'),
                qaAuth: async () => (asked.qa++, 'Bearer ${collector.qaToken}'),
              });
              const uploaded = new Promise((resolve) => assist.addEventListener('aa-sync-state', (e) => {
                if (e.detail.pending === 0 && e.detail.lastSyncedAt) resolve();
              }));
              await assist.startCall({callId: '${agent}-c1', scriptId: 'billing-inbound'});
              await assist.checkItem('greeting', {source: 'host'});
              await assist.endCall({outcome: 'resolved'});
              await uploaded;
              // The same line as on the element: the Quality tab, live.
              assist.setAttribute('section', 'qa');
              return {section: assist.getAttribute('section')};`,
          },
          {
            frame: 'frame.html',
            eval: `${inFrame}
              await waitFor(() => look().qaAgents.length === 1);
              return look();`,
          },
          {
            eval: `const qaAsked = asked.qa;
              assist.setAttribute('lang', 'zh-CN');
              assist.setAttribute('theme', 'dark');
              await new Promise((r) => setTimeout(r, 300));
              return {qaAsked, syncAsked: asked.sync, lang: assist.getAttribute('lang')};`,
          },
          {
            frame: 'frame.html',
            eval: `${inFrame}
              // Live, as on the element, but not at once: each change is a message the frame takes in turn.
              const done = () => {
                const now = look();
                return now.htmlLang === 'zh-CN' && now.theme === 'dark' && now.qaHeading !== '' && !/[A-Za-z]/.test(now.qaHeading);
              };
              await waitFor(done);
              return {...look(), errors: __aaErrors};`,
          },
        ])
      )) as [{section: string}, Look, {qaAsked: number; syncAsked: number; lang: string}, Look];
      expect(page.section).to.equal('qa');
      // Each credential was asked for across the frame, each for its own use.
      expect(asked.syncAsked).to.be.greaterThan(0);
      expect(asked.qaAsked).to.be.greaterThan(0);
      expect(asked.lang).to.equal('zh-CN');
      // The call the frame uploaded with the agent's token is in the team's list it read with the QA token.
      expect(before.qaAgents).to.deep.equal([agent]);
      expect(before.htmlLang).to.equal('en');
      expect(before.tabs).to.deep.equal(['Knowledge', 'Call script', 'Checklist', 'Quality']);
      expect(before.selected).to.equal('Quality');
      // Changed live, mid-session, through the bridge: the same tab, now in Chinese and dark.
      expect(after.htmlLang).to.equal('zh-CN');
      expect(
        after.tabs.every((t) => !/[A-Za-z]/.test(t)),
        after.tabs.join()
      ).to.equal(true);
      expect(after.selected).to.equal(after.tabs[3]);
      expect(after.qaAgents).to.deep.equal([agent]);
      expect(after.errors?.filter((e) => e.code === 'invalid-attribute')).to.deep.equal([]);
      expect([before.theme, after.theme]).to.deep.equal(['light', 'dark']);
      expect(after.bg).to.not.equal(before.bg);
    } finally {
      await executeServerCommand('aa-collector', {stop: collector.id});
    }
  });

  it('should ship types that make the helper’s object an AgentAssistApi with the element’s typed events', async function () {
    this.timeout(120_000);
    const {diagnostics} = await longCommand<{diagnostics: {file: string; line: number; message: string}[]}>(
      'aa-typecheck',
      {project: 'tests/fixtures/consumer/tsconfig.frame.json'}
    );
    expect(diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`)).to.deep.equal([]);
  });
});
