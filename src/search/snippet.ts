/**
 * Result snippets: a short window of an article's plain text around the first match, split into parts
 * marked as hit or not. Built from text and rendered as text (or escaped HTML), so never an injection path.
 */
import {fold, isHan, processTerm, tokenize} from './analyze.js';
import {escapeHtml} from '../internal/escape-html.js';

/** A piece of a snippet; `hit` pieces are the matched words. */
export interface SnippetPart {
  text: string;
  hit: boolean;
}

/** How many characters a snippet shows around the match: about two lines of the results list. */
export const SNIPPET_LENGTH = 160;

/** The query's terms in the forms the snippet compares against: folded tokens and their stems. */
export function queryMatchers(query: string): string[] {
  const out = new Set<string>();
  for (const token of tokenize(query)) {
    const stem = processTerm(token);
    if (stem === null) continue;
    out.add(fold(token));
    if (stem.length >= 3) out.add(stem);
  }
  // Longest first, so "refund" is tried before "ref".
  return [...out].sort((a, b) => b.length - a.length);
}

/** Finds every match of `matchers` in `text`: Chinese anywhere, other words at a word start. */
function findHits(text: string, matchers: string[]): [number, number][] {
  const folded = fold(text);
  // Folding can change lengths (rare ligatures); fall back to no highlight rather than misplace one.
  if (folded.length !== text.length) return [];
  const hits: [number, number][] = [];
  for (const m of matchers) {
    let from = 0;
    for (;;) {
      const at = folded.indexOf(m, from);
      if (at < 0) break;
      from = at + m.length;
      const wordStart = at === 0 || isHan(m) || !/[\p{L}\p{N}]/u.test(folded[at - 1]!);
      if (!wordStart) continue;
      // Extend a Latin match to the end of its word: "refund" highlights all of "refunds".
      let end = at + m.length;
      if (!isHan(m)) while (end < folded.length && /[\p{L}\p{N}]/u.test(folded[end]!)) end++;
      hits.push([at, end]);
    }
  }
  hits.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const h of hits) {
    const last = merged[merged.length - 1];
    if (last && h[0] <= last[1]) last[1] = Math.max(last[1], h[1]);
    else merged.push([...h]);
  }
  return merged;
}

/**
 * A snippet of `text` around the first match of `query` (or its start when nothing matches).
 * `matchedTerms` are the index terms the search matched, so a typo ("refnud") highlights what it found.
 */
export function makeSnippet(
  text: string,
  query: string,
  length = SNIPPET_LENGTH,
  matchedTerms: readonly string[] = []
): SnippetPart[] {
  const matchers = [...new Set([...queryMatchers(query), ...matchedTerms.filter((t) => t.length >= 2)])].sort(
    (a, b) => b.length - a.length
  );
  const hits = findHits(text, matchers);
  const first = hits[0]?.[0] ?? 0;
  let start = Math.max(0, first - Math.floor(length / 4));
  // Start at a word boundary when one is near.
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space >= 0 && space < first) start = space + 1;
  }
  const end = Math.min(text.length, start + length);
  const parts: SnippetPart[] = [];
  if (start > 0) parts.push({text: '…', hit: false});
  let pos = start;
  for (const [a, b] of hits) {
    if (b <= start || a >= end) continue;
    const from = Math.max(a, start);
    const to = Math.min(b, end);
    if (from > pos) parts.push({text: text.slice(pos, from), hit: false});
    parts.push({text: text.slice(from, to), hit: true});
    pos = to;
  }
  if (pos < end) parts.push({text: text.slice(pos, end), hit: false});
  if (end < text.length) parts.push({text: '…', hit: false});
  return parts;
}

/** A snippet as HTML: every part escaped, hits wrapped in `<mark>`. Safe to assign to innerHTML. */
export function snippetToHtml(parts: readonly SnippetPart[]): string {
  return parts.map((p) => (p.hit ? `<mark>${escapeHtml(p.text)}</mark>` : escapeHtml(p.text))).join('');
}
