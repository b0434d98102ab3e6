/**
 * Turns ranked ids into search hits on the side that holds the articles: title, category, language,
 * review status and a highlighted snippet of the article's text.
 */
import {htmlToText} from '../content/html-to-text.js';
import type {PackArticle} from '../content/pack-types.js';
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

/** Plain text per article, computed once per article when first needed for a snippet. */
const textCache = new WeakMap<PackArticle, string>();

function plainText(a: PackArticle): string {
  let text = textCache.get(a);
  if (text === undefined) {
    text = a.summary ? `${a.summary} ${htmlToText(a.html)}` : htmlToText(a.html);
    textCache.set(a, text);
  }
  return text;
}

/** Hits for `ranked`, skipping ids the articles do not have; `today` (YYYY-MM-DD) marks stale ones. */
export function buildHits(
  ranked: readonly RankedHit[],
  articles: ReadonlyMap<string, PackArticle>,
  query: string,
  today: string
): SearchHit[] {
  const hits: SearchHit[] = [];
  for (const r of ranked) {
    const a = articles.get(r.id);
    if (!a) continue;
    const parts = makeSnippet(plainText(a), query, undefined, r.terms);
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
