/**
 * The articles file's wire form: one list per field ("columns") instead of one object per article. At
 * 40k articles the object form repeats every key and every empty list 40k times (11 MB for 3 MB of text
 * in the atec-zh pack); columns write each key once, and a column whose values repeat (category,
 * language, owner, dates, most tag lists) is written as its distinct values plus each article's number
 * among them. Smaller to download and to keep, faster to parse, and read into an {@link ArticleTable}
 * without making an object per article.
 */
import type {PackArticle} from './pack-types.js';

/** The `layout` of the file this code writes and reads (the object form, a bare list, is read too). */
export const ARTICLE_COLUMNS_LAYOUT = 'article-columns-1';

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

/** A column: every article's value in order, or the distinct values and each article's index into them. */
export type ColumnJson<T> = T[] | {values: T[]; index: number[]};

/** The file. `count` is the number of articles; each column holds that many values. */
export interface ArticleColumnsJson {
  layout: typeof ARTICLE_COLUMNS_LAYOUT;
  count: number;
  columns: {[K in ArticleField]: ColumnJson<PackArticle[K]>};
}

/**
 * A column of `values`, written as distinct values plus indexes when that is much shorter: when the
 * distinct values are at most a quarter of the rows (ids, titles and bodies stay plain lists).
 */
function column<T>(values: T[]): ColumnJson<T> {
  const keys = new Map<string, number>();
  const distinct: T[] = [];
  const index = values.map((v) => {
    const key = JSON.stringify(v);
    let i = keys.get(key);
    if (i === undefined) {
      keys.set(key, (i = distinct.length));
      distinct.push(v);
    }
    return i;
  });
  return distinct.length * 4 <= values.length ? {values: distinct, index} : values;
}

/** The columnar file for `articles`, in their order. */
export function encodeArticleColumns(articles: readonly PackArticle[]): ArticleColumnsJson {
  const columns = {} as Record<ArticleField, ColumnJson<unknown>>;
  for (const field of [...STRING_FIELDS, ...LIST_FIELDS])
    columns[field] = column(articles.map((a) => a[field]));
  return {
    layout: ARTICLE_COLUMNS_LAYOUT,
    count: articles.length,
    columns: columns as ArticleColumnsJson['columns'],
  };
}
