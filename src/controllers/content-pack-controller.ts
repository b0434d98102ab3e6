/**
 * Loads the content pack for an element and keeps the last good one: a failed or malformed load leaves
 * the previous pack in place and reports the error. Concurrent loads resolve in order; a stale response
 * never replaces a newer one.
 */
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {loadPack, PackError} from '../content/load-pack.js';
import type {ContentPack, PackManifest} from '../content/pack-types.js';

export interface ContentPackCallbacks {
  /** A valid manifest arrived (its files are still loading): start slow side work, such as the index. */
  onManifest?(manifestUrl: string, manifest: PackManifest): void;
  /** A pack (first or newer) was applied. */
  onApplied(pack: ContentPack): void;
  /** A load failed; the previous pack (if any) stays. */
  onError(error: PackError): void;
}

export class ContentPackController implements ReactiveController {
  /** The pack in use, or null before the first successful load. */
  pack: ContentPack | null = null;
  /** True while a load is under way. */
  loading = false;
  /** The last load's error, cleared by the next success. */
  error: PackError | null = null;

  private readonly _host: ReactiveControllerHost;
  private readonly _callbacks: ContentPackCallbacks;
  private _generation = 0;
  private _current: Promise<void> = Promise.resolve();

  constructor(host: ReactiveControllerHost, callbacks: ContentPackCallbacks) {
    this._host = host;
    this._callbacks = callbacks;
    host.addController(this);
  }

  // Loads are started by the host (attribute changes), not by connecting; the hook only makes this a controller.
  hostConnected(): void {}

  /** Resolves once the latest requested load has settled. */
  get settled(): Promise<void> {
    return this._current;
  }

  /** Loads the pack at `url` (absolute), replacing the current one only if it loads completely. */
  load(url: string): Promise<void> {
    const generation = ++this._generation;
    this.loading = true;
    this._host.requestUpdate();
    this._current = loadPack(url, fetch, (manifest) => {
      if (generation === this._generation) this._callbacks.onManifest?.(url, manifest);
    }).then(
      (pack) => {
        if (generation !== this._generation) return;
        this.loading = false;
        this.error = null;
        const changed = pack.manifest.contentHash !== this.pack?.manifest.contentHash;
        this.pack = pack;
        this._host.requestUpdate();
        if (changed) this._callbacks.onApplied(pack);
      },
      (err: unknown) => {
        if (generation !== this._generation) return;
        this.loading = false;
        this.error =
          err instanceof PackError ? err : new PackError('pack-invalid', `content pack: ${String(err)}`);
        this._host.requestUpdate();
        this._callbacks.onError(this.error);
      }
    );
    return this._current;
  }
}
