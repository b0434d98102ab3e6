/**
 * Any value as text to show or sort by, without ever calling the value's own `toString`: an imported
 * file (or rows a build without the import's schema wrote) may hold an object whose `toString` is not a
 * function, and `String(value)`, a template literal or Lit's text binding would throw on it.
 */
import {jsonText} from '../internal/json-text.js';

/** `value` as text: strings as they are, numbers and booleans written out, anything else as JSON. */
export function displayText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  try {
    return jsonText(value);
  } catch {
    return '?';
  }
}

/** Orders two values by their text (for sorting titles that a file may have made numbers). */
export function compareText(a: unknown, b: unknown): number {
  return displayText(a).localeCompare(displayText(b));
}

/** Orders two values by the UTF-16 code units of their text, as `Array.prototype.sort` does by default. */
export function compareCodeUnits(a: unknown, b: unknown): number {
  const x = displayText(a);
  const y = displayText(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
