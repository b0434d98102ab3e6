/**
 * A pack's articles file as tests read and rewrite it: the articles of its text (columns or the older
 * list), and the text of a list of articles as a pack build writes it.
 */
import {encodeArticleColumns} from '../../src/content/article-columns.js';
import {ArticleTable} from '../../src/content/article-table.js';
import type {PackArticle} from '../../src/content/pack-types.js';

/** The articles of an articles file's text. */
export const articlesOf = (text: string): PackArticle[] => ArticleTable.read(JSON.parse(text)).articles();

/** The text of an articles file holding `articles`, in that order. */
export const articlesText = (articles: readonly PackArticle[]): string =>
  JSON.stringify(encodeArticleColumns(articles));
