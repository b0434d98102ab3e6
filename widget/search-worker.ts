/**
 * The search worker's entry: loads a pack's search index and answers rank/suggest requests off the
 * page's main thread, so typing never waits for a large index.
 */
/// <reference lib="webworker" />
import {createSearchHandler} from '../src/search/search-handler.js';
import type {SearchMessage} from '../src/search/search-handler.js';

declare const self: DedicatedWorkerGlobalScope;

const handle = createSearchHandler();
self.addEventListener('message', (e: MessageEvent<SearchMessage>) => {
  // A file for the page (its articles) is handed over, not copied: the worker keeps none of it.
  void handle(e.data).then((reply) =>
    self.postMessage(reply, reply.ok && reply.value instanceof Uint8Array ? [reply.value.buffer] : [])
  );
});
