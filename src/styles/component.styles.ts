/**
 * The reset every widget component starts from. The host page's CSS cannot reach inside the shadow root,
 * but it can style the host element itself (Tailwind's `*` preflight, `[hidden]` overrides), so the
 * essentials are set on elements inside the shadow root, not only on `:host`.
 */
import {css} from 'lit';

export const componentStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
  button {
    font: inherit;
    color: inherit;
  }
  :focus-visible {
    outline: none;
    box-shadow: var(--aa-focus-ring);
  }
`;
