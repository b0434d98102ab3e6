/**
 * The pack's search index in a compact binary form: what MiniSearch's JSON index holds (documents, field
 * lengths, stored fields, and each term's postings per field), but with the postings and field lengths as
 * typed arrays that are views on the file's own bytes. Loading it costs one small JSON parse (ids and
 * terms) instead of a parse of every posting and a Map per term and field; a 40k-article index loads
 * in tens of milliseconds and takes a few MB where MiniSearch's Maps took tens.
 *
 * Layout (little-endian; each array starts on a 4-byte boundary):
 *   "AAIX", u32 layout version, u32 header length, header (UTF-8 JSON, see {@link Header}), then
 *   fieldLengths u32[nextId × fields], termStarts u32[terms × fields + 1], docs u32[postings],
 *   tfs u8|u16|u32[postings] (the header says which), stored u32[nextId].
 * The postings of term t in field f are docs/tfs[termStarts[t × fields + f] … termStarts[t × fields + f + 1]),
 * in ascending document order (the order MiniSearch adds and iterates them).
 */

const MAGIC = 'AAIX';
/** Bump when the layout changes (the index version in search-options covers what is indexed). */
export const COMPACT_LAYOUT = 1;

/** MiniSearch's serialized index (`toJSON()`), the part this module reads. */
export interface MiniSearchJson {
  documentCount: number;
  nextId: number;
  documentIds: Record<string, string>;
  fieldIds: Record<string, number>;
  fieldLength: Record<string, number[]>;
  averageFieldLength: number[];
  storedFields: Record<string, Record<string, unknown>>;
  dirtCount?: number;
  index: [string, Record<string, Record<string, number>>][];
  serializationVersion: number;
}

interface Header {
  /** The index version of search-options (what was indexed and how). */
  version: number;
  documentCount: number;
  nextId: number;
  dirtCount: number;
  fieldIds: Record<string, number>;
  averageFieldLength: number[];
  /** By short id; null for an id no document has (removed before the build wrote the index). */
  documentIds: (string | null)[];
  /** Terms are numbered in MiniSearch's own order (its serialized index's). */
  termCount: number;
  /** MiniSearch's term tree (see {@link TermTree}), so it is not rebuilt term by term on load. */
  tree: TermTree;
  /** Distinct stored-field objects; `stored[doc]` is 1 + an index here, 0 for none. */
  storedCombos: Record<string, unknown>[];
  postings: number;
  tfBytes: 1 | 2 | 4;
}

/** A decoded index: views on the file's bytes plus the header's lists. */
export interface CompactIndex {
  version: number;
  documentCount: number;
  nextId: number;
  dirtCount: number;
  fieldIds: Record<string, number>;
  fieldCount: number;
  averageFieldLength: number[];
  documentIds: (string | null)[];
  termCount: number;
  tree: TermTree;
  storedCombos: Record<string, unknown>[];
  fieldLengths: Uint32Array;
  termStarts: Uint32Array;
  docs: Uint32Array;
  tfs: Uint8Array | Uint16Array | Uint32Array;
  stored: Uint32Array;
}

/**
 * A radix tree node as nested arrays: edge label, then the child node, or for the label "" (a term ends
 * here) the term's number; the pairs in the order MiniSearch's tree iterates them.
 */
export type TermTree = (string | number | TermTree)[];

const align4 = (n: number) => (n + 3) & ~3;

/**
 * Encodes MiniSearch's serialized index; `version` is the index version it is stored under, `tree` the
 * term tree with each term's number (its position in `json.index`) as value.
 */
export function encodeCompactIndex(json: MiniSearchJson, version: number, tree: TermTree): Uint8Array {
  const fieldCount = Math.max(-1, ...Object.values(json.fieldIds)) + 1;
  const {nextId} = json;
  const documentIds: (string | null)[] = new Array<string | null>(nextId).fill(null);
  for (const [short, id] of Object.entries(json.documentIds)) documentIds[Number(short)] = id;

  const fieldLengths = new Uint32Array(nextId * fieldCount);
  for (const [short, lengths] of Object.entries(json.fieldLength)) {
    lengths.forEach((len, f) => (fieldLengths[Number(short) * fieldCount + f] = len));
  }

  const combos: Record<string, unknown>[] = [];
  const comboKeys = new Map<string, number>();
  const stored = new Uint32Array(nextId);
  for (const [short, fields] of Object.entries(json.storedFields)) {
    const key = JSON.stringify(fields);
    let at = comboKeys.get(key);
    if (at === undefined) {
      at = combos.push(fields);
      comboKeys.set(key, at);
    }
    stored[Number(short)] = at;
  }

  const termCount = json.index.length;
  const termStarts = new Uint32Array(termCount * fieldCount + 1);
  const docs: number[] = [];
  const tfs: number[] = [];
  json.index.forEach(([, byField], t) => {
    for (let f = 0; f < fieldCount; f++) {
      termStarts[t * fieldCount + f] = docs.length;
      const postings = byField[String(f)];
      if (!postings) continue;
      const sorted = Object.entries(postings)
        .map(([doc, tf]) => [Number(doc), tf] as const)
        .sort((a, b) => a[0] - b[0]);
      for (const [doc, tf] of sorted) {
        docs.push(doc);
        tfs.push(tf);
      }
    }
  });
  termStarts[termCount * fieldCount] = docs.length;
  const maxTf = tfs.reduce((m, tf) => Math.max(m, tf), 0);
  const tfBytes = maxTf < 0x100 ? 1 : maxTf < 0x10000 ? 2 : 4;

  const header: Header = {
    version,
    documentCount: json.documentCount,
    nextId,
    dirtCount: json.dirtCount ?? 0,
    fieldIds: json.fieldIds,
    averageFieldLength: json.averageFieldLength,
    documentIds,
    termCount,
    tree,
    storedCombos: combos,
    postings: docs.length,
    tfBytes,
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const tfArray =
    tfBytes === 1 ? Uint8Array.from(tfs) : tfBytes === 2 ? Uint16Array.from(tfs) : Uint32Array.from(tfs);
  const parts: ArrayBufferView[] = [fieldLengths, termStarts, Uint32Array.from(docs), tfArray, stored];

  let size = align4(12 + headerBytes.length);
  for (const p of parts) size = align4(size) + p.byteLength;
  const out = new Uint8Array(align4(size));
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(4, COMPACT_LAYOUT, true);
  view.setUint32(8, headerBytes.length, true);
  out.set(headerBytes, 12);
  let at = align4(12 + headerBytes.length);
  for (const p of parts) {
    at = align4(at);
    // Typed arrays are in the platform's byte order; every platform a browser runs on is little-endian.
    out.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), at);
    at += p.byteLength;
  }
  return out;
}

/** Why an index file cannot be read (the caller names the file). */
export class CompactIndexError extends Error {
  override name = 'CompactIndexError';
}

const fail = (why: string): never => {
  throw new CompactIndexError(why);
};

/**
 * Reads an encoded index without copying its arrays (they are views on `bytes`' buffer, which must not be
 * changed afterwards). Throws {@link CompactIndexError} for another layout, another index version than
 * `expectedVersion`, or arrays that do not fit together.
 */
export function decodeCompactIndex(bytes: Uint8Array, expectedVersion: number): CompactIndex {
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC)
    fail('is not a compact search index');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const layout = view.getUint32(4, true);
  if (layout !== COMPACT_LAYOUT) fail(`has index layout ${layout} (expected ${COMPACT_LAYOUT})`);
  const headerLength = view.getUint32(8, true);
  if (12 + headerLength > bytes.length) fail('is truncated (header)');
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength))) as Header;
  } catch {
    return fail('has an unreadable header');
  }
  if (header.version !== expectedVersion)
    fail(`has search index version ${JSON.stringify(header.version)} (expected ${expectedVersion})`);
  const {nextId, termCount, postings, tfBytes} = header;
  const fieldCount = Math.max(-1, ...Object.values(header.fieldIds)) + 1;
  if (header.documentIds.length !== nextId) fail('lists another number of documents than it holds');

  // Arrays are views at 4-aligned offsets of the file; a file not at an aligned offset is copied once.
  const buffer = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  let at = align4(12 + headerLength);
  const take = <T>(
    make: (buf: ArrayBuffer, offset: number, length: number) => T,
    length: number,
    size: number
  ): T => {
    at = align4(at);
    if (at + length * size > buffer.length) fail('is truncated');
    const array = make(buffer.buffer as ArrayBuffer, buffer.byteOffset + at, length);
    at += length * size;
    return array;
  };
  const u32 = (b: ArrayBuffer, o: number, n: number) => new Uint32Array(b, o, n);
  const fieldLengths = take(u32, nextId * fieldCount, 4);
  const termStarts = take(u32, termCount * fieldCount + 1, 4);
  const docs = take(u32, postings, 4);
  const tfs =
    tfBytes === 1
      ? take((b, o, n) => new Uint8Array(b, o, n), postings, 1)
      : tfBytes === 2
        ? take((b, o, n) => new Uint16Array(b, o, n), postings, 2)
        : take(u32, postings, 4);
  const stored = take(u32, nextId, 4);

  // Everything a search will index with stays in bounds (a few ms at 40k articles).
  if (termStarts[termStarts.length - 1] !== postings) fail('has postings that do not add up');
  for (let i = 1; i < termStarts.length; i++)
    if (termStarts[i]! < termStarts[i - 1]!) fail('has postings out of order');
  for (let i = 0; i < docs.length; i++) if (docs[i]! >= nextId) fail('has a posting for no document');
  for (let i = 0; i < stored.length; i++)
    if (stored[i]! > header.storedCombos.length) fail('has a stored field out of range');

  return {
    version: header.version,
    documentCount: header.documentCount,
    nextId,
    dirtCount: header.dirtCount,
    fieldIds: header.fieldIds,
    fieldCount,
    averageFieldLength: header.averageFieldLength,
    documentIds: header.documentIds,
    termCount,
    tree: header.tree,
    storedCombos: header.storedCombos,
    fieldLengths,
    termStarts,
    docs,
    tfs,
    stored,
  };
}
