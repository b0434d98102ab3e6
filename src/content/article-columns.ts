/**
 * The articles file's wire form (pack format 2): binary columns. Each field is one column: a field whose
 * values repeat (category, language, owner, dates, tag lists) as its distinct values plus each article's
 * number among them; a text field (title, body HTML, a summary) as its UTF-8 bytes plus where each
 * article's value starts. The ids are listed in the header.
 *
 * Why not JSON: at 40k articles the object form repeats every key and every empty list 40k times (11 MB
 * in the atec-zh pack), and even as JSON columns the file must be decoded and parsed whole (about 100 ms)
 * before the first search. Here nothing is parsed but the small header: an article's text is decoded when
 * a result, a slice for the page or an opened article needs it, and the bytes stay as they arrived.
 *
 * Layout: "AACL", u32 layout, u32 header length, the header (JSON), then the columns, each at a 4-byte
 * aligned offset from the start of the file. Numbers are little-endian.
 */
import type {PackArticle} from './pack-types.js';

/** The layout this code writes and reads. */
export const ARTICLE_COLUMNS_LAYOUT = 1;
const MAGIC = 'AACL';

/** Fields whose value is a string, and whose value is a list of strings. */
export const STRING_FIELDS = [
  'id',
  'title',
  'category',
  'lang',
  'owner',
  'updated',
  'reviewBy',
  'summary',
  'html',
] as const;
export const LIST_FIELDS = ['tags', 'aliases', 'links'] as const;

export type StringField = (typeof STRING_FIELDS)[number];
export type ListField = (typeof LIST_FIELDS)[number];
export type ArticleField = StringField | ListField;

/** Where a column is: distinct values and a u16/u32 index per article, or texts (offsets, then bytes). */
export type ColumnSpec =
  {values: unknown[]; index: 'u16' | 'u32'; at: number} | {text: true; at: number; bytes: number};

/** The file's header. `ids` by row; `columns` by field (the id is not one: it is `ids`). */
export interface ArticleColumnsHeader {
  count: number;
  ids: string[];
  columns: Partial<Record<Exclude<ArticleField, 'id'>, ColumnSpec>>;
}

const align4 = (n: number) => (n + 3) & ~3;
const utf8 = new TextEncoder();

/** Whether a column of `values` is written as distinct values: lists always, strings when they repeat. */
function distinctOf(values: unknown[], isList: boolean): {values: unknown[]; index: number[]} | null {
  const keys = new Map<string, number>();
  const distinct: unknown[] = [];
  const index = values.map((v) => {
    const key = typeof v === 'string' ? v : JSON.stringify(v);
    let i = keys.get(key);
    if (i === undefined) {
      keys.set(key, (i = distinct.length));
      distinct.push(v);
    }
    return i;
  });
  return isList || distinct.length * 4 <= values.length ? {values: distinct, index} : null;
}

/** The file for `articles`, in their order. */
export function encodeArticleColumns(articles: readonly PackArticle[]): Uint8Array {
  const count = articles.length;
  const header: ArticleColumnsHeader = {count, ids: articles.map((a) => a.id), columns: {}};
  const parts: {at: number; data: Uint8Array}[] = [];
  let end = 0;
  const place = (data: Uint8Array) => {
    const at = end;
    parts.push({at, data});
    end = align4(at + data.length);
    return at;
  };
  for (const field of [...STRING_FIELDS, ...LIST_FIELDS]) {
    if (field === 'id') continue;
    const values = articles.map((a) => a[field]);
    const dict = distinctOf(values, (LIST_FIELDS as readonly string[]).includes(field));
    if (dict) {
      const wide = dict.values.length > 0xffff;
      const at = place(littleEndian(wide ? new Uint32Array(dict.index) : new Uint16Array(dict.index)));
      header.columns[field] = {values: dict.values, index: wide ? 'u32' : 'u16', at};
    } else {
      const texts = (values as string[]).map((v) => utf8.encode(v));
      const offsets = new Uint32Array(count + 1);
      texts.forEach((t, i) => (offsets[i + 1] = offsets[i]! + t.length));
      const bytes = new Uint8Array(offsets[count]!);
      texts.forEach((t, i) => bytes.set(t, offsets[i]));
      header.columns[field] = {text: true, at: place(littleEndian(offsets)), bytes: bytes.length};
      place(bytes);
    }
  }
  // Offsets are from the start of the data, which follows the header at a 4-byte boundary.
  const json = utf8.encode(JSON.stringify(header));
  const dataStart = align4(12 + json.length);
  const out = new Uint8Array(dataStart + (parts.length ? parts.at(-1)!.at + parts.at(-1)!.data.length : 0));
  out.set(utf8.encode(MAGIC), 0);
  const view = new DataView(out.buffer);
  view.setUint32(4, ARTICLE_COLUMNS_LAYOUT, true);
  view.setUint32(8, json.length, true);
  out.set(json, 12);
  for (const p of parts) out.set(p.data, dataStart + p.at);
  return out;
}

/** The bytes of a typed array in little-endian order, whatever the machine's. */
function littleEndian(array: Uint16Array | Uint32Array): Uint8Array {
  const out = new Uint8Array(array.length * array.BYTES_PER_ELEMENT);
  const view = new DataView(out.buffer);
  array.forEach((v, i) =>
    array.BYTES_PER_ELEMENT === 2 ? view.setUint16(i * 2, v, true) : view.setUint32(i * 4, v, true)
  );
  return out;
}

/** Whether `bytes` begin as a columns file (else: an older pack's JSON list). */
export const isArticleColumns = (bytes: Uint8Array) =>
  bytes.length >= 4 && String.fromCharCode(...bytes.subarray(0, 4)) === MAGIC;

/** The header and where the columns start, or an error message (the caller names the file). */
export function readArticleColumnsHeader(
  bytes: Uint8Array
): {header: ArticleColumnsHeader; dataStart: number} | string {
  if (bytes.length < 12 || !isArticleColumns(bytes)) return 'is not an articles file';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const layout = view.getUint32(4, true);
  if (layout !== ARTICLE_COLUMNS_LAYOUT)
    return `has articles layout ${layout} (expected ${ARTICLE_COLUMNS_LAYOUT}); rebuild the pack with this version of agent-assist`;
  const length = view.getUint32(8, true);
  if (12 + length > bytes.length) return 'is truncated (its header runs past the end)';
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + length)));
  } catch {
    return 'has a header that is not JSON';
  }
  return {header: header as ArticleColumnsHeader, dataStart: align4(12 + length)};
}
