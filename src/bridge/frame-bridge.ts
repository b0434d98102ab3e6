/**
 * The bridge inside `frame.html`: accepts one host over `postMessage` and then talks to it only over the
 * `MessagePort` the host transferred. Requests run the widget's public methods (`aa:call` → `aa:result`),
 * its public events are forwarded (`aa:event`; those fired before the host connected are kept for it),
 * the host's attribute changes are applied to the element (`aa:set`), the host's credentials are asked for
 * across the port when the widget needs them (`aa:auth`), and every other `aa:` message is ignored and reported once per origin (`aa-error` `bridge-refused` and a
 * console warning): the allow-list and the source check are what stop an ad or a popup driving the widget.
 */
import type {AaErrorCode, AaEventName} from '../events/aa-event.js';
import type {AgentAssistApi, SyncAuth} from '../session/api-types.js';
import {parseAllowedOrigins} from './allowed-origins.js';
import {dispatchCall, toWireError} from './dispatch-call.js';
import {isFrameAttribute} from './frame-attributes.js';
import type {AuthResultMessage, Credential, EventMessage, FrameToHost, HostToFrame} from './protocol.js';
import {PROTOCOL, screenWindowMessage} from './screen-message.js';

/** The events forwarded to the host (a record, so the compiler insists on every public event). */
const FORWARDED: Record<AaEventName, true> = {
  'aa-call-start': true,
  'aa-step-change': true,
  'aa-checklist-change': true,
  'aa-call-end': true,
  'aa-article-open': true,
  'aa-search': true,
  'aa-article-feedback': true,
  'aa-content-update': true,
  'aa-sync-state': true,
  'aa-error': true,
};

/** Events kept for a host that has not connected yet (the first ones: start-up errors come first). */
const MAX_EARLY_EVENTS = 100;
/** How long the widget waits for the host's `syncAuth()` before the upload counts it as failed. */
const AUTH_TIMEOUT_MS = 10_000;

export interface FrameBridgeOptions {
  /** The frame's window: where the handshake arrives, and whose `parent` is the only host it accepts. */
  window: Pick<Window, 'addEventListener' | 'removeEventListener' | 'parent'>;
  /**
   * The frame's `<agent-assist>` (upgraded or not yet): its public events are forwarded, the host's
   * `aa:set` attributes are set on it, and the bridge's own `aa-error`s are fired on it.
   */
  element: EventTarget & Pick<Element, 'setAttribute' | 'removeAttribute'>;
  /** The widget once it is ready (calls wait for it); rejects when it could not be loaded. */
  api: Promise<AgentAssistApi>;
  /** The frame's `allowed-origins` URL parameter. */
  allowedOrigins: string | null;
  /** Where refusals and setting problems are written. */
  console: Pick<Console, 'warn' | 'error'>;
}

/** A running bridge. */
export interface FrameBridge {
  /** Stops listening and closes the host's port. */
  stop(): void;
}

/**
 * Starts the bridge: call it before the widget loads, so no handshake and no early event is missed.
 *
 * @example
 * startFrameBridge({window, element, api, allowedOrigins: params.get('allowed-origins'), console});
 */
export function startFrameBridge(options: FrameBridgeOptions): FrameBridge {
  const {window: win, element, api, console: log} = options;
  const {origins, invalid} = parseAllowedOrigins(options.allowedOrigins);
  let port: MessagePort | null = null;
  let session: string | null = null;
  const early: EventMessage[] = [];
  const refusedOrigins = new Set<string>();
  const authWaits = new Map<number, (answer: AuthResultMessage) => void>();
  let lastAuthId = 0;
  // A widget that failed to load is reported where it failed and in each call's answer, not as unhandled.
  api.catch(() => undefined);

  // Fired on the element like the widget's own errors, so the host hears them as events too.
  const fireError = (code: AaErrorCode, message: string) =>
    element.dispatchEvent(
      new CustomEvent('aa-error', {detail: {code, message}, bubbles: true, composed: true})
    );

  if (invalid.length > 0) {
    const names = invalid.map((e) => JSON.stringify(e)).join(', ');
    const message = `agent-assist: allowed-origins: ${names} ${invalid.length > 1 ? 'are not origins' : 'is not an origin'} (expected e.g. https://crm.example); ignored`;
    log.error(message);
    fireError('invalid-attribute', message);
  }
  if (origins.length === 0) {
    log.error(
      'agent-assist: this frame has no allowed-origins, so it refuses every handshake: add allowed-origins=https://your-crm.example to its URL (createAgentAssistFrame() adds the host page’s origin)'
    );
  }

  const post = (to: MessagePort, message: FrameToHost) => {
    try {
      to.postMessage(message);
    } catch (err) {
      // A value the structured clone cannot copy: the caller still gets an answer.
      if (message.type === 'aa:result')
        to.postMessage({
          type: 'aa:result',
          id: message.id,
          error: {
            message: `agent-assist: the result could not be sent to the host: ${toWireError(err).message}`,
          },
        });
    }
  };

  for (const name of Object.keys(FORWARDED) as AaEventName[]) {
    element.addEventListener(name, (event) => {
      const message = {type: 'aa:event', name, detail: (event as CustomEvent).detail} as EventMessage;
      if (port) post(port, message);
      else if (early.length < MAX_EARLY_EVENTS) early.push(message);
    });
  }

  /**
   * Asks the connected host for an `Authorization` value (what the widget's `syncAuth` or `qaAuth` gives):
   * only on the port of the host that passed the handshake, so a token never goes to a page whose origin
   * is not in `allowed-origins`, and no other page can answer in its place.
   */
  const askHost =
    (credential: Credential): SyncAuth =>
    () =>
      new Promise((resolve, reject) => {
        const to = port;
        if (!to) return resolve(null);
        const id = ++lastAuthId;
        const timer = setTimeout(() => {
          authWaits.delete(id);
          reject(new Error(`the host page did not answer within ${AUTH_TIMEOUT_MS / 1000} s`));
        }, AUTH_TIMEOUT_MS);
        authWaits.set(id, (answer) => {
          clearTimeout(timer);
          if ('error' in answer) reject(new Error(answer.error.message));
          else resolve(answer.value);
        });
        post(to, {type: 'aa:auth', id, credential});
      });

  const onPortMessage = (from: MessagePort, data: HostToFrame) => {
    if (data?.type === 'aa:call') {
      // Answered on the port that asked, even if another host connected meanwhile.
      void dispatchCall(api, data).then((answer) => answer && post(from, answer));
    } else if (data?.type === 'aa:sync-auth' || data?.type === 'aa:qa-auth') {
      const credential: Credential = data.type === 'aa:sync-auth' ? 'syncAuth' : 'qaAuth';
      const value = data.on === true ? askHost(credential) : null;
      void api.then(
        (widget) => (widget[credential] = value),
        () => undefined
      );
    } else if (data?.type === 'aa:set') {
      setAttributes(data.attributes);
    } else if (data?.type === 'aa:auth-result') {
      authWaits.get(data.id)?.(data);
      authWaits.delete(data.id);
    }
  };

  /** The host's live attribute changes (`lang`, `theme`…), applied as a host would set them on the element. */
  const setAttributes = (attributes: unknown) => {
    if (typeof attributes !== 'object' || attributes === null) return;
    for (const [name, value] of Object.entries(attributes)) {
      // Only the element's own attributes: never `on…` handlers, `style` or `slot` set from outside.
      if (!isFrameAttribute(name) || (value !== null && typeof value !== 'string')) {
        const message = `agent-assist: aa:set: ${JSON.stringify(name)} = ${JSON.stringify(value) ?? String(value)} is not an attribute of the frame's element with a string or null value; ignored`;
        log.warn(message);
        fireError('invalid-attribute', message);
      } else if (value === null) element.removeAttribute(name);
      else element.setAttribute(name, value);
    }
  };

  const refuse = (origin: string, reason: string) => {
    if (refusedOrigins.has(origin)) return;
    refusedOrigins.add(origin);
    const message = `agent-assist: ignored a message from ${origin}: ${reason}`;
    log.warn(message);
    fireError('bridge-refused', message);
  };

  const onWindowMessage = (event: MessageEvent) => {
    const screening = screenWindowMessage(
      {
        data: event.data,
        origin: event.origin,
        fromParent: win.parent !== (win as unknown) && event.source === win.parent,
        ports: event.ports.length,
      },
      origins
    );
    if (screening.verdict === 'ignore') return;
    if (screening.verdict === 'refuse') {
      refuse(event.origin, screening.reason);
      // A refused handshake hears why on its own port (else its helper would wait for its timeout).
      if ((event.data as {type: string}).type === 'aa:connect')
        for (const p of event.ports)
          p.postMessage({
            type: 'aa:refused',
            message: `agent-assist: the frame refused the handshake: ${screening.reason}`,
          });
      return;
    }
    const [next] = event.ports as [MessagePort];
    // A retry of the connected helper's handshake: it already has its answer on its first port.
    if (screening.session === session) return next.close();
    // Another helper of the embedding page (it re-created the frame's connection): the latest one wins.
    port?.close();
    port = next;
    session = screening.session;
    next.onmessage = (e) => onPortMessage(next, e.data as HostToFrame);
    post(next, {type: 'aa:connected', protocol: PROTOCOL});
    for (const message of early.splice(0)) post(next, message);
  };

  win.addEventListener('message', onWindowMessage);
  return {
    stop() {
      win.removeEventListener('message', onWindowMessage);
      port?.close();
      port = null;
    },
  };
}
