/**
 * A table's article ids, by row: a list of strings (a parsed list, or a layout 1 file's header), or a
 * columns file's text column, read in place. Looking an id up bisects the rows when the ids ascend (as a
 * pack build writes them), so the page finds an article among 40k without a string per article: the text
 * column is compared as bytes and only the id asked for is encoded.
 */
import {textAt, textData} from './article-columns.js';
import type {TextData} from './article-columns.js';

export interface ArticleIds {
  readonly size: number;
  /** The id of `row`. */
  at(row: number): string;
  /** Every id, by row (decoded once from a text column, then kept). */
  all(): readonly string[];
  /** The ids as a file's text column. */
  data(): TextData;
  /** Whether each id is greater than the one before, so that {@link bisect} can find them. */
  ascending(): boolean;
  /** The row of `id` in ascending ids, or -1. */
  bisect(id: string): number;
}

/** Bisects rows 0…size−1 with `compare(row)`: the sign of (the id at `row`) − (the id sought). */
function bisect(size: number, compare: (row: number) => number): number {
  let lo = 0;
  let hi = size - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = compare(mid);
    if (c === 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Ids held as strings. */
export function listIds(ids: readonly string[]): ArticleIds {
  return {
    size: ids.length,
    at: (row) => ids[row]!,
    all: () => ids,
    data: () => textData(ids),
    ascending() {
      for (let row = 1; row < ids.length; row++) if (!(ids[row - 1]! < ids[row]!)) return false;
      return true;
    },
    bisect: (id) => bisect(ids.length, (row) => (ids[row]! < id ? -1 : ids[row]! > id ? 1 : 0)),
  };
}

const utf8 = new TextEncoder();

/** Compares two UTF-8 byte ranges: their order is the order of their code points. */
function compareBytes(a: Uint8Array, aFrom: number, aTo: number, b: Uint8Array, bFrom: number, bTo: number) {
  const n = Math.min(aTo - aFrom, bTo - bFrom);
  for (let i = 0; i < n; i++) {
    const d = a[aFrom + i]! - b[bFrom + i]!;
    if (d !== 0) return d;
  }
  return aTo - aFrom - (bTo - bFrom);
}

/**
 * Ids read in place from a text column. Ascending here means by code point, which is the build's order
 * for every id but those mixing characters above U+FFFF with ones from U+E000 (then the table falls back
 * to a map of every id, still correct).
 */
export function textIds(text: TextData, decoder: TextDecoder): ArticleIds {
  const {offsets, bytes} = text;
  const size = offsets.length - 1;
  let all: string[] | null = null;
  return {
    size,
    at: (row) => textAt(text, row, decoder),
    all() {
      all ??= Array.from({length: size}, (_, row) => this.at(row));
      return all;
    },
    data: () => text,
    ascending() {
      for (let row = 1; row < size; row++)
        if (
          compareBytes(bytes, offsets[row - 1]!, offsets[row]!, bytes, offsets[row]!, offsets[row + 1]!) >= 0
        )
          return false;
      return true;
    },
    bisect(id) {
      const key = utf8.encode(id);
      return bisect(size, (row) => compareBytes(bytes, offsets[row]!, offsets[row + 1]!, key, 0, key.length));
    },
  };
}
