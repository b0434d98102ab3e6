/**
 * Layout of the root shell: header, section tabs, and the panel area. (Comments stay out of the CSS text,
 * which ships as written.)
 *
 * - The element fills the panel it is given (a parent with a height); the header and tabs stay, the panel
 *   scrolls.
 * - `hidden` stays hidden even under a host's `[hidden] {display: block !important}`: important declarations
 *   inside the shadow tree win over the page's.
 * - `.base` starts from `all: initial`: nothing the host page sets on its body inherits into the widget
 *   (small caps, upper case, word spacing, white-space, text-indent, cursor, colour scheme…). Visibility
 *   still follows the host, so a panel hidden with `visibility: hidden` hides the widget too.
 * - The layout follows the widget's own width (a container: a 320 px side panel or a whole page), not the
 *   window's. Below 400 px: smaller tabs, and who is logged in for screen readers only.
 * - The header keeps to one line at any width: the brand gives way first (down to its first letters), then
 *   the "Storage: best-effort" badge, the least urgent; the upload's state and warnings never shorten.
 * - The tabs keep to one line each; they share the width, and scroll sideways when they cannot fit.
 */
import {css} from 'lit';

export const agentAssistStyles = css`
  :host {
    min-width: 280px;
    height: 100%;
    contain: content;
  }
  :host([hidden]) {
    display: none !important;
  }
  .base {
    all: initial;
    visibility: inherit;
    pointer-events: inherit;
    box-sizing: border-box;
    container-type: inline-size;
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
    color-scheme: var(--aa-color-scheme);
    accent-color: var(--aa-color-accent);
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
    flex: none;
    align-items: center;
    gap: var(--aa-space);
    padding: var(--aa-space) calc(var(--aa-space) * 1.5);
    background: var(--aa-color-surface);
    border-bottom: 1px solid var(--aa-color-border);
    white-space: nowrap;
  }
  .brand {
    flex: 0 1000 auto;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    font-weight: 600;
    font-size: 15px;
    margin: 0;
  }
  .status {
    margin-inline-start: auto;
    flex: 0 1 auto;
    min-width: 0;
    max-width: calc(100% - 72px);
    overflow: hidden;
    display: flex;
    gap: var(--aa-space);
    align-items: center;
    color: var(--aa-color-muted);
    font-size: 12px;
  }
  .status > * {
    flex: none;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .status > .badge:not(.sync):not(.warn) {
    flex-shrink: 1;
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
    flex: none;
    overflow-x: auto;
    scrollbar-width: none;
    border-bottom: 1px solid var(--aa-color-border);
  }
  .tab {
    flex: 1 0 auto;
    padding: var(--aa-space) calc(var(--aa-space) * 1.25);
    border: 0;
    border-bottom: 3px solid transparent;
    background: none;
    cursor: pointer;
    color: var(--aa-color-muted);
    font-size: 14px;
    white-space: nowrap;
  }
  .tab[aria-selected='true'] {
    color: var(--aa-color-text);
    border-bottom-color: var(--aa-color-accent);
    font-weight: 600;
  }
  @container (max-width: 400px) {
    .tab {
      padding-inline: calc(var(--aa-space) * 0.75);
      font-size: 13px;
    }
    .agent {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
    }
  }
  .panel {
    flex: 1 1 auto;
    min-height: 0;
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
