/**
 * A MiniSearch instance that searches a {@link CompactIndex} in place: MiniSearch keeps its query
 * parsing, typo and prefix expansion over its own term tree, combination and sorting, so results are
 * MiniSearch's own; only the posting lists it scores and the per-document data are read from the compact
 * arrays instead of a Map per term and field.
 *
 * It relies on MiniSearch's internals (the term tree `_index`, `termResults`, the per-document maps).
 * `compactMiniSearch()` checks they are there and returns null otherwise, and the tests compare its
 * rankings with a MiniSearch loaded from JSON, so an upgrade that changes them is caught, not guessed.
 */
import MiniSearch from 'minisearch';
import type {Options} from 'minisearch';
import type {CompactIndex, IndexArrays, TermTree} from './compact-index.js';

type Bm25 = {k: number; b: number; d: number};
type Result = {score: number; terms: string[]; match: Record<string, string[]>};
type DocBoost = (id: unknown, term: string, stored: Record<string, unknown> | undefined) => number;

type TreeMap = Map<string, TreeMap | number>;
type SearchableMap = {
  set(term: string, value: unknown): unknown;
  get(term: string): unknown;
  _tree: TreeMap;
  constructor: new (tree: TreeMap) => SearchableMap;
};

interface Internals {
  _index: SearchableMap;
  _documentIds: unknown;
  _idToShortId: unknown;
  _fieldIds: Record<string, number>;
  _fieldLength: unknown;
  _avgFieldLength: number[];
  _storedFields: unknown;
  _documentCount: number;
  _nextId: number;
  _dirtCount: number;
  termResults: (...args: never[]) => Map<number, Result>;
}

/** MiniSearch's BM25+ term score (same formula and order of operations, so the same floating point). */
function bm25(tf: number, matching: number, total: number, length: number, avg: number, p: Bm25): number {
  const idf = Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
  return idf * (p.d + (tf * (p.k + 1)) / (tf + p.k * (1 - p.b + (p.b * length) / avg)));
}

const own = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/**
 * The instance over `compact`, or null when MiniSearch's internals are not what this module expects.
 * The term tree's array form is read into MiniSearch's Maps and not kept (at 40k articles it is
 * megabytes): the instance holds the Maps and the arrays.
 */
export function compactMiniSearch<T>(compact: CompactIndex, options: Options<T>): MiniSearch<T> | null {
  const {tree, ...index}: {tree: TermTree} & IndexArrays = compact;
  const search = new MiniSearch<T>(options);
  const m = search as unknown as Internals;
  const expected =
    m._index?._tree instanceof Map &&
    typeof m._index.constructor === 'function' &&
    typeof (m._index as unknown as Partial<TermLookup>).atPrefix === 'function' &&
    typeof (m._index as unknown as Partial<TermLookup>).fuzzyGet === 'function' &&
    m._documentIds instanceof Map &&
    m._fieldLength instanceof Map &&
    m._storedFields instanceof Map &&
    typeof m.termResults === 'function' &&
    m.termResults.length >= 8;
  if (!expected) return null;
  const fields = index.fieldCount;
  for (const [name, id] of Object.entries(index.fieldIds)) if (m._fieldIds[name] !== id) return null;

  const {documentIds, storedCombos, stored, fieldLengths, termStarts, docs, tfs} = index;
  const storedOf = (doc: number) => (stored[doc] ? storedCombos[stored[doc]! - 1] : undefined);
  m._documentCount = index.documentCount;
  m._nextId = index.nextId;
  m._dirtCount = index.dirtCount;
  m._avgFieldLength = index.averageFieldLength;
  // Read-only stand-ins for the per-document Maps (what search, suggestions and wildcard queries use).
  m._documentIds = {
    get: (doc: number) => documentIds[doc] ?? undefined,
    has: (doc: number) => documentIds[doc] != null,
    get size() {
      return index.documentCount;
    },
    *[Symbol.iterator]() {
      for (let doc = 0; doc < documentIds.length; doc++)
        if (documentIds[doc] != null) yield [doc, documentIds[doc]] as const;
    },
  };
  m._storedFields = {get: storedOf, has: (doc: number) => stored[doc] !== 0};
  m._fieldLength = {
    get: (doc: number) => Array.from(fieldLengths.subarray(doc * fields, doc * fields + fields)),
    has: (doc: number) => doc < index.nextId,
  };
  // The short ids of external ids, made on first use (only `has()` / `getStoredFields()` ask).
  let byId: Map<string, number> | null = null;
  const shortIds = () =>
    (byId ??= new Map(documentIds.flatMap((d, i) => (d == null ? [] : [[d, i] as const]))));
  m._idToShortId = {get: (id: string) => shortIds().get(id), has: (id: string) => shortIds().has(id)};
  // The term tree as MiniSearch built it, its values term numbers; their postings are in the arrays.
  m._index = new m._index.constructor(treeMaps(tree, index.termCount));

  // MiniSearch's termResults, reading the postings of term number `term` (see its source: same checks,
  // same order of documents and of floating-point operations).
  m.termResults = ((
    sourceTerm: string,
    derivedTerm: string,
    termWeight: number,
    termBoost: number,
    term: number | undefined,
    fieldBoosts: Record<string, number>,
    boostDocument: DocBoost | undefined,
    params: Bm25,
    results: Map<number, Result> = new Map()
  ) => {
    if (term == null) return results;
    for (const field of Object.keys(fieldBoosts)) {
      const fieldBoost = fieldBoosts[field]!;
      const fieldId = m._fieldIds[field];
      if (fieldId === undefined) continue;
      const start = termStarts[term * fields + fieldId]!;
      const end = termStarts[term * fields + fieldId + 1]!;
      if (start === end) continue;
      let matching = end - start;
      const avg = index.averageFieldLength[fieldId]!;
      for (let p = start; p < end; p++) {
        const doc = docs[p]!;
        if (documentIds[doc] == null) {
          matching -= 1;
          continue;
        }
        const docBoost = boostDocument ? boostDocument(documentIds[doc], derivedTerm, storedOf(doc)) : 1;
        if (!docBoost) continue;
        const raw = bm25(
          tfs[p]!,
          matching,
          index.documentCount,
          fieldLengths[doc * fields + fieldId]!,
          avg,
          params
        );
        const weighted = termWeight * termBoost * fieldBoost * docBoost * raw;
        const result = results.get(doc);
        if (result) {
          result.score += weighted;
          if (!result.terms.includes(sourceTerm)) result.terms.push(sourceTerm);
          if (own(result.match, derivedTerm)) result.match[derivedTerm]!.push(field);
          else result.match[derivedTerm] = [field];
        } else {
          results.set(doc, {score: weighted, terms: [sourceTerm], match: {[derivedTerm]: [field]}});
        }
      }
    }
    return results;
  }) as unknown as Internals['termResults'];
  return search;
}

/** Thrown for a term tree that does not fit its index (the file's other checks passed). */
const badTree = () => new Error('search: the index file has a malformed term tree');

/** The nested Maps of MiniSearch's term tree from their array form (see {@link TermTree}). */
function treeMaps(node: TermTree, termCount: number): TreeMap {
  if (!Array.isArray(node) || node.length % 2) throw badTree();
  const map: TreeMap = new Map();
  for (let i = 0; i < node.length; i += 2) {
    const label = node[i];
    const child = node[i + 1];
    if (typeof label !== 'string') throw badTree();
    if (label === '') {
      if (typeof child !== 'number' || !(child >= 0 && child < termCount)) throw badTree();
      map.set(label, child);
    } else {
      map.set(label, treeMaps(child as TermTree, termCount));
    }
  }
  return map;
}

/**
 * The term tree MiniSearch builds for `terms` (inserted in this order, as loading its JSON does), with
 * each term's position as its value, in the array form the compact index stores.
 */
export function termTreeOf(terms: readonly string[]): TermTree {
  const tree = (new MiniSearch({fields: ['text']}) as unknown as Internals)._index;
  if (!(tree?._tree instanceof Map)) throw new Error('search: this MiniSearch has no term tree to store');
  terms.forEach((term, t) => tree.set(term, t));
  const arrays = (map: TreeMap): TermTree =>
    [...map].flatMap(([label, child]) => [label, typeof child === 'number' ? child : arrays(child)]);
  return arrays(tree._tree);
}

/** The term tree of a {@link compactMiniSearch} instance: MiniSearch's own lookups, values term numbers. */
export interface TermLookup {
  get(term: string): number | undefined;
  /** Every term starting with `prefix` (itself included), in MiniSearch's order. */
  atPrefix(prefix: string): Iterable<[string, number]>;
  /** Every term within `maxDistance` edits of `term`, with its distance, in MiniSearch's order. */
  fuzzyGet(term: string, maxDistance: number): Map<string, [number, number]>;
}

/** Looks terms up in the term tree of a {@link compactMiniSearch} instance. */
export function termLookupIn(search: MiniSearch<never> | MiniSearch<object>): TermLookup {
  return (search as unknown as Internals)._index as unknown as TermLookup;
}
