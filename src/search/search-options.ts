/**
 * The one MiniSearch configuration, shared by the pack builder (indexing) and the widget (loading and
 * querying): an index must be loaded with exactly the options it was built with.
 */
import type {Options} from 'minisearch';

/** A document as indexed: one per article. */
export interface SearchDocument {
  id: string;
  title: string;
  aliases: string;
  tags: string;
  summary: string;
  body: string;
  category: string;
  lang: string;
}

/** Bump when tokenization or fields change: a pack built with another version is rebuilt, never guessed. */
export const SEARCH_INDEX_VERSION = 1;

const HAN = /\p{Script=Han}/u;
const segmenter =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh', {granularity: 'word'}) : null;

/** Splits text into words: Unicode word segmentation, so Chinese is split into words too. */
export function tokenize(text: string): string[] {
  if (!segmenter) return text.split(/[\s\p{P}]+/u).filter(Boolean);
  const out: string[] = [];
  for (const s of segmenter.segment(text)) {
    if (s.isWordLike || HAN.test(s.segment)) out.push(s.segment);
  }
  return out;
}

/** MiniSearch options for the article index. */
export const searchOptions: Options<SearchDocument> = {
  idField: 'id',
  fields: ['title', 'aliases', 'tags', 'summary', 'body'],
  storeFields: [],
  tokenize,
  processTerm: (term) => term.normalize('NFKC').toLowerCase(),
};
