/**
 * `<aa-checklist-view>`: the running call's checklist items, grouped by category. Deadline items count
 * down ("due in 12 s") and turn overdue; critical items are marked; items not needed on this call are
 * folded under one line; a skip (only of items the checklist lets agents skip) asks for a reason, none
 * chosen until the agent picks one (the checklist's reasons, else common ones or free text). Ticks are
 * native checkboxes (Space ticks from the keyboard). The view never shows a tick before the shell
 * re-renders it from the log: a click only asks the shell to write it.
 */
import {html, LitElement, nothing} from 'lit';
import type {PropertyValues} from 'lit';
import {live} from 'lit/directives/live.js';
import type {LiveItem} from '../../calls/call-state.js';
import {uiFormats} from '../../i18n/format.js';
import {emit} from '../emit.js';
import {WidgetContextConsumer} from '../../controllers/widget-context.js';
import {componentStyles} from '../../styles/component.styles.js';
import {isSkippable} from '../../calls/skip-rules.js';
import {focusSkipForm, renderSkipForm} from '../skip-form/skip-form.js';
import {skipFormStyles} from '../skip-form/skip-form.styles.js';
import {checklistViewStyles} from './checklist-view.styles.js';

const CATEGORY_ORDER = ['procedure', 'etiquette', 'knowledge'];

/** What the agent asked for, for the shell to log. */
export type ItemAction =
  {itemId: string; action: 'check' | 'uncheck'} | {itemId: string; action: 'skip'; reason: string};

/**
 * @summary The compliance checklist of the running call.
 * @fires aa-internal-item - The agent ticked, unticked or skipped an item: an {@link ItemAction}.
 * @fires aa-internal-announce - An item just turned overdue: `{text, urgent: true}` for the shell's live region.
 */
export class AaChecklistView extends LitElement {
  static override styles = [componentStyles, skipFormStyles, checklistViewStyles];

  static override properties = {
    items: {attribute: false},
    active: {type: Boolean},
    readOnly: {type: Boolean},
    startedMono: {type: Number},
    pending: {attribute: false},
    stepTitles: {attribute: false},
    error: {},
    contentLang: {attribute: false},
    _now: {state: true},
    _skipping: {state: true},
  };

  declare items: LiveItem[];
  /** Strings, language, pack and date from the root (Lit context). */
  private readonly _widget = new WidgetContextConsumer(this);
  /** Whether a call is running. */
  declare active: boolean;
  declare readOnly: boolean;
  /** The call's monotonic start (`performance.timeOrigin + performance.now()` at call start). */
  declare startedMono: number;
  /** Items whose write is in flight. */
  declare pending: ReadonlySet<string>;
  /** Step id → title, for "due before step" deadlines. */
  declare stepTitles: ReadonlyMap<string, string>;
  declare error: string | null;
  /** The language of the items' text (the call's script's), so a screen reader reads it in that voice. */
  declare contentLang: string | null;
  /** Seconds since the call started, updated by a timer while deadlines are open. */
  declare private _now: number;
  /** The item whose skip reason is being asked for. */
  declare private _skipping: string | null;

  private _timer: ReturnType<typeof setInterval> | null = null;
  private _overdue = new Set<string>();

  constructor() {
    super();
    this.items = [];
    this.active = false;
    this.readOnly = false;
    this.startedMono = 0;
    this.pending = new Set();
    this.stepTitles = new Map();
    this.error = null;
    this.contentLang = null;
    this._now = 0;
    this._skipping = null;
  }

  private _tick(): void {
    this._now = (performance.timeOrigin + performance.now() - this.startedMono) / 1000;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._stopTimer();
  }

  private _stopTimer(): void {
    if (this._timer !== null) clearInterval(this._timer);
    this._timer = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('startedMono') || changed.has('items')) this._tick();
    // Only a call with open deadlines needs a clock; a finished checklist does not re-render every second.
    const counting =
      this.active && this.items.some((i) => i.evaluation.status === 'open' && i.item.deadline !== null);
    if (counting && this._timer === null) this._timer = setInterval(() => this._tick(), 1000);
    if (!counting) this._stopTimer();
    if (changed.has('startedMono')) this._overdue = new Set();
    // Announce an item the moment it turns overdue (once), not the countdown every second.
    for (const entry of this.items) {
      const due = this._dueIn(entry);
      if (
        entry.evaluation.status === 'open' &&
        due !== null &&
        due < 0 &&
        !this._overdue.has(entry.item.id)
      ) {
        this._overdue.add(entry.item.id);
        // Said by the shell's live region, which is heard whichever tab is shown (this one may be hidden).
        const text = this._widget.strings?.nowOverdue(entry.item.text);
        if (text) emit(this, 'aa-internal-announce', {text, urgent: true});
      }
    }
  }

  /** Seconds until an open item is due (negative once overdue), or null without a known deadline. */
  private _dueIn(entry: LiveItem): number | null {
    const d = entry.evaluation.deadline;
    return d === undefined ? null : d - this._now;
  }

  private _emit(detail: ItemAction): void {
    emit(this, 'aa-internal-item', detail);
  }

  private _onToggle(e: Event, entry: LiveItem): void {
    // The checkbox shows the logged state only: the shell re-renders it once the write has committed.
    e.preventDefault();
    if (this.readOnly || this.pending.has(entry.item.id)) return;
    const done = entry.mark?.status === 'done';
    this._emit({itemId: entry.item.id, action: done ? 'uncheck' : 'check'});
  }

  private async _startSkip(id: string): Promise<void> {
    this._skipping = id;
    await this.updateComplete;
    focusSkipForm(this.renderRoot.querySelector(`[data-item="${CSS.escape(id)}"]`) ?? this.renderRoot);
  }

  private _cancelSkip(id: string): void {
    this._skipping = null;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`[data-skip="${CSS.escape(id)}"]`)?.focus()
    );
  }

  override render() {
    const s = this._widget.strings;
    if (!s) return null;
    if (!this.active) return html`<p class="empty">${s.checklistNoCall}</p>`;
    if (this.items.length === 0) return html`<p class="empty">${s.checklistEmpty}</p>`;
    const groups = new Map<string, LiveItem[]>();
    for (const entry of this.items) {
      // Items not needed on this call are folded under one line at the end, not listed among the work.
      if (entry.evaluation.status === 'n/a') continue;
      const list = groups.get(entry.item.category) ?? [];
      list.push(entry);
      groups.set(entry.item.category, list);
    }
    const categories = [...groups.keys()].sort(
      (a, b) => CATEGORY_ORDER.indexOf(a) - CATEGORY_ORDER.indexOf(b)
    );
    const notNeeded = this.items.filter((i) => i.evaluation.status === 'n/a');
    const next = this.items
      .filter((i) => i.evaluation.status === 'open' && (this._dueIn(i) ?? -1) >= 0)
      .sort((a, b) => this._dueIn(a)! - this._dueIn(b)!)[0];
    return html`
      ${this.readOnly ? html`<p class="note" role="status">${s.readOnlyCall}</p>` : null}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : null}
      ${next ? html`<p class="next">${s.nextDue(next.item.text, Math.ceil(this._dueIn(next)!))}</p>` : null}
      ${categories.map(
        (category) => html`
          <section class="group" aria-labelledby="cat-${category}">
            <h3 id="cat-${category}">${s.itemCategories[category] ?? category}</h3>
            <ul>
              ${groups.get(category)!.map((entry) => this._renderItem(entry))}
            </ul>
          </section>
        `
      )}
      ${
        notNeeded.length > 0
          ? html`<details class="not-needed">
              <summary>${s.notApplicableGroup(notNeeded.length)}</summary>
              <ul>
                ${notNeeded.map((entry) => this._renderItem(entry))}
              </ul>
            </details>`
          : null
      }
    `;
  }

  private _renderItem(entry: LiveItem) {
    const s = this._widget.strings!;
    const fmt = uiFormats(this._widget.lang).seconds;
    const {item, evaluation: ev, mark} = entry;
    const pending = this.pending.has(item.id);
    const due = this._dueIn(entry);
    const overdue = ev.status === 'open' && due !== null && due < 0;
    const beforeStep = item.deadline && 'beforeStep' in item.deadline ? item.deadline.beforeStep : null;
    const stepTitle = beforeStep ? (this.stepTitles.get(beforeStep) ?? beforeStep) : '';
    let state: unknown = null;
    if (pending) state = html`<span class="saving" role="status">${s.saving}</span>`;
    else if (ev.status === 'done') state = s.doneAt(fmt(ev.at!));
    else if (ev.status === 'late') state = s.lateAt(fmt(ev.at!), fmt(ev.deadline!));
    else if (ev.status === 'skipped') state = s.skippedBecause(ev.reason ?? '');
    else if (ev.status === 'n/a') state = s.notApplicable;
    else if (due !== null) state = overdue ? s.overdueBy(Math.floor(-due)) : s.dueIn(Math.ceil(due));
    else if (beforeStep) state = s.dueBefore(stepTitle);
    if (overdue && beforeStep) state = s.overdueBefore(stepTitle);
    const done = ev.status === 'done' || ev.status === 'late';
    const id = `item-${item.id}`;
    return html`
      <li class="item ${ev.status} ${overdue ? 'overdue' : ''}" data-item=${item.id}>
        <div class="row">
          <input
            type="checkbox"
            id=${id}
            data-item-box=${item.id}
            .checked=${live(done)}
            ?disabled=${this.readOnly || pending}
            aria-describedby="${id}-state"
            @click=${(e: Event) => this._onToggle(e, entry)}
          />
          <label for=${id} lang=${this.contentLang ?? nothing}>${item.text}</label>
          ${item.critical ? html`<span class="badge critical">${s.critical}</span>` : null}
        </div>
        <div class="meta">
          <span id="${id}-state" class="state"
            >${state}${mark?.source === 'host' && done ? html` · ${s.byHost}` : null}</span
          >
          ${
            ev.status === 'open' && isSkippable(item)
              ? html`<button
                  class="link"
                  data-skip=${item.id}
                  ?disabled=${this.readOnly || pending}
                  aria-label=${s.skipItem(item.text)}
                  @click=${() => this._startSkip(item.id)}
                >
                  ${s.skip}
                </button>`
              : null
          }
        </div>
        ${this._skipping === item.id ? this._renderSkipForm(entry) : null}
      </li>
    `;
  }

  private _renderSkipForm(entry: LiveItem) {
    const s = this._widget.strings!;
    const listed = entry.item.skipReasons ?? [];
    const id = entry.item.id;
    return renderSkipForm({
      strings: s,
      legend: s.skipItemReason,
      // The checklist's own reasons when it names them (then only those), else common ones or free text.
      reasons: listed.length > 0 ? listed : s.skipReasons,
      other: listed.length === 0,
      required: true,
      confirm: s.confirmSkipItem,
      onSkip: (reason) => {
        this._skipping = null;
        this._emit({itemId: id, action: 'skip', reason});
      },
      onCancel: () => this._cancelSkip(id),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'aa-checklist-view': AaChecklistView;
  }
}
