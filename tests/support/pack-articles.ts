/**
 * A pack's articles file as tests read and rewrite it: the articles of its bytes (the columns file, or
 * an older pack's JSON list), and the bytes of a list of articles as a pack build writes them.
 */
import {encodeArticleColumns} from '../../src/content/article-columns.js';
import {ArticleTable} from '../../src/content/article-table.js';
import type {PackArticle} from '../../src/content/pack-types.js';

/** The articles of an articles file. */
export const articlesOf = (source: Uint8Array | ArrayBuffer): PackArticle[] =>
  ArticleTable.read(source instanceof Uint8Array ? source : new Uint8Array(source)).articles();

/** The articles file holding `articles`, in that order. */
export const articlesFile = (articles: readonly PackArticle[]): Uint8Array => encodeArticleColumns(articles);
