/**
 * The pack's search index in a compact binary form: what MiniSearch's JSON index holds (documents, field
 * lengths, stored fields, and each term's postings per field), with the numbers as variable-length
 * integers (postings as gaps between document numbers) read into typed arrays, and MiniSearch's term tree
 * stored as built. Loading it costs one small JSON parse (ids and the tree) and one pass over the numbers,
 * where the JSON index needed a parse of every posting and a Map per term and field: a 40k-article index
 * is a third of the JSON's size and loads in tens of milliseconds instead of over a second.
 *
 * Layout: "AAIX", u32 layout version, u32 header length (little-endian), header (UTF-8 JSON, see
 * {@link Header}), then unsigned LEB128 numbers: field lengths (nextId × fields), each term's posting
 * count per field (terms × fields), each list's document numbers (the first, then gaps), the term
 * frequencies (one per posting), and each document's stored-fields entry (nextId).
 * The postings of term t in field f are docs/tfs[termStarts[t × fields + f] … termStarts[t × fields + f + 1]),
 * in ascending document order (the order MiniSearch adds and iterates them).
 */

const MAGIC = 'AAIX';
/** Bump when the layout changes (the index version in search-options covers what is indexed). */
export const COMPACT_LAYOUT = 2;

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
  documentIds: readonly (string | null)[];
  /** Terms are numbered in MiniSearch's own order (its serialized index's). */
  termCount: number;
  /** MiniSearch's term tree (see {@link TermTree}), so it is not rebuilt term by term on load. */
  tree: TermTree;
  /** Distinct stored-field objects; `stored[doc]` is 1 + an index here, 0 for none. */
  storedCombos: Record<string, unknown>[];
  postings: number;
  tfBytes: 1 | 2 | 4;
}

/** A decoded index: the header's lists (but its counts of the arrays) and the numbers as typed arrays. */
export interface CompactIndex extends Omit<Header, 'postings' | 'tfBytes'> {
  fieldCount: number;
  fieldLengths: Uint32Array;
  termStarts: Uint32Array;
  docs: Uint32Array;
  tfs: Uint8Array | Uint16Array | Uint32Array;
  stored: Uint32Array;
}

/** A decoded index without its term tree's array form (what searching holds once the tree is read). */
export type IndexArrays = Omit<CompactIndex, 'tree'>;

/**
 * A radix tree node as nested arrays: edge label, then the child node, or for the label "" (a term ends
 * here) the term's number; the pairs in the order MiniSearch's tree iterates them.
 */
export type TermTree = (string | number | TermTree)[];

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
  const numbers = new VarintWriter();
  for (const len of fieldLengths) numbers.put(len);
  for (let i = 0; i < termCount * fieldCount; i++) numbers.put(termStarts[i + 1]! - termStarts[i]!);
  for (let i = 0; i < termCount * fieldCount; i++) {
    let previous = 0;
    for (let p = termStarts[i]!; p < termStarts[i + 1]!; p++) {
      numbers.put(docs[p]! - previous);
      previous = docs[p]!;
    }
  }
  for (const tf of tfs) numbers.put(tf);
  for (const entry of stored) numbers.put(entry);
  const body = numbers.bytes();

  const out = new Uint8Array(12 + headerBytes.length + body.length);
  out.set(new TextEncoder().encode(MAGIC), 0);
  const view = new DataView(out.buffer);
  view.setUint32(4, COMPACT_LAYOUT, true);
  view.setUint32(8, headerBytes.length, true);
  out.set(headerBytes, 12);
  out.set(body, 12 + headerBytes.length);
  return out;
}

/** Unsigned LEB128: 7 bits a byte, low bits first, the high bit set on all bytes but the last. */
class VarintWriter {
  private _out = new Uint8Array(1 << 16);
  private _at = 0;

  put(value: number): void {
    if (this._at + 5 > this._out.length) {
      const grown = new Uint8Array(this._out.length * 2);
      grown.set(this._out);
      this._out = grown;
    }
    let v = value >>> 0;
    while (v >= 0x80) {
      this._out[this._at++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this._out[this._at++] = v;
  }

  bytes(): Uint8Array {
    return this._out.subarray(0, this._at);
  }
}

/**
 * Reads `out.length` unsigned LEB128 numbers from `bytes` at `at`; returns where it stopped (past the end
 * of `bytes` when they ran out: the caller checks). Kept to one tight loop: it reads millions at 40k.
 */
function readVarints(bytes: Uint8Array, at: number, out: Uint8Array | Uint16Array | Uint32Array): number {
  const n = out.length;
  for (let i = 0; i < n; i++) {
    let byte = bytes[at++]!;
    let value = byte & 0x7f;
    let shift = 7;
    while (byte >= 0x80 && shift < 35) {
      byte = bytes[at++]!;
      value |= (byte & 0x7f) << shift;
      shift += 7;
    }
    out[i] = value >>> 0;
  }
  return at;
}

/** What a pack built by another version of the builder should do (as for another pack format). */
const REBUILD = '; rebuild the pack with this version of agent-assist';

/** Why an index file cannot be read (the caller names the file). */
export class CompactIndexError extends Error {
  override name = 'CompactIndexError';
}

const fail = (why: string): never => {
  throw new CompactIndexError(why);
};

/**
 * Reads an encoded index. Throws {@link CompactIndexError} for another layout, another index version than
 * `expectedVersion`, or arrays that do not fit together.
 */
export function decodeCompactIndex(bytes: Uint8Array, expectedVersion: number): CompactIndex {
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC)
    fail(`is not a compact search index (an older pack's JSON index?)${REBUILD}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const layout = view.getUint32(4, true);
  if (layout !== COMPACT_LAYOUT) fail(`has index layout ${layout} (expected ${COMPACT_LAYOUT})${REBUILD}`);
  const headerLength = view.getUint32(8, true);
  if (12 + headerLength > bytes.length) fail('is truncated (header)');
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength))) as Header;
  } catch {
    return fail('has an unreadable header');
  }
  if (header.version !== expectedVersion)
    fail(
      `has search index version ${JSON.stringify(header.version)} (expected ${expectedVersion})${REBUILD}`
    );
  const {nextId, termCount, postings, tfBytes} = header;
  const fieldCount = Math.max(-1, ...Object.values(header.fieldIds)) + 1;
  if (header.documentIds.length !== nextId) fail('lists another number of documents than it holds');
  // Every number takes at least a byte: counts the file cannot hold are refused before anything is made.
  const numbers = (nextId + termCount) * fieldCount + 2 * postings + nextId;
  if (!(numbers <= bytes.length - 12 - headerLength)) fail('is truncated');

  // One pass over the numbers, in the order they were written (a section read past the end is refused).
  let at = 12 + headerLength;
  const read = (out: Uint8Array | Uint16Array | Uint32Array) => {
    at = readVarints(bytes, at, out);
    if (at > bytes.length) fail('is truncated');
  };
  const fieldLengths = new Uint32Array(nextId * fieldCount);
  read(fieldLengths);
  const lists = termCount * fieldCount;
  const termStarts = new Uint32Array(lists + 1);
  read(termStarts.subarray(1));
  for (let i = 0; i < lists; i++) termStarts[i + 1] += termStarts[i]!;
  if (termStarts[lists] !== postings) fail('has postings that do not add up');
  const docs = new Uint32Array(postings);
  read(docs);
  for (let i = 0; i < lists; i++) {
    const end = termStarts[i + 1]!;
    for (let p = termStarts[i]! + 1; p < end; p++) docs[p] += docs[p - 1]!;
    if (end > termStarts[i]! && docs[end - 1]! >= nextId) fail('has a posting for no document');
  }
  const tfs =
    tfBytes === 1
      ? new Uint8Array(postings)
      : tfBytes === 2
        ? new Uint16Array(postings)
        : new Uint32Array(postings);
  read(tfs);
  const stored = new Uint32Array(nextId);
  read(stored);
  for (let i = 0; i < nextId; i++)
    if (stored[i]! > header.storedCombos.length) fail('has a stored field out of range');
  if (at !== bytes.length) fail('has bytes after its end');

  const {postings: _postings, tfBytes: _tfBytes, ...fromHeader} = header;
  return {...fromHeader, fieldCount, fieldLengths, termStarts, docs, tfs, stored};
}
