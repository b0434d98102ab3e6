/**
 * Design tokens (`--aa-*`) with light and dark values. Declared on `:host` so a host page can override
 * any of them on the element (outer rules win over `:host`). Sizes are in px, never rem: rem follows the
 * host's `<html>` font size, and hosts with `html {font-size: 62.5%}` would shrink the widget.
 * `--aa-color-scheme` gives native controls (checkboxes, selects, date pickers, scroll bars) the theme's colours.
 */
import {css} from 'lit';

const dark = css`
  --aa-color-bg: #16181d;
  --aa-color-surface: #1f232b;
  --aa-color-border: #363c48;
  --aa-color-text: #e8eaee;
  --aa-color-muted: #a3aab8;
  --aa-color-accent: #7cb0ff;
  --aa-color-accent-text: #0b1320;
  --aa-color-ok: #5fd08a;
  --aa-color-warn: #ffc35c;
  --aa-color-danger: #ff7b72;
  --aa-color-scheme: dark;
`;

export const tokenStyles = css`
  :host {
    --aa-color-bg: #ffffff;
    --aa-color-surface: #f5f7fa;
    --aa-color-border: #d5dbe3;
    --aa-color-text: #1b2430;
    --aa-color-muted: #5b6575;
    --aa-color-accent: #1f5fcc;
    --aa-color-accent-text: #ffffff;
    --aa-color-ok: #1c7c45;
    --aa-color-warn: #8a5a00;
    --aa-color-danger: #b42318;
    --aa-color-scheme: light;
    --aa-font-family:
      system-ui, -apple-system, 'Segoe UI', Roboto, 'PingFang SC', 'Microsoft YaHei', sans-serif;
    --aa-font-size: 14px;
    --aa-line-height: 1.45;
    --aa-radius: 6px;
    --aa-space: 8px;
    --aa-focus-ring: 0 0 0 2px var(--aa-color-bg), 0 0 0 4px var(--aa-color-accent);
  }
  :host([theme='dark' i]) {
    ${dark}
  }
  /* "auto" and any unrecognised value (which falls back to auto) follow the OS. */
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light' i]):not([theme='dark' i])) {
      ${dark}
    }
  }
`;
