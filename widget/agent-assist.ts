/**
 * The embeddable entry, built to `dist/agent-assist.js`: loading it defines `<agent-assist>`.
 * This is the only module of the widget bundle with side effects.
 */
import type {AgentAssistFrame, AgentAssistFrameOptions} from '../src/bridge/create-frame.js';
import {AgentAssist} from '../src/components/agent-assist/agent-assist.js';
import {defineElements} from './define-elements.js';

// The default pack sits next to this script, wherever dist/ is served from.
// (@vite-ignore: Vite would otherwise rewrite this URL as a build asset of its own.)
AgentAssist.defaultPackUrl = new URL(/* @vite-ignore */ './kb/manifest.json', import.meta.url).href;
defineElements();

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
      if (el instanceof AgentAssist) void el.refreshContent();
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

export {AgentAssist} from '../src/components/agent-assist/agent-assist.js';
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
