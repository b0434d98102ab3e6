/**
 * The QA view's detail of one call: its score and hash-chain check, each report item against its deadline,
 * and the call's logged events in order. Template functions only: the view owns the state and passes it in.
 */
import {html} from 'lit';
import type {TemplateResult} from 'lit';
import type {UiStrings} from '../../i18n/strings.js';
import type {QaTimelineEvent} from '../../qa/qa-types.js';
import {displayText} from '../../qa/display-text.js';
import {describeData, formatTime, sourceLabel} from './qa-format.js';
import type {Formats} from './qa-format.js';
import type {AdherenceItem} from '../../model/report.js';
import type {QaCall} from '../../model/call-log.js';

/** The call whose detail is open, and how far loading its logged events has got. */
export interface CallTimeline {
  call: QaCall;
  state: 'loading' | 'ready' | 'error' | 'unavailable';
  events: QaTimelineEvent[];
}

/** The call's hash-chain check: intact, or where it breaks (shared with the calls table). */
export function chainText(s: UiStrings, call: QaCall): TemplateResult {
  if (call.chain.ok) return html`<span class="ok"><span aria-hidden="true">✓ </span>${s.qaChainOk}</span>`;
  if (call.chain.incomplete) return html`<span class="muted">${s.qaChainIncomplete}</span>`;
  return html`<span class="broken">${s.qaChainBroken(call.chain.brokenAt ?? '?')}</span>`;
}

/** When an item was done, against its deadline if it has one: `42.5 s / due 30 s`. */
function timing(s: UiStrings, fmt: Formats, item: AdherenceItem): string {
  const {num} = fmt;
  const at = item.at === undefined ? '—' : s.qaSeconds(num.format(item.at));
  return item.deadline === undefined ? at : `${at} / ${s.qaDue(num.format(item.deadline))}`;
}

/**
 * The open call: a back button (`onBack`), the heading (the view focuses `.detail-head` on open), the
 * summary line, the report's items and the logged events.
 */
export function renderCallDetail(
  s: UiStrings,
  fmt: Formats,
  t: CallTimeline,
  onBack: () => void
): TemplateResult {
  const r = t.call.report;
  const {num} = fmt;
  return html`<section class="detail" aria-labelledby="detail-head">
    <button class="link" @click=${onBack}>${s.qaBackToCalls}</button>
    <h3 class="detail-head" id="detail-head" tabindex="-1">
      ${displayText(t.call.scriptTitle || r.scriptId || '—')} · ${displayText(r.agentId)} ·
      ${formatTime(fmt, r.startedAt)}
    </h3>
    <p>
      ${s.qaScore}: <strong>${num.format(r.score)}</strong>
      ${r.criticalFailed ? html` · <span class="crit">${s.qaCritical}</span>` : null}
      ${r.review ? html` · <span class="crit">${s.qaForReview}</span>` : null} · ${s.qaChain}:
      ${chainText(s, t.call)}
      ${t.call.outcome ? html` · ${s.qaOutcome}: ${displayText(t.call.outcome)}` : null} · ${s.qaSource}:
      ${sourceLabel(s, t.call)}
    </p>
    <h4>${s.qaItems}</h4>
    ${renderItems(s, fmt, r.items)}
    <h4>${s.qaEvents}</h4>
    ${renderEvents(s, fmt, t)}
  </section>`;
}

function renderItems(s: UiStrings, fmt: Formats, items: AdherenceItem[]): TemplateResult {
  if (items.length === 0) return html`<p class="muted">${s.qaNoItems}</p>`;
  return html`<ul class="items">
    ${items.map(
      (item) =>
        html`<li class=${item.status === 'n/a' ? 'na' : item.status}>
          <div class="line">
            <span>
              ${displayText(item.title ?? item.id)}
              <span class="st-${item.status === 'n/a' ? 'na' : item.status}"
                >(${s.qaStatus[item.status] ?? item.status})</span
              >
            </span>
            <span class="timing">${timing(s, fmt, item)}</span>
          </div>
          <div class="sub">
            ${s.qaKind[item.kind ?? 'item']} · ${s.qaCategories[item.category] ?? item.category}
            ${item.critical ? html` · <span class="crit">${s.qaCriticalItem}</span>` : null}
            ${item.reason ? html` · ${s.qaReason(displayText(item.reason))}` : null}
            ${item.skippedStep ? html` · ${s.qaSkippedWithStep(displayText(item.skippedStep))}` : null}
            ${item.review ? html` · <span class="crit">${s.qaForReview}</span>` : null}
          </div>
        </li>`
    )}
  </ul>`;
}

function renderEvents(s: UiStrings, fmt: Formats, t: CallTimeline): TemplateResult {
  if (t.state === 'loading') return html`<p class="muted">${s.qaLoadingEvents}</p>`;
  if (t.state === 'unavailable') return html`<p class="muted">${s.qaEventsUnavailable}</p>`;
  if (t.state === 'error') return html`<p class="crit" role="alert">${s.qaEventsError}</p>`;
  if (t.events.length === 0) return html`<p class="muted">${s.qaNoEvents}</p>`;
  const {num} = fmt;
  return html`<ol class="events">
    ${t.events.map(
      (e) =>
        html`<li>
          <span class="offset">+${s.qaSeconds(num.format(e.offset))}</span>
          <span
            ><strong>${displayText(e.type)}</strong> <span class="data">${describeData(e.data)}</span></span
          >
        </li>`
    )}
  </ol>`;
}
