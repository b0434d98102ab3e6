import {trustedScriptURL, widgetPolicyBlocked} from '../internal/trusted-types.js';

/**
 * Starts the search worker, resolved relative to this module so it follows dist/ wherever it is copied,
 * with its script URL passed through the widget's Trusted Types policy (`new Worker()` is a sink).
 * Returns null where module workers are unavailable or the page's CSP refused the policy; SearchClient
 * then searches on the page.
 */
export function createSearchWorker(): Worker | null {
  if (typeof globalThis.Worker === 'undefined' || widgetPolicyBlocked()) return null;
  // Vite bundles a worker where it reads `new Worker(new URL('…', import.meta.url))`, so the call keeps
  // that shape: this local `Worker` is the browser's, taking the URL through the policy on its way.
  const Worker = class extends globalThis.Worker {
    constructor(url: URL, options: WorkerOptions) {
      // A TrustedScriptURL, which TypeScript's DOM library does not list among the URLs Worker takes.
      super(trustedScriptURL(url) as string, options);
    }
  };
  return new Worker(new URL('../../widget/search-worker.ts', import.meta.url), {
    type: 'module',
    name: 'agent-assist-search',
  });
}
