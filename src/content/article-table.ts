/**
 * A pack's articles held as columns (see article-columns.ts): a list per field, and for each repetitive
 * field its distinct values and a small index. The search worker holds the articles file this way; the
 * page holds the same without the bodies, built slice by slice as the worker sends them. At 40k articles
 * that is a fraction of an object per article, and an article's object is made only when asked for.
 */
import {ARTICLE_COLUMNS_LAYOUT, LIST_FIELDS, STRING_FIELDS} from './article-columns.js';
import type {ArticleField} from './article-columns.js';
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
/** Fields whose values are mostly unique: held as plain lists, never as distinct values. */
const UNIQUE: ReadonlySet<ArticleField> = new Set(['id', 'title', 'html']);
const isList = (field: ArticleField) => (LIST_FIELDS as readonly string[]).includes(field);

/** Looks articles up by id: the widget's view of a pack's articles (a Map is one too). */
export interface ArticleLookup {
  get(id: string): PageArticle | undefined;
}

/** A column in memory: values by row, or distinct values and each row's index into them. */
interface Column {
  values: readonly unknown[];
  index: Uint16Array | Uint32Array | null;
}

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

/** Reads column `field` of a columnar file with `count` rows. */
function readColumn(raw: unknown, field: ArticleField, count: number): Column {
  if (raw === undefined) {
    if (REQUIRED.has(field)) throw new ArticleTableError(`has no "${field}" column`);
    return {values: [defaultOf(field)], index: new Uint16Array(count)};
  }
  if (Array.isArray(raw)) {
    if (raw.length !== count)
      throw new ArticleTableError(`column "${field}" has ${raw.length} values, expected ${count}`);
    raw.forEach((v, row) => checkValue(field, v, `entry ${row}:`));
    return {values: raw, index: null};
  }
  if (!isObject(raw) || !Array.isArray(raw.values) || !Array.isArray(raw.index))
    throw new ArticleTableError(`column "${field}" is neither a list nor {values, index}`);
  const {values, index} = raw as {values: unknown[]; index: unknown[]};
  if (index.length !== count)
    throw new ArticleTableError(`column "${field}" has ${index.length} indexes, expected ${count}`);
  values.forEach((v, i) => checkValue(field, v, `value ${i} of`));
  const held = indexArray(values.length, count);
  index.forEach((i, row) => {
    if (!Number.isInteger(i) || (i as number) < 0 || (i as number) >= values.length)
      throw new ArticleTableError(
        `entry ${row}: "${field}" index ${JSON.stringify(i)} is not one of its ${values.length} values`
      );
    held[row] = i as number;
  });
  return {values, index: held};
}

/**
 * Builds a table an article at a time, checking each: from a list of article objects (older packs'
 * files), or on the page from the slices the search worker sends. Repetitive fields are kept once per
 * distinct value, so 40k copies of "general" or of `[]` arriving in slices become one each.
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
      let index: Column['index'] = null;
      if (rows) (index = indexArray(values.length, rows.length)).set(rows);
      columns.set(field, {values, index});
    }
    return new ArticleTable(this._size, columns);
  }
}

export class ArticleTable implements ArticleLookup {
  /** How many articles. */
  readonly size: number;
  private readonly _columns: ReadonlyMap<ArticleField, Column>;
  private readonly _ids: readonly string[];
  /** Row by id, when the ids are not in ascending order (a pack build writes them sorted: then none). */
  private readonly _rowOf: ReadonlyMap<string, number> | null;
  /** The objects {@link get} made, so that asking twice gives the same object. */
  private readonly _made = new Map<number, PageArticle>();

  /** @internal Use {@link read}, {@link of} or an {@link ArticleTableBuilder}. */
  constructor(size: number, columns: Map<ArticleField, Column>) {
    this.size = size;
    this._columns = columns;
    const ids = columns.get('id')!;
    this._ids = ids.index
      ? Array.from({length: size}, (_, row) => ids.values[ids.index![row]!] as string)
      : (ids.values as string[]);
    let sorted = true;
    for (let row = 1; row < size && sorted; row++) sorted = this._ids[row - 1]! < this._ids[row]!;
    if (sorted) {
      this._rowOf = null;
      return;
    }
    const rowOf = new Map<string, number>();
    this._ids.forEach((id, row) => {
      if (rowOf.has(id)) throw new ArticleTableError(`duplicate id "${id}"`);
      rowOf.set(id, row);
    });
    this._rowOf = rowOf;
  }

  /**
   * Reads a parsed articles file: the columnar form, or a list of article objects (packs built before
   * it). Throws an {@link ArticleTableError} saying what is wrong; the caller names the file.
   */
  static read(value: unknown): ArticleTable {
    if (Array.isArray(value)) return ArticleTable.of(value);
    if (!isObject(value) || value.layout !== ARTICLE_COLUMNS_LAYOUT)
      throw new ArticleTableError(
        `is not an articles file this version reads (expected layout "${ARTICLE_COLUMNS_LAYOUT}", got ${JSON.stringify(isObject(value) ? value.layout : typeof value)}); rebuild the pack with this version of agent-assist`
      );
    const {count, columns} = value;
    if (!Number.isSafeInteger(count) || (count as number) < 0)
      throw new ArticleTableError(`has no valid "count" (${JSON.stringify(count)})`);
    if (!isObject(columns)) throw new ArticleTableError('has no "columns"');
    const held = new Map<ArticleField, Column>();
    for (const field of FIELDS) held.set(field, readColumn(columns[field], field, count as number));
    return new ArticleTable(count as number, held);
  }

  /** A table of `articles`, each checked; `fields`: all (the default), or {@link PAGE_FIELDS}. */
  static of(articles: readonly unknown[], fields: readonly ArticleField[] = FIELDS): ArticleTable {
    const builder = new ArticleTableBuilder(fields);
    for (const a of articles) builder.add(a);
    return builder.build();
  }

  /** Every article's id, by row. */
  ids(): readonly string[] {
    return this._ids;
  }

  /** The id of article `row`. */
  id(row: number): string {
    return this._ids[row]!;
  }

  /** The row of article `id`, or -1. */
  rowOf(id: string): number {
    if (this._rowOf) return this._rowOf.get(id) ?? -1;
    let lo = 0;
    let hi = this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = this._ids[mid]!;
      if (at === id) return mid;
      if (at < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Field `field` of article `row` (a list is frozen: rows may share it). */
  field<K extends Exclude<ArticleField, 'html'>>(field: K, row: number): PackArticle[K] {
    const c = this._columns.get(field)!;
    return (c.index ? c.values[c.index[row]!] : c.values[row]) as PackArticle[K];
  }

  /** The HTML of article `row`, or null when this table holds none (the page's). */
  html(row: number): string | null {
    const c = this._columns.get('html');
    if (!c) return null;
    return (c.index ? c.values[c.index[row]!] : c.values[row]) as string;
  }

  /** The distinct values of `field`, in the order of their first article. */
  distinct<K extends Exclude<ArticleField, 'html'>>(field: K): PackArticle[K][] {
    const seen = new Set<PackArticle[K]>();
    for (let row = 0; row < this.size; row++) seen.add(this.field(field, row));
    return [...seen];
  }

  /** Article `row` without its HTML, a new object (list values are frozen: rows may share them). */
  page(row: number): PageArticle {
    return {
      id: this._ids[row]!,
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
