/** Id rules shared by every kind of content: what a valid id is, and the id made from a title or path. */

/** Letters (any script), digits, `-` and `_`, starting with a letter or digit; `/` separates path parts. */
const ID = /^[\p{L}\p{N}][\p{L}\p{N}_-]*(\/[\p{L}\p{N}][\p{L}\p{N}_-]*)*$/u;

/** Whether `id` is a valid content id. */
export function isValidId(id: string): boolean {
  return ID.test(id);
}

/** An id made from a title: lower case, accents removed, runs of other characters turned into `-`. */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** Splits a trailing `{#id}` off a heading or item text. */
export function splitExplicitId(text: string): {text: string; id: string | null; idColumn: number} {
  const m = /\s*\{#([^}]*)\}\s*$/.exec(text);
  if (!m) return {text: text.trim(), id: null, idColumn: 0};
  return {text: text.slice(0, m.index).trim(), id: m[1]!.trim(), idColumn: m.index + m[0].indexOf('{') + 1};
}
