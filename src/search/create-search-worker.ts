/**
 * Starts the search worker, resolved relative to this module so it follows dist/ wherever it is copied.
 * Returns null where module workers are unavailable; SearchClient then searches on the page.
 */
export function createSearchWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  return new Worker(new URL('../../widget/search-worker.ts', import.meta.url), {
    type: 'module',
    name: 'agent-assist-search',
  });
}
