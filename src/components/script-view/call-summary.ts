/**
 * What the script panel shows around the end of a call, in plain words: the prompt before a call ends
 * with items still open (end anyway, or go back), and the summary after it (score, per category, what
 * was missed, late or skipped and why), kept until the next call starts.
 */
import {html} from 'lit';
import type {UiStrings} from '../../i18n/strings.js';
import type {AdherenceItem, AdherenceReport} from '../../model/report.js';

const CATEGORY_ORDER = ['procedure', 'etiquette', 'knowledge'] as const;

const titleOf = (i: AdherenceItem) => i.title ?? i.id;
const secs = (n: number) => (Math.round(n * 10) / 10).toFixed(1);

/** Critical items first, then by weight: what matters most is read first. */
function byImportance(a: AdherenceItem, b: AdherenceItem): number {
  return Number(!!b.critical) - Number(!!a.critical) || b.weight - a.weight;
}

function itemLine(s: UiStrings, i: AdherenceItem) {
  return html`${titleOf(i)}${i.kind === 'step' ? html` <span class="muted">(${s.summaryStep})</span>` : null}${
    i.critical ? html` <span class="critical">${s.critical}</span>` : null
  }`;
}

/** The prompt shown when the host ends a call (asking first) with items that would be missed. */
export function renderEndPrompt(
  s: UiStrings,
  open: readonly AdherenceItem[],
  choose: (end: boolean) => void
) {
  const items = [...open].sort(byImportance);
  return html`<div
    class="end-prompt"
    role="alertdialog"
    aria-labelledby="end-prompt-title"
    aria-describedby="end-prompt-text"
    @keydown=${(e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      choose(false);
    }}
  >
    <h3 id="end-prompt-title">${s.endPromptTitle}</h3>
    <p id="end-prompt-text">${s.endPromptText(items.length)}</p>
    <ul class="open-items">
      ${items.map((i) => html`<li>${itemLine(s, i)}</li>`)}
    </ul>
    <div class="actions">
      <button class="go-back primary" @click=${() => choose(false)}><kbd>Esc</kbd>${s.endPromptBack}</button>
      <button class="end-anyway" @click=${() => choose(true)}>${s.endPromptEnd}</button>
    </div>
  </div>`;
}

function section(title: string, items: readonly AdherenceItem[], line: (i: AdherenceItem) => unknown) {
  if (items.length === 0) return null;
  return html`<h4>${title}</h4>
    <ul>
      ${items.map((i) => html`<li>${line(i)}</li>`)}
    </ul>`;
}

/** The summary of the call that just ended. */
export function renderCallSummary(s: UiStrings, report: AdherenceReport) {
  const missed = report.items.filter((i) => i.status === 'missed').sort(byImportance);
  const late = report.items.filter((i) => i.status === 'late');
  const skipped = report.items.filter((i) => i.status === 'skipped');
  const review = report.items.filter((i) => i.review);
  const categories = CATEGORY_ORDER.filter((c) => report.byCategory[c] !== undefined);
  return html`<section class="summary" aria-labelledby="summary-title">
    <h3 class="summary-title" id="summary-title" tabindex="-1">${s.summaryTitle(report.score)}</h3>
    ${report.criticalFailed ? html`<p class="error">${s.summaryCriticalFailed}</p>` : null}
    ${
      categories.length > 0
        ? html`<p class="by-category">
            ${categories.map(
              (c, n) => html`${n > 0 ? ' · ' : ''}${s.itemCategories[c]} ${report.byCategory[c]}`
            )}
          </p>`
        : null
    }
    ${missed.length + late.length + skipped.length === 0 ? html`<p>${s.summaryAllDone}</p>` : null}
    ${section(s.summaryMissed, missed, (i) => itemLine(s, i))}
    ${section(s.summaryLate, late, (i) => html`${itemLine(s, i)}: ${s.summaryLateBy(secs(i.at!), secs(i.deadline!))}`)}
    ${section(
      s.summarySkipped,
      skipped,
      (i) =>
        html`${itemLine(s, i)}: ${i.skippedStep ? s.summarySkippedWithStep(i.reason ?? '') : (i.reason ?? '')}`
    )}
    ${review.length > 0 ? html`<p class="review">${s.summaryReview(review.length)}</p>` : null}
    <p class="muted">${s.summaryUntilNext}</p>
  </section>`;
}
