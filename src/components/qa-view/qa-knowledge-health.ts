/**
 * The QA view's knowledge-health section (with a collector): the team's report from
 * `GET /v1/knowledge-health`, the same sections and rows as `npm run content:report`, loaded when the
 * section is opened (the report reads every knowledge signal of the period) and again when it is reopened.
 */
import {html} from 'lit';
import {reportSections} from '../../health/format-report.js';
import type {HealthReport} from '../../health/health-report.js';
import type {UiStrings} from '../../i18n/strings.js';

/** Where the section stands. */
export type HealthState =
  | {status: 'closed'}
  | {status: 'loading'}
  | {status: 'ready'; report: HealthReport}
  | {status: 'error'; message: string};

/** Renders the section; `toggle` runs when the agent opens or closes it. */
export function renderKnowledgeHealth(s: UiStrings, state: HealthState, toggle: (open: boolean) => void) {
  return html`<details
    class="knowledge-health"
    @toggle=${(e: Event) => toggle((e.target as HTMLDetailsElement).open)}
  >
    <summary>${s.healthTitle}</summary>
    ${
      state.status === 'loading'
        ? html`<p class="empty" role="status">${s.healthLoading}</p>`
        : state.status === 'error'
          ? html`<p class="empty" role="status">${state.message}</p>`
          : state.status === 'ready'
            ? reportSections(state.report).map(
                (section) =>
                  html`<table class="health-table">
                    <caption>
                      ${section.title} (${section.rows.length})
                    </caption>
                    <thead>
                      <tr>
                        ${section.columns.map((c) => html`<th scope="col">${c}</th>`)}
                      </tr>
                    </thead>
                    <tbody>
                      ${section.rows.map(
                        (row) =>
                          html`<tr>
                            ${row.map((cell) => html`<td>${cell}</td>`)}
                          </tr>`
                      )}
                    </tbody>
                  </table>`
              )
            : null
    }
  </details>`;
}
