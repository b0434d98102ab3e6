/**
 * The host helper of iframe mode (`createFrame`, behind `createAgentAssistFrame`) against a stand-in frame
 * on the same origin (tests/fixtures/bridge-frame.html: the real frame bridge over a fake widget): its URL,
 * handshake retries, calls, errors, events, credentials, a frame reloading itself, a silent frame, destroy.
 * Across origins, with the built widget, it is tested in tests/widget/frame-bridge.test.ts.
 */
import {expect} from '@open-wc/testing';
import {createFrame} from '../../../src/bridge/create-frame.js';
import type {AgentAssistFrame} from '../../../src/bridge/create-frame.js';

const STAND_IN = '/tests/fixtures/bridge-frame.html';
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (err: Error & {code?: string}) => err
  );

describe('createFrame', () => {
  let container: HTMLElement;
  let frames: AgentAssistFrame[] = [];
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
  });
  afterEach(() => {
    for (const frame of frames) frame.destroy();
    frames = [];
    container.remove();
  });
  const create = async (url: string, options = {}) => {
    const frame = await createFrame(container, url, options);
    frames.push(frame);
    return frame;
  };

  it('should put the options and this page’s origin in the frame’s URL, and resolve once connected', async () => {
    const frame = await create(`${STAND_IN}?v=2`, {
      agentId: 'a-1024',
      lang: 'zh-CN',
      packUrl: 'kb/manifest.json',
      syncUrl: '/aa-receiver/x/events',
      qaUrl: 'https://collector.example',
      retentionDays: 30,
      queue: undefined,
    });
    const url = new URL(frame.iframe.src);
    expect(Object.fromEntries(url.searchParams)).to.deep.equal({
      v: '2',
      'agent-id': 'a-1024',
      lang: 'zh-CN',
      'pack-url': new URL('kb/manifest.json', document.baseURI).href,
      'sync-url': `${location.origin}/aa-receiver/x/events`,
      'qa-url': 'https://collector.example/',
      'retention-days': '30',
      'allowed-origins': location.origin,
    });
    expect(frame.iframe.parentElement).to.equal(container);
    expect(frame.iframe.title).to.equal('agent assist');
  });

  it('should keep an allowed-origins the frame URL already has', async () => {
    const failed = await rejection(
      createFrame(container, `${STAND_IN}?allowed-origins=https://crm.example`, {timeout: 5000})
    );
    expect(failed?.message).to.equal(
      `agent-assist: the frame refused the handshake: ${location.origin} is not in the frame's allowed-origins`
    );
    expect(container.querySelector('iframe')).to.equal(null);
  });

  it('should answer calls, reject with the frame’s message and code, and fire events on the iframe', async () => {
    const frame = await create(STAND_IN);
    const heard: string[] = [];
    frame.addEventListener('aa-call-start', (e) => heard.push(`frame ${e.detail.callId}`));
    const onDocument = (e: Event) => heard.push(`document ${(e as CustomEvent).detail.callId}`);
    document.addEventListener('aa-call-start', onDocument);
    try {
      expect(await frame.startCall({callId: 'c-1'})).to.deep.equal({callId: 'c-1'});
      expect(await frame.getCall()).to.equal(null);
      const blob = await frame.exportLog({format: 'json'});
      expect(blob).to.be.instanceOf(Blob);
      expect(await blob.text()).to.equal('{"calls":[]}');
      const failed = await rejection(frame.endCall());
      expect(failed).to.be.instanceOf(Error);
      expect(failed?.message).to.equal(
        'agent-assist: endCall() needs a running call; call startCall() first'
      );
      expect(failed?.code).to.equal('storage-failed');
      const notCloneable = await rejection(frame.setContext({callback: () => 1}));
      expect(notCloneable?.name).to.equal('DataCloneError');
    } finally {
      document.removeEventListener('aa-call-start', onDocument);
    }
    expect(heard).to.deep.equal(['frame c-1', 'document c-1']);
  });

  it('should send the handshake again until a late frame answers', async () => {
    const frame = await create(`${STAND_IN}?delay=700`);
    expect(await frame.getCall()).to.equal(null);
  });

  it('should reject when the frame never answers, and remove the iframe', async () => {
    const started = Date.now();
    const failed = await rejection(createFrame(container, `${STAND_IN}?bridge=none`, {timeout: 800}));
    expect(failed?.message).to.match(/^agent-assist: the frame at .* did not answer within 800 ms/);
    expect(Date.now() - started).to.be.lessThan(3000);
    expect(container.querySelector('iframe')).to.equal(null);
  });

  it('should connect again when the frame reloads, rejecting the call that was in flight', async () => {
    const frame = await create(STAND_IN);
    const inFlight = rejection(frame.search('refund'));
    await new Promise((r) => setTimeout(r, 50));
    frame.iframe.contentWindow!.location.reload();
    expect((await inFlight)?.message).to.equal('agent-assist: search() was interrupted: the frame reloaded');
    expect(await frame.startCall({callId: 'c-2'})).to.deep.equal({callId: 'c-2'});
  });

  it('should give the frame the host’s syncAuth, set before or after connecting', async () => {
    const frame = await create(STAND_IN, {syncAuth: () => 'Bearer early'});
    const ask = () => (frame.iframe.contentWindow as unknown as {askAuth(): Promise<string>}).askAuth();
    await frame.getCall();
    expect(await ask()).to.equal('Bearer early');
    frame.syncAuth = async () => 'Bearer later';
    await frame.getCall();
    expect(await ask()).to.equal('Bearer later');
    frame.syncAuth = null;
    await frame.getCall();
    expect(await ask()).to.equal('none');
  });

  it('should remove the iframe on destroy and reject calls from then on', async () => {
    const frame = await create(STAND_IN);
    const inFlight = rejection(frame.search('refund'));
    await new Promise((r) => setTimeout(r, 50));
    frame.destroy();
    expect(container.querySelector('iframe')).to.equal(null);
    expect((await inFlight)?.message).to.equal(
      'agent-assist: search() was interrupted: the frame was destroyed'
    );
    expect((await rejection(frame.getCall()))?.message).to.equal(
      'agent-assist: getCall() needs the frame, which was destroyed'
    );
  });

  it('should give the frame the host’s qaAuth apart from its syncAuth, set before or after connecting', async () => {
    const frame = await create(STAND_IN, {qaAuth: () => 'Bearer qa-early', syncAuth: () => 'Bearer sync'});
    type Asks = {askAuth(): Promise<string>; askQaAuth(): Promise<string>};
    const win = () => frame.iframe.contentWindow as unknown as Asks;
    await frame.getCall();
    expect(await win().askQaAuth()).to.equal('Bearer qa-early');
    expect(await win().askAuth()).to.equal('Bearer sync');
    frame.qaAuth = async () => 'Bearer qa-later';
    await frame.getCall();
    expect(await win().askQaAuth()).to.equal('Bearer qa-later');
    expect(frame.qaAuth).to.be.a('function');
    frame.qaAuth = null;
    await frame.getCall();
    expect(await win().askQaAuth()).to.equal('none');
    expect(await win().askAuth()).to.equal('Bearer sync');
    expect(() => (frame.qaAuth = 'Bearer x' as never)).to.throw(
      'agent-assist: qaAuth() expected a function returning the Authorization header value, or null'
    );
  });

  it('should set the element’s attributes live, before and after connecting, and again after a reload', async () => {
    const pending = createFrame(container, STAND_IN, {lang: 'en', theme: 'light'});
    const frame = await pending;
    frames.push(frame);
    const attributes = () =>
      (frame.iframe.contentWindow as unknown as {attributes(): Record<string, string>}).attributes();
    frame.setAttribute('lang', 'zh-CN');
    frame.setAttribute('qa-url', '/collector/');
    frame.removeAttribute('theme');
    await frame.getCall();
    expect(attributes()).to.deep.equal({lang: 'zh-CN', 'qa-url': `${location.origin}/collector/`});
    expect(frame.getAttribute('lang')).to.equal('zh-CN');
    expect(frame.getAttribute('theme')).to.equal(null);
    expect(frame.getAttribute('queue')).to.equal(null);
    // The frame starts again from its URL (lang=en, theme=light): this page's changes follow the handshake.
    frame.iframe.contentWindow!.location.reload();
    await new Promise((r) => setTimeout(r, 300));
    await frame.getCall();
    expect(attributes()).to.deep.equal({lang: 'zh-CN', 'qa-url': `${location.origin}/collector/`});
    expect(() => frame.setAttribute('onclick' as never, 'alert(1)')).to.throw(
      'agent-assist: setAttribute() expected one of the element\'s attributes (agent-id, lang, pack-url, queue, sync-url, qa-url, theme, retention-days, section), got "onclick"'
    );
  });
});
