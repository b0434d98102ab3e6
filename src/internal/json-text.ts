/**
 * JSON text that the host page cannot change. `JSON.stringify` calls any `toJSON` it finds, and host
 * pages patch them (Prototype.js's `Array.prototype.toJSON` turns every array into a string), which
 * would change event hashes and empty exported files. Here objects and arrays are walked directly and only
 * primitives go through `JSON.stringify`, which never looks for `toJSON` on a primitive.
 *
 * `canonical` gives RFC 8785 (JCS) text for hashing: keys sorted by UTF-16 code units, and NaN, infinities
 * and lone surrogates refused, as the `canonicalize` package does. Otherwise keys keep their order and
 * NaN and infinities become `null`, as with `JSON.stringify`.
 */

function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (code >= 0xdc00 && code <= 0xdfff) return true;
  }
  return false;
}

/** The JSON text of `value` (plain data: objects, arrays, strings, numbers, booleans, null). */
export function jsonText(value: unknown, options: {canonical?: boolean} = {}): string {
  const canonical = options.canonical === true;
  const seen = new Set<object>();
  const write = (v: unknown): string => {
    if (typeof v === 'number') {
      if (canonical && !Number.isFinite(v)) throw new Error(`${v} is not allowed in canonical JSON`);
      return JSON.stringify(v);
    }
    if (typeof v === 'string') {
      if (canonical && hasLoneSurrogate(v)) throw new Error('Lone surrogate is not allowed');
      return JSON.stringify(v);
    }
    if (v === null || typeof v === 'boolean') return JSON.stringify(v);
    if (typeof v !== 'object') return 'null';
    if (v instanceof Date) return JSON.stringify(Number.isNaN(v.getTime()) ? null : v.toISOString());
    if (seen.has(v)) throw new Error('Circular reference detected');
    seen.add(v);
    let text: string;
    if (Array.isArray(v)) {
      const parts: string[] = [];
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        parts.push(
          item === undefined || typeof item === 'function' || typeof item === 'symbol' ? 'null' : write(item)
        );
      }
      text = `[${parts.join(',')}]`;
    } else {
      const record = v as Record<string, unknown>;
      const keys = Object.keys(record);
      if (canonical) keys.sort();
      const parts: string[] = [];
      for (const key of keys) {
        const item = record[key];
        if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
        parts.push(`${write(key)}:${write(item)}`);
      }
      text = `{${parts.join(',')}}`;
    }
    seen.delete(v);
    return text;
  };
  return write(value);
}
