/**
 * Ranks a query over the compact index's arrays with MiniSearch's scoring, without MiniSearch's result
 * object per matching document: the same BM25+ score (same formula and order of floating-point
 * operations), field boosts, document boost, prefix and typo weights, and "quality" factor for the number
 * of query terms matched, summed into typed arrays, then only the top hits kept. On the 39k-entry atec-zh
 * set a common Chinese term matches tens of thousands of documents: MiniSearch's objects made one query
 * take ~130 ms, and a Chinese query with one Latin letter in it (its last term then a prefix) ~200 ms;
 * this does the same work in a few milliseconds.
 *
 * The query arrives expanded (see {@link RankTerm}): which index terms each query term matches, and with
 * what weight, is worked out where MiniSearch's term tree is (search-engine.ts). The tests compare the
 * rankings, scores and matched terms with MiniSearch's `search()`.
 */
import type {IndexArrays} from './compact-index.js';

/** BM25+ parameters, MiniSearch's defaults. */
const BM25 = {k: 1.2, b: 0.7, d: 0.5};

/** One query term and the index terms it matches. */
export interface RankTerm {
  /** The query term: a document matched by it in any form counts once toward the quality factor. */
  source: string;
  /** Its matches in the index, in MiniSearch's order: itself (weight 1), prefix completions, typo fixes. */
  expansions: readonly {term: number; derived: string; weight: number}[];
}

export interface FastRankOptions {
  boosts: Record<string, number>;
  limit: number;
  /** Multiplier per document from its stored fields (language preference). */
  docBoost?: (stored: Record<string, unknown> | undefined) => number;
  filter?: (stored: Record<string, unknown> | undefined) => boolean;
}

export interface FastHit {
  id: string;
  score: number;
  /** The index terms the document matched, in the order MiniSearch lists them. */
  terms: string[];
}

export type FastRanker = (query: readonly RankTerm[], options: FastRankOptions) => FastHit[];

/** Makes a ranker over `index`. */
export function fastRanker(index: IndexArrays): FastRanker {
  const {fieldCount, fieldLengths, termStarts, docs, tfs, documentIds, storedCombos, stored} = index;
  const storedOf = (doc: number) => (stored[doc] ? storedCombos[stored[doc]! - 1] : undefined);
  const size = index.nextId;
  // Per document: the total so far, the current term's part of it, how many query terms it matched,
  // and stamps saying whether it was touched by this query / this term (reset for touched ones only).
  const scores = new Float64Array(size);
  const termScores = new Float64Array(size);
  const quality = new Uint16Array(size);
  const touchedBy = new Int32Array(size);
  const termStamp = new Int32Array(size);
  // For each query term typed more than once: which documents it has already counted for (by stamp).
  const creditStamps: Int32Array[] = [];
  let serial = 0;

  return (query, options) => {
    // The boost depends on the stored fields only, which come in few combinations: one per combination.
    const comboBoost = new Float64Array(storedCombos.length + 1).fill(NaN);
    const boostOf = (doc: number): number => {
      if (!options.docBoost) return 1;
      const combo = stored[doc]!;
      let b = comboBoost[combo]!;
      if (Number.isNaN(b)) b = comboBoost[combo] = options.docBoost(storedOf(doc));
      return b;
    };
    const fields = Object.entries(options.boosts).flatMap(([field, boost]) => {
      const id = index.fieldIds[field];
      return id === undefined ? [] : [{id, boost, avg: index.averageFieldLength[id]!}];
    });
    const queryStamp = ++serial;
    // A query term that occurs twice counts twice in the score, once in the quality factor.
    const repeated = new Map<string, Int32Array>();
    for (const [i, {source}] of query.entries())
      if (query.findIndex((q) => q.source === source) !== i && !repeated.has(source))
        repeated.set(source, (creditStamps[repeated.size] ??= new Int32Array(size)));
    const touched: number[] = [];
    for (const {source, expansions} of query) {
      // MiniSearch sums each query term's score over its matches and fields, then adds the terms' sums.
      const stamp = ++serial;
      const matched: number[] = [];
      for (const {term: t, weight} of expansions) {
        for (const field of fields) {
          const start = termStarts[t * fieldCount + field.id]!;
          const end = termStarts[t * fieldCount + field.id + 1]!;
          if (start === end) continue;
          const matching = end - start;
          const idf = Math.log(1 + (index.documentCount - matching + 0.5) / (matching + 0.5));
          for (let p = start; p < end; p++) {
            const doc = docs[p]!;
            if (documentIds[doc] == null) continue;
            const boost = boostOf(doc);
            if (!boost) continue;
            const tf = tfs[p]!;
            const length = fieldLengths[doc * fieldCount + field.id]!;
            const raw =
              idf *
              (BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * length) / field.avg)));
            // MiniSearch's termWeight × termBoost (1 here) × fieldBoost × docBoost × BM25, in that order.
            const weighted = weight * field.boost * boost * raw;
            if (termStamp[doc] !== stamp) {
              termStamp[doc] = stamp;
              termScores[doc] = weighted;
              matched.push(doc);
            } else {
              termScores[doc] += weighted;
            }
          }
        }
      }
      const credited = repeated.get(source);
      for (const doc of matched) {
        if (touchedBy[doc] !== queryStamp) {
          touchedBy[doc] = queryStamp;
          touched.push(doc);
          scores[doc] = termScores[doc]!;
        } else {
          scores[doc] += termScores[doc]!;
        }
        if (!credited) quality[doc]++;
        else if (credited[doc] !== queryStamp) {
          credited[doc] = queryStamp;
          quality[doc]++;
        }
      }
    }
    // Top `limit` by final score (score × number of distinct query terms matched), kept sorted; equal
    // scores in the order the documents were first matched, as MiniSearch's stable sort leaves them.
    const top: {doc: number; score: number}[] = [];
    for (const doc of touched) {
      const score = scores[doc]! * (quality[doc] || 1);
      if (!(top.length === options.limit && score <= top[top.length - 1]!.score)) {
        if (!options.filter || options.filter(storedOf(doc))) {
          let i = top.length;
          while (i > 0 && top[i - 1]!.score < score) i--;
          top.splice(i, 0, {doc, score});
          if (top.length > options.limit) top.pop();
        }
      }
    }
    for (const doc of touched) quality[doc] = 0;
    return top.map(({doc, score}) => ({
      id: String(documentIds[doc]),
      score,
      terms: matchedTerms(query, doc),
    }));
  };

  /** The index terms `doc` matched, each once, in the order the query's expansions reached it. */
  function matchedTerms(query: readonly RankTerm[], doc: number): string[] {
    const terms: string[] = [];
    for (const {expansions} of query)
      for (const {term, derived} of expansions)
        if (!terms.includes(derived) && hasPosting(term, doc)) terms.push(derived);
    return terms;
  }

  /** Whether `doc` has term number `t` in any field (postings are in ascending document order). */
  function hasPosting(t: number, doc: number): boolean {
    for (let f = 0; f < fieldCount; f++) {
      let lo = termStarts[t * fieldCount + f]!;
      let hi = termStarts[t * fieldCount + f + 1]!;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (docs[mid]! < doc) lo = mid + 1;
        else hi = mid;
      }
      if (lo < termStarts[t * fieldCount + f + 1]! && docs[lo] === doc) return true;
    }
    return false;
  }
}
