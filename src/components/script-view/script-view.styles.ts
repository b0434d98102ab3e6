/**
 * Styles of the script view: the current step big and obvious, the rest compact. A step's items not needed
 * or skipped are set apart by colour, not by fading (faded text would be too faint to read).
 */
import {css} from 'lit';

export const scriptViewStyles = css`
  :host {
    display: block;
  }
  .script:focus {
    outline: none;
  }
  .top {
    display: flex;
    flex-wrap: wrap;
    gap: 0 8px;
    justify-content: space-between;
    align-items: baseline;
    color: var(--aa-color-muted);
    font-size: 12px;
    margin: 0 0 6px;
  }
  .phase {
    text-transform: uppercase;
    letter-spacing: 0.05em;
    font-weight: 600;
    color: var(--aa-color-accent);
  }
  progress {
    width: 100%;
    height: 6px;
    margin: 0 0 10px;
  }
  .title {
    font-size: 17px;
    margin: 0 0 8px;
  }
  .say {
    font-size: 18px;
    line-height: 1.5;
    margin: 0 0 10px;
    padding: 10px 12px;
    border-inline-start: 4px solid var(--aa-color-accent);
    background: var(--aa-color-surface);
    border-radius: var(--aa-radius);
  }
  .say p {
    margin: 0 0 6px;
  }
  .var {
    font-weight: 600;
  }
  .missing {
    color: var(--aa-color-danger);
    border-bottom: 1px dashed currentColor;
  }
  .guidance {
    font-size: 13px;
    color: var(--aa-color-muted);
    margin: 0 0 10px;
  }
  .label {
    font-size: 11px;
    text-transform: uppercase;
    letter-spacing: 0.05em;
    color: var(--aa-color-muted);
    margin: 8px 0 4px;
  }
  .branches {
    display: grid;
    gap: 6px;
    margin: 0 0 10px;
  }
  /* The chooser's Cancel link kept apart from the first script's button. */
  .link + .branches {
    margin-top: 8px;
  }
  button {
    cursor: pointer;
    border-radius: var(--aa-radius);
    border: 1px solid var(--aa-color-border);
    background: var(--aa-color-bg);
    padding: 6px 10px;
    text-align: start;
  }
  .branch kbd,
  .actions kbd {
    display: inline-block;
    min-width: 1.6em;
    text-align: center;
    font:
      12px ui-monospace,
      monospace;
    border: 1px solid var(--aa-color-border);
    border-radius: 4px;
    margin-inline-end: 6px;
    padding: 0 3px;
  }
  .actions {
    display: flex;
    gap: 6px;
    flex-wrap: wrap;
    margin: 0 0 10px;
  }
  .primary {
    background: var(--aa-color-accent);
    border-color: var(--aa-color-accent);
    color: var(--aa-color-accent-text);
    font-weight: 600;
  }
  .primary kbd {
    border-color: currentColor;
  }
  .error {
    color: var(--aa-color-danger);
    margin: 0 0 8px;
  }
  .skip-form {
    display: grid;
    gap: 6px;
    margin: 0 0 10px;
  }
  .path {
    list-style: none;
    margin: 0;
    padding: 0;
    font-size: 12px;
  }
  .path li {
    display: flex;
    justify-content: space-between;
    gap: 6px;
    padding: 2px 4px;
    border-radius: 4px;
  }
  .path li[aria-current='step'] {
    background: var(--aa-color-surface);
    font-weight: 600;
  }
  .st-done,
  .st-skipped {
    color: var(--aa-color-ok);
  }
  .st-missed {
    color: var(--aa-color-danger);
  }
  .st-n\\/a {
    color: var(--aa-color-muted);
    text-decoration: line-through;
  }
  .help {
    border: 1px solid var(--aa-color-border);
    border-radius: var(--aa-radius);
    padding: 8px 10px;
    margin: 0 0 10px;
    background: var(--aa-color-surface);
  }
  .help dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 2px 10px;
    margin: 0;
    font-size: 13px;
  }
  .help dd {
    margin: 0;
  }
  .link {
    background: none;
    border: 0;
    color: var(--aa-color-accent);
    text-decoration: underline;
    padding: 0 4px 0 0;
  }
  .jump {
    color: inherit;
    text-decoration: none;
    text-align: start;
  }
  .jump:hover:not(:disabled) {
    text-decoration: underline;
  }
  .jump:disabled {
    cursor: default;
    opacity: 1;
  }
  .muted {
    color: var(--aa-color-muted);
  }
  .step-items {
    border: 1px solid var(--aa-color-border);
    border-radius: var(--aa-radius);
    padding: 4px 10px 6px;
    margin: 0 0 10px;
  }
  .step-item {
    display: flex;
    gap: 8px;
    align-items: flex-start;
    margin: 4px 0;
  }
  .step-item input {
    margin: 3px 0 0;
    flex: none;
  }
  .step-item.skipped,
  .step-item.n\\/a {
    color: var(--aa-color-muted);
  }
  .step-item .critical {
    flex: none;
    white-space: nowrap;
    font-size: 11px;
    font-weight: 700;
    text-transform: uppercase;
    color: var(--aa-color-danger);
  }
  .end-prompt,
  .summary {
    border: 1px solid var(--aa-color-border);
    border-radius: var(--aa-radius);
    padding: 8px 10px;
  }
  .end-prompt {
    border-color: var(--aa-color-warn);
  }
  .end-prompt h3,
  .summary h3 {
    margin: 0 0 6px;
    font-size: 15px;
  }
  .summary h4 {
    margin: 8px 0 2px;
    font-size: 13px;
  }
  .end-prompt ul,
  .summary ul {
    margin: 0 0 8px;
    padding-inline-start: 18px;
  }
  .critical,
  .review {
    color: var(--aa-color-danger);
  }
  .critical {
    font-size: 11px;
    text-transform: uppercase;
  }
`;
