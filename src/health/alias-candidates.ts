/**
 * The words of a query that did not match the article the agent opened from it: runs of query words
 * that, after the search's own analysis (folding, stop words, stemming, Chinese segmentation), are not
 * among the article's terms. Those are the agents' words the editors never wrote: alias candidates.
 * A run of up to {@link MAX_ALIAS_WORDS} words is kept as one phrase ("money back"), a longer one as
 * its single words (a whole unmatched sentence is no alias).
 */
import {fold, isHan, processTerm} from '../search/analyze.js';

/** Longest phrase proposed as one alias, in words. */
export const MAX_ALIAS_WORDS = 3;

/** One candidate: `key` (its analyzed terms, to count variants as one) and the text as typed (folded). */
export interface AliasCandidate {
  key: string;
  text: string;
}

let segmenter: Intl.Segmenter | undefined;
/** The same word rules as the search's analysis (Chinese rules also split Latin text on spaces). */
function words(text: string): {word: string; index: number}[] {
  segmenter ??= new Intl.Segmenter('zh', {granularity: 'word'});
  const out: {word: string; index: number}[] = [];
  for (const s of segmenter.segment(text)) if (s.isWordLike) out.push({word: s.segment, index: s.index});
  return out;
}

/**
 * Whether an analyzed term is known to the article: itself, or for a Chinese word of three or more
 * characters all of its character pairs (the index holds the pairs of long Chinese runs, so search
 * finds such a word through them).
 */
function known(term: string, terms: ReadonlySet<string>): boolean {
  if (terms.has(term)) return true;
  if (!isHan(term) || term.length < 3) return false;
  for (let i = 0; i + 2 <= term.length; i++) if (!terms.has(term.slice(i, i + 2))) return false;
  return true;
}

/** The alias candidates of `query` against an article's `terms`, in query order, without repeats. */
export function aliasCandidates(query: string, terms: ReadonlySet<string>): AliasCandidate[] {
  const text = fold(query);
  const runs: {word: string; index: number; term: string}[][] = [];
  let run: {word: string; index: number; term: string}[] = [];
  const close = () => {
    if (run.length > 0) runs.push(run);
    run = [];
  };
  for (const w of words(text)) {
    const term = processTerm(w.word);
    // A stop word neither matches nor breaks a run ("money back" in "money *to* back" stays one phrase).
    if (term === null) continue;
    if (known(term, terms)) close();
    else run.push({...w, term});
  }
  close();
  const out: AliasCandidate[] = [];
  const seen = new Set<string>();
  const add = (parts: typeof run) => {
    const first = parts[0]!;
    const last = parts.at(-1)!;
    const candidate = {
      key: parts.map((p) => p.term).join(' '),
      text: text.slice(first.index, last.index + last.word.length).replace(/\s+/g, ' '),
    };
    if (!seen.has(candidate.key)) out.push(candidate);
    seen.add(candidate.key);
  };
  for (const r of runs) {
    if (r.length <= MAX_ALIAS_WORDS) add(r);
    else for (const w of r) add([w]);
  }
  return out;
}
