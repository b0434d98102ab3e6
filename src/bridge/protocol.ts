/**
 * The iframe-mode protocol between a host page and `frame.html`, as types (no runtime code: the frame's
 * bridge and the host's helper each ship only their own side). A host posts one handshake to the frame's
 * window, transferring a `MessagePort`; every other message travels on that port. The contract is the
 * "Iframe embedding" section of `shared/design/public-api.md`; the README documents each message.
 */
import type {AaEventDetailMap, AaEventName} from '../events/aa-event.js';
import type {AgentAssistApi} from '../session/api-types.js';
import type {FrameAttribute} from './frame-attributes.js';

/** The protocol version this build speaks (in the handshake and its answer). */
export type ProtocolVersion = 1;

/** The names of the API's methods (what `aa:call` may name): every function member of {@link AgentAssistApi}. */
export type ApiMethod = {
  [K in keyof AgentAssistApi]-?: AgentAssistApi[K] extends (...args: never[]) => unknown ? K : never;
}[keyof AgentAssistApi];

/** Host → frame window, the only message accepted there: `ports[0]` is the host's end of the channel. */
export interface ConnectMessage {
  type: 'aa:connect';
  protocol: ProtocolVersion;
  /** The same for every retry of one helper, so a late retry does not replace its connection. */
  session: string;
}

/** Frame → host, on the transferred port: the handshake was accepted. */
export interface ConnectedMessage {
  type: 'aa:connected';
  protocol: ProtocolVersion;
}

/** Frame → host, on the transferred port: the handshake was refused (the port is then closed). */
export interface RefusedMessage {
  type: 'aa:refused';
  message: string;
}

/** Host → frame: call a method of the API with `args` (structured-cloned). */
export interface CallMessage {
  type: 'aa:call';
  method: ApiMethod;
  args: unknown[];
  id: number;
}

/** An error answer: the rejected `Error`'s message and its `code` when it had one (`storage-full`…). */
export interface WireError {
  message: string;
  code?: string;
}

/** Frame → host: the answer to the `aa:call` with the same `id`: `value` when it resolved, else `error`. */
export type ResultMessage = {type: 'aa:result'; id: number} & ({value: unknown} | {error: WireError});

/** Frame → host: a public event of the frame's `<agent-assist>`, with its detail. */
export interface EventMessage<K extends AaEventName = AaEventName> {
  type: 'aa:event';
  name: K;
  detail: AaEventDetailMap[K];
}

/** The credential properties a host can give the frame: for uploads, and for the collector's QA data. */
export type Credential = 'syncAuth' | 'qaAuth';

/** Host → frame: the host set (`on: true`) or cleared its `syncAuth`. */
export interface SyncAuthMessage {
  type: 'aa:sync-auth';
  on: boolean;
}

/** Host → frame: the host set (`on: true`) or cleared its `qaAuth`. */
export interface QaAuthMessage {
  type: 'aa:qa-auth';
  on: boolean;
}

/**
 * Frame → host: the widget is about to upload (`syncAuth`) or to read the collector (`qaAuth`) and asks for
 * the `Authorization` value.
 */
export interface AuthRequestMessage {
  type: 'aa:auth';
  id: number;
  credential: Credential;
}

/** Host → frame: what the host's `syncAuth()` gave (`value`), or how it failed (`error`). */
export type AuthResultMessage = {type: 'aa:auth-result'; id: number} & (
  {value: string | null} | {error: WireError}
);

/** Host → frame: set (a string) or remove (null) attributes of the frame's `<agent-assist>`. */
export interface SetAttributesMessage {
  type: 'aa:set';
  attributes: Partial<Record<FrameAttribute, string | null>>;
}

/** Every message the frame sends on the port. */
export type FrameToHost =
  ConnectedMessage | RefusedMessage | ResultMessage | EventMessage | AuthRequestMessage;

/** Every message the host sends on the port. */
export type HostToFrame =
  CallMessage | SyncAuthMessage | QaAuthMessage | AuthResultMessage | SetAttributesMessage;
