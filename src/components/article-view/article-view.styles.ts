/**
 * Styles of the article view: readable body text, tables that scroll, a clear stale-content warning. The
 * per-paragraph copy buttons are quiet until pointed at, but always readable (a faded button fails contrast).
 */
import {css} from 'lit';

export const articleViewStyles = css`
  :host {
    display: block;
  }
  h2 {
    font-size: 18px;
    margin: 0 0 4px;
  }
  h2:focus {
    outline: none;
  }
  .meta {
    color: var(--aa-color-muted);
    font-size: 12px;
    margin: 0 0 var(--aa-space);
  }
  .stale {
    border: 1px solid var(--aa-color-warn);
    color: var(--aa-color-warn);
    border-radius: var(--aa-radius);
    padding: 6px var(--aa-space);
    margin: 0 0 var(--aa-space);
    font-size: 13px;
  }
  .body {
    overflow-wrap: break-word;
  }
  .copy,
  .copy-block {
    font-size: 11px;
    border: 1px solid var(--aa-color-border);
    background: var(--aa-color-bg);
    border-radius: 4px;
    padding: 0 6px;
    cursor: pointer;
    color: var(--aa-color-muted);
  }
  .copy {
    margin: 0 0 var(--aa-space);
    font-size: 12px;
    padding: 2px 8px;
  }
  .copy-block {
    margin-inline-start: 6px;
    border-color: transparent;
  }
  .copy-block:hover,
  .copy-block:focus-visible {
    border-color: var(--aa-color-border);
    color: var(--aa-color-text);
  }
  h3 {
    font-size: 13px;
    margin: 16px 0 4px;
    color: var(--aa-color-muted);
  }
  .related {
    margin: 0;
    padding-inline-start: 18px;
  }
  .related a {
    color: var(--aa-color-accent);
  }
  .body :is(h1, h2, h3, h4) {
    font-size: 15px;
    margin: 14px 0 6px;
  }
  .body p,
  .body ul,
  .body ol {
    margin: 0 0 8px;
  }
  .body table {
    border-collapse: collapse;
    display: block;
    overflow-x: auto;
    margin: 0 0 8px;
  }
  .body th,
  .body td {
    border: 1px solid var(--aa-color-border);
    padding: 4px 6px;
    text-align: start;
  }
  .body a {
    color: var(--aa-color-accent);
  }
  .body code {
    background: var(--aa-color-surface);
    padding: 0 3px;
    border-radius: 3px;
  }
  .body blockquote {
    margin: 0 0 8px;
    padding-inline-start: 10px;
    border-inline-start: 3px solid var(--aa-color-border);
    color: var(--aa-color-muted);
  }
  .badge.overdue {
    border: 1px solid var(--aa-color-warn);
    color: var(--aa-color-warn);
    border-radius: 4px;
    padding: 0 4px;
    white-space: nowrap;
  }
  .feedback {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px;
    margin: var(--aa-space) 0;
    padding-top: var(--aa-space);
    border-top: 1px solid var(--aa-color-border);
    font-size: 13px;
  }
  /* Styled like the widget's other buttons: the browser's own button grey fails contrast in the dark theme. */
  .feedback button {
    font: inherit;
    color: var(--aa-color-text);
    cursor: pointer;
    border-radius: var(--aa-radius);
    border: 1px solid var(--aa-color-border);
    background: var(--aa-color-bg);
    padding: 2px 8px;
  }
  .feedback .rate[aria-pressed='true'] {
    border-color: var(--aa-color-accent, currentColor);
    font-weight: 600;
  }
  .feedback kbd {
    font-size: 10px;
    color: var(--aa-color-muted);
  }
  .comment-form {
    display: flex;
    gap: 6px;
    flex-basis: 100%;
  }
  .comment {
    flex: 1;
    min-width: 0;
  }
  .sent {
    flex-basis: 100%;
    margin: 0;
    color: var(--aa-color-muted);
  }
`;
