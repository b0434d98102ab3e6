/**
 * The host page's side of iframe mode: `createAgentAssistFrame()` (exported by the widget's entry) puts
 * `frame.html` in an `<iframe>`, connects to it over a `MessageChannel`, and resolves an object with the
 * element's methods and events, so host code is the same for both embeds. Small on purpose: it ships in the
 * widget's first load.
 */
import type {AaEventName} from '../events/aa-event.js';
import type {AaEvent, AgentAssistApi, SyncAuth} from '../session/api-types.js';
import type {FrameAttribute} from './frame-attributes.js';
import type {ApiMethod, CallMessage, Credential, FrameToHost, HostToFrame} from './protocol.js';

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
  /** The `qa-url` attribute (the collector the Quality tab reads, with `qaAuth`); resolved against this page. */
  qaUrl?: string;
  /** The `theme` attribute (`light`, `dark`, `auto`). */
  theme?: string;
  /** The `retention-days` attribute. */
  retentionDays?: number | string;
  /** The `section` attribute. */
  section?: string;
  /** The `syncAuth` property, set as soon as the frame connects. */
  syncAuth?: SyncAuth | null;
  /** The `qaAuth` property, set as soon as the frame connects. */
  qaAuth?: SyncAuth | null;
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
  /**
   * Sets one of the element's attributes in the frame, live, as `element.setAttribute()` does (`lang`,
   * `theme`, `queue`, `section`…; URLs are resolved against this page). Kept across the frame's reloads.
   * Throws for a name that is not one of the element's attributes.
   */
  setAttribute(name: FrameAttribute, value: string): void;
  /** Removes one of the element's attributes in the frame (it falls back to its default), live. */
  removeAttribute(name: FrameAttribute): void;
  /** The attribute's value as this page last gave it (an option or `setAttribute()`), or null. */
  getAttribute(name: FrameAttribute): string | null;
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

/**
 * The element's attributes a host may set (a record, so the compiler insists on the frame's list; not that
 * list itself, which would make a chunk shared with frame.js), in the README's order.
 */
const ATTRIBUTES: Record<FrameAttribute, 0> = {
  'agent-id': 0,
  lang: 0,
  'pack-url': 0,
  queue: 0,
  'sync-url': 0,
  'qa-url': 0,
  theme: 0,
  'retention-days': 0,
  section: 0,
};
const FRAME_ATTRIBUTES = Object.keys(ATTRIBUTES) as FrameAttribute[];
const isFrameAttribute = (name: unknown): name is FrameAttribute =>
  typeof name === 'string' && Object.hasOwn(ATTRIBUTES, name);
/** The attributes whose values are URLs (resolved against the host page, as the element's would be). */
const isUrlAttribute = (name: FrameAttribute) => name.endsWith('-url');

/** The option that sets each attribute (its name in camel case). */
const optionOf = (name: FrameAttribute) =>
  name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) as keyof AgentAssistFrameOptions;

/** The name, when it is one of the element's attributes; else throws (as a bad argument does everywhere). */
function checkName(name: unknown): FrameAttribute {
  if (isFrameAttribute(name)) return name;
  throw new Error(
    `agent-assist: setAttribute() expected one of the element's attributes (${FRAME_ATTRIBUTES.join(', ')}), got ${JSON.stringify(name) ?? String(name)}`
  );
}

/** The credential, when it is a function or null; else throws with the element's words for it. */
function checkAuth(property: Credential, value: unknown): SyncAuth | null {
  if (value === null || typeof value === 'function') return value as SyncAuth | null;
  throw new Error(
    `agent-assist: ${property}() expected a function returning the Authorization header value, or null`
  );
}

/** How often the handshake is sent again until the frame answers. */
const RETRY_MS = 200;

/** An attribute's value as the frame gets it: URLs resolved against this page, as the element's would be. */
function attributeValue(name: FrameAttribute, value: unknown): string {
  // (One that is no URL at all goes as it is: the frame reports it, as the element would; a blank one
  // means none there, so it is not made this page's URL.)
  if (isUrlAttribute(name) && String(value).trim() !== '')
    try {
      return new URL(String(value), document.baseURI).href;
    } catch {
      // kept as given
    }
  return String(value);
}

/** The attributes the options set, by name. */
function optionAttributes(options: AgentAssistFrameOptions): Map<FrameAttribute, string> {
  const attributes = new Map<FrameAttribute, string>();
  for (const name of FRAME_ATTRIBUTES) {
    const value = options[optionOf(name)];
    if (value !== undefined && value !== null) attributes.set(name, attributeValue(name, value));
  }
  return attributes;
}

/** `frame.html`'s URL with the attributes as parameters, and this page's origin as `allowed-origins`. */
function frameSource(frameUrl: string | URL, attributes: ReadonlyMap<FrameAttribute, string>): URL {
  const url = new URL(frameUrl, document.baseURI);
  for (const [name, value] of attributes) url.searchParams.set(name, value);
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
  const initial = optionAttributes(options);
  const url = frameSource(frameUrl, initial);
  /** What this page set since (a value, or null: removed), sent again to a frame that reloaded. */
  const changed = new Map<FrameAttribute, string | null>();
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
  const auth: Record<Credential, SyncAuth | null> = {
    syncAuth: options.syncAuth ?? null,
    qaAuth: options.qaAuth ?? null,
  };
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
      const {id, credential} = data;
      // Only the credential asked for (an unknown one gets none), and only on the frame's port.
      const give = credential === 'syncAuth' || credential === 'qaAuth' ? auth[credential] : null;
      Promise.resolve()
        .then(() => give?.() ?? null)
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
          // The frame starts from its URL: what this page changed since, and its credentials, follow.
          if (changed.size > 0) send({type: 'aa:set', attributes: Object.fromEntries(changed)});
          if (auth.syncAuth) send({type: 'aa:sync-auth', on: true});
          if (auth.qaAuth) send({type: 'aa:qa-auth', on: true});
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

  /** Sets (or with null removes) an attribute of the frame's element now, and after every reload. */
  const setAttribute = (name: FrameAttribute, value: string | null) => {
    changed.set(name, value);
    send({type: 'aa:set', attributes: {[name]: value}});
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
      return auth.syncAuth;
    },
    set syncAuth(value: SyncAuth | null) {
      auth.syncAuth = checkAuth('syncAuth', value);
      send({type: 'aa:sync-auth', on: value !== null});
    },
    get qaAuth() {
      return auth.qaAuth;
    },
    set qaAuth(value: SyncAuth | null) {
      auth.qaAuth = checkAuth('qaAuth', value);
      send({type: 'aa:qa-auth', on: value !== null});
    },
    setAttribute(name: FrameAttribute, value: string) {
      setAttribute(name, attributeValue(checkName(name), value));
    },
    removeAttribute(name: FrameAttribute) {
      setAttribute(checkName(name), null);
    },
    getAttribute(name: FrameAttribute) {
      return changed.has(name) ? changed.get(name)! : (initial.get(name) ?? null);
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
