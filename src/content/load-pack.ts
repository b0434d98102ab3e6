/**
 * Loads a content pack in the browser: fetches the manifest fresh, refuses another format version,
 * fetches each file it names, checks its size and SHA-256, and checks the shape of what it parsed.
 * All or nothing: any problem rejects with a {@link PackError}, so a caller keeps the pack it had.
 */
import {sha256Hex} from '../internal/sha256.js';
import {ArticleTable, ArticleTableError} from './article-table.js';
import {READABLE_PACK_FORMATS} from './pack-types.js';
import type {ContentPack, PackArticle, PackFileRef, PackManifest} from './pack-types.js';

/** Why a pack was refused; the message says what and where. */
export class PackError extends Error {
  override name = 'PackError';
  /** `pack-unavailable` when it could not be fetched, `pack-invalid` when what arrived is wrong. */
  readonly code: 'pack-unavailable' | 'pack-invalid';
  constructor(code: PackError['code'], message: string) {
    super(message);
    this.code = code;
  }
}

/** A `pack-invalid` error, worded as every pack error is. */
export const invalidPack = (message: string) => new PackError('pack-invalid', `content pack: ${message}`);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isFileRef = (v: unknown): v is PackFileRef =>
  isObject(v) &&
  typeof v.path === 'string' &&
  /^[\w.-]+$/.test(v.path) &&
  typeof v.sha256 === 'string' &&
  typeof v.bytes === 'number';

const isEntryList = (v: unknown) =>
  Array.isArray(v) &&
  v.every(
    (e) =>
      isObject(e) &&
      typeof e.id === 'string' &&
      isObject(e.labels) &&
      Object.values(e.labels).every((l) => typeof l === 'string')
  );
const isTaxonomy = (v: unknown) => isObject(v) && isEntryList(v.categories) && isEntryList(v.queues);

async function fetchOk(
  url: string,
  init: RequestInit | undefined,
  fetchImpl: typeof fetch
): Promise<Response> {
  let res: Response;
  try {
    res = await fetchImpl(url, init);
  } catch (err) {
    throw new PackError(
      'pack-unavailable',
      `content pack: could not fetch ${url} (${(err as Error).message})`
    );
  }
  if (!res.ok)
    throw new PackError('pack-unavailable', `content pack: could not fetch ${url} (HTTP ${res.status})`);
  return res;
}

function checkManifest(m: unknown, url: string): PackManifest {
  if (!isObject(m)) throw invalidPack(`${url} is not a pack manifest (expected a JSON object)`);
  if (!READABLE_PACK_FORMATS.includes(m.formatVersion as number)) {
    throw invalidPack(
      `format version ${JSON.stringify(m.formatVersion)} is not supported (expected ${READABLE_PACK_FORMATS.slice(0, -1).join(', ')} or ${READABLE_PACK_FORMATS.at(-1)}); rebuild the pack with this version of agent-assist`
    );
  }
  const files = m.files;
  if (typeof m.contentHash !== 'string' || !isObject(files) || !isObject(m.counts)) {
    throw invalidPack(`${url} is missing contentHash, counts or files`);
  }
  for (const key of ['articles', 'scripts', 'checklists', 'searchIndex']) {
    if (!isFileRef(files[key])) throw invalidPack(`${url} names no valid "${key}" file`);
  }
  if (m.taxonomy !== undefined && !isTaxonomy(m.taxonomy)) {
    throw invalidPack(
      `${url} has a malformed taxonomy (expected categories and queues, each [{id, labels}])`
    );
  }
  return m as unknown as PackManifest;
}

/** Fetches a file the manifest names and checks its size and SHA-256; resolves its bytes. */
export async function fetchBytes(
  ref: PackFileRef,
  base: string,
  fetchImpl: typeof fetch = fetch
): Promise<Uint8Array> {
  const url = new URL(ref.path, base).href;
  // Hashed names never change content, so the HTTP cache may serve them.
  const res = await fetchOk(url, undefined, fetchImpl);
  const bytes = new Uint8Array(await res.arrayBuffer());
  await checkBytes(ref, bytes);
  return bytes;
}

/** Rejects bytes that are not the file `ref` names (truncated, corrupt, or another file). */
export async function checkBytes(ref: PackFileRef, bytes: Uint8Array): Promise<void> {
  if (bytes.length !== ref.bytes || (await sha256Hex(bytes)) !== ref.sha256) {
    throw invalidPack(
      `${ref.path} is truncated or corrupt (${bytes.length} bytes, expected ${ref.bytes}; SHA-256 does not match the manifest)`
    );
  }
}

/** Parses a pack file's checked bytes as JSON. */
export function parseFile(ref: PackFileRef, bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw invalidPack(`${ref.path} is not valid JSON`);
  }
}

/** Fetches a file the manifest names and checks its size and SHA-256 before parsing it. */
export async function fetchChecked(
  ref: PackFileRef,
  base: string,
  fetchImpl: typeof fetch = fetch
): Promise<unknown> {
  return parseFile(ref, await fetchBytes(ref, base, fetchImpl));
}

function checkList(value: unknown, file: string, required: string[]): Record<string, unknown>[] {
  if (!Array.isArray(value)) throw invalidPack(`${file} is not a list`);
  const seen = new Set<string>();
  value.forEach((entry, i) => {
    if (!isObject(entry)) throw invalidPack(`${file}: entry ${i} is not an object`);
    for (const key of required) {
      if (entry[key] === undefined) throw invalidPack(`${file}: entry ${i} has no "${key}"`);
    }
    const id = String(entry.id);
    if (seen.has(id)) throw invalidPack(`${file}: duplicate id "${id}"`);
    seen.add(id);
  });
  return value as Record<string, unknown>[];
}

/**
 * Reads an articles file's checked bytes (or the list of articles an older widget kept) into a table,
 * checking its shape (every field of every article, unique ids); a file that is wrong is refused as
 * invalid, naming the file and what is wrong.
 */
export function checkArticles(source: Uint8Array | unknown[], ref: PackFileRef): ArticleTable {
  try {
    return source instanceof Uint8Array ? ArticleTable.read(source) : ArticleTable.of(source);
  } catch (err) {
    if (err instanceof ArticleTableError) throw invalidPack(`${ref.path}: ${err.message}`);
    throw err;
  }
}

/**
 * Loads and checks a pack's articles file into a table (the default: here, with `fetchImpl`, HTML
 * included); the widget's loader reads it in the search worker and builds the page's table without HTML.
 */
export type ArticlesLoader = (ref: PackFileRef) => Promise<ArticleTable>;

/**
 * Loads and checks the pack at `manifestUrl` (absolute): manifest, articles, scripts and checklists.
 * The search index is loaded separately (search-handler.ts), in the search worker when there is
 * one, so a large index is never parsed on the page's main thread; `loadArticles` lets the articles
 * (the pack's largest file) be fetched, checked and parsed there too; without it they are read here, whole
 * (HTML included).
 */
export async function loadPack(
  manifestUrl: string,
  fetchImpl?: typeof fetch,
  onManifest?: (manifest: PackManifest) => void
): Promise<Omit<ContentPack, 'articles'> & {articles: PackArticle[]}>;
export async function loadPack(
  manifestUrl: string,
  fetchImpl: typeof fetch,
  onManifest: ((manifest: PackManifest) => void) | undefined,
  loadArticles: ArticlesLoader | undefined
): Promise<ContentPack>;
export async function loadPack(
  manifestUrl: string,
  fetchImpl: typeof fetch = fetch,
  onManifest?: (manifest: PackManifest) => void,
  loadArticles?: ArticlesLoader
): Promise<ContentPack | (Omit<ContentPack, 'articles'> & {articles: PackArticle[]})> {
  // The manifest is always fetched fresh: it is what says whether anything changed.
  const res = await fetchOk(manifestUrl, {cache: 'no-cache'}, fetchImpl);
  let raw: unknown;
  try {
    raw = await res.json();
  } catch {
    throw invalidPack(`${manifestUrl} is not valid JSON`);
  }
  const manifest = checkManifest(raw, manifestUrl);
  // Lets the caller start loading the search index (in its worker) while the rest downloads.
  onManifest?.(manifest);
  const {files} = manifest;
  const [articles, scripts, checklists] = await Promise.all([
    loadArticles
      ? loadArticles(files.articles)
      : fetchBytes(files.articles, manifestUrl, fetchImpl).then((bytes) =>
          checkArticles(bytes, files.articles).articles()
        ),
    fetchChecked(files.scripts, manifestUrl, fetchImpl),
    fetchChecked(files.checklists, manifestUrl, fetchImpl),
  ]);
  const scriptList = checkList(scripts, files.scripts.path, ['id', 'version', 'title', 'lang', 'steps']);
  for (const s of scriptList) {
    checkList(s.steps, `${files.scripts.path} (script ${String(s.id)})`, ['id', 'title', 'phase']);
  }
  const checklistList = checkList(checklists, files.checklists.path, ['id', 'version', 'title', 'items']);
  for (const c of checklistList) {
    checkList(c.items, `${files.checklists.path} (checklist ${String(c.id)})`, ['id', 'text', 'weight']);
  }
  return {manifestUrl, manifest, articles, scripts, checklists} as ContentPack;
}
