/** Styles of the shared skip form (see skip-form.ts), included by the views that show it. */
import {css} from 'lit';

export const skipFormStyles = css`
  .skip-form fieldset {
    border: 1px solid var(--aa-color-border);
    border-radius: var(--aa-radius);
    padding: 6px 8px;
    margin: 0 0 6px;
  }
  /* The radio beside its text, and a wrapped line under the text, not under the radio (320 px). */
  .skip-form .reason {
    display: flex;
    align-items: baseline;
    gap: 2px;
    padding: 2px 0;
  }
  .skip-form .reason input {
    flex: none;
    margin: 0 4px 0 0;
  }
  .skip-form kbd {
    font-size: 11px;
    border: 1px solid var(--aa-color-border);
    border-radius: 4px;
    padding: 0 3px;
    margin-inline-end: 4px;
  }
  .skip-form input[type='text'] {
    font: inherit;
    width: 100%;
    box-sizing: border-box;
    margin: 4px 0 0;
    padding: 4px 6px;
    border: 1px solid var(--aa-color-border);
    border-radius: var(--aa-radius);
  }
  .skip-form .skip-hint {
    display: none;
    color: var(--aa-color-danger);
    margin: 4px 0 0;
  }
  .skip-form .skip-hint[data-show] {
    display: block;
  }
`;
