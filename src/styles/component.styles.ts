/**
 * The reset every widget component starts from. The host page's CSS cannot reach inside the shadow root,
 * but it can style the host element itself (Tailwind's `*` preflight, `[hidden]` overrides), so the
 * essentials are set on elements inside the shadow root, not only on `:host`. Headings that take focus
 * only to guide screen readers (`tabindex="-1"`: an article opened, a call's detail) are not controls, so
 * they get no focus ring. `prefers-reduced-motion: reduce` stops any animation, transition or smooth scroll.
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
  /* The widget moves nothing by design; should a view ever animate or scroll smoothly, an agent whose
     system asks for reduced motion still gets none (vestibular disorders, a busy live call). */
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0s !important;
      animation-iteration-count: 1 !important;
      transition-duration: 0s !important;
      transition-delay: 0s !important;
      scroll-behavior: auto !important;
    }
  }
`;
