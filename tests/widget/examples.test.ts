/**
 * The integration examples (widget/examples/, README "Embedding"): the softphone adapter drives whole calls
 * through the built element and through the frame helper (across origins, as in frame-bridge.test.ts) with
 * the same code and the same outcome; and the example pages as `npm run build` ships them
 * (dist/widget/examples/) work in a fresh browser context each.
 */
import {expect} from '@open-wc/testing';
import type {AaEventDetailMap, AaEventName} from '../../src/events/aa-event.js';
import type {AdherenceReport} from '../../src/model/report.js';
import type {AgentAssistApi} from '../../src/session/api-types.js';
import type {FakeSoftphone} from '../../widget/examples/fake-softphone.js';
import type {connectSoftphone} from '../../widget/examples/softphone-adapter.js';
import {framesRun, hostPages, run} from './isolated-page.js';

/** The frame's origin: the same test server under another name. */
const FRAME = `http://127.0.0.1:${location.port}`;

/** A CRM page with the built bundle (from the copy of dist/ beside it) and the adapter's TypeScript source. */
const CRM = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CRM</title>
  <script type="module">
    import {createAgentAssistFrame} from '../static/vendor/agent-assist/agent-assist.js';
    window.frameUrl = (origin) =>
      origin + location.pathname.replace(/crm\\/[^/]*$/, 'static/vendor/agent-assist/frame.html');
    window.createAgentAssistFrame = createAgentAssistFrame;
  </script>
  <script type="module">
    import {connectSoftphone} from '/widget/examples/softphone-adapter.ts';
    import {FakeSoftphone} from '/widget/examples/fake-softphone.ts';
    Object.assign(window, {connectSoftphone, FakeSoftphone});
  </script></head><body>
  <agent-assist agent-id="a-phone" lang="en" queue="billing"></agent-assist>
  <div id="slot" style="height: 640px"></div></body></html>`;

/** Page-side: waits for the CRM page's modules and the element; fails (instead of hanging) without them. */
const READY = `for (let i = 0; i < 400 && !window.connectSoftphone; i++) await new Promise((r) => setTimeout(r, 25));
  if (!window.connectSoftphone) throw new Error('the CRM page did not load the adapter');
  await Promise.race([
    customElements.whenDefined('agent-assist'),
    new Promise((_, reject) => setTimeout(() => reject(new Error('<agent-assist> was not defined')), 15000)),
  ]);`;

type Embed = AgentAssistApi & {
  addEventListener<K extends AaEventName>(
    type: K,
    listener: (e: CustomEvent<AaEventDetailMap[K]>) => void
  ): void;
};

/**
 * Three calls through a fake softphone and the adapter, run (as its source text, in the CRM page) against
 * the element and against the frame helper. Self-contained: it may use nothing from this module.
 */
async function softphoneCalls(assist: Embed) {
  const page = window as unknown as {
    connectSoftphone: typeof connectSoftphone;
    FakeSoftphone: typeof FakeSoftphone;
  };
  const events: string[] = [];
  for (const name of ['aa-call-start', 'aa-checklist-change', 'aa-call-end'] as const) {
    assist.addEventListener(name, (e) => {
      const d = e.detail as {callId: string; itemId?: string; status?: string};
      events.push([name, d.callId, d.itemId, d.status].filter((x) => x !== undefined).join(':'));
    });
  }
  const phone = new page.FakeSoftphone();
  const reports: AdherenceReport[] = [];
  const errors: string[] = [];
  const adapter = page.connectSoftphone(phone, assist, {
    contextFor: (call) => ({customer: call.customer ?? {}}),
    onReport: (report) => reports.push(report),
    onError: (err) => errors.push(err.message),
  });
  // Rung, the notice played in the IVR, abandoned before anyone answered: nothing is logged.
  phone.ring({id: 'sp-abandoned', queue: 'billing'});
  phone.playDisclosure('sp-abandoned');
  phone.hangUp('sp-abandoned', 'abandoned in queue');
  // The IVR plays the notice before the agent answers; the events come in a burst, as SDK callbacks do.
  phone.ring({id: 'sp-1', queue: 'billing', customer: {name: 'Li Wei'}});
  phone.playDisclosure('sp-1');
  phone.answer('sp-1');
  await adapter.settled();
  const during = await assist.getCall();
  // The notice after the answer, and the hang-up straight after: endCall() must not overtake the rest.
  phone.hangUp('sp-1', 'customer hung up');
  phone.ring({id: 'sp-2', queue: 'billing'});
  phone.answer('sp-2');
  phone.playDisclosure('sp-2');
  phone.hangUp('sp-2', 'agent hung up');
  // A call the adapter does not know: said, nothing logged. After disconnect(), nothing reaches the widget.
  phone.playDisclosure('sp-elsewhere');
  await adapter.settled();
  adapter.disconnect();
  phone.ring({id: 'sp-ignored', queue: 'billing'});
  phone.answer('sp-ignored');
  await adapter.settled();
  const after = await assist.getCall();
  const file = JSON.parse(await (await assist.exportLog({format: 'json'})).text()) as {
    events: {callId: string; seq: number; type: string; data: Record<string, unknown>}[];
  };
  await new Promise((r) => setTimeout(r, 300));
  return {
    during: during && {callId: during.callId, scriptId: during.scriptId, items: during.items},
    after,
    reports: reports.map((r) => ({
      callId: r.callId,
      agentId: r.agentId,
      scriptId: r.scriptId,
      notice: r.items.find((i) => i.id === 'recording-notice')?.status,
    })),
    logged: file.events
      .filter((e) => e.callId.startsWith('sp-'))
      .map((e) =>
        [e.callId, e.seq, e.type, e.data.itemId, e.data.source, e.data.outcome]
          .filter((x) => x !== undefined)
          .join(':')
      ),
    verify: await assist.verifyLog(),
    events,
    errors,
  };
}

type Driven = Awaited<ReturnType<typeof softphoneCalls>>;

describe('integration examples', function () {
  this.timeout(90_000);

  it('should drive whole calls from a softphone through the adapter, the same through the element and the frame helper', async () => {
    const dir = await hostPages({'index.html': CRM});
    const browser = await framesRun(`${dir}crm/index.html`);
    let viaElement: Driven;
    let viaFrame: Driven;
    try {
      [, viaElement] = (await browser.steps([
        {eval: `${READY} window.drive = ${softphoneCalls.toString()};`},
        {eval: `return drive(document.querySelector('agent-assist'));`},
      ])) as [null, Driven];
      [, viaFrame] = (await browser.steps([
        {
          eval: `window.assist = await createAgentAssistFrame(document.getElementById('slot'), {
              frameUrl: frameUrl('${FRAME}'), agentId: 'a-phone', lang: 'en', queue: 'billing',
            });`,
        },
        {eval: `return drive(assist);`},
      ])) as [null, Driven];
    } finally {
      // A failed step has already stopped the browser: its error is the one to see.
      await browser.end().catch(() => undefined);
    }
    // On the call: the queue's script, the notice played before the answer ticked as soon as it started.
    expect(viaElement.during?.callId).to.equal('sp-1');
    expect(viaElement.during?.scriptId).to.equal('billing-inbound');
    expect(viaElement.during?.items.find((i) => i.id === 'recording-notice')?.status).to.equal('done');
    expect(viaElement.after).to.equal(null);
    expect(viaElement.logged).to.deep.equal([
      'sp-1:1:call-start',
      'sp-1:2:item-check:recording-notice:host',
      'sp-1:3:call-end:customer hung up',
      'sp-2:1:call-start',
      'sp-2:2:item-check:recording-notice:host',
      'sp-2:3:call-end:agent hung up',
    ]);
    expect(viaElement.verify.ok).to.equal(true);
    expect(viaElement.reports).to.deep.equal([
      {callId: 'sp-1', agentId: 'a-phone', scriptId: 'billing-inbound', notice: 'done'},
      {callId: 'sp-2', agentId: 'a-phone', scriptId: 'billing-inbound', notice: 'done'},
    ]);
    expect(viaElement.events).to.deep.equal([
      'aa-call-start:sp-1',
      'aa-checklist-change:sp-1:recording-notice:done',
      'aa-call-end:sp-1',
      'aa-call-start:sp-2',
      'aa-checklist-change:sp-2:recording-notice:done',
      'aa-call-end:sp-2',
    ]);
    expect(viaElement.errors).to.deep.equal([
      `disclosure played on call "sp-elsewhere", which is not this agent's`,
    ]);
    // The same adapter code through the frame: the same calls, logs, reports and events.
    expect(viaFrame).to.deep.equal(viaElement);
  });

  /** Page-side: records uncaught errors and console errors of every page and frame of the context. */
  const ERRORS = `window.__errors = [];
    addEventListener('error', (e) => __errors.push(e.message));
    addEventListener('unhandledrejection', (e) => __errors.push(String(e.reason && e.reason.message)));
    const consoleError = console.error;
    console.error = (...args) => { __errors.push(args.join(' ')); consoleError.apply(console, args); };`;
  const WAIT = `const waitFor = async (test) => {
      for (let i = 0; i < 400 && !test(); i++) await new Promise((r) => setTimeout(r, 25));
      if (!test()) throw new Error('timed out: ' + test);
    };
    const click = (id) => document.getElementById(id).click();
    const log = () => [...document.querySelectorAll('#log li')].map((li) => li.textContent.split(' ')[0]);`;

  for (const page of ['script-tag', 'iframe']) {
    it(`should run a call from the host's buttons on the built ${page}.html`, async () => {
      const [result] = (await run(
        `/dist/widget/examples/${page}.html`,
        [
          {
            eval: `${WAIT}
              await waitFor(() => !document.getElementById('start').disabled);
              click('start');
              await waitFor(() => !document.getElementById('notice').disabled);
              click('notice');
              await waitFor(() => log().includes('aa-checklist-change'));
              click('end');
              await waitFor(() => log().includes('score'));
              return {log: log(), errors: __errors, frames: document.querySelectorAll('iframe').length};`,
          },
        ],
        ERRORS
      )) as [{log: string[]; errors: string[]; frames: number}];
      expect(result.frames).to.equal(page === 'iframe' ? 1 : 0);
      expect(result.log).to.deep.equal([
        'aa-call-start',
        'aa-step-change',
        'aa-checklist-change',
        'aa-call-end',
        'score',
      ]);
      expect(result.errors).to.deep.equal([]);
    });
  }

  it('should run a call from the fake softphone on the built softphone.html, in both embeds', async () => {
    const steps = `${WAIT}
      await waitFor(() => !document.getElementById('ring').disabled);
      click('ring');
      click('disclosure');
      click('answer');
      await waitFor(() => log().includes('aa-checklist-change'));
      click('hang-up');
      await waitFor(() => log().includes('report:'));
      return {log: log(), errors: __errors, frames: document.querySelectorAll('iframe').length};`;
    type Result = {log: string[]; errors: string[]; frames: number};
    const [element] = (await run('/dist/widget/examples/softphone.html', [{eval: steps}], ERRORS)) as [
      Result,
    ];
    const [frame] = (await run(
      '/dist/widget/examples/softphone.html?embed=frame',
      [{eval: steps}],
      ERRORS
    )) as [Result];
    expect(element.log).to.deep.equal([
      'softphone:',
      'softphone:',
      'softphone:',
      'aa-call-start',
      'aa-checklist-change',
      'softphone:',
      'aa-call-end',
      'report:',
    ]);
    expect([element.frames, frame.frames]).to.deep.equal([0, 1]);
    expect(frame.log).to.deep.equal(element.log);
    expect([...element.errors, ...frame.errors]).to.deep.equal([]);
  });
});
