/**
 * `<aa-script-view>`: the running call's script. The current step big (the words to say, the agent's
 * guidance set apart), its answers as numbered buttons, the phase and progress, and the path so far;
 * before a call ends with items open, the end-of-call prompt; after it, the call's summary.
 * Driven from the keyboard: Enter, 1–9, B, S, C, ?, Esc, from any control in it but a text field. After
 * every move focus comes back to the script, so the next key works without a Tab. Moves are announced
 * to the shell, which logs them; the view shows a move as done only once the shell has re-rendered it
 * from the log.
 */
import {html, LitElement, nothing} from 'lit';
import type {PropertyValues} from 'lit';
import {live} from 'lit/directives/live.js';
import type {LiveItem} from '../../calls/call-state.js';
import type {PackScript} from '../../content/pack-types.js';
import type {UiStrings} from '../../i18n/strings.js';
import type {AdherenceItem, AdherenceReport} from '../../model/report.js';
import {fillVariables} from '../../scripting/fill-variables.js';
import {pathProgress} from '../../scripting/path-progress.js';
import type {ScriptMove, ScriptState} from '../../scripting/types.js';
import {emit} from '../emit.js';
import {WidgetContextConsumer} from '../../controllers/widget-context.js';
import {componentStyles} from '../../styles/component.styles.js';
import {focusSkipForm, renderSkipForm} from '../skip-form/skip-form.js';
import {skipFormStyles} from '../skip-form/skip-form.styles.js';
import {isTextField} from '../text-field.js';
import {renderCallSummary, renderEndPrompt} from './call-summary.js';
import {scriptViewStyles} from './script-view.styles.js';

/**
 * @summary The call script an agent follows.
 * @fires aa-internal-move - The agent made a move: `{move}`.
 * @fires aa-internal-choose-script - The agent picked a script for the call: `{scriptId}`.
 * @fires aa-internal-open-article - The agent opened an article linked from a step: `{id}`.
 * @fires aa-internal-end-choice - The agent answered the end-of-call prompt: `{end}` (false: go back).
 */
export class AaScriptView extends LitElement {
  static override styles = [componentStyles, skipFormStyles, scriptViewStyles];

  static override properties = {
    script: {attribute: false},
    scripts: {attribute: false},
    articles: {attribute: false},
    state: {attribute: false},
    context: {attribute: false},
    active: {type: Boolean},
    busy: {type: Boolean},
    error: {},
    stepItems: {attribute: false},
    pendingItems: {attribute: false},
    readOnly: {type: Boolean},
    endPrompt: {attribute: false},
    lastReport: {attribute: false},
    _skipping: {state: true},
    _help: {state: true},
    _choosing: {state: true},
  };

  declare script: PackScript | null;
  /** The pack's scripts, for the chooser. */
  declare scripts: PackScript[];
  /** The pack's articles by id, for the titles of the step's article links. */
  declare articles: ReadonlyMap<string, {title: string}>;
  declare state: ScriptState | null;
  declare context: Record<string, unknown>;
  /** Strings, language, pack and date from the root (Lit context). */
  private readonly _widget = new WidgetContextConsumer(this);
  /** Whether a call is running. */
  declare active: boolean;
  declare busy: boolean;
  declare error: string | null;
  /** The checklist items of the current step, to tick while on it. */
  declare stepItems: LiveItem[];
  declare pendingItems: ReadonlySet<string>;
  /** Another tab writes this call: nothing can be ticked here. */
  declare readOnly: boolean;
  /** The items the call would miss if it ended now, while the host's end waits for the agent; else null. */
  declare endPrompt: AdherenceItem[] | null;
  /** The report of the call that just ended, shown until the next call starts. */
  declare lastReport: AdherenceReport | null;
  declare private _skipping: boolean;
  declare private _help: boolean;
  /** The agent asked to switch to another script mid-call. */
  declare private _choosing: boolean;

  constructor() {
    super();
    this.script = null;
    this.scripts = [];
    this.articles = new Map();
    this.state = null;
    this.context = {};
    this.active = false;
    this.busy = false;
    this.error = null;
    this.stepItems = [];
    this.pendingItems = new Set();
    this.readOnly = false;
    this.endPrompt = null;
    this.lastReport = null;
    this._skipping = false;
    this._help = false;
    this._choosing = false;
  }

  /** A move or a script choice of the agent's is on its way: focus returns to the script once it shows. */
  private _refocus = false;

  /** Moves keyboard focus to the script, so its keys work at once (after the call starts). */
  focusScript(): void {
    this.renderRoot.querySelector<HTMLElement>('.script, .summary-title, .chooser button')?.focus();
  }

  protected override updated(changed: PropertyValues<this>): void {
    // The button that made the move was disabled while the move was saved, which sent focus to <body>:
    // bring it back to the script once the new step shows (or the save failed), so the next key works.
    if (
      this._refocus &&
      !this.busy &&
      (changed.has('state') || changed.has('busy') || changed.has('script'))
    ) {
      this._refocus = false;
      this.focusScript();
    }
    if (changed.has('endPrompt') && this.endPrompt) {
      this.renderRoot.querySelector<HTMLElement>('.end-prompt .go-back')?.focus();
    }
  }

  private _move(move: ScriptMove): void {
    if (this.busy) return;
    this._refocus = true;
    emit(this, 'aa-internal-move', {move});
  }

  private _current() {
    const id = this.state?.currentStepId;
    return id ? (this.script?.steps.find((s) => s.id === id) ?? null) : null;
  }

  private _complete(branch?: string): void {
    const step = this._current();
    if (!step) return;
    if (step.branches.length > 0 && branch === undefined) return;
    this._move(
      branch === undefined ? {type: 'complete', stepId: step.id} : {type: 'complete', stepId: step.id, branch}
    );
  }

  private _onKeydown(e: KeyboardEvent): void {
    const target = e.composedPath()[0] as HTMLElement;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (isTextField(target)) {
      // Esc leaves a text field for the script, where the keys work again.
      if (e.key === 'Escape') {
        e.preventDefault();
        this.focusScript();
      }
      return;
    }
    const step = this._current();
    if (e.key === '?') {
      this._help = !this._help;
    } else if (e.key === 'Escape') {
      if (!this._help) return;
      this._help = false;
    } else if (e.key === 'Enter' && target.tagName !== 'BUTTON' && target.tagName !== 'A') {
      if (step && step.branches.length === 0) this._complete();
    } else if (/^[1-9]$/.test(e.key) && step) {
      const b = step.branches[Number(e.key) - 1];
      if (b) this._complete(b.target);
    } else if (e.key === 'b' || e.key === 'B') {
      if ((this.state?.path.length ?? 0) > 0) this._move({type: 'back'});
    } else if (e.key === 'c' || e.key === 'C') {
      const next = this.stepItems.find((i) => i.evaluation.status === 'open');
      if (next) this._tick(next);
    } else if ((e.key === 's' || e.key === 'S') && step) {
      this._startSkip();
    } else {
      return;
    }
    e.preventDefault();
  }

  private _startSkip(): void {
    this._skipping = true;
    void this.updateComplete.then(() => focusSkipForm(this.renderRoot));
  }

  private _closeSkip(): void {
    this._skipping = false;
    void this.updateComplete.then(() => this.focusScript());
  }

  /** Asks the shell to tick or untick an item; the box shows the logged state only. */
  private _tick(entry: LiveItem, e?: Event): void {
    e?.preventDefault();
    if (this.readOnly || this.pendingItems.has(entry.item.id)) return;
    const done = entry.mark?.status === 'done';
    emit(this, 'aa-internal-item', {itemId: entry.item.id, action: done ? 'uncheck' : 'check'});
  }

  private _renderStepItems(s: UiStrings) {
    if (this.stepItems.length === 0) return null;
    return html`<fieldset class="step-items">
      <legend class="label">${s.stepChecklist}</legend>
      ${this.stepItems.map(
        (entry) =>
          html`<label class="step-item ${entry.evaluation.status}">
            <input
              type="checkbox"
              data-item-box=${entry.item.id}
              .checked=${live(entry.evaluation.status === 'done' || entry.evaluation.status === 'late')}
              ?disabled=${this.readOnly || this.pendingItems.has(entry.item.id)}
              @click=${(e: Event) => this._tick(entry, e)}
            />
            <span lang=${this.script?.lang ?? nothing}>${entry.item.text}</span>
            ${entry.item.critical ? html`<span class="critical">${s.critical}</span>` : null}
          </label>`
      )}
    </fieldset>`;
  }

  private _submitSkip(reason: string): void {
    const step = this._current();
    if (!step) return;
    const move: ScriptMove = {type: 'skip', stepId: step.id, reason};
    // Skipping a step with answers still needs one: the first answer is the neutral path forward.
    if (step.branches.length > 0) move.branch = step.branches[0]!.target;
    this._skipping = false;
    this._move(move);
  }

  /** The reasons a step's skip offers: those its checklist items allow (they inherit it), else the common ones. */
  private _skipReasons(s: UiStrings): readonly string[] {
    const listed = [...new Set(this.stepItems.flatMap((i) => i.item.skipReasons ?? []))];
    return listed.length > 0 ? listed.slice(0, 8) : s.skipReasons;
  }

  private _text(text: string) {
    return fillVariables(text, this.context).map((p) =>
      p.variable === undefined
        ? p.text
        : html`<span class="var ${p.missing ? 'missing' : ''}" title=${p.variable}>${p.text}</span>`
    );
  }

  override render() {
    const s = this._widget.strings;
    if (!s) return html``;
    if (this.endPrompt) {
      return renderEndPrompt(s, this.endPrompt, (end) => emit(this, 'aa-internal-end-choice', {end}));
    }
    if (!this.active) {
      return this.lastReport ? renderCallSummary(s, this.lastReport) : html`<p class="muted">${s.noCall}</p>`;
    }
    if (!this.script || !this.state || this._choosing) return this._renderChooser(s);
    const script = this.script;
    const state = this.state;
    const step = this._current();
    const progress = pathProgress(script, state);
    return html`
      <div class="script" tabindex="0" role="region" aria-label=${script.title} @keydown=${this._onKeydown}>
        <div class="top">
          <span class="phase">${step ? s.phases[step.phase] : s.phases.closing}</span>
          <span>
            <span lang=${script.lang}>${script.title}</span> · ${s.stepOf(progress.step, progress.total)}
            <button class="link" @click=${this._startChoosing}>${s.switchScript}</button>
          </span>
        </div>
        <progress max=${progress.total} value=${progress.done} aria-label=${s.path}></progress>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : null}
        ${this._help ? this._renderHelp(s) : null}
        ${step ? this._renderStep(s, step) : html`<p>${s.scriptEnded}</p>`}
        <p class="label">${s.path}</p>
        <ol class="path">
          ${script.steps.map((st) => {
            const status = state.steps[st.id] ?? 'pending';
            return html`<li aria-current=${status === 'current' ? 'step' : 'false'}>
              <button
                class="link jump"
                title=${s.jumpTo(st.title)}
                ?disabled=${this.busy || status === 'current'}
                @click=${() => this._move({type: 'jump', stepId: st.id})}
              >
                <span lang=${script.lang}>${st.title}</span>
              </button>
              <span class="st-${status}">${s.stepStatus[status]}</span>
            </li>`;
          })}
        </ol>
      </div>
    `;
  }

  private _startChoosing(): void {
    this._choosing = true;
    void this.updateComplete.then(() => this.focusScript());
  }

  private _stopChoosing(): void {
    this._choosing = false;
    void this.updateComplete.then(() => this.focusScript());
  }

  private _renderStep(s: UiStrings, step: NonNullable<ReturnType<AaScriptView['_current']>>) {
    // The script's words carry its language (a screen reader's voice follows it), the UI's labels the agent's.
    const lang = this.script!.lang;
    return html`
      <h3 class="title">
        <span lang=${lang}>${step.title}</span>
        ${step.required ? null : html`<span class="muted">(${s.optional})</span>`}
        ${this.busy ? html`<span class="muted" role="status">${s.saving}</span>` : null}
      </h3>
      ${
        step.say.length > 0
          ? html`<div class="say" aria-label=${s.say}>
              ${step.say.map((p) => html`<p lang=${lang}>${this._text(p)}</p>`)}
            </div>`
          : null
      }
      ${
        step.guidance.length > 0
          ? html`<div class="guidance" aria-label=${s.guidance}>
              ${step.guidance.map((g) => html`<p lang=${lang}>${this._text(g)}</p>`)}
            </div>`
          : null
      }
      ${this._renderStepItems(s)}
      ${
        step.branches.length > 0
          ? html`<p class="label">${s.customerSays}</p>
              <div class="branches">
                ${step.branches.map(
                  (b, i) =>
                    html`<button
                      class="branch"
                      ?disabled=${this.busy}
                      @click=${() => this._complete(b.target)}
                    >
                      <kbd>${i + 1}</kbd><span lang=${lang}>${b.label}</span>
                    </button>`
                )}
              </div>`
          : null
      }
      ${
        this._skipping
          ? renderSkipForm({
              strings: s,
              legend: s.skipReason,
              reasons: this._skipReasons(s),
              other: true,
              required: step.required,
              confirm: s.confirmSkip,
              onSkip: (reason) => this._submitSkip(reason),
              onCancel: () => this._closeSkip(),
            })
          : html`<div class="actions">
              ${
                step.branches.length === 0
                  ? html`<button class="primary" ?disabled=${this.busy} @click=${() => this._complete()}>
                      <kbd>Enter</kbd>${s.done}
                    </button>`
                  : null
              }
              <button
                ?disabled=${this.busy || (this.state?.path.length ?? 0) === 0}
                @click=${() => this._move({type: 'back'})}
              >
                <kbd>B</kbd>${s.stepBack}
              </button>
              <button ?disabled=${this.busy} @click=${this._startSkip}><kbd>S</kbd>${s.skip}</button>
              <button
                aria-expanded=${this._help ? 'true' : 'false'}
                aria-controls="key-help"
                @click=${() => (this._help = !this._help)}
              >
                <kbd>?</kbd>${s.keyboardHelp}
              </button>
            </div>`
      }
      ${
        step.articles.length > 0
          ? html`<p class="label">${s.relatedArticles}</p>
              <p>
                ${step.articles.map(
                  (id) =>
                    html`<button class="link" @click=${() => emit(this, 'aa-internal-open-article', {id})}>
                      ${this.articles.get(id)?.title ?? id}
                    </button>`
                )}
              </p>`
          : null
      }
    `;
  }

  private _renderHelp(s: UiStrings) {
    // A panel beside the step, not a dialog: it takes no focus, and every key goes on working while it shows.
    return html`<div class="help" id="key-help" role="region" aria-label=${s.keyboardHelp}>
      <dl>
        ${s.keys.map(
          ([k, d]) =>
            html`<dt><kbd>${k}</kbd></dt>
              <dd>${d}</dd>`
        )}
      </dl>
    </div>`;
  }

  private _renderChooser(s: UiStrings) {
    const ordered = [...this.scripts].sort(
      (a, b) => Number(b.lang === this._widget.lang) - Number(a.lang === this._widget.lang)
    );
    return html`<p class="label">${s.chooseScript}</p>
      <div
        class="branches chooser"
        @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'Escape' && this._choosing) this._stopChoosing();
        }}
      >
        ${ordered.map(
          (sc) =>
            html`<button
              lang=${sc.lang}
              @click=${() => {
                // Focus goes back to the script once the chosen one shows.
                this._choosing = false;
                this._refocus = true;
                emit(this, 'aa-internal-choose-script', {scriptId: sc.id});
              }}
            >
              ${sc.title}
            </button>`
        )}
        ${this._choosing ? html`<button class="link" @click=${this._stopChoosing}>${s.cancel}</button>` : null}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'aa-script-view': AaScriptView;
  }
}
