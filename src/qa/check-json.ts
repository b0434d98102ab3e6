/**
 * Checks parsed JSON against a JSON Schema, the small part of draft 2020-12 that the log file's schema
 * uses (type, const, enum, properties, required, items, anyOf, maxItems, maxLength, minimum, maximum),
 * and says in plain words where the first problem is (`calls[151].items`) and what was expected. Hand
 * written rather than a validator library: the widget runs under a CSP without `unsafe-eval`, which rules
 * out validators that compile schemas to code (Ajv), and this subset is small. Beyond the schema, every
 * string and key must be well-formed Unicode (a lone surrogate cannot be hashed as RFC 8785 JSON) and
 * every number finite. Iterative where the data is free-form, so deep nesting cannot overflow the stack.
 */

/** The JSON Schema keywords this checker knows (others, like `$schema` and `title`, are annotations). */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  title?: string;
  type?: JsonType | JsonType[];
  const?: string | number | boolean | null;
  enum?: (string | number | boolean | null)[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  maxItems?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

export type JsonType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

/** The first problem found: where (`calls[3].items[0].weight`, `''` for the whole file) and what. */
export interface JsonProblem {
  path: string;
  message: string;
}

const TYPE_WORDS: Record<JsonType, string> = {
  object: 'an object',
  array: 'a list',
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'null',
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Index of the first lone surrogate in `text`, or -1. */
export function loneSurrogateAt(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return i;
      i++;
    } else if (code >= 0xdc00 && code <= 0xdfff) return i;
  }
  return -1;
}

/** Text safe to show: lone surrogates replaced, cut to `max` characters. */
function preview(text: string, max = 40): string {
  let out = '';
  for (let i = 0; i < text.length && out.length < max; i++) {
    const code = text.charCodeAt(i);
    const pair = code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (pair) {
      out += text[i]! + text[i + 1]!;
      i++;
    } else out += code >= 0xd800 && code <= 0xdfff ? '\ufffd' : text[i]!;
  }
  return out.length < text.length ? `${out}…` : out;
}

/** How a value is described in a message: `the number 3`, `text ("abc")`, `a list`. */
export function describeFound(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `text ("${preview(value)}")`;
  if (typeof value === 'number') return `the number ${String(value)}`;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}

const literal = (v: string | number | boolean | null) => (typeof v === 'string' ? `"${v}"` : String(v));

/** What a schema expects, in words: `a call (an object)`, `text or null`, `one of "a", "b"`. */
export function describeExpected(schema: JsonSchema): string {
  if (schema.const !== undefined) return literal(schema.const);
  if (schema.enum) return `one of ${schema.enum.map(literal).join(', ')}`;
  if (schema.anyOf) return schema.anyOf.map(describeExpected).join(' or ');
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  const words = types.map((t) => TYPE_WORDS[t]).join(' or ') || 'any JSON value';
  return schema.title ? `${schema.title} (${words})` : words;
}

/** `calls[3]` + `items` → `calls[3].items`; keys that are not plain names are quoted. */
function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  const name = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `[${JSON.stringify(preview(key, 60))}]`;
  if (path === '') return name;
  return name.startsWith('[') ? path + name : `${path}.${name}`;
}

function typeMatches(value: unknown, type: JsonType): boolean {
  switch (type) {
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
  }
}

/** Problems every value must avoid, whatever the schema: lone surrogates, non-finite numbers. */
function plainProblem(value: unknown): string | null {
  if (typeof value === 'string') {
    const at = loneSurrogateAt(value);
    if (at >= 0)
      return `text with a lone surrogate (U+${value.charCodeAt(at).toString(16).toUpperCase()}) at character ${at + 1}; expected well-formed Unicode text`;
  } else if (typeof value === 'number' && !Number.isFinite(value)) {
    return `a number too large to use (${String(value)})`;
  }
  return null;
}

/** Walks free-form JSON (no schema below this point) without recursion, checking only plainProblem. */
function freeProblem(root: unknown, rootPath: string): JsonProblem | null {
  const stack: [unknown, string][] = [[root, rootPath]];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    const problem = plainProblem(value);
    if (problem) return {path, message: problem};
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], childPath(path, i)]);
    } else if (isObject(value)) {
      for (const key of Object.keys(value).reverse()) {
        const keyProblem = plainProblem(key);
        if (keyProblem) return {path: childPath(path, key), message: `its name is ${keyProblem}`};
        stack.push([value[key], childPath(path, key)]);
      }
    }
  }
  return null;
}

/** The first problem of `value` against `schema`, or null when it conforms. */
export function checkJson(value: unknown, schema: JsonSchema, path = ''): JsonProblem | null {
  const problem = plainProblem(value);
  if (problem) return {path, message: problem};
  if (schema.anyOf) {
    // Report the branch meant for the value when one stands out (its type, then its required names):
    // its message is the precise one.
    let fits = schema.anyOf.filter(
      (s) => s.type === undefined || [s.type].flat().some((t) => typeMatches(value, t))
    );
    if (fits.length > 1 && isObject(value))
      fits = fits.filter((s) => (s.required ?? []).every((k) => Object.hasOwn(value, k)));
    let first: JsonProblem | null = null;
    for (const branch of fits) {
      const p = checkJson(value, branch, path);
      if (!p) return null;
      first ??= p;
    }
    if (fits.length === 1 && first) return first;
    return {path, message: `expected ${describeExpected(schema)}, found ${describeFound(value)}`};
  }
  if (schema.const !== undefined && value !== schema.const)
    return {path, message: `expected ${describeExpected(schema)}, found ${describeFound(value)}`};
  if (schema.enum && !schema.enum.includes(value as string))
    return {path, message: `expected ${describeExpected(schema)}, found ${describeFound(value)}`};
  if (schema.type !== undefined && ![schema.type].flat().some((t) => typeMatches(value, t)))
    return {path, message: `expected ${describeExpected(schema)}, found ${describeFound(value)}`};
  if (typeof value === 'string' && schema.maxLength !== undefined && value.length > schema.maxLength)
    return {path, message: `text of ${value.length} characters; at most ${schema.maxLength} allowed`};
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum)
      return {path, message: `the number ${value} is below the minimum, ${schema.minimum}`};
    if (schema.maximum !== undefined && value > schema.maximum)
      return {path, message: `the number ${value} is above the maximum, ${schema.maximum}`};
  }
  if (Array.isArray(value)) {
    if (schema.maxItems !== undefined && value.length > schema.maxItems)
      return {path, message: `a list of ${value.length}; at most ${schema.maxItems} allowed`};
    for (let i = 0; i < value.length; i++) {
      const p = schema.items
        ? checkJson(value[i], schema.items, childPath(path, i))
        : freeProblem(value[i], childPath(path, i));
      if (p) return p;
    }
  } else if (isObject(value)) {
    for (const key of schema.required ?? []) {
      if (!Object.hasOwn(value, key))
        return {
          path: childPath(path, key),
          message: `missing; expected ${describeExpected(schema.properties?.[key] ?? {})}`,
        };
    }
    for (const key of Object.keys(value)) {
      const keyProblem = plainProblem(key);
      if (keyProblem) return {path: childPath(path, key), message: `its name is ${keyProblem}`};
      const sub =
        schema.properties && Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined;
      const p = sub
        ? checkJson(value[key], sub, childPath(path, key))
        : freeProblem(value[key], childPath(path, key));
      if (p) return p;
    }
  }
  return null;
}
