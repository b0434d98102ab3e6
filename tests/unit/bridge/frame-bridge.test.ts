/**
 * The frame's side of iframe mode, without a second origin: the allow-list parser, the decision on a
 * window message, request dispatch, and the bridge itself on a stand-in window (its `parent` is this test
 * page's window, so a `MessageEvent` whose `source` is `window` comes from the embedding page).
 */
import {expect} from '@open-wc/testing';
import {parseAllowedOrigins} from '../../../src/bridge/allowed-origins.js';
import {API_METHODS, dispatchCall} from '../../../src/bridge/dispatch-call.js';
import {startFrameBridge} from '../../../src/bridge/frame-bridge.js';
import type {FrameToHost} from '../../../src/bridge/protocol.js';
import {screenWindowMessage} from '../../../src/bridge/screen-message.js';
import type {AgentAssistApi} from '../../../src/session/api-types.js';

const CRM = 'https://crm.example';

describe('parseAllowedOrigins', () => {
  it('should keep exact origins, normalized, and list every other entry as invalid', () => {
    expect(
      parseAllowedOrigins(
        ' https://CRM.example/ ,http://localhost:8000,https://crm.example:443,*,https://x.example/app,null,ftp://f.example,https://u:p@y.example,https://z.example?q,,'
      )
    ).to.deep.equal({
      origins: ['https://crm.example', 'http://localhost:8000'],
      invalid: [
        '*',
        'https://x.example/app',
        'null',
        'ftp://f.example',
        'https://u:p@y.example',
        'https://z.example?q',
      ],
    });
  });

  it('should allow nothing when the parameter is absent or empty', () => {
    expect(parseAllowedOrigins(null)).to.deep.equal({origins: [], invalid: []});
    expect(parseAllowedOrigins('  ')).to.deep.equal({origins: [], invalid: []});
  });
});

describe('screenWindowMessage', () => {
  const handshake = {type: 'aa:connect', protocol: 1, session: 's-1'};
  const screen = (data: unknown, origin = CRM, fromParent = true, ports = 1) =>
    screenWindowMessage({data, origin, fromParent, ports}, [CRM]);

  it('should connect a well-formed handshake from the embedding page on an allowed origin', () => {
    expect(screen(handshake)).to.deep.equal({verdict: 'connect', session: 's-1'});
  });

  it('should ignore messages of other protocols', () => {
    for (const data of [null, 'aa:call', 42, {type: 'webpackOk'}, {type: 7}, {}])
      expect(screen(data), JSON.stringify(data)).to.deep.equal({verdict: 'ignore'});
  });

  it('should refuse, saying why, every other aa: message', () => {
    const reason = (s: ReturnType<typeof screen>) => (s.verdict === 'refuse' ? s.reason : s.verdict);
    expect(reason(screen({type: 'aa:call', method: 'startCall', args: [], id: 1}))).to.equal(
      `"aa:call" was posted to the frame's window; after the handshake, messages go over its MessagePort`
    );
    expect(reason(screen(handshake, 'https://ads.example'))).to.equal(
      "https://ads.example is not in the frame's allowed-origins"
    );
    expect(reason(screen(handshake, CRM, false))).to.equal(
      'the handshake did not come from the page embedding the frame'
    );
    expect(reason(screen({...handshake, protocol: 2}))).to.equal(
      'protocol 2 is not supported (this frame speaks 1)'
    );
    expect(reason(screen(handshake, CRM, true, 0))).to.contain('with one transferred MessagePort');
    expect(reason(screen({...handshake, session: ''}))).to.contain('with one transferred MessagePort');
    expect(
      screenWindowMessage({data: handshake, origin: CRM, fromParent: true, ports: 1}, []).verdict === 'refuse'
    ).to.equal(true);
  });
});

/** A stand-in for the widget: records calls, resolves or rejects as told. */
function fakeApi(): AgentAssistApi & {calls: string[]} {
  const calls: string[] = [];
  const api = {calls, syncAuth: null, qaAuth: null} as unknown as AgentAssistApi & {calls: string[]};
  for (const method of API_METHODS) {
    Object.assign(api, {
      [method]: async (...args: unknown[]) => {
        calls.push(`${method}(${JSON.stringify(args)})`);
        if (method === 'endCall')
          throw Object.assign(
            new Error('agent-assist: endCall() needs a running call; call startCall() first'),
            {
              code: 'storage-full',
            }
          );
        return method === 'startCall' ? {callId: 'c-1'} : null;
      },
    });
  }
  return api;
}

describe('dispatchCall', () => {
  it('should run an API method and answer its value, or its error with its code', async () => {
    const api = fakeApi();
    expect(
      await dispatchCall(Promise.resolve(api), {
        type: 'aa:call',
        method: 'startCall',
        args: [{callId: 'c-1'}],
        id: 4,
      })
    ).to.deep.equal({type: 'aa:result', id: 4, value: {callId: 'c-1'}});
    expect(
      await dispatchCall(Promise.resolve(api), {type: 'aa:call', method: 'endCall', args: [], id: 5})
    ).to.deep.equal({
      type: 'aa:result',
      id: 5,
      error: {
        message: 'agent-assist: endCall() needs a running call; call startCall() first',
        code: 'storage-full',
      },
    });
    expect(api.calls).to.deep.equal(['startCall([{"callId":"c-1"}])', 'endCall([])']);
  });

  it('should answer an error, and run nothing, for anything but the API’s methods', async () => {
    const api = fakeApi();
    for (const method of ['constructor', '__proto__', 'remove', 'setAttribute', 'syncAuth', 'toString', 42]) {
      const answer = await dispatchCall(Promise.resolve(api), {type: 'aa:call', method, args: [], id: 1});
      expect(answer && 'error' in answer && answer.error.code, String(method)).to.equal('invalid-argument');
      expect(answer && 'error' in answer && answer.error.message).to.contain('is not a method of the API');
    }
    const badArgs = await dispatchCall(Promise.resolve(api), {
      type: 'aa:call',
      method: 'getCall',
      args: 'x',
      id: 2,
    });
    expect(badArgs).to.deep.equal({
      type: 'aa:result',
      id: 2,
      error: {message: 'agent-assist: getCall() expected args to be an array', code: 'invalid-argument'},
    });
    expect(api.calls).to.deep.equal([]);
  });

  it('should not answer a request without a usable id, and answer not-available when the widget failed', async () => {
    expect(
      await dispatchCall(Promise.resolve(fakeApi()), {type: 'aa:call', method: 'getCall', args: []})
    ).to.equal(null);
    const failed = Promise.reject(new Error('Failed to fetch dynamically imported module'));
    failed.catch(() => undefined);
    expect(await dispatchCall(failed, {type: 'aa:call', method: 'getCall', args: [], id: 3})).to.deep.equal({
      type: 'aa:result',
      id: 3,
      error: {
        message: 'agent-assist: getCall() failed: Failed to fetch dynamically imported module',
        code: 'not-available',
      },
    });
  });
});

describe('startFrameBridge', () => {
  /** A frame window stand-in whose parent is this page's window, a bridge on it, and what it logged. */
  function setUp(allowedOrigins: string | null = CRM) {
    const win = Object.assign(new EventTarget(), {parent: window}) as unknown as Window;
    const element = document.createElement('div');
    const api = fakeApi();
    const logged: string[] = [];
    const errors: {code: string; message: string}[] = [];
    element.addEventListener('aa-error', (e) => errors.push((e as CustomEvent).detail));
    const bridge = startFrameBridge({
      window: win,
      element,
      api: Promise.resolve(api),
      allowedOrigins,
      console: {
        warn: (m: string) => logged.push(`warn ${m}`),
        error: (m: string) => logged.push(`error ${m}`),
      },
    });
    const post = (data: unknown, origin: string, source: Window | null = window, ports: MessagePort[] = []) =>
      win.dispatchEvent(new MessageEvent('message', {data, origin, source, ports}));
    /** A handshake from `origin` (by default from the embedding page); resolves what its port heard first. */
    const connect = (origin = CRM, source: Window | null = window, session = 's-1') => {
      const channel = new MessageChannel();
      const heard: FrameToHost[] = [];
      channel.port1.onmessage = (e) => heard.push(e.data as FrameToHost);
      post({type: 'aa:connect', protocol: 1, session}, origin, source, [channel.port2]);
      return {port: channel.port1, heard};
    };
    return {win, element, api, logged, errors, bridge, post, connect};
  }
  const settle = () => new Promise((r) => setTimeout(r, 30));

  it('should answer calls and forward events on the port, with the events fired before the host came', async () => {
    const {element, api, connect, bridge} = setUp();
    element.dispatchEvent(new CustomEvent('aa-content-update', {detail: {contentHash: 'h1'}}));
    const {port, heard} = connect();
    await settle();
    port.postMessage({type: 'aa:call', method: 'startCall', args: [{callId: 'c-1'}], id: 1});
    await settle();
    element.dispatchEvent(
      new CustomEvent('aa-call-start', {detail: {callId: 'c-1', scriptId: null, scriptVersion: null}})
    );
    element.dispatchEvent(new CustomEvent('not-public', {detail: 1}));
    await settle();
    expect(heard).to.deep.equal([
      {type: 'aa:connected', protocol: 1},
      {type: 'aa:event', name: 'aa-content-update', detail: {contentHash: 'h1'}},
      {type: 'aa:result', id: 1, value: {callId: 'c-1'}},
      {type: 'aa:event', name: 'aa-call-start', detail: {callId: 'c-1', scriptId: null, scriptVersion: null}},
    ]);
    expect(api.calls).to.deep.equal(['startCall([{"callId":"c-1"}])']);
    bridge.stop();
  });

  it('should ignore calls posted to the window, and refuse other origins and sources, reporting each origin once', async () => {
    const {api, logged, errors, post, connect, bridge} = setUp();
    const first = connect();
    await settle();
    const call = {type: 'aa:call', method: 'startCall', args: [], id: 9};
    post(call, CRM);
    post(call, CRM);
    post(call, 'https://ads.example', null);
    const ad = connect('https://ads.example', null, 'ad');
    const sibling = connect(CRM, null, 'sibling');
    post({type: 'webpackHotUpdate'}, 'https://ads.example');
    await settle();
    expect(api.calls).to.deep.equal([]);
    expect(errors.map((e) => e.code)).to.deep.equal(['bridge-refused', 'bridge-refused']);
    expect(errors.map((e) => e.message)).to.deep.equal([
      `agent-assist: ignored a message from ${CRM}: "aa:call" was posted to the frame's window; after the handshake, messages go over its MessagePort`,
      'agent-assist: ignored a message from https://ads.example: "aa:call" was posted to the frame\'s window; after the handshake, messages go over its MessagePort',
    ]);
    expect(logged).to.deep.equal(errors.map((e) => `warn ${e.message}`));
    // The refused handshakes heard why; the connected host kept its port.
    expect(ad.heard).to.deep.equal([
      {
        type: 'aa:refused',
        message:
          "agent-assist: the frame refused the handshake: https://ads.example is not in the frame's allowed-origins",
      },
    ]);
    expect(sibling.heard[0]).to.deep.include({type: 'aa:refused'});
    first.port.postMessage({type: 'aa:call', method: 'getCall', args: [], id: 2});
    await settle();
    expect(first.heard.at(-1)).to.deep.equal({type: 'aa:result', id: 2, value: null});
    bridge.stop();
  });

  it('should keep the first port for retries of the same handshake, and give a new session the connection', async () => {
    const {api, connect, bridge} = setUp();
    const first = connect(CRM, window, 'same');
    const retry = connect(CRM, window, 'same');
    await settle();
    expect(first.heard).to.deep.equal([{type: 'aa:connected', protocol: 1}]);
    expect(retry.heard).to.deep.equal([]);
    const next = connect(CRM, window, 'new');
    await settle();
    first.port.postMessage({type: 'aa:call', method: 'getCall', args: [], id: 1});
    next.port.postMessage({type: 'aa:call', method: 'listScripts', args: [], id: 1});
    await settle();
    expect(api.calls).to.deep.equal(['listScripts([])']);
    bridge.stop();
  });

  it('should refuse every handshake, and say so, when no origin is allowed', async () => {
    const {logged, errors, connect, bridge} = setUp('*, https://crm.example/app');
    const {heard} = connect();
    await settle();
    expect(logged[0]).to.equal(
      'error agent-assist: allowed-origins: "*", "https://crm.example/app" are not origins (expected e.g. https://crm.example); ignored'
    );
    expect(logged[1]).to.contain(
      'error agent-assist: this frame has no allowed-origins, so it refuses every handshake'
    );
    expect(errors.map((e) => e.code)).to.deep.equal(['invalid-attribute', 'bridge-refused']);
    expect(heard[0]).to.deep.equal({
      type: 'aa:refused',
      message:
        'agent-assist: the frame refused the handshake: the frame has no allowed-origins, so it accepts no handshake',
    });
    bridge.stop();
  });

  it('should ask the connected host for syncAuth once the host has one', async () => {
    const {api, connect, bridge} = setUp();
    const {port, heard} = connect();
    await settle();
    port.postMessage({type: 'aa:sync-auth', on: true});
    await settle();
    expect(api.syncAuth).to.be.a('function');
    const token = api.syncAuth!();
    await settle();
    const ask = heard.at(-1) as {type: string; id: number};
    expect(ask).to.deep.include({type: 'aa:auth', credential: 'syncAuth'});
    port.postMessage({type: 'aa:auth-result', id: ask.id, value: 'Bearer t-1'});
    expect(await token).to.equal('Bearer t-1');
    port.postMessage({type: 'aa:sync-auth', on: false});
    await settle();
    expect(api.syncAuth).to.equal(null);
    bridge.stop();
  });

  it('should ask the connected host for qaAuth apart from syncAuth, and only on its port', async () => {
    const {api, connect, bridge} = setUp();
    const other = connect('https://ads.example', null, 'ad');
    const {port, heard} = connect();
    await settle();
    port.postMessage({type: 'aa:qa-auth', on: true});
    await settle();
    expect(api.qaAuth).to.be.a('function');
    expect(api.syncAuth).to.equal(null);
    const token = api.qaAuth!();
    await settle();
    const ask = heard.at(-1) as {type: string; id: number; credential: string};
    expect(ask).to.deep.include({type: 'aa:auth', credential: 'qaAuth'});
    // An answer from anyone else (the refused page's port) is not taken.
    other.port.postMessage({type: 'aa:auth-result', id: ask.id, value: 'Bearer forged'});
    await settle();
    port.postMessage({type: 'aa:auth-result', id: ask.id, value: 'Bearer qa-1'});
    expect(await token).to.equal('Bearer qa-1');
    expect(other.heard.map((m) => m.type)).to.deep.equal(['aa:refused']);
    port.postMessage({type: 'aa:qa-auth', on: false});
    await settle();
    expect(api.qaAuth).to.equal(null);
    bridge.stop();
  });

  it('should set and remove the element’s attributes the host sends, and refuse any other name', async () => {
    const {element, errors, logged, connect, bridge} = setUp();
    const {port} = connect();
    await settle();
    port.postMessage({type: 'aa:set', attributes: {lang: 'zh-CN', theme: 'dark', section: 'checklist'}});
    await settle();
    expect([element.getAttribute('lang'), element.getAttribute('theme')]).to.deep.equal(['zh-CN', 'dark']);
    port.postMessage({type: 'aa:set', attributes: {theme: null, onclick: 'alert(1)', queue: 7}});
    await settle();
    expect(element.hasAttribute('theme')).to.equal(false);
    expect(element.hasAttribute('onclick')).to.equal(false);
    expect(element.hasAttribute('queue')).to.equal(false);
    expect(element.getAttribute('section')).to.equal('checklist');
    expect(errors).to.deep.equal([
      {
        code: 'invalid-attribute',
        message:
          'agent-assist: aa:set: "onclick" = "alert(1)" is not an attribute of the frame\'s element with a string or null value; ignored',
      },
      {
        code: 'invalid-attribute',
        message:
          'agent-assist: aa:set: "queue" = 7 is not an attribute of the frame\'s element with a string or null value; ignored',
      },
    ]);
    expect(logged).to.deep.equal(errors.map((e) => `warn ${e.message}`));
    bridge.stop();
  });
});
