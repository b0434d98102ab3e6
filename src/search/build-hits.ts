/**
 * Turns ranked ids into search hits on the side that holds the articles: title, category, language,
 * review status and a highlighted snippet of the article's text.
 */
import type {ArticleTable} from '../content/article-table.js';
import {htmlToText} from '../content/html-to-text.js';
import type {RankedHit} from './search-engine.js';
import {makeSnippet, snippetToHtml} from './snippet.js';
import type {SnippetPart} from './snippet.js';

/** One result. `snippet` is escaped HTML with `<mark>` around matches; `snippetParts` the same as data. */
export interface SearchHit {
  id: string;
  title: string;
  category: string;
  lang: string;
  score: number;
  snippet: string;
  snippetParts: SnippetPart[];
  stale: boolean;
}

/**
 * Plain text of the articles results were last made from, by table and row: typing asks for the same
 * articles prefix after prefix. Bounded, so a long shift of searches does not end up holding every body
 * twice.
 */
const textCache = new WeakMap<ArticleTable, Map<number, string>>();
const TEXTS_KEPT = 2000;

function plainText(articles: ArticleTable, row: number, summary: string): string {
  let texts = textCache.get(articles);
  if (!texts) textCache.set(articles, (texts = new Map()));
  let text = texts.get(row);
  if (text === undefined) {
    const body = htmlToText(articles.html(row) ?? '');
    text = summary ? `${summary} ${body}` : body;
    if (texts.size >= TEXTS_KEPT) texts.delete(texts.keys().next().value!);
    texts.set(row, text);
  }
  return text;
}

/** Hits for `ranked`, skipping ids the articles do not have; `today` (YYYY-MM-DD) marks stale ones. */
export function buildHits(
  ranked: readonly RankedHit[],
  articles: ArticleTable,
  query: string,
  today: string
): SearchHit[] {
  const hits: SearchHit[] = [];
  for (const r of ranked) {
    const row = articles.rowOf(r.id);
    if (row < 0) continue;
    const a = articles.page(row);
    const parts = makeSnippet(plainText(articles, row, a.summary), query, undefined, r.terms);
    hits.push({
      id: a.id,
      title: a.title,
      category: a.category,
      lang: a.lang,
      score: r.score,
      snippet: snippetToHtml(parts),
      snippetParts: parts,
      stale: a.reviewBy < today,
    });
  }
  return hits;
}
