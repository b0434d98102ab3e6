/**
 * The four sections' contents: knowledge (search and articles), the call script, the checklist and the
 * QA view, fed from the core's state. What the agent does in them is forwarded to `handlers`.
 */
import type {ArticleFeedbackRequest} from '../article-view/article-view.js';
import {html} from 'lit';
import type {Section} from '../../config/parse-attributes.js';
import type {LiveItem} from '../../calls/call-state.js';
import type {PackScript} from '../../content/pack-types.js';
import type {UiStrings} from '../../i18n/strings.js';
import type {QaFilter} from '../../qa/qa-types.js';
import type {AdherenceItem} from '../../model/report.js';
import type {ScriptMove} from '../../scripting/types.js';
import type {AgentAssistCore, ArticleSource} from '../../session/agent-assist-core.js';
import type {CallError} from '../../session/call-session.js';
import type {AaChecklistView, ItemAction} from '../checklist-view/checklist-view.js';
import type {AaScriptView} from '../script-view/script-view.js';

/** What the root does with what the agent does in a panel. */
export interface PanelHandlers {
  /** A tick, untick or skip in the checklist or the script's step list (`from`: the view used). */
  item(action: ItemAction, from: AaChecklistView | AaScriptView): Promise<void>;
  move(move: ScriptMove): Promise<void>;
  chooseScript(scriptId: string): Promise<void>;
  /** An article linked from the script step. */
  scriptArticle(id: string): Promise<void>;
  backToScript(): Promise<void>;
  /** The agent answered the end-of-call prompt. */
  answerEnd(end: boolean): void;
  articleOpened(id: string, from: ArticleSource): void;
  searched(query: string, resultCount: number): void;
  searchCleared(): void;
  articleFeedback(request: ArticleFeedbackRequest): void;
  qaImport(files: File[]): Promise<void>;
  qaExport(format: 'json' | 'csv', filter: QaFilter): Promise<void>;
  qaClear(): Promise<void>;
  /** With a collector: its calls and numbers for `filter`, and its next page. */
  qaQuery(filter: QaFilter): Promise<void>;
  qaMore(): Promise<void>;
  /** A view has something for the screen reader to say (an item that just turned overdue). */
  announce(text: string, urgent: boolean): void;
}

export interface PanelsInput {
  core: AgentAssistCore;
  strings: UiStrings;
  section: Section;
  /** Offer the way back to the script (an article was opened from it). */
  returnToScript: boolean;
  /** Views whose module could not be loaded: their panels say so. */
  failedViews: ReadonlySet<string>;
  /** The host page's search shortcut as the agent reads it (`Ctrl+/`), or null. */
  hotkeyLabel: string | null;
  /** What would be missed, while the host's endCall() waits for the agent's answer; else null. */
  endPrompt: AdherenceItem[] | null;
  handlers: PanelHandlers;
}

/** Stops an internal event at the root and hands its detail on (read during dispatch: `target` is lost after). */
function on<D>(handle: (detail: D, target: EventTarget) => unknown) {
  return (e: CustomEvent<D>) => {
    e.stopPropagation();
    void handle(e.detail, e.target!);
  };
}

/** The knowledge section while the pack loads, and where there is no pack to load. */
const loadingContent = (s: UiStrings) => html`<p class="unavailable" role="status">${s.loadingContent}</p>`;
const noPack = (s: UiStrings) => html`<p class="unavailable">${s.noPack}</p>`;

function renderKnowledge({core, strings: s, returnToScript, handlers, hotkeyLabel}: PanelsInput) {
  const {pack, loading, error} = core.content;
  const errorNote = error
    ? html`<p class="error" role="alert">
        ${pack ? s.keptPreviousPack : s.packError} <span lang="en">${error.message}</span>
      </p>`
    : null;
  if (!pack) {
    if (loading) return loadingContent(s);
    return errorNote ?? noPack(s);
  }
  return html`
    ${errorNote}
    ${returnToScript ? html`<button class="back" @click=${() => handlers.backToScript()}>← ${s.backToScript}</button>` : null}
    <aa-knowledge-panel
      .client=${core.searchClient}
      .hotkey=${hotkeyLabel}
      @aa-internal-back-to-script=${on<unknown>(() => (core.calls.call ? handlers.backToScript() : undefined))}
      @aa-internal-article-open=${on<{id: string; from: ArticleSource}>((d) => handlers.articleOpened(d.id, d.from))}
      @aa-internal-search=${on<{query: string; resultCount: number}>((d) => handlers.searched(d.query, d.resultCount))}
      @aa-internal-search-clear=${on<unknown>(() => handlers.searchCleared())}
      @aa-internal-article-feedback=${on<ArticleFeedbackRequest>((d) => handlers.articleFeedback(d))}
    ></aa-knowledge-panel>
  `;
}

/** The current step's checklist items (its `Checklist:` line), to tick on the step itself. */
function stepItems(core: AgentAssistCore, items: LiveItem[]): LiveItem[] {
  const state = core.calls.state;
  const stepId = state?.script?.currentStepId;
  const step = state?.call.script?.steps.find((st) => st.id === stepId);
  if (!step || step.checklistItems.length === 0) return [];
  return items.filter((i) => step.checklistItems.includes(i.item.id));
}

const titlesByScript = new WeakMap<PackScript, ReadonlyMap<string, string>>();
const NO_TITLES: ReadonlyMap<string, string> = new Map();

/** Step titles by id, made once per pinned script (not per render: a tick renders the root several times). */
function stepTitles(script: PackScript | null): ReadonlyMap<string, string> {
  if (!script) return NO_TITLES;
  let titles = titlesByScript.get(script);
  if (!titles) titlesByScript.set(script, (titles = new Map(script.steps.map((st) => [st.id, st.title]))));
  return titles;
}

/** Why a step or tick was not saved (or that the log is gone), in the agent's language. */
export function callErrorText(s: UiStrings, error: CallError | null): string | null {
  if (!error) return null;
  const why =
    error.code === 'storage-failed'
      ? s.storageFailed(error.detail)
      : ((error.code !== null ? s.storageErrors[error.code] : undefined) ?? error.detail);
  return error.action === 'step' ? s.stepNotSaved(why) : error.action === 'item' ? s.itemNotSaved(why) : why;
}

/** What a panel shows when its view's module could not be loaded. */
const unavailable = (s: UiStrings) => html`<p class="error" role="alert">${s.viewUnavailable}</p>`;

/**
 * The panels of the first render, before the core has loaded (right after it): the pack is loading (or
 * there is none), and no call or QA data is there yet; their views come with the core.
 */
export function renderPanelsBeforeCore(strings: UiStrings, packToLoad: boolean): Record<Section, unknown> {
  return {
    knowledge: packToLoad ? loadingContent(strings) : noPack(strings),
    script: null,
    checklist: null,
    qa: null,
  };
}

export function renderPanels(input: PanelsInput): Record<Section, unknown> {
  const panels = renderViews(input);
  const {failedViews, strings} = input;
  if (failedViews.has('aa-knowledge-panel') && input.core.content.pack)
    panels.knowledge = unavailable(strings);
  if (failedViews.has('aa-script-view')) panels.script = unavailable(strings);
  if (failedViews.has('aa-checklist-view')) panels.checklist = unavailable(strings);
  if (failedViews.has('aa-qa-view') && input.section === 'qa') panels.qa = unavailable(strings);
  return panels;
}

function renderViews(input: PanelsInput): Record<Section, unknown> {
  const {core, handlers, strings} = input;
  const calls = core.calls;
  const call = calls.call;
  // Evaluated once per render: the checklist and the script's step list show the same items.
  const items = calls.liveItems();
  const onItem = on<ItemAction>((d, target) => handlers.item(d, target as AaChecklistView | AaScriptView));
  const qa = core.qa;
  return {
    knowledge: renderKnowledge(input),
    script: html`<aa-script-view
      .active=${call !== null}
      .script=${call?.script ?? null}
      .scripts=${core.content.pack?.scripts ?? []}
      .articles=${core.content.articlesById}
      .state=${calls.state?.script ?? null}
      .context=${calls.context}
      .busy=${calls.busy}
      .error=${callErrorText(strings, calls.error)}
      .stepItems=${stepItems(core, items)}
      .pendingItems=${calls.pendingItems}
      .readOnly=${calls.readOnly}
      .endPrompt=${input.endPrompt}
      .lastReport=${calls.lastReport}
      @aa-internal-item=${onItem}
      @aa-internal-end-choice=${on<{end: boolean}>((d) => handlers.answerEnd(d.end))}
      @aa-internal-move=${on<{move: ScriptMove}>((d) => handlers.move(d.move))}
      @aa-internal-choose-script=${on<{scriptId: string}>((d) => handlers.chooseScript(d.scriptId))}
      @aa-internal-open-article=${on<{id: string}>((d) => handlers.scriptArticle(d.id))}
    ></aa-script-view>`,
    checklist: html`<aa-checklist-view
      .active=${call !== null}
      .items=${items}
      .readOnly=${calls.readOnly}
      .startedMono=${call?.startedMono ?? 0}
      .pending=${calls.pendingItems}
      .stepTitles=${stepTitles(call?.script ?? null)}
      .error=${callErrorText(strings, calls.error)}
      .contentLang=${call?.script?.lang ?? null}
      @aa-internal-item=${onItem}
      @aa-internal-announce=${on<{text: string; urgent: boolean}>((d) => handlers.announce(d.text, d.urgent))}
    ></aa-checklist-view>`,
    qa:
      input.section === 'qa'
        ? html`<aa-qa-view
            .calls=${qa.calls ?? []}
            .remote=${qa.remote}
            .loadTimeline=${qa.loadTimeline}
            .loadHealth=${qa.remote ? qa.loadHealth : null}
            .busy=${qa.busy}
            .message=${qa.message}
            @aa-internal-qa-import=${on<{files: File[]}>((d) => handlers.qaImport(d.files))}
            @aa-internal-qa-export=${on<{format: 'json' | 'csv'; filter: QaFilter}>((d) =>
              handlers.qaExport(d.format, d.filter)
            )}
            @aa-internal-qa-clear=${on<unknown>(() => handlers.qaClear())}
            @aa-internal-qa-query=${on<{filter: QaFilter}>((d) => handlers.qaQuery(d.filter))}
            @aa-internal-qa-more=${on<unknown>(() => handlers.qaMore())}
          ></aa-qa-view>`
        : null,
  };
}
