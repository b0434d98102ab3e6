/**
 * A pack's articles held as columns (see article-columns.ts), read and checked from the articles file.
 * Where the articles file is read (the search worker, or the page without one) it is held this way: a
 * list per field and a small index per repetitive one, not an object per article. At 40k articles that
 * is a fraction of the memory, and an article's object is made only when something asks for it.
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
const isList = (field: ArticleField) => (LIST_FIELDS as readonly string[]).includes(field);

/** A column in memory: values by row, or distinct values and each row's index into them. */
interface Column {
  values: readonly unknown[];
  index: Uint16Array | Uint32Array | null;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringList = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** Checks value `v` of `field` (at `where`, for the message); list values are frozen: rows may share one. */
function checkValue(field: ArticleField, v: unknown, where: string): void {
  if (isList(field) ? !isStringList(v) : typeof v !== 'string')
    throw new ArticleTableError(
      `${where} "${field}" is not ${isList(field) ? 'a list of strings' : 'a string'} (${JSON.stringify(v)?.slice(0, 40)})`
    );
  if (isList(field)) Object.freeze(v);
}

const defaultOf = (field: ArticleField) => (isList(field) ? Object.freeze([]) : '');

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
  const held = values.length <= 0x10000 ? new Uint16Array(count) : new Uint32Array(count);
  index.forEach((i, row) => {
    if (!Number.isInteger(i) || (i as number) < 0 || (i as number) >= values.length)
      throw new ArticleTableError(
        `entry ${row}: "${field}" index ${JSON.stringify(i)} is not one of its ${values.length} values`
      );
    held[row] = i as number;
  });
  return {values, index: held};
}

/** Columns from the object form (a list of articles), as older packs wrote it. */
function columnsOfList(list: unknown[]): Map<ArticleField, Column> {
  const columns = new Map<ArticleField, Column>();
  for (const field of FIELDS) columns.set(field, {values: new Array<unknown>(list.length), index: null});
  list.forEach((entry, row) => {
    if (!isObject(entry)) throw new ArticleTableError(`entry ${row} is not an object`);
    for (const field of FIELDS) {
      let v = entry[field];
      if (v === undefined) {
        if (REQUIRED.has(field)) throw new ArticleTableError(`entry ${row} has no "${field}"`);
        v = defaultOf(field);
      }
      checkValue(field, v, `entry ${row}:`);
      (columns.get(field)!.values as unknown[])[row] = v;
    }
  });
  return columns;
}

export class ArticleTable {
  /** How many articles. */
  readonly size: number;
  private readonly _columns: ReadonlyMap<ArticleField, Column>;
  private readonly _ids: readonly string[];
  /** Row by id, when the ids are not in ascending order (a pack build writes them sorted: then none). */
  private readonly _rowOf: ReadonlyMap<string, number> | null;

  private constructor(size: number, columns: Map<ArticleField, Column>) {
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
    if (Array.isArray(value)) return new ArticleTable(value.length, columnsOfList(value));
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

  /** A table of `articles` (tests and tools; the widget reads files). */
  static of(articles: readonly PackArticle[]): ArticleTable {
    return ArticleTable.read([...articles]);
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

  /** Field `field` of article `row` (a list value is frozen: rows may share it). */
  field<K extends ArticleField>(field: K, row: number): PackArticle[K] {
    const c = this._columns.get(field)!;
    return (c.index ? c.values[c.index[row]!] : c.values[row]) as PackArticle[K];
  }

  /** The HTML of article `row`. */
  html(row: number): string {
    return this.field('html', row);
  }

  /** Article `row` without its HTML, as the page holds it (list values are frozen: rows may share them). */
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

  /** Article `row`, HTML included. */
  article(row: number): PackArticle {
    return {...this.page(row), html: this.html(row)};
  }

  /** Every article, in order, HTML included (an object each: for small packs and tools). */
  articles(): PackArticle[] {
    return Array.from({length: this.size}, (_, row) => this.article(row));
  }
}
