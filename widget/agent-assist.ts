/**
 * The embeddable entry, built to `dist/agent-assist.js`: loading it defines `<agent-assist>`.
 * This is the only module of the widget bundle with side effects.
 *
 * It asks for the element itself (Lit and the shell, the next file) and, while that arrives, paints the
 * widget's frame into the `<agent-assist>` elements already on the page (header, tabs, "Loading the
 * knowledge base…") with DOM calls and no Lit, so the widget shows once this one file has arrived. The
 * element, once defined, takes those frames over in the same task. The build gives this file its own
 * copy of what the frame needs, so no later chunk imports this entry (a cache-busted second copy of it
 * would otherwise run twice).
 */
import type {AgentAssistFrame, AgentAssistFrameOptions} from '../src/bridge/create-frame.js';
import {paintFirstFrame, paintUnavailable} from '../src/components/agent-assist/first-frame.js';

// The default pack sits next to this script, wherever dist/ is served from.
// (@vite-ignore: Vite would otherwise rewrite this URL as a build asset of its own.)
const defaultPackUrl = new URL(/* @vite-ignore */ './kb/manifest.json', import.meta.url).href;

// Asked for first, so that it is on its way while the frames are painted.
const loading = import('./define-elements.js');
// (Not when the element is already defined: a second copy of this script, or a host owning the tag.)
const painted = customElements.get('agent-assist')
  ? []
  : [...document.querySelectorAll('agent-assist')].filter((el) =>
      paintFirstFrame(el, {packToLoad: true, languages: navigator.languages, online: navigator.onLine})
    );

const widget = await loading.catch((err: unknown) => {
  for (const el of painted) paintUnavailable(el, {languages: navigator.languages});
  throw err;
});
widget.AgentAssist.defaultPackUrl = defaultPackUrl;
widget.defineElements();

if (import.meta.hot) {
  // Live preview in `npm start`: the dev server rebuilt the pack after a content file was saved. The
  // content is valid again, so the error overlay of an earlier save goes (Vite only closes it on a code
  // update, which a content fix is not).
  import.meta.hot.on('aa:content-update', () => {
    for (const overlay of document.querySelectorAll<HTMLElement & {close?: () => void}>(
      'vite-error-overlay'
    )) {
      if (overlay.close) overlay.close();
      else overlay.remove();
    }
    for (const el of document.querySelectorAll('agent-assist')) {
      if (el instanceof widget.AgentAssist) void el.refreshContent();
    }
  });
}

/**
 * Iframe mode: puts the widget (`frame.html`, next to this script unless `options.frameUrl` says otherwise)
 * in an `<iframe>` appended to `container`, on the widget's own origin, and resolves an object with the
 * element's methods and events once the frame has accepted this page's handshake.
 *
 * @example
 * const assist = await createAgentAssistFrame(document.querySelector('#assist')!, {agentId: 'a-1024', queue: 'billing'});
 * assist.addEventListener('aa-call-end', (e) => console.log(e.detail.score));
 * await assist.startCall({scriptId: 'billing-inbound'});
 */
export async function createAgentAssistFrame(
  container: Element,
  options: AgentAssistFrameOptions = {}
): Promise<AgentAssistFrame> {
  // Loaded on first use: a page embedding the element itself never needs the frame helper.
  const {createFrame} = await import('../src/bridge/create-frame.js');
  return createFrame(
    container,
    options.frameUrl ?? new URL(/* @vite-ignore */ './frame.html', import.meta.url),
    options
  );
}

/** The `<agent-assist>` element's class (defined once this module has loaded). */
export const AgentAssist = widget.AgentAssist;
/** An `<agent-assist>` element. */
export type AgentAssist = InstanceType<typeof AgentAssist>;
export type {AaEventListener, AgentAssistFrame, AgentAssistFrameOptions} from '../src/bridge/create-frame.js';
export type {FrameAttribute} from '../src/bridge/frame-attributes.js';
export type {AgentAssistSettings} from '../src/config/parse-attributes.js';
// The public API as types (what `npm run build` bundles into dist/agent-assist.d.ts for integrators).
export type {
  AaErrorCode,
  AaEvent,
  AaEventDetailMap,
  AaEventName,
  AdherenceItem,
  AdherenceReport,
  AgentAssistApi,
  CallSnapshot,
  CheckItemOptions,
  CompleteStepOptions,
  CurrentStep,
  EndCallOptions,
  ExportLogOptions,
  ItemSnapshot,
  ItemStatus,
  ScriptSummary,
  SearchFilters,
  SearchOptions,
  SearchResult,
  StartCallOptions,
  StartCallResult,
  StepChoice,
  SyncAuth,
  VerifyLogOptions,
  VerifyResult,
} from '../src/session/api-types.js';
