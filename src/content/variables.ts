/**
 * Script variables: the `{{name|fallback}}` syntax, the names the widget knows how to fill, and finding
 * uses with their positions. Filling them in at run time belongs to the script engine.
 */
import type {SourcePos, VariableUse} from './types.js';

/** Variables the widget fills from the host's call context (or the agent's settings). */
export const KNOWN_VARIABLES = [
  'customer.name',
  'customer.firstName',
  'customer.account',
  'customer.phone',
  'customer.plan',
  'agent.name',
  'agent.id',
  'call.id',
  'company.name',
] as const;

const USE = /\{\{\s*([^}|]*?)\s*(?:\|\s*([^}]*?)\s*)?\}\}/g;
const NAME = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;

/** Whether `name` is a well-formed variable name (`customer.name`). */
export function isVariableName(name: string): boolean {
  return NAME.test(name);
}

/** Every `{{…}}` in `text`, positioned as if `text` starts at `start`. */
export function findVariableUses(text: string, start: SourcePos): VariableUse[] {
  const uses: VariableUse[] = [];
  for (const m of text.matchAll(USE)) {
    const use: VariableUse = {name: m[1]!, line: start.line, column: start.column + m.index!};
    if (m[2] !== undefined) use.fallback = m[2];
    uses.push(use);
  }
  return uses;
}
