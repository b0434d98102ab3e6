/**
 * Styles of the knowledge panel: search box, filter chips, results, the browse list. The chips are one row
 * that scrolls sideways at any width (its padding keeps their focus rings unclipped); a match is marked in
 * the full text colour on a pale highlight (muted text on it would be too faint to read).
 */
import {css} from 'lit';

export const knowledgePanelStyles = css`
  :host {
    display: block;
  }
  .search {
    width: 100%;
    font: inherit;
    font-size: 15px;
    padding: 8px 10px;
    border: 1px solid var(--aa-color-border);
    border-radius: var(--aa-radius);
    background: var(--aa-color-bg);
    color: var(--aa-color-text);
  }
  .chips {
    display: flex;
    gap: 4px;
    margin: 2px -4px;
    padding: 4px;
    overflow-x: auto;
    scrollbar-width: thin;
  }
  .chip {
    flex: none;
    white-space: nowrap;
    font-size: 12px;
    padding: 2px 8px;
    border-radius: 12px;
    border: 1px solid var(--aa-color-border);
    background: var(--aa-color-bg);
    cursor: pointer;
  }
  .chip[aria-pressed='true'] {
    background: var(--aa-color-accent);
    border-color: var(--aa-color-accent);
    color: var(--aa-color-accent-text);
  }
  .count,
  .muted {
    color: var(--aa-color-muted);
    font-size: 12px;
    margin: 4px 0;
  }
  .results {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .result {
    padding: 6px;
    border-radius: var(--aa-radius);
    cursor: pointer;
  }
  .result[aria-selected='true'] {
    background: var(--aa-color-surface);
    box-shadow: inset 3px 0 0 var(--aa-color-accent);
  }
  .result .title {
    font-weight: 600;
  }
  .result .snippet {
    font-size: 13px;
    color: var(--aa-color-muted);
  }
  mark {
    background: color-mix(in srgb, var(--aa-color-warn) 22%, var(--aa-color-bg));
    color: var(--aa-color-text);
    border-radius: 2px;
  }
  .badge {
    font-size: 11px;
    color: var(--aa-color-warn);
    border: 1px solid currentColor;
    border-radius: 10px;
    padding: 0 6px;
    white-space: nowrap;
    font-weight: 400;
  }
  .group {
    font-size: 12px;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--aa-color-muted);
    margin: 12px 0 4px;
  }
  .link-button {
    display: block;
    width: 100%;
    text-align: start;
    background: none;
    border: 0;
    border-radius: var(--aa-radius);
    padding: 5px 6px;
    cursor: pointer;
  }
  .link-button:hover {
    background: var(--aa-color-surface);
  }
  .suggestion {
    display: inline;
    width: auto;
    color: var(--aa-color-accent);
    text-decoration: underline;
    padding: 0 4px;
  }
  .back {
    width: auto;
    color: var(--aa-color-accent);
    margin: 0 0 var(--aa-space);
  }
`;
