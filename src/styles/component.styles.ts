/**
 * The reset every widget component starts from. The host page's CSS cannot reach inside the shadow root,
 * but it can style the host element itself (Tailwind's `*` preflight, `[hidden]` overrides), so the
 * essentials are set on elements inside the shadow root, not only on `:host`. Headings that take focus
 * only to guide screen readers (`tabindex="-1"`: an article opened, a call's detail) are not controls, so
 * they get no focus ring.
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
  /* Text for screen readers only (labels, announcements, a chart's numbers). */
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  :focus-visible {
    outline: none;
    box-shadow: var(--aa-focus-ring);
  }
  [tabindex='-1']:focus-visible {
    box-shadow: none;
  }
`;
