/**
 * The content pack kept in IndexedDB, so the widget starts with content when the pack's server cannot
 * be reached (a flaky VPN, a blocked CDN, a train): the last complete pack per manifest URL, its files
 * stored by SHA-256 (so the search worker can read the index itself). Plain IndexedDB, no Dexie: it is
 * read before anything else loads, from the page and from the worker. A separate database from the call
 * log: cached content can always be dropped (quota) without touching compliance events. Best effort:
 * every failure here resolves to "nothing cached".
 */
import type {ContentPack, PackManifest} from './pack-types.js';

/** A saved pack as the page reads it: its articles are read apart (see articles-file.ts). */
export type SavedPack = Omit<ContentPack, 'articles'>;

const DB_NAME = 'agent-assist-content';
const FILES = 'files';
const MANIFESTS = 'manifests';

interface FileRow {
  sha256: string;
  data: unknown;
}

interface ManifestRow {
  url: string;
  manifest: PackManifest;
  savedAt: string;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Resolves once a read-write transaction has committed; rejects when it failed. */
function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error);
  });
}

function openCache(): Promise<IDBDatabase | null> {
  if (typeof indexedDB === 'undefined') return Promise.resolve(null);
  return new Promise((resolve) => {
    let req: IDBOpenDBRequest;
    try {
      req = indexedDB.open(DB_NAME, 1);
    } catch {
      resolve(null);
      return;
    }
    req.onupgradeneeded = () => {
      req.result.createObjectStore(FILES, {keyPath: 'sha256'});
      req.result.createObjectStore(MANIFESTS, {keyPath: 'url'});
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => resolve(null);
    req.onblocked = () => resolve(null);
  });
}

async function withCache<T>(use: (db: IDBDatabase) => Promise<T>, fallback: T): Promise<T> {
  const db = await openCache();
  if (!db) return fallback;
  try {
    return await use(db);
  } catch {
    return fallback;
  } finally {
    db.close();
  }
}

/** A cached file by its SHA-256 (the search index, from the worker), or undefined. */
export function cachedFile(sha256: string): Promise<unknown> {
  return withCache(async (db) => {
    const row = (await request(db.transaction(FILES).objectStore(FILES).get(sha256))) as FileRow | undefined;
    return row?.data;
  }, undefined);
}

/** Keeps one file unless it is kept already (the search index, from the worker once it verified it). */
export function cacheFile(sha256: string, data: unknown): Promise<void> {
  return withCache(async (db) => {
    const tx = db.transaction(FILES, 'readwrite');
    const files = tx.objectStore(FILES);
    // Files are named by their hash: one already kept is the same file (each start loads it again).
    if ((await request(files.count(sha256))) === 0) files.put({sha256, data} satisfies FileRow);
    await committed(tx);
  }, undefined);
}

/**
 * The last complete pack saved for `manifestUrl`, without its search index and articles (each read by
 * who uses it, from the files kept by SHA-256), or null.
 */
export function cachedPack(manifestUrl: string): Promise<SavedPack | null> {
  return withCache(async (db) => {
    const tx = db.transaction([MANIFESTS, FILES]);
    const row = (await request(tx.objectStore(MANIFESTS).get(manifestUrl))) as ManifestRow | undefined;
    if (!row) return null;
    const files = tx.objectStore(FILES);
    const {articles, scripts, checklists} = row.manifest.files;
    const [a, s, c] = await Promise.all([
      request(files.count(articles.sha256)),
      request(files.get(scripts.sha256)) as Promise<FileRow | undefined>,
      request(files.get(checklists.sha256)) as Promise<FileRow | undefined>,
    ]);
    if (!a || !s || !c) return null;
    return {manifestUrl, manifest: row.manifest, scripts: s.data, checklists: c.data} as SavedPack;
  }, null);
}

/**
 * Saves a complete, verified pack for `manifestUrl` (unless that very pack is saved already) and drops
 * the files no saved manifest names any more (the previous pack's). The search index and the articles
 * are saved by what verified them (the search worker, see articles-file.ts).
 */
export function cachePack(pack: ContentPack): Promise<void> {
  return withCache(async (db) => {
    const tx = db.transaction([MANIFESTS, FILES], 'readwrite');
    const manifests = tx.objectStore(MANIFESTS);
    const files = tx.objectStore(FILES);
    // Saved already (every start revalidates the same pack): nothing to write.
    const saved = (await request(manifests.get(pack.manifestUrl))) as ManifestRow | undefined;
    if (saved?.manifest.contentHash === pack.manifest.contentHash) return;
    const {scripts, checklists} = pack.manifest.files;
    files.put({sha256: scripts.sha256, data: pack.scripts} satisfies FileRow);
    files.put({sha256: checklists.sha256, data: pack.checklists} satisfies FileRow);
    manifests.put({
      url: pack.manifestUrl,
      manifest: pack.manifest,
      savedAt: new Date().toISOString(),
    } satisfies ManifestRow);
    const kept = new Set<string>();
    for (const row of (await request(manifests.getAll())) as ManifestRow[]) {
      for (const ref of Object.values(row.manifest.files)) kept.add(ref.sha256);
    }
    for (const key of (await request(files.getAllKeys())) as string[]) if (!kept.has(key)) files.delete(key);
    await committed(tx);
  }, undefined);
}

/**
 * Drops every cached pack, to free space: cached content goes before any compliance event. Resolves
 * whether anything was dropped.
 */
export function clearPackCache(): Promise<boolean> {
  return withCache(async (db) => {
    const tx = db.transaction([MANIFESTS, FILES], 'readwrite');
    const had = (await request(tx.objectStore(FILES).count())) > 0;
    tx.objectStore(MANIFESTS).clear();
    tx.objectStore(FILES).clear();
    await committed(tx);
    return had;
  }, false);
}
