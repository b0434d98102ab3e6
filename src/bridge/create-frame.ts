/**
 * The host page's side of iframe mode: `createAgentAssistFrame()` (exported by the widget's entry) puts
 * `frame.html` in an `<iframe>`, connects to it over a `MessageChannel`, and resolves an object with the
 * element's methods and events, so host code is the same for both embeds. Small on purpose: it ships in the
 * widget's first load.
 */
import type {AaEventName} from '../events/aa-event.js';
import type {AaEvent, AgentAssistApi, SyncAuth} from '../session/api-types.js';
import type {ApiMethod, CallMessage, FrameToHost, HostToFrame} from './protocol.js';

/** Options of `createAgentAssistFrame()`: where the frame is, and the element's attributes for it. */
export interface AgentAssistFrameOptions {
  /** URL of `frame.html` (default: next to `agent-assist.js`); one with its own `allowed-origins` keeps it. */
  frameUrl?: string | URL;
  /** The `agent-id` attribute. */
  agentId?: string;
  /** The `lang` attribute (`en`, `zh-CN`). */
  lang?: string;
  /** The `pack-url` attribute; a relative URL is resolved against this page, as the attribute's would be. */
  packUrl?: string;
  /** The `queue` attribute. */
  queue?: string;
  /** The `sync-url` attribute; a relative URL is resolved against this page. */
  syncUrl?: string;
  /** The `theme` attribute (`light`, `dark`, `auto`). */
  theme?: string;
  /** The `retention-days` attribute. */
  retentionDays?: number | string;
  /** The `section` attribute. */
  section?: string;
  /** The `syncAuth` property, set as soon as the frame connects. */
  syncAuth?: SyncAuth | null;
  /** How long to wait for the frame to answer its handshake, in ms. Default 15000. */
  timeout?: number;
}

/** A listener of a public event, typed by its name. */
export type AaEventListener<K extends AaEventName> = (event: AaEvent<K>) => void;

/**
 * The widget in an iframe, driven from the host page: the element's methods (each answered by the frame;
 * arguments and results are structured-cloned) and its events (fired on {@link AgentAssistFrame.iframe},
 * so they bubble to `document` as the element's do).
 */
export interface AgentAssistFrame extends AgentAssistApi {
  /** The `<iframe>` the widget runs in (style or move it; `destroy()` removes it). */
  readonly iframe: HTMLIFrameElement;
  addEventListener<K extends AaEventName>(
    type: K,
    listener: AaEventListener<K>,
    options?: boolean | AddEventListenerOptions
  ): void;
  removeEventListener<K extends AaEventName>(
    type: K,
    listener: AaEventListener<K>,
    options?: boolean | EventListenerOptions
  ): void;
  /** Closes the connection and removes the iframe; calls still waiting reject. */
  destroy(): void;
}

/** The API's methods (a record, so the compiler insists on every one of them). */
const METHODS: Record<ApiMethod, 0> = {
  startCall: 0,
  endCall: 0,
  setContext: 0,
  search: 0,
  listScripts: 0,
  openArticle: 0,
  completeStep: 0,
  checkItem: 0,
  skipItem: 0,
  getCall: 0,
  exportLog: 0,
  verifyLog: 0,
  refreshContent: 0,
};

/** The frame URL parameters the options set (each option's name in kebab case). */
const PARAMETERS = [
  'agentId',
  'lang',
  'packUrl',
  'queue',
  'syncUrl',
  'theme',
  'retentionDays',
  'section',
] as const;

/** How often the handshake is sent again until the frame answers. */
const RETRY_MS = 200;

/** `frame.html`'s URL with the options as parameters, and this page's origin as `allowed-origins`. */
function frameSource(frameUrl: string | URL, options: AgentAssistFrameOptions): URL {
  const url = new URL(frameUrl, document.baseURI);
  for (const key of PARAMETERS) {
    let value = options[key];
    if (value === undefined) continue;
    // Relative URLs mean the same as on the element: relative to this page, not to the frame.
    // (One that is no URL at all goes as it is: the frame reports it, as the element would.)
    if (key.endsWith('Url'))
      try {
        value = new URL(String(value), document.baseURI).href;
      } catch {
        // kept as given
      }
    url.searchParams.set(
      key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
      String(value)
    );
  }
  if (!url.searchParams.has('allowed-origins')) url.searchParams.set('allowed-origins', location.origin);
  return url;
}

/**
 * Creates the frame in `container` and resolves once it has accepted the handshake; rejects when it
 * refuses it or does not answer within `timeout` (the iframe is then removed).
 */
export function createFrame(
  container: Element,
  frameUrl: string | URL,
  options: AgentAssistFrameOptions = {}
): Promise<AgentAssistFrame> {
  const url = frameSource(frameUrl, options);
  const timeout = options.timeout ?? 15_000;
  const iframe = document.createElement('iframe');
  iframe.src = url.href;
  iframe.title = 'agent assist';
  // The widget's copy buttons write to the clipboard.
  iframe.allow = 'clipboard-write';
  iframe.style.cssText = 'border:0;width:100%;height:100%';
  // The same for every retry, so the frame keeps the connection its first answer made.
  const session = Math.random().toString(36).slice(2);
  const calls = new Map<number, [(value: unknown) => void, (error: Error) => void, ApiMethod]>();
  let lastId = 0;
  let port: MessagePort | undefined;
  let ready: Promise<MessagePort> = new Promise(() => undefined);
  let syncAuth = options.syncAuth ?? null;
  let destroyed = false;
  let stopRetry = () => {};

  const silent = () =>
    new Error(
      `agent-assist: the frame at ${url.href} did not answer within ${timeout} ms (is it served there, and does this page's CSP frame-src allow it?)`
    );
  const send = (message: HostToFrame) => port?.postMessage(message);
  const interrupt = (why: string) => {
    for (const [, reject, method] of calls.values())
      reject(new Error(`agent-assist: ${method}() was interrupted: ${why}`));
    calls.clear();
  };

  const onMessage = ({data}: MessageEvent<FrameToHost>) => {
    if (data.type === 'aa:result') {
      const call = calls.get(data.id);
      calls.delete(data.id);
      if ('error' in data) call?.[1](Object.assign(new Error(data.error.message), data.error));
      else call?.[0](data.value);
    } else if (data.type === 'aa:event') {
      iframe.dispatchEvent(new CustomEvent(data.name, {detail: data.detail, bubbles: true, composed: true}));
    } else if (data.type === 'aa:auth') {
      const {id} = data;
      Promise.resolve()
        .then(() => syncAuth?.() ?? null)
        .then(
          (value) => send({type: 'aa:auth-result', id, value}),
          (err: Error) => send({type: 'aa:auth-result', id, error: {message: String(err?.message ?? err)}})
        );
    }
  };

  /** Sends the handshake (again every RETRY_MS, each time with a new channel) until the frame answers. */
  const connect = () => {
    stopRetry();
    ready = new Promise((resolve, reject) => {
      const started = Date.now();
      const attempt = () => {
        if (Date.now() - started > timeout) {
          stopRetry();
          return reject(silent());
        }
        const channel = new MessageChannel();
        channel.port1.onmessage = ({data}: MessageEvent<FrameToHost>) => {
          stopRetry();
          if (data.type === 'aa:refused') return reject(new Error(data.message));
          port = channel.port1;
          port.onmessage = onMessage;
          if (syncAuth) send({type: 'aa:sync-auth', on: true});
          resolve(port);
        };
        // Only to the frame's origin: nothing is sent if the iframe shows anything else.
        iframe.contentWindow?.postMessage({type: 'aa:connect', protocol: 1, session}, url.origin, [
          channel.port2,
        ]);
      };
      const timer = setInterval(attempt, RETRY_MS);
      stopRetry = () => clearInterval(timer);
      attempt();
    });
    // A failed reconnection surfaces on the next call.
    ready.catch(() => undefined);
  };

  const call = (method: ApiMethod, args: unknown[]) =>
    destroyed
      ? Promise.reject(new Error(`agent-assist: ${method}() needs the frame, which was destroyed`))
      : ready.then(
          (to) =>
            new Promise((resolve, reject) => {
              const id = ++lastId;
              // Throws (so this call rejects) a DataCloneError for an argument the clone cannot copy.
              to.postMessage({type: 'aa:call', method, args, id} satisfies CallMessage);
              calls.set(id, [resolve, reject, method]);
            })
        );

  const frame = {
    iframe,
    addEventListener: iframe.addEventListener.bind(iframe),
    removeEventListener: iframe.removeEventListener.bind(iframe),
    get syncAuth() {
      return syncAuth;
    },
    set syncAuth(value: SyncAuth | null) {
      syncAuth = value;
      send({type: 'aa:sync-auth', on: value !== null});
    },
    destroy() {
      destroyed = true;
      stopRetry();
      port?.close();
      iframe.remove();
      interrupt('the frame was destroyed');
    },
  } as AgentAssistFrame;
  for (const method of Object.keys(METHODS) as ApiMethod[])
    Object.assign(frame, {[method]: (...args: unknown[]) => call(method, args)});

  // Every load (the first, and the frame reloading itself into a new version) needs its own handshake.
  iframe.addEventListener('load', () => {
    port?.close();
    port = undefined;
    interrupt('the frame reloaded');
    connect();
  });
  return new Promise<AgentAssistFrame>((resolve, reject) => {
    // (Inside the promise: a container that cannot take the iframe rejects, as every other failure does.)
    container.append(iframe);
    const fail = (error: Error) => {
      frame.destroy();
      reject(error);
    };
    const timer = setTimeout(() => fail(silent()), timeout);
    iframe.addEventListener(
      'load',
      () =>
        ready.then(
          () => (clearTimeout(timer), resolve(frame)),
          (error: Error) => (clearTimeout(timer), fail(error))
        ),
      {once: true}
    );
  });
}
