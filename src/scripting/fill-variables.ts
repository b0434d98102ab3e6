/**
 * Fills `{{name|fallback}}` variables in a step's text from the call's context. Returns parts, not a
 * string: the view renders them as text (never HTML), and marks a missing value with a visible
 * placeholder instead of "undefined".
 */
import type {TextPart} from './types.js';

const VARIABLE = /\{\{\s*([^}|]*?)\s*(?:\|\s*([^}]*?)\s*)?\}\}/g;

/** Reads a dotted path (`customer.name`) from nested plain objects; strings and finite numbers only. */
export function readVariable(context: unknown, name: string): string | null {
  let value: unknown = context;
  for (const key of name.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key))
      return null;
    value = (value as Record<string, unknown>)[key];
  }
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** Splits `text` into literal parts and filled variables. */
export function fillVariables(text: string, context: unknown): TextPart[] {
  const parts: TextPart[] = [];
  let pos = 0;
  for (const m of text.matchAll(VARIABLE)) {
    if (m.index! > pos) parts.push({text: text.slice(pos, m.index)});
    const name = m[1]!;
    const value = readVariable(context, name);
    if (value !== null) parts.push({text: value, variable: name});
    else if (m[2] !== undefined && m[2] !== '') parts.push({text: m[2], variable: name});
    else parts.push({text: `[${name}]`, variable: name, missing: true});
    pos = m.index! + m[0].length;
  }
  if (pos < text.length) parts.push({text: text.slice(pos)});
  return parts;
}
