/**
 * Text analysis for search, the same at pack time and at query time: Unicode word segmentation (so
 * Chinese splits into words), plus overlapping character pairs of Chinese runs (so a query word the
 * segmenter split differently still matches: "话费" inside "话费余额"), NFKC width folding, lower case,
 * diacritics removed, English stop words dropped and Porter stemming ("refunds", "refunding" → "refund").
 */
import {stemmer} from 'stemmer';
import {EN_STOP_WORDS, ZH_STOP_WORDS} from './stop-words.js';

const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;
const LATIN_WORD = /^[a-z][a-z']*$/;
const MARKS = /\p{M}+/gu;

let segmenter: Intl.Segmenter | null | undefined;
/** One segmenter, made on first use (no work at import). Chinese rules also split Latin text on spaces. */
function getSegmenter(): Intl.Segmenter | null {
  if (segmenter === undefined) {
    segmenter =
      typeof Intl !== 'undefined' && 'Segmenter' in Intl
        ? new Intl.Segmenter('zh', {granularity: 'word'})
        : null;
  }
  return segmenter;
}

/**
 * Makes the word segmenter now: the first one costs about 15 ms (ICU loading its Chinese rules). The
 * search worker calls this while a pack's files are being read, so that a pack's first search does not.
 */
export function prepareSegmenter(): void {
  getSegmenter();
}

/** Width folding (full-width → ASCII), lower case and diacritics removed: "Ｒｅｆｕｎｄ", "Réfund" → "refund". */
export function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().normalize('NFD').replace(MARKS, '').normalize('NFC');
}

/** Whether a token is Chinese (Han) text. */
export function isHan(token: string): boolean {
  return HAN.test(token);
}

/**
 * Splits text into tokens: segmenter words, and for every Chinese run of three or more characters its
 * overlapping pairs too. Punctuation and spaces are dropped.
 */
export function tokenize(text: string): string[] {
  const folded = fold(text);
  const seg = getSegmenter();
  const out: string[] = [];
  if (seg) {
    for (const s of seg.segment(folded)) if (s.isWordLike) out.push(s.segment);
  } else {
    out.push(...folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  }
  for (const run of folded.match(HAN_RUN) ?? []) {
    if (run.length < 3) continue;
    for (let i = 0; i + 2 <= run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}

/** The stem of a folded Latin word (unchanged for other tokens). */
function stem(term: string): string {
  return LATIN_WORD.test(term) && term.length > 2 ? stemmer(term.replace(/'s$/, '')) : term;
}

/**
 * Normalizes one token to its index term, or null for a stop word. English words are indexed stemmed
 * only: also indexing the written form helped typos in inflected words but cost 0.04 MRR@10 on the
 * stackfaq-en dev split, since every inflected match then counts twice.
 */
export function processTerm(token: string): string | null {
  const term = fold(token);
  if (term === '') return null;
  if (isHan(term)) return ZH_STOP_WORDS.has(term) ? null : term;
  if (EN_STOP_WORDS.has(term)) return null;
  return stem(term);
}

/**
 * Query-time variant of {@link processTerm}: an English word is looked up both stemmed and as typed, so
 * a half-typed word still prefix-matches ("billin" stems to "billin", which no indexed stem starts with;
 * as typed, it is one edit from the stem "bill").
 */
export function processQueryTerm(token: string): string | string[] | null {
  const term = processTerm(token);
  if (term === null) return null;
  const raw = fold(token);
  return raw !== term && !isHan(raw) ? [term, raw] : term;
}

/** The terms of a text, as the index sees them (for snippets and tests). */
export function analyze(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) {
    const term = processTerm(token);
    if (term !== null) terms.push(term);
  }
  return terms;
}
