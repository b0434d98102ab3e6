/**
 * The words of a query that did not match the article the agent opened from it: runs of query words
 * that, after the search's own analysis (folding, stop words, stemming, Chinese segmentation), are not
 * among the article's terms. Those are the agents' words the editors never wrote: alias candidates.
 * A run of up to {@link MAX_ALIAS_WORDS} words is kept as one phrase ("money back"), a longer one as
 * its single words (a whole unmatched sentence is no alias); Chinese is read by character pairs, as the
 * index reads it ("欠费停机" against an article about 话费 and 停机 proposes "欠费").
 */
import {fold, processTerm} from '../search/analyze.js';

/** Longest phrase proposed as one alias, in words. */
export const MAX_ALIAS_WORDS = 3;

/** One candidate: `key` (its analyzed terms, to count variants as one) and the text as typed (folded). */
export interface AliasCandidate {
  key: string;
  text: string;
}

let segmenter: Intl.Segmenter | undefined;
/** Words of (non-Chinese) text, with their positions, by the same rules as the search's analysis. */
function words(text: string, offset: number): {word: string; index: number}[] {
  segmenter ??= new Intl.Segmenter('zh', {granularity: 'word'});
  const out: {word: string; index: number}[] = [];
  for (const s of segmenter.segment(text))
    if (s.isWordLike) out.push({word: s.segment, index: offset + s.index});
  return out;
}

const HAN_RUN = /\p{Script=Han}+/gu;
/** Longest Chinese span proposed (longer is a sentence, not a word agents use for a topic). */
export const MAX_HAN_ALIAS = 6;

/**
 * The spans of a Chinese run that the article does not know: a character is known when it is part of a
 * character pair the article holds (the index holds the pairs of Chinese runs, and search matches
 * through them, so this does not depend on how a segmenter splits the words). Spans of one character
 * say nothing; spans longer than {@link MAX_HAN_ALIAS} are left out.
 */
function unknownHanSpans(run: string, terms: ReadonlySet<string>): string[] {
  const chars = [...run];
  if (chars.length === 1) return [];
  const known = chars.map(() => false);
  for (let i = 0; i + 1 < chars.length; i++) {
    if (terms.has(chars[i]! + chars[i + 1]!)) known[i] = known[i + 1] = true;
  }
  const spans: string[] = [];
  let span = '';
  chars.forEach((ch, i) => {
    if (!known[i]) span += ch;
    if (known[i] || i === chars.length - 1) {
      if ([...span].length >= 2 && [...span].length <= MAX_HAN_ALIAS) spans.push(span);
      span = '';
    }
  });
  return spans;
}

/** The alias candidates of `query` against an article's `terms`, in query order, without repeats. */
export function aliasCandidates(query: string, terms: ReadonlySet<string>): AliasCandidate[] {
  const text = fold(query);
  const out: AliasCandidate[] = [];
  const seen = new Set<string>();
  const push = (key: string, candidateText: string) => {
    if (!seen.has(key)) out.push({key, text: candidateText.replace(/\s+/g, ' ')});
    seen.add(key);
  };
  type Word = {word: string; index: number; term: string};
  let run: Word[] = [];
  const close = () => {
    const parts = run;
    run = [];
    if (parts.length === 0) return;
    if (parts.length > MAX_ALIAS_WORDS) {
      for (const p of parts) push(p.term, p.word);
      return;
    }
    const last = parts.at(-1)!;
    push(parts.map((p) => p.term).join(' '), text.slice(parts[0]!.index, last.index + last.word.length));
  };
  const latin = (piece: string, offset: number) => {
    for (const w of words(piece, offset)) {
      const term = processTerm(w.word);
      // A stop word neither matches nor breaks a run ("money back" in "money *to* back" stays one phrase).
      if (term === null) continue;
      if (terms.has(term)) close();
      else run.push({...w, term});
    }
  };
  let at = 0;
  for (const m of text.matchAll(HAN_RUN)) {
    latin(text.slice(at, m.index), at);
    close();
    for (const span of unknownHanSpans(m[0], terms)) push(span, span);
    at = m.index + m[0].length;
  }
  latin(text.slice(at), at);
  close();
  return out;
}
