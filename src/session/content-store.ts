/**
 * Holds the content pack in use and loads newer ones: a failed or malformed load leaves the previous
 * pack in place and reports the error. The last complete pack is kept in IndexedDB, so a start with the
 * pack's server unreachable shows it at once (stale-while-revalidate: the network is asked right after).
 * A newer pack arriving during a call waits for the call to end. Concurrent loads resolve in order; a
 * stale response never replaces a newer one.
 */
import type {ArticleLookup, ArticleTable} from '../content/article-table.js';
import {readArticles} from '../content/articles-file.js';
import {loadPack, PackError} from '../content/load-pack.js';
import {cachedPack, cachePack} from '../content/pack-cache.js';
import type {ContentPack, PackFileRef, PackManifest} from '../content/pack-types.js';

export interface ContentStoreEvents {
  /** A pack is about to be used (its files may still be loading): start slow side work, such as the index. */
  onManifest(manifestUrl: string, manifest: PackManifest): void;
  /** A pack (first or newer) was applied. */
  onApplied(pack: ContentPack): void;
  /** A load failed; the previous pack (if any) stays. */
  onError(error: PackError): void;
  /** Anything shown changed (loading, pack, error). */
  onChange(): void;
  /** Whether a newer pack may be applied now (not during a call). */
  canApply(): boolean;
  /**
   * Loads and checks a pack's articles, from the network or (`saved`) the copy kept offline. The widget
   * reads them in its search worker; by default they are read here.
   */
  loadArticles?(manifestUrl: string, ref: PackFileRef, saved: boolean): Promise<ArticleTable>;
  /** An article's HTML from where `loadArticles` read the file (null: the file has no such article). */
  loadBody?(manifestUrl: string, ref: PackFileRef, id: string): Promise<string | null>;
}

export class ContentStore {
  /** The pack in use, or null before the first successful load. */
  pack: ContentPack | null = null;
  /** True while a load is under way. */
  loading = false;
  /** The last load's error, cleared by the next success. */
  error: PackError | null = null;
  /** The pack's articles by id (the pack's own table: a pack may hold 40k articles). */
  articlesById: ArticleLookup = new Map();

  private readonly _events: ContentStoreEvents;
  private _generation = 0;
  private _current: Promise<void> = Promise.resolve();
  private _url: string | null = null;
  /** Off the page (pause() until resume()), and whether a load waits for resume(). */
  private _paused = false;
  private _interrupted = false;
  /** A newer pack that arrived during a call, applied when it ends. */
  private _pending: ContentPack | null = null;

  /** Resolves once a pack's manifest was first handed to `onManifest` (its index is then loading). */
  readonly manifestSeen: Promise<void>;

  constructor(events: ContentStoreEvents) {
    let seen!: () => void;
    this.manifestSeen = new Promise((resolve) => (seen = resolve));
    this._events = {
      ...events,
      onManifest: (url, manifest) => {
        events.onManifest(url, manifest);
        seen();
      },
    };
  }

  private _articles(manifestUrl: string, ref: PackFileRef, saved: boolean): Promise<ArticleTable> {
    return this._events.loadArticles
      ? this._events.loadArticles(manifestUrl, ref, saved)
      : readArticles(manifestUrl, ref, saved ? 'saved' : 'network');
  }

  /**
   * The HTML of article `id` of the pack in use (null when the pack has no such article): read where its
   * articles file was, or, for articles read on the page, held with them.
   */
  async body(id: string): Promise<string | null> {
    const pack = this.pack;
    const row = pack ? pack.articles.rowOf(id) : -1;
    if (!pack || row < 0) return null;
    const held = pack.articles.html(row);
    if (held !== null || !this._events.loadBody) return held;
    return this._events.loadBody(pack.manifestUrl, pack.manifest.files.articles, id);
  }

  /** The manifest URL last asked for, or null. */
  get url(): string | null {
    return this._url;
  }

  /** Resolves once the latest requested load has settled (never rejects). */
  get settled(): Promise<void> {
    return this._current;
  }

  /** Applies a pack that waited for the running call to end (a no-op without one). */
  applyPending(): void {
    const pack = this._pending;
    this._pending = null;
    if (pack && pack.manifest.contentHash !== this.pack?.manifest.contentHash) {
      this._events.onManifest(pack.manifestUrl, pack.manifest);
      this._apply(pack);
    }
  }

  private _apply(pack: ContentPack): void {
    const changed = pack.manifest.contentHash !== this.pack?.manifest.contentHash;
    // The same content again (a refresh that found no change) keeps the objects the views hold.
    if (changed) {
      this.pack = pack;
      this.articlesById = pack.articles;
    }
    this._events.onChange();
    if (changed) this._events.onApplied(pack);
  }

  /**
   * While the element is off the page (its search worker stopped): a load in flight is dropped silently
   * and a new one waits; {@link resume} starts it.
   */
  pause(): void {
    this._paused = true;
    if (!this.loading) return;
    this._generation++;
    this.loading = false;
    this._interrupted = true;
  }

  /** Starts the load that waited or was dropped while paused. */
  resume(): void {
    this._paused = false;
    if (!this._interrupted || !this._url) return;
    this._interrupted = false;
    void this.load(this._url);
  }

  /** Loads the pack at `url` (absolute), replacing the current one only if it loads completely. */
  load(url: string): Promise<void> {
    if (this._paused) {
      this._url = url;
      this._interrupted = true;
      return this._current;
    }
    this._interrupted = false;
    const generation = ++this._generation;
    const current = () => generation === this._generation;
    this._url = url;
    this.loading = true;
    this._events.onChange();
    this._current = (async () => {
      // The network and the saved copy are asked at once: the copy shows while the network answers (or
      // when it cannot), and never after the network's pack.
      let networkOk = false;
      let indexFor: string | null = null;
      // One read per articles file in this load: when the pack has not changed, the saved copy and the
      // network's manifest name the same file (by its SHA-256), and the page needs its articles once. A
      // failed read is tried again from the other's source.
      const reads = new Map<string, Promise<ArticleTable>>();
      const articles = (ref: PackFileRef, saved: boolean) => {
        const shared = reads.get(ref.sha256);
        const read = shared
          ? shared.catch(() => this._articles(url, ref, saved))
          : this._articles(url, ref, saved);
        reads.set(ref.sha256, read);
        return read;
      };
      const network = loadPack(
        url,
        fetch,
        (manifest) => {
          if (
            current() &&
            this._events.canApply() &&
            manifest.contentHash !== this.pack?.manifest.contentHash &&
            // (The saved copy of this very pack may have asked for its index already.)
            manifest.contentHash !== indexFor
          ) {
            indexFor = manifest.contentHash;
            this._events.onManifest(url, manifest);
          }
        },
        (ref) => articles(ref, false)
      ).then((pack) => ((networkOk = true), pack));
      // Its failure is handled below, after the saved copy: not an unhandled rejection meanwhile.
      network.catch(() => undefined);
      if (!this.pack) {
        const saved = await cachedPack(url);
        if (saved && current() && !this.pack && !networkOk) {
          if (saved.manifest.contentHash !== indexFor) {
            indexFor = saved.manifest.contentHash;
            this._events.onManifest(url, saved.manifest);
          }
          // Unreadable articles (evicted, or a copy that no longer verifies): as if nothing was saved.
          const read = await articles(saved.manifest.files.articles, true).catch(() => null);
          if (read && current() && !this.pack && !networkOk) this._apply({...saved, articles: read});
        }
      }
      let pack: ContentPack;
      try {
        pack = await network;
      } catch (err) {
        if (!current()) return;
        this.loading = false;
        this.error =
          err instanceof PackError ? err : new PackError('pack-invalid', `content pack: ${String(err)}`);
        this._events.onChange();
        this._events.onError(this.error);
        return;
      }
      if (!current()) return;
      void cachePack(pack);
      this.loading = false;
      this.error = null;
      if (
        !this._events.canApply() &&
        this.pack &&
        pack.manifest.contentHash !== this.pack.manifest.contentHash
      ) {
        // Never mid-call: the agent keeps the articles in front of them until the call ends.
        this._pending = pack;
        this._events.onChange();
        return;
      }
      this._apply(pack);
    })();
    return this._current;
  }
}
