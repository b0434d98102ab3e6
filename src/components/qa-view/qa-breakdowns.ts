/**
 * Two parts of the QA overview, rendered from an aggregate: the mean score by category (labelled bars)
 * and the items missed most often (with how often each was late or skipped, and how often it applied).
 */
import {html} from 'lit';
import type {UiStrings} from '../../i18n/strings.js';
import type {AdherenceItem} from '../../model/report.js';
import type {QaAggregate} from '../../qa/aggregate-calls.js';
import {displayText} from '../../qa/display-text.js';

const CATEGORIES: AdherenceItem['category'][] = ['etiquette', 'knowledge', 'procedure'];

// The bar's width is set through the CSSOM (a property binding): a strict CSP's style-src allows that, but
// not a `style` attribute, which Lit's styleMap writes on its first render.
export function renderCategories(s: UiStrings, agg: QaAggregate, num: Intl.NumberFormat) {
  const cats = CATEGORIES.filter((c) => agg.byCategory[c] !== undefined);
  if (cats.length === 0) return null;
  return html`<h3 id="cat-head">${s.qaByCategory}</h3>
    <ul class="bars" aria-labelledby="cat-head">
      ${cats.map((c) => {
        const v = agg.byCategory[c]!;
        const pct = Math.max(0, Math.min(100, v));
        return html`<li>
          <span>${s.qaCategories[c] ?? c}</span>
          <span class="track" aria-hidden="true"><span class="fill" .style=${`width: ${pct}%`}></span></span>
          <span class="num">${num.format(v)}</span>
        </li>`;
      })}
    </ul>`;
}

export function renderMissed(s: UiStrings, agg: QaAggregate) {
  return html`<h3 id="missed-head">${s.qaMostMissed}</h3>
    ${
      agg.mostMissed.length === 0
        ? html`<p class="muted">${s.qaNothingMissed}</p>`
        : html`<ol class="missed" aria-labelledby="missed-head">
            ${agg.mostMissed.map(
              (m) =>
                html`<li>
                  ${displayText(m.title)}
                  <span class="counts">${s.qaMissedCounts(m.missed, m.late, m.skipped, m.applicable)}</span>
                </li>`
            )}
          </ol>`
    }`;
}
