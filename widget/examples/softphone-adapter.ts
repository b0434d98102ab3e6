/**
 * A host adapter: maps a softphone's call events onto the widget's API, as the pattern for Genesys Cloud,
 * Twilio Flex, Amazon Connect or Salesforce Service Cloud Voice adapters. The target is `<agent-assist>` or
 * the object `createAgentAssistFrame()` resolves: the same code drives both embeds.
 *
 * | softphone event     | the adapter                                                                   |
 * | ------------------- | ----------------------------------------------------------------------------- |
 * | `ringing`           | remembers the call (queue, caller); a call never answered logs nothing        |
 * | `answered`          | `startCall({callId, scriptId?, context})`, the softphone's id as the call id  |
 * | `disclosure-played` | `checkItem(<recording notice>, {source: 'host'})` (played in the IVR before   |
 * |                     | the answer: ticked as soon as the call starts)                                |
 * | `ended`             | `endCall({outcome})`, then `onReport(report)`                                 |
 *
 * A vendor adapter only turns its SDK's callbacks into these four events (a {@link SoftphoneEventSource}),
 * e.g. Amazon Connect Streams' contact `onConnecting` / `onConnected` / `onEnded`, Twilio Flex's reservation
 * created / `afterAcceptTask` / `afterCompleteTask`, Genesys Cloud's conversation participant `alerting` /
 * `connected` / `disconnected`, and an IVR flag the contact flow sets in the call's attributes.
 */
import type {AdherenceReport, AgentAssistApi} from '../agent-assist.js';

/** A call as the softphone describes it. */
export interface SoftphoneCall {
  /** The softphone's id (contact id, task sid, conversation id): the widget's `callId`, so both logs join. */
  id: string;
  /** The queue or skill it came through. */
  queue?: string;
  /** What the host knows of the caller (CRM lookup, IVR input): fills script variables, never logged. */
  customer?: Record<string, unknown>;
}

/** The four call events the adapter understands. */
export type SoftphoneEvent =
  | {type: 'ringing'; call: SoftphoneCall}
  | {type: 'answered'; callId: string}
  | {type: 'disclosure-played'; callId: string}
  | {type: 'ended'; callId: string; reason?: string};

/** A softphone, as the adapter sees it: something that reports call events, in order. */
export interface SoftphoneEventSource {
  /** Calls `listener` with every event from now on; returns a function that stops it. */
  subscribe(listener: (event: SoftphoneEvent) => void): () => void;
}

/** What the adapter uses of the widget: `<agent-assist>` and `createAgentAssistFrame()`'s object both fit. */
export type AssistTarget = Pick<AgentAssistApi, 'startCall' | 'checkItem' | 'endCall' | 'getCall'>;

export interface SoftphoneAdapterOptions {
  /** The script for a call (a `listScripts()` id); none: the queue's default, else the agent picks. */
  scriptFor?: (call: SoftphoneCall) => string | undefined;
  /** The script variables for a call; by default `{customer}` from the softphone. */
  contextFor?: (call: SoftphoneCall) => Record<string, unknown>;
  /** Checklist item ids that the IVR's recording notice satisfies; the first the call has is ticked. */
  disclosureItems?: readonly string[];
  /** The logged outcome for the softphone's end reason (1–200 characters); by default the reason itself. */
  outcomeFor?: (reason: string | undefined) => string | undefined;
  /** A call ended: its adherence report (e.g. to save on the CRM's call record). */
  onReport?: (report: AdherenceReport, call: SoftphoneCall) => void;
  /** Something could not be done (the call goes on); by default a console warning. */
  onError?: (error: Error, event: SoftphoneEvent) => void;
}

export interface SoftphoneAdapter {
  /** Resolves once every event received so far has been handled. */
  settled(): Promise<void>;
  /** Stops listening to the softphone (events already received are still handled). */
  disconnect(): void;
}

/** The recording notice of the shipped content's checklists (English and Chinese). */
const DEFAULT_DISCLOSURE_ITEMS = ['recording-notice', 'zh-recording-notice'];

/**
 * Connects `source` to `target`. Events are handled one at a time, in the order they came: a softphone
 * reports `answered` and `ended` in quick succession, and `endCall()` must not overtake `startCall()`.
 *
 * @example
 * const assist = document.querySelector('agent-assist')!; // or: await createAgentAssistFrame(panel, {…})
 * connectSoftphone(mySoftphone, assist, {onReport: (r, call) => crm.saveScore(call.id, r.score)});
 */
export function connectSoftphone(
  source: SoftphoneEventSource,
  target: AssistTarget,
  options: SoftphoneAdapterOptions = {}
): SoftphoneAdapter {
  const disclosureItems = options.disclosureItems ?? DEFAULT_DISCLOSURE_ITEMS;
  const onError = options.onError ?? ((err: Error) => console.warn(`softphone adapter: ${err.message}`));
  /** Calls ringing, not answered yet; `disclosed`: the IVR already played the notice. */
  const ringing = new Map<string, {call: SoftphoneCall; disclosed: boolean}>();
  /** The call the widget runs for the softphone. */
  let active: SoftphoneCall | null = null;
  let queue: Promise<void> = Promise.resolve();

  /** The widget runs `callId` (after a reload mid-call the widget resumed it; the adapter adopts it). */
  const running = async (callId: string): Promise<boolean> => (await target.getCall())?.callId === callId;

  const tickDisclosure = async (callId: string): Promise<void> => {
    const call = await target.getCall();
    const item = call?.items.find((i) => disclosureItems.includes(i.id));
    if (!item) {
      throw new Error(
        `call "${callId}" has no recording notice to tick (none of ${disclosureItems.join(', ')}; no script chosen yet?)`
      );
    }
    // Already ticked (by the agent, or before a reload): nothing to add to the log.
    if (item.status === 'open') await target.checkItem(item.id, {source: 'host'});
  };

  const handle = async (event: SoftphoneEvent): Promise<void> => {
    switch (event.type) {
      case 'ringing':
        ringing.set(event.call.id, {call: event.call, disclosed: false});
        return;
      case 'answered': {
        const rung = ringing.get(event.callId) ?? {call: {id: event.callId}, disclosed: false};
        ringing.delete(event.callId);
        const current = await target.getCall();
        if (current?.callId !== event.callId) {
          // The widget still runs a call whose end the adapter never heard of (the page reloaded meanwhile).
          if (current) {
            await target.endCall({outcome: 'ended unobserved (next call answered)'});
            onError(
              new Error(`ended call "${current.callId}", still running when "${event.callId}" was answered`),
              event
            );
          }
          const scriptId = options.scriptFor?.(rung.call);
          await target.startCall({
            callId: rung.call.id,
            ...(scriptId ? {scriptId} : {}),
            context: options.contextFor?.(rung.call) ?? {customer: rung.call.customer ?? {}},
          });
        }
        active = rung.call;
        if (rung.disclosed) await tickDisclosure(event.callId);
        return;
      }
      case 'disclosure-played': {
        const rung = ringing.get(event.callId);
        if (rung) rung.disclosed = true;
        else if (active?.id === event.callId || (await running(event.callId)))
          await tickDisclosure(event.callId);
        else throw new Error(`disclosure played on call "${event.callId}", which is not this agent's`);
        return;
      }
      case 'ended': {
        // Rung but never answered (abandoned, or answered elsewhere): nothing was logged, nothing to end.
        if (ringing.delete(event.callId)) return;
        if (active?.id !== event.callId && !(await running(event.callId))) return;
        const call = active?.id === event.callId ? active : {id: event.callId};
        active = null;
        // At most 200 characters: a longer one would be refused, and the call left running.
        const outcome = (options.outcomeFor ? options.outcomeFor(event.reason) : event.reason)?.slice(0, 200);
        const report = await target.endCall(outcome ? {outcome} : {});
        options.onReport?.(report, call);
        return;
      }
    }
  };

  const unsubscribe = source.subscribe((event) => {
    queue = queue.then(() => handle(event)).catch((err: unknown) => onError(err as Error, event));
  });
  return {
    settled: () => queue,
    disconnect: unsubscribe,
  };
}
