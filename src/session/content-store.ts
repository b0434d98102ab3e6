/**
 * Holds the content pack in use and loads newer ones: a failed or malformed load leaves the previous
 * pack in place and reports the error. Concurrent loads resolve in order; a stale response never
 * replaces a newer one.
 */
import {loadPack, PackError} from '../content/load-pack.js';
import type {ContentPack, PackArticle, PackManifest} from '../content/pack-types.js';

export interface ContentStoreEvents {
  /** A valid manifest arrived (its files are still loading): start slow side work, such as the index. */
  onManifest(manifestUrl: string, manifest: PackManifest): void;
  /** A pack (first or newer) was applied. */
  onApplied(pack: ContentPack): void;
  /** A load failed; the previous pack (if any) stays. */
  onError(error: PackError): void;
  /** Anything shown changed (loading, pack, error). */
  onChange(): void;
}

export class ContentStore {
  /** The pack in use, or null before the first successful load. */
  pack: ContentPack | null = null;
  /** True while a load is under way. */
  loading = false;
  /** The last load's error, cleared by the next success. */
  error: PackError | null = null;
  /** The pack's articles by id (built once per pack: a pack may hold 40k articles). */
  articlesById: ReadonlyMap<string, PackArticle> = new Map();
  /** Article titles by id, for the script's linked articles. */
  articleTitles: ReadonlyMap<string, string> = new Map();

  private readonly _events: ContentStoreEvents;
  private _generation = 0;
  private _current: Promise<void> = Promise.resolve();
  private _url: string | null = null;

  constructor(events: ContentStoreEvents) {
    this._events = events;
  }

  /** The manifest URL last asked for, or null. */
  get url(): string | null {
    return this._url;
  }

  /** Resolves once the latest requested load has settled (never rejects). */
  get settled(): Promise<void> {
    return this._current;
  }

  /** Loads the pack at `url` (absolute), replacing the current one only if it loads completely. */
  load(url: string): Promise<void> {
    const generation = ++this._generation;
    this._url = url;
    this.loading = true;
    this._events.onChange();
    this._current = loadPack(url, fetch, (manifest) => {
      if (generation === this._generation) this._events.onManifest(url, manifest);
    }).then(
      (pack) => {
        if (generation !== this._generation) return;
        this.loading = false;
        this.error = null;
        // The same content again (a refresh that found no change) keeps the objects the views hold.
        const changed = pack.manifest.contentHash !== this.pack?.manifest.contentHash;
        if (changed) {
          this.pack = pack;
          this.articlesById = new Map(pack.articles.map((a) => [a.id, a]));
          this.articleTitles = new Map(pack.articles.map((a) => [a.id, a.title]));
        }
        this._events.onChange();
        if (changed) this._events.onApplied(pack);
      },
      (err: unknown) => {
        if (generation !== this._generation) return;
        this.loading = false;
        this.error =
          err instanceof PackError ? err : new PackError('pack-invalid', `content pack: ${String(err)}`);
        this._events.onChange();
        this._events.onError(this.error);
      }
    );
    return this._current;
  }
}
