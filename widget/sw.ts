/**
 * The service worker (`dist/sw.js`), for pages on the widget's own origin: `frame.html` and the demo. It
 * precaches the widget (entry, lazy chunks, assets, pages) and the shipped content pack, so a cold start
 * with no network renders, searches, runs a script and logs; `npm run build` injects the list
 * (workbox-build) into `self.__WB_MANIFEST`.
 *
 * Updates never take over by themselves: a new worker waits until the page tells it to (`SKIP_WAITING`,
 * sent between calls by widget/app-worker.ts). When it does take over, the previous version's files are
 * kept in a cache of their own, so a page still running the old version (another tab mid-call) can load
 * its lazy chunks even after the deploy removed them from the server.
 */
/// <reference lib="webworker" />
import {PrecacheController, PrecacheRoute} from 'workbox-precaching';
import type {PrecacheEntry} from 'workbox-precaching';
import {registerRoute} from 'workbox-routing';
import {NetworkFirst} from 'workbox-strategies';

declare const self: ServiceWorkerGlobalScope & {__WB_MANIFEST: Array<PrecacheEntry | string>};

const PRECACHE = 'aa-precache';
/** The files of the version before the current one (see the activate handler). */
const PREVIOUS = 'aa-previous';
/** The pack manifest names the current pack; it is asked of the network first (see below). */
const MANIFEST_CACHE = 'aa-pack-manifest';
const MANIFEST_PATH = /\/kb\/manifest\.json$/;

const precache = new PrecacheController({cacheName: PRECACHE});
precache.addToCacheList(self.__WB_MANIFEST);

// The pack's manifest is not precached: a pack deployed without a new widget must still reach agents.
// Network first (3 s), then the copy from the last answer; the install below stores a first copy.
registerRoute(
  ({url}) => url.origin === self.location.origin && MANIFEST_PATH.test(url.pathname),
  new NetworkFirst({cacheName: MANIFEST_CACHE, networkTimeoutSeconds: 3})
);
// frame.html?agent-id=…&lang=… is the precached frame.html: no precached file has parameters of its own.
registerRoute(new PrecacheRoute(precache, {ignoreURLParametersMatching: [/.*/]}));
// A hashed file the current version does not have: the previous version's copy, else the network.
registerRoute(
  ({url}) => url.origin === self.location.origin && /\/(chunks|assets)\//.test(url.pathname),
  async ({request}) => (await (await caches.open(PREVIOUS)).match(request)) ?? fetch(request)
);

self.addEventListener('install', (event) => {
  // One missing file fails the install (Workbox's rule), and the running version stays in charge.
  event.waitUntil(
    precache.install(event).then(async () => {
      const manifest = new URL('kb/manifest.json', self.registration.scope).href;
      // Best effort: the manifest is also kept in IndexedDB by the page.
      await caches
        .open(MANIFEST_CACHE)
        .then((cache) => cache.add(manifest))
        .catch(() => undefined);
    })
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(keepPrevious());
});

/**
 * Moves the files the new version dropped into the previous-version cache (emptied first, so it only
 * ever holds one version), instead of deleting them as Workbox's own activate would.
 */
async function keepPrevious(): Promise<void> {
  const current = new Set(precache.getURLsToCacheKeys().values());
  const cache = await caches.open(PRECACHE);
  const outdated = (await cache.keys()).filter((request) => !current.has(request.url));
  if (outdated.length === 0) return;
  await caches.delete(PREVIOUS);
  const previous = await caches.open(PREVIOUS);
  for (const request of outdated) {
    const response = await cache.match(request);
    // Stored under the plain URL (Workbox keys unhashed files with a revision parameter).
    const url = new URL(request.url);
    url.searchParams.delete('__WB_REVISION__');
    if (response) await previous.put(url.href, response);
    await cache.delete(request);
  }
}

self.addEventListener('message', (event) => {
  // The page decides when: between calls (widget/app-worker.ts). Never on our own.
  if ((event.data as {type?: unknown} | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
