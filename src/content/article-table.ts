/**
 * A pack's articles held as columns: for each field, either every article's value, or its distinct
 * values and each article's number among them, or (read from the articles file, see article-columns.ts)
 * the UTF-8 bytes of every article's text, decoded when asked for. The search worker holds the file this
 * way; the page holds the same without the bodies, a file the worker writes from its own ({@link
 * ArticleTable.file}) and transfers. At 40k articles that is a fraction of an object per article, and an
 * article's object is made only when asked for.
 */
import {
  columnData,
  LIST_FIELDS,
  LITTLE_ENDIAN,
  readArticleColumnsHeader,
  STRING_FIELDS,
  textAt,
  writeArticleColumns,
} from './article-columns.js';
import type {ArticleField, ColumnData, ColumnSpec, TextData} from './article-columns.js';
import {listIds, textIds} from './article-ids.js';
import type {ArticleIds} from './article-ids.js';
import type {PackArticle, PageArticle} from './pack-types.js';

/** Why an articles file was refused: what is wrong and where (the caller names the file). */
export class ArticleTableError extends Error {
  override name = 'ArticleTableError';
}

/** Fields every article must have; the others default to '' or []. */
const REQUIRED: ReadonlySet<ArticleField> = new Set(['id', 'title', 'category', 'lang', 'html', 'reviewBy']);
const FIELDS: readonly ArticleField[] = [...STRING_FIELDS, ...LIST_FIELDS];
/** The fields the page holds (the bodies stay with the file). */
export const PAGE_FIELDS: readonly ArticleField[] = FIELDS.filter((f) => f !== 'html');
/** Fields whose values are mostly unique: held as plain lists by a builder, never as distinct values. */
const UNIQUE: ReadonlySet<ArticleField> = new Set(['id', 'title', 'html']);
const isList = (field: ArticleField) => (LIST_FIELDS as readonly string[]).includes(field);

/** Looks articles up by id: the widget's view of a pack's articles (a Map is one too). */
export interface ArticleLookup {
  get(id: string): PageArticle | undefined;
}

/** A column in memory: its value at a row, and its data as a file holds it. */
interface Column {
  at(row: number): unknown;
  data(): ColumnData;
  /** Its distinct values in the order of their first row, where it has them without a lookup per row. */
  distinct?(): unknown[];
}

const plainColumn = (values: readonly unknown[], field: ArticleField): Column => ({
  at: (row) => values[row],
  data: () => columnData(values, isList(field)),
});
const indexedColumn = (values: readonly unknown[], index: Uint16Array | Uint32Array): Column => ({
  at: (row) => values[index[row]!],
  data: () => ({values, index}),
  distinct() {
    // One pass over the numbers, not a value per row (a file could list a value twice: kept once).
    const seen = new Uint8Array(values.length);
    const out = new Set<unknown>();
    for (const i of index) {
      if (seen[i]) continue;
      seen[i] = 1;
      out.add(values[i]);
    }
    return [...out];
  },
});

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringList = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** Checks value `v` of `field` (at `where`, for the message); a list is frozen: rows may share it. */
function checkValue(field: ArticleField, v: unknown, where: string): void {
  if (isList(field) ? !isStringList(v) : typeof v !== 'string')
    throw new ArticleTableError(
      `${where} "${field}" is not ${isList(field) ? 'a list of strings' : 'a string'} (${JSON.stringify(v)?.slice(0, 40)})`
    );
  if (isList(field)) Object.freeze(v);
}

const defaultOf = (field: ArticleField) => (isList(field) ? Object.freeze([]) : '');
const indexArray = (distinct: number, rows: number) =>
  distinct <= 0x10000 ? new Uint16Array(rows) : new Uint32Array(rows);

/** Whether `spec` says where a column is: at a 4-byte aligned offset into the columns. */
const isPlaced = (spec: unknown): spec is ColumnSpec =>
  isObject(spec) &&
  Number.isSafeInteger(spec.at) &&
  (spec.at as number) >= 0 &&
  (spec.at as number) % 4 === 0;

/** Reads text column `field` of a columns file at `spec.at`, checking its size and every offset. */
function readText(
  spec: {at: number; bytes?: unknown},
  field: ArticleField,
  count: number,
  data: Uint8Array
): {text: TextData; end: number} {
  const fail = (what: string) => new ArticleTableError(`column "${field}" ${what}`);
  const textAt = spec.at + (count + 1) * 4;
  if (!Number.isSafeInteger(spec.bytes) || textAt + (spec.bytes as number) > data.length)
    throw fail('runs past the end of the file (truncated?)');
  const offsets = new Uint32Array(data.buffer, data.byteOffset + spec.at, count + 1);
  if (offsets[0] !== 0 || offsets[count] !== spec.bytes) throw fail('has offsets that do not add up');
  for (let row = 0; row < count; row++)
    if (offsets[row + 1]! < offsets[row]!) throw fail(`has offsets that do not add up at entry ${row}`);
  // Not checked as UTF-8 here: the file's SHA-256 was, and a bad byte decodes to U+FFFD, never to markup.
  return {text: {offsets, bytes: data.subarray(textAt, textAt + spec.bytes)}, end: textAt + spec.bytes};
}

/** Reads column `field` of a columns file: checks where it is and every index or offset in it. */
function readColumn(
  spec: ColumnSpec | undefined,
  field: ArticleField,
  count: number,
  data: Uint8Array,
  decoder: TextDecoder
): {column: Column; end: number} {
  const fail = (what: string) => new ArticleTableError(`column "${field}" ${what}`);
  if (spec === undefined) {
    if (REQUIRED.has(field)) throw new ArticleTableError(`has no "${field}" column`);
    return {column: indexedColumn([defaultOf(field)], new Uint16Array(count)), end: 0};
  }
  if (!isPlaced(spec)) throw fail('is not where a column can be');
  if ('text' in spec) {
    if (isList(field)) throw fail('is text, expected lists');
    const {text, end} = readText(spec, field, count, data);
    return {column: {at: (row) => textAt(text, row, decoder), data: () => text}, end};
  }
  const {values, index} = spec as {values: unknown; index: unknown};
  if (!Array.isArray(values) || (index !== 'u16' && index !== 'u32'))
    throw fail('is neither text nor {values, index}');
  values.forEach((v, i) => checkValue(field, v, `value ${i} of`));
  const width = index === 'u16' ? 2 : 4;
  const end = spec.at + count * width;
  if (end > data.length) throw fail('runs past the end of the file (truncated?)');
  const held =
    index === 'u16'
      ? new Uint16Array(data.buffer, data.byteOffset + spec.at, count)
      : new Uint32Array(data.buffer, data.byteOffset + spec.at, count);
  for (let row = 0; row < count; row++)
    if (held[row]! >= values.length)
      throw new ArticleTableError(
        `entry ${row}: "${field}" index ${held[row]} is not one of its ${values.length} values`
      );
  return {column: indexedColumn(values, held), end};
}

/**
 * Builds a table an article at a time, checking each: from a list of article objects (older packs'
 * files, and the parsed list an older widget kept offline). Repetitive fields are kept once per distinct
 * value, so 40k copies of "general" or of `[]` in a parsed list become one each.
 */
export class ArticleTableBuilder {
  private readonly _fields: readonly ArticleField[];
  private readonly _values = new Map<ArticleField, unknown[]>();
  private readonly _rowsOf = new Map<ArticleField, number[]>();
  private readonly _keys = new Map<ArticleField, Map<string, number>>();
  private _size = 0;

  /** `fields`: the fields to hold (all, or the page's: without the bodies). */
  constructor(fields: readonly ArticleField[] = FIELDS) {
    this._fields = fields;
    for (const field of fields) {
      this._values.set(field, []);
      if (!UNIQUE.has(field)) {
        this._rowsOf.set(field, []);
        this._keys.set(field, new Map());
      }
    }
  }

  /** Adds `entry` as the next row; throws an {@link ArticleTableError} for a missing or wrong field. */
  add(entry: unknown): void {
    const row = this._size;
    if (!isObject(entry)) throw new ArticleTableError(`entry ${row} is not an object`);
    for (const field of this._fields) {
      let v = entry[field];
      if (v === undefined) {
        if (REQUIRED.has(field)) throw new ArticleTableError(`entry ${row} has no "${field}"`);
        v = defaultOf(field);
      }
      const values = this._values.get(field)!;
      const keys = this._keys.get(field);
      if (!keys) {
        checkValue(field, v, `entry ${row}:`);
        values.push(v);
        continue;
      }
      const key = typeof v === 'string' ? v : JSON.stringify(v);
      let at = keys.get(key);
      if (at === undefined) {
        checkValue(field, v, `entry ${row}:`);
        keys.set(key, (at = values.length));
        values.push(v);
      } else if (typeof v !== typeof values[at]) {
        checkValue(field, v, `entry ${row}:`);
      }
      this._rowsOf.get(field)!.push(at);
    }
    this._size++;
  }

  /** The table of the rows added. */
  build(): ArticleTable {
    const columns = new Map<ArticleField, Column>();
    for (const field of this._fields) {
      const values = this._values.get(field)!;
      const rows = this._rowsOf.get(field);
      if (!rows) {
        columns.set(field, plainColumn(values, field));
        continue;
      }
      const index = indexArray(values.length, rows.length);
      index.set(rows);
      columns.set(field, indexedColumn(values, index));
    }
    return new ArticleTable(listIds(this._values.get('id') as string[]), columns);
  }
}

export class ArticleTable implements ArticleLookup {
  /** How many articles. */
  readonly size: number;
  private readonly _columns: ReadonlyMap<ArticleField, Column>;
  private readonly _ids: ArticleIds;
  /** Row by id, when the ids are not in ascending order (a pack build writes them sorted: then none). */
  private readonly _rowOf: ReadonlyMap<string, number> | null;
  /** The objects {@link get} made, so that asking twice gives the same object. */
  private readonly _made = new Map<number, PageArticle>();

  /** @internal Use {@link read}, {@link of} or an {@link ArticleTableBuilder}. */
  constructor(ids: ArticleIds, columns: Map<ArticleField, Column>) {
    this.size = ids.size;
    this._ids = ids;
    this._columns = columns;
    if (ids.ascending()) {
      this._rowOf = null;
      return;
    }
    const rowOf = new Map<string, number>();
    ids.all().forEach((id, row) => {
      if (rowOf.has(id)) throw new ArticleTableError(`duplicate id "${id}"`);
      rowOf.set(id, row);
    });
    this._rowOf = rowOf;
  }

  /**
   * Reads an articles file's checked bytes: the columns file, or the JSON list of article objects packs
   * of format 1 wrote. `fields`: the columns the file holds, all (a pack's file) or {@link PAGE_FIELDS}
   * (the page's, from {@link file}). Throws an {@link ArticleTableError} saying what is wrong; the caller
   * names the file.
   */
  static read(bytes: Uint8Array, fields: readonly ArticleField[] = FIELDS): ArticleTable {
    if (bytes[0] === 0x5b /* [ */ || bytes[0] === 0x20 || bytes[0] === 0x0a) {
      let list: unknown;
      try {
        list = JSON.parse(new TextDecoder().decode(bytes));
      } catch {
        throw new ArticleTableError('is not valid JSON');
      }
      if (!Array.isArray(list)) throw new ArticleTableError('is not a list of articles');
      return ArticleTable.of(list, fields);
    }
    const read = readArticleColumnsHeader(bytes);
    if (typeof read === 'string') throw new ArticleTableError(read);
    const {header, layout, dataStart} = read;
    if (!LITTLE_ENDIAN) throw new ArticleTableError('cannot be read on a big-endian machine');
    const count = header.count;
    if (!Number.isSafeInteger(count) || count < 0)
      throw new ArticleTableError(`has no valid "count" (${JSON.stringify(count)})`);
    if (!isObject(header.columns)) throw new ArticleTableError('has no "columns"');
    for (const name of Object.keys(header.columns))
      if (!(fields as readonly string[]).includes(name) || (name === 'id' && layout === 1))
        throw new ArticleTableError(`has a column "${name}" that is not expected here`);
    // Typed arrays over the file's bytes need them 4-byte aligned (a fetched or stored buffer is).
    const data = (bytes.byteOffset + dataStart) % 4 ? bytes.slice(dataStart) : bytes.subarray(dataStart);
    const decoder = new TextDecoder();
    let ids: ArticleIds;
    let end = 0;
    if (layout === 1) {
      if (!Array.isArray(header.ids) || header.ids.length !== count)
        throw new ArticleTableError(`lists ${header.ids?.length ?? 'no'} ids for ${count} articles`);
      header.ids.forEach((id, row) => checkValue('id', id, `entry ${row}:`));
      ids = listIds(header.ids);
    } else {
      const spec = header.columns.id;
      if (!isPlaced(spec) || !('text' in spec)) throw new ArticleTableError('has no "id" column of text');
      const read = readText(spec, 'id', count, data);
      ids = textIds(read.text, decoder);
      end = read.end;
    }
    const columns = new Map<ArticleField, Column>();
    for (const field of fields) {
      if (field === 'id') continue;
      const read = readColumn(header.columns[field], field, count, data, decoder);
      columns.set(field, read.column);
      end = Math.max(end, read.end);
    }
    if (end !== data.length)
      throw new ArticleTableError(`has ${data.length - end} bytes after its last column`);
    return new ArticleTable(ids, columns);
  }

  /** A table of `articles`, each checked; `fields`: all (the default), or {@link PAGE_FIELDS}. */
  static of(articles: readonly unknown[], fields: readonly ArticleField[] = FIELDS): ArticleTable {
    const builder = new ArticleTableBuilder(fields);
    for (const a of articles) builder.add(a);
    return builder.build();
  }

  /**
   * These articles as a columns file of `fields` (say {@link PAGE_FIELDS}: without the bodies), for
   * {@link read}. A column read from a file is copied as its bytes are, not decoded and encoded again.
   */
  file(fields: readonly ArticleField[]): Uint8Array {
    const columns = new Map<Exclude<ArticleField, 'id'>, ColumnData>();
    for (const field of fields) {
      if (field === 'id') continue;
      const column = this._columns.get(field);
      if (!column) throw new ArticleTableError(`holds no "${field}" column`);
      columns.set(field, column.data());
    }
    return writeArticleColumns(this._ids.data(), columns);
  }

  /** Every article's id, by row. */
  ids(): readonly string[] {
    return this._ids.all();
  }

  /** The id of article `row`. */
  id(row: number): string {
    return this._ids.at(row);
  }

  /** The row of article `id`, or -1. */
  rowOf(id: string): number {
    return this._rowOf ? (this._rowOf.get(id) ?? -1) : this._ids.bisect(id);
  }

  /** Field `field` of article `row` (a list is frozen: rows may share it; text is decoded each time). */
  field<K extends Exclude<ArticleField, 'html'>>(field: K, row: number): PackArticle[K] {
    if (field === 'id') return this._ids.at(row) as PackArticle[K];
    return this._columns.get(field)!.at(row) as PackArticle[K];
  }

  /** The HTML of article `row`, or null when this table holds none (the page's). */
  html(row: number): string | null {
    const c = this._columns.get('html');
    return c ? (c.at(row) as string) : null;
  }

  /** The distinct values of `field`, in the order of their first article. */
  distinct<K extends Exclude<ArticleField, 'html'>>(field: K): PackArticle[K][] {
    const known = field === 'id' ? undefined : this._columns.get(field)?.distinct?.();
    if (known) return known as PackArticle[K][];
    const seen = new Set<PackArticle[K]>();
    for (let row = 0; row < this.size; row++) seen.add(this.field(field, row));
    return [...seen];
  }

  /** Article `row` without its HTML, a new object (list values are frozen: rows may share them). */
  page(row: number): PageArticle {
    return {
      id: this._ids.at(row),
      title: this.field('title', row),
      category: this.field('category', row),
      tags: this.field('tags', row),
      aliases: this.field('aliases', row),
      lang: this.field('lang', row),
      owner: this.field('owner', row),
      updated: this.field('updated', row),
      reviewBy: this.field('reviewBy', row),
      summary: this.field('summary', row),
      links: this.field('links', row),
    };
  }

  /** Article `id` without its HTML, or undefined; the same object each time it is asked for. */
  get(id: string): PageArticle | undefined {
    const row = this.rowOf(id);
    if (row < 0) return undefined;
    let made = this._made.get(row);
    if (!made) this._made.set(row, (made = this.page(row)));
    return made;
  }

  /** Article `row`, HTML included ('' when this table holds none). */
  article(row: number): PackArticle {
    return {...this.page(row), html: this.html(row) ?? ''};
  }

  /** Every article, in order, HTML included (an object each: for small packs and tools). */
  articles(): PackArticle[] {
    return Array.from({length: this.size}, (_, row) => this.article(row));
  }
}
