/**
 * The articles file's wire form (pack format 2): binary columns. Each field is one column: a field whose
 * values repeat (category, language, owner, dates, tag lists) as its distinct values plus each article's
 * number among them; a text field (the id, title, body HTML, a summary) as its UTF-8 bytes plus where each
 * article's value starts.
 *
 * Why not JSON: at 40k articles the object form repeats every key and every empty list 40k times (11 MB
 * in the atec-zh pack), and even as JSON columns the file must be decoded and parsed whole (about 100 ms)
 * before the first search. Here nothing is parsed but the small header: an article's text is decoded when
 * a result, a view on the page or an opened article needs it, and the bytes stay as they arrived.
 *
 * Layout: "AACL", u32 layout, u32 header length, the header (JSON), then the columns, each at a 4-byte
 * aligned offset from the start of the file. Numbers are little-endian. Layout 1 (pack format 2) listed
 * the ids in the header: 700 KB of JSON at 40k articles, parsed into 40k strings before anything could be
 * looked up; layout 2 (pack format 3) holds them as a text column, so the header stays a few KB.
 */
import type {PackArticle} from './pack-types.js';

/** The layout this code writes, and those it reads. */
export const ARTICLE_COLUMNS_LAYOUT = 2;
const READABLE_LAYOUTS = [1, 2];
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

/** The file's header: `columns` by field; `ids` by row in layout 1 only (later, the id is a column). */
export interface ArticleColumnsHeader {
  count: number;
  ids?: string[];
  columns: Partial<Record<ArticleField, ColumnSpec>>;
}

const align4 = (n: number) => (n + 3) & ~3;
const utf8 = new TextEncoder();

/** Texts as written: their UTF-8 bytes, and where each starts (`count + 1` offsets, the last the length). */
export interface TextData {
  offsets: Uint32Array;
  bytes: Uint8Array;
}

/** A column as it is written: distinct values and each article's number among them, or texts. */
export type ColumnData = {values: readonly unknown[]; index: ArrayLike<number>} | TextData;

/** Text `row` of a text column (decoded each time: the column keeps only the bytes). */
export function textAt(text: TextData, row: number, decoder: TextDecoder): string {
  return decoder.decode(text.bytes.subarray(text.offsets[row], text.offsets[row + 1]));
}

/** `strings` as a text column. */
export function textData(strings: readonly string[]): TextData {
  const texts = strings.map((v) => utf8.encode(v));
  const offsets = new Uint32Array(strings.length + 1);
  texts.forEach((t, i) => (offsets[i + 1] = offsets[i]! + t.length));
  const bytes = new Uint8Array(offsets[strings.length]!);
  texts.forEach((t, i) => bytes.set(t, offsets[i]));
  return {offsets, bytes};
}

/** Column data for `values`: distinct values for lists always and for strings that repeat, else texts. */
export function columnData(values: readonly unknown[], isList: boolean): ColumnData {
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
  return isList || distinct.length * 4 <= values.length
    ? {values: distinct, index}
    : textData(values as string[]);
}

/** The file for `articles`, in their order. */
export function encodeArticleColumns(articles: readonly PackArticle[]): Uint8Array {
  const columns = new Map<Exclude<ArticleField, 'id'>, ColumnData>();
  for (const field of [...STRING_FIELDS, ...LIST_FIELDS]) {
    if (field === 'id') continue;
    const values = articles.map((a) => a[field]);
    columns.set(field, columnData(values, (LIST_FIELDS as readonly string[]).includes(field)));
  }
  return writeArticleColumns(textData(articles.map((a) => a.id)), columns);
}

/**
 * A columns file of the articles whose ids are `ids` (by row), with `columns` in the order given: a pack's
 * whole articles file, or the page's (the same without the bodies, which the search worker writes from the
 * file it holds).
 */
export function writeArticleColumns(
  ids: TextData,
  columns: ReadonlyMap<Exclude<ArticleField, 'id'>, ColumnData>
): Uint8Array {
  const count = ids.offsets.length - 1;
  const header: ArticleColumnsHeader = {count, columns: {}};
  const parts: {at: number; data: Uint8Array}[] = [];
  let end = 0;
  const place = (data: Uint8Array) => {
    const at = end;
    parts.push({at, data});
    end = align4(at + data.length);
    return at;
  };
  for (const [field, data] of [['id', ids] as const, ...columns]) {
    if ('values' in data) {
      const wide = data.values.length > 0xffff;
      // A column read from a file already is the array to write (copied once, below).
      const Index = wide ? Uint32Array : Uint16Array;
      const index = data.index instanceof Index ? data.index : Index.from(data.index);
      const at = place(littleEndian(index));
      header.columns[field] = {values: data.values as unknown[], index: wide ? 'u32' : 'u16', at};
    } else {
      header.columns[field] = {text: true, at: place(littleEndian(data.offsets)), bytes: data.bytes.length};
      place(data.bytes);
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

/** This machine stores numbers little-endian (every browser platform does). */
export const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The bytes of a typed array in little-endian order, whatever the machine's (a view where it is already). */
function littleEndian(array: Uint16Array | Uint32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
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

/** The header, its layout and where the columns start, or an error message (the caller names the file). */
export function readArticleColumnsHeader(
  bytes: Uint8Array
): {header: ArticleColumnsHeader; layout: number; dataStart: number} | string {
  if (bytes.length < 12 || !isArticleColumns(bytes)) return 'is not an articles file';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const layout = view.getUint32(4, true);
  if (!READABLE_LAYOUTS.includes(layout))
    return `has articles layout ${layout} (expected ${READABLE_LAYOUTS.join(' or ')}); rebuild the pack with this version of agent-assist`;
  const length = view.getUint32(8, true);
  if (12 + length > bytes.length) return 'is truncated (its header runs past the end)';
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + length)));
  } catch {
    return 'has a header that is not JSON';
  }
  return {header: header as ArticleColumnsHeader, layout, dataStart: align4(12 + length)};
}
