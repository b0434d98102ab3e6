/**
 * Whether a key press belongs to a text field: the widget's single-key shortcuts (/, Enter, 1–9, B, S,
 * C, ?) work from every other control inside it (a checkbox, a button, a link), never while typing.
 */
const NOT_TEXT = new Set([
  'checkbox',
  'radio',
  'button',
  'submit',
  'reset',
  'range',
  'color',
  'file',
  'image',
]);

export function isTextField(el: Element | null | undefined): boolean {
  if (!el) return false;
  if ((el as HTMLElement).isContentEditable) return true;
  if (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  return el.tagName === 'INPUT' && !NOT_TEXT.has((el as HTMLInputElement).type);
}
