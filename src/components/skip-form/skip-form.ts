/**
 * The skip form both the script (a step) and the checklist (an item) use: numbered reasons with none
 * chosen until the agent picks one (a reason the agent never chose must not reach the log), and, where
 * the checklist allows any reason, a free-text "other". Keys: 1–9 pick a reason, Enter confirms, Esc
 * cancels. A render function, not an element: its state is the native form's.
 */
import {html} from 'lit';
import type {UiStrings} from '../../i18n/strings.js';

/** What a skip form asks and does. */
export interface SkipFormOptions {
  strings: UiStrings;
  /** The question (the fieldset's legend). */
  legend: string;
  /** The reasons to choose from, numbered 1–9 in this order. */
  reasons: readonly string[];
  /** Whether a free-text reason may be typed instead. */
  other: boolean;
  /** Whether a reason is needed (an optional step may be skipped without one). */
  required: boolean;
  confirm: string;
  onSkip(reason: string): void;
  onCancel(): void;
}

const OTHER = '__other';

/** The reason the form holds now ('' for none). */
function chosenReason(form: HTMLFormElement): string {
  const data = new FormData(form);
  const picked = String(data.get('reason') ?? '');
  return (picked === OTHER ? String(data.get('other') ?? '') : picked).trim();
}

function submit(e: Event, o: SkipFormOptions): void {
  e.preventDefault();
  const form = e.currentTarget as HTMLFormElement;
  const reason = chosenReason(form);
  if (reason === '' && o.required) {
    form.querySelector('.skip-hint')?.setAttribute('data-show', '');
    form.querySelector<HTMLInputElement>('input')?.focus();
    return;
  }
  o.onSkip(reason);
}

function onKeydown(e: KeyboardEvent, o: SkipFormOptions): void {
  const form = e.currentTarget as HTMLFormElement;
  const target = e.composedPath()[0] as HTMLInputElement;
  const typing = target.tagName === 'INPUT' && target.type === 'text';
  if (e.key === 'Escape') {
    o.onCancel();
  } else if (e.key === 'Enter' && target.tagName === 'INPUT') {
    // Enter on a reason confirms, as it does in the text field.
    form.requestSubmit();
  } else if (!typing && /^[1-9]$/.test(e.key) && !e.ctrlKey && !e.metaKey && !e.altKey) {
    const radio = form.querySelectorAll<HTMLInputElement>('input[type=radio]')[Number(e.key) - 1];
    if (!radio) return;
    radio.checked = true;
    radio.focus();
    if (radio.value === OTHER) form.querySelector<HTMLInputElement>('input[name=other]')?.focus();
  } else {
    // Every other key stays the form's own: the script's shortcuts (B, S, C…) must not fire from here.
    e.stopPropagation();
    return;
  }
  e.preventDefault();
  e.stopPropagation();
}

/** Moves focus into a skip form just rendered inside `root` (its first reason). */
export function focusSkipForm(root: ParentNode): void {
  root.querySelector<HTMLInputElement>('.skip-form input')?.focus();
}

/** The skip form. */
export function renderSkipForm(o: SkipFormOptions) {
  const s = o.strings;
  const n = o.reasons.length;
  return html`
    <form
      class="skip-form"
      @submit=${(e: Event) => submit(e, o)}
      @keydown=${(e: KeyboardEvent) => onKeydown(e, o)}
    >
      <fieldset>
        <legend>${o.legend}</legend>
        ${o.reasons.map(
          (r, i) =>
            html`<label class="reason"
              ><input type="radio" name="reason" value=${r} /><kbd>${i + 1}</kbd> ${r}</label
            >`
        )}
        ${
          o.other
            ? html`<label class="reason"
                  ><input
                    type="radio"
                    name="reason"
                    value=${OTHER}
                  />${n < 9 ? html`<kbd>${n + 1}</kbd> ` : null}${s.otherReason}</label
                >
                <input
                  type="text"
                  name="other"
                  aria-label=${s.otherReason}
                  placeholder=${s.reasonPlaceholder}
                  maxlength="200"
                  @input=${(e: Event) => {
                    const form = (e.target as HTMLElement).closest('form')!;
                    form.querySelector<HTMLInputElement>(`input[value="${OTHER}"]`)!.checked = true;
                  }}
                />`
            : null
        }
        <p class="skip-hint" role="alert">${s.skipItemReasonRequired}</p>
      </fieldset>
      <div class="actions">
        <button type="submit" class="primary"><kbd>Enter</kbd>${o.confirm}</button>
        <button type="button" @click=${() => o.onCancel()}><kbd>Esc</kbd>${s.cancel}</button>
      </div>
    </form>
  `;
}
