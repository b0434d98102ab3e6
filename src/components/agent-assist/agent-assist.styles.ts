/** Layout of the root shell: header, section tabs, and the panel area. */
import {css} from 'lit';

export const agentAssistStyles = css`
  :host {
    min-width: 280px;
    contain: content;
  }
  .base {
    display: flex;
    flex-direction: column;
    height: 100%;
    min-height: 320px;
    margin: 0;
    padding: 0;
    font-family: var(--aa-font-family);
    font-size: var(--aa-font-size);
    line-height: var(--aa-line-height);
    font-weight: 400;
    font-style: normal;
    letter-spacing: normal;
    text-align: start;
    direction: ltr;
    color: var(--aa-color-text);
    background: var(--aa-color-bg);
    border: 1px solid var(--aa-color-border);
    border-radius: var(--aa-radius);
    overflow: hidden;
  }
  /* Focusable (tabindex=-1) only so a click anywhere in the widget keeps its keyboard shortcuts working. */
  .base:focus {
    outline: none;
    box-shadow: none;
  }
  .header {
    display: flex;
    align-items: center;
    gap: var(--aa-space);
    padding: var(--aa-space) calc(var(--aa-space) * 1.5);
    background: var(--aa-color-surface);
    border-bottom: 1px solid var(--aa-color-border);
  }
  .brand {
    font-weight: 600;
    font-size: 15px;
    margin: 0;
  }
  .status {
    margin-inline-start: auto;
    display: flex;
    gap: var(--aa-space);
    align-items: center;
    color: var(--aa-color-muted);
    font-size: 12px;
  }
  .dot {
    display: inline-block;
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--aa-color-ok);
    margin-inline-end: 4px;
  }
  .dot.offline {
    background: var(--aa-color-warn);
  }
  .tabs {
    display: flex;
    border-bottom: 1px solid var(--aa-color-border);
  }
  .tab {
    flex: 1;
    padding: var(--aa-space);
    border: 0;
    border-bottom: 3px solid transparent;
    background: none;
    cursor: pointer;
    color: var(--aa-color-muted);
    font-size: 14px;
  }
  .tab[aria-selected='true'] {
    color: var(--aa-color-text);
    border-bottom-color: var(--aa-color-accent);
    font-weight: 600;
  }
  .panel {
    flex: 1;
    overflow: auto;
    padding: calc(var(--aa-space) * 1.5);
  }
  .panel h2 {
    font-size: 16px;
    margin: 0 0 var(--aa-space);
  }
  .unavailable {
    margin: 0 0 var(--aa-space);
    color: var(--aa-color-muted);
  }
  .error {
    margin: 0 0 var(--aa-space);
    color: var(--aa-color-danger);
  }
  .badge {
    border: 1px solid var(--aa-color-border);
    border-radius: 3px;
    padding: 0 4px;
    font-size: 11px;
  }
  .badge.warn {
    color: var(--aa-color-danger);
    border-color: currentColor;
  }
  .banner {
    margin: 0;
    padding: 6px var(--aa-space);
    background: color-mix(in srgb, var(--aa-color-danger) 12%, var(--aa-color-bg));
    color: var(--aa-color-text);
    border-bottom: 1px solid var(--aa-color-danger);
    font-weight: 600;
  }
  /* "Back to the call script", above the knowledge panel. */
  .back {
    display: block;
    background: none;
    border: 0;
    border-radius: var(--aa-radius);
    padding: 5px 6px;
    cursor: pointer;
    color: var(--aa-color-accent);
    margin: 0 0 var(--aa-space);
  }
  .back:hover {
    background: var(--aa-color-surface);
  }
`;
