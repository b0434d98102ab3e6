/**
 * Styles of the checklist view: compact rows, overdue and critical items impossible to miss. Items not needed
 * or skipped are set apart by colour, not by fading the row (faded text and badges would be too faint to read).
 */
import {css} from 'lit';

export const checklistViewStyles = css`
  :host {
    display: block;
  }
  .empty,
  .note {
    color: var(--aa-color-muted);
  }
  .next {
    font-weight: 600;
    margin: 0 0 8px;
  }
  h3 {
    font-size: 12px;
    text-transform: uppercase;
    letter-spacing: 0.05em;
    color: var(--aa-color-muted);
    margin: 12px 0 4px;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .item {
    padding: 6px 8px;
    border-radius: var(--aa-radius);
    border-inline-start: 4px solid transparent;
    margin: 0 0 4px;
  }
  .item.overdue {
    border-inline-start-color: var(--aa-color-danger);
    background: color-mix(in srgb, var(--aa-color-danger) 10%, transparent);
  }
  .item.done .state,
  .item.late .state {
    color: var(--aa-color-muted);
  }
  .item.late .state,
  .item.overdue .state {
    color: var(--aa-color-danger);
    font-weight: 600;
  }
  .item.n\\/a,
  .item.skipped {
    color: var(--aa-color-muted);
  }
  .row {
    display: flex;
    gap: 8px;
    align-items: flex-start;
  }
  .row input {
    margin: 3px 0 0;
    width: 16px;
    height: 16px;
    flex: none;
  }
  .row label {
    flex: 1;
  }
  .badge.critical {
    flex: none;
    font-size: 11px;
    font-weight: 700;
    text-transform: uppercase;
    color: var(--aa-color-danger);
    border: 1px solid currentColor;
    border-radius: 3px;
    padding: 0 4px;
  }
  .meta {
    display: flex;
    justify-content: space-between;
    gap: 8px;
    font-size: 12px;
    padding-inline-start: 24px;
  }
  .link {
    background: none;
    border: none;
    padding: 0;
    color: var(--aa-color-accent);
    text-decoration: underline;
    cursor: pointer;
    font: inherit;
  }
  .skip-form {
    margin: 6px 0 0 24px;
  }
  fieldset {
    border: 1px solid var(--aa-color-border);
    border-radius: var(--aa-radius);
    padding: 6px 8px;
    margin: 0 0 6px;
  }
  .actions {
    display: flex;
    gap: 6px;
  }
  .actions button {
    padding: 4px 10px;
    border: 1px solid var(--aa-color-border);
    border-radius: var(--aa-radius);
    background: var(--aa-color-surface);
    cursor: pointer;
  }
  .actions .primary {
    background: var(--aa-color-accent);
    border-color: var(--aa-color-accent);
    color: var(--aa-color-accent-text);
    font-weight: 600;
  }
  .error {
    color: var(--aa-color-danger);
    margin: 0 0 8px;
  }
  .not-needed {
    margin: 8px 0 0;
    color: var(--aa-color-muted);
  }
  .not-needed summary {
    cursor: pointer;
  }
  .not-needed ul {
    list-style: none;
    padding: 0;
    margin: 4px 0 0;
  }
`;
