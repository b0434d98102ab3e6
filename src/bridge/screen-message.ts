/**
 * What the frame does with a message posted to its window, pure: only a well-formed handshake from the
 * page embedding the frame, on an allowed origin, connects; any other `aa:` message is refused (and
 * reported by the caller); messages of other protocols are none of its business.
 */
import type {ProtocolVersion} from './protocol.js';

/** The parts of a window `MessageEvent` the decision reads. */
export interface WindowMessage {
  data: unknown;
  /** `MessageEvent#origin`, set by the browser: the sender cannot forge it. */
  origin: string;
  /** The sender is the window embedding the frame (`event.source === parent`, and the frame is framed). */
  fromParent: boolean;
  /** How many ports were transferred with the message. */
  ports: number;
}

/** The decision: connect (with the handshake's session), refuse (and why), or ignore (not ours). */
export type Screening =
  {verdict: 'connect'; session: string} | {verdict: 'refuse'; reason: string} | {verdict: 'ignore'};

/** The protocol version of this build. */
export const PROTOCOL: ProtocolVersion = 1;

/** Decides what to do with a message posted to the frame's window, given the allowed origins. */
export function screenWindowMessage(message: WindowMessage, allowedOrigins: readonly string[]): Screening {
  const data = message.data as {type?: unknown; protocol?: unknown; session?: unknown} | null;
  const type = typeof data === 'object' && data !== null ? data.type : undefined;
  // Other scripts and extensions post messages of their own: only the `aa:` protocol is ours.
  if (typeof type !== 'string' || !type.startsWith('aa:')) return {verdict: 'ignore'};
  if (type !== 'aa:connect')
    return refuse(
      `"${type}" was posted to the frame's window; after the handshake, messages go over its MessagePort`
    );
  if (allowedOrigins.length === 0)
    return refuse('the frame has no allowed-origins, so it accepts no handshake');
  if (!allowedOrigins.includes(message.origin))
    return refuse(`${message.origin} is not in the frame's allowed-origins`);
  if (!message.fromParent) return refuse('the handshake did not come from the page embedding the frame');
  if (data!.protocol !== PROTOCOL)
    return refuse(`protocol ${String(data!.protocol)} is not supported (this frame speaks ${PROTOCOL})`);
  if (message.ports !== 1 || typeof data!.session !== 'string' || data!.session === '')
    return refuse(
      "a handshake is {type: 'aa:connect', protocol: 1, session} with one transferred MessagePort"
    );
  return {verdict: 'connect', session: data!.session};
}

const refuse = (reason: string): Screening => ({verdict: 'refuse', reason});
