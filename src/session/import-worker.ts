/**
 * Prepares a QA import off the page's main thread: the file goes to the import worker
 * (widget/log-import-worker.ts), which reads, parses, checks and prepares it and sends the rows back in
 * slices. Where no worker can start (a host CSP without `worker-src` for the widget's origin, Trusted
 * Types refusing the widget's policy), the same code runs on the page.
 */
import type {PreparedImport} from '../calls/prepare-import.js';
import {trustedScriptURL, widgetPolicyBlocked} from '../internal/trusted-types.js';
import type {ImportReply, ImportRequest} from './import-protocol.js';

/** Starts the import worker, resolved next to this module; null where it cannot be started. */
export function createImportWorker(): Worker | null {
  if (typeof globalThis.Worker === 'undefined' || widgetPolicyBlocked()) return null;
  // Vite bundles a worker where it reads `new Worker(new URL('…', import.meta.url))`: the call keeps that
  // shape, with the URL passed through the widget's Trusted Types policy (`new Worker()` is a sink).
  const Worker = class extends globalThis.Worker {
    constructor(url: URL, options: WorkerOptions) {
      super(trustedScriptURL(url) as string, options);
    }
  };
  try {
    return new Worker(new URL('../../widget/log-import-worker.ts', import.meta.url), {
      type: 'module',
      name: 'agent-assist-import',
    });
  } catch {
    return null;
  }
}

/** The worker's answer for `file`, or null when the worker never started (then the page does the work). */
function inWorker(worker: Worker, file: File): Promise<PreparedImport | null> {
  return new Promise((resolve, reject) => {
    let started = false;
    const calls: PreparedImport['calls'] = [];
    const logs: PreparedImport['logs'] = [];
    worker.addEventListener('message', (e: MessageEvent<ImportReply>) => {
      const reply = e.data;
      if (reply.type === 'started') started = true;
      else if (reply.type === 'rows') {
        calls.push(...reply.calls);
        logs.push(...reply.logs);
      } else if (reply.type === 'done') {
        const {type: _type, ...rest} = reply;
        resolve({...rest, calls, logs});
      } else {
        reject(
          new Error(reply.fromFile ? reply.message : `${file.name}: could not be read (${reply.message})`)
        );
      }
    });
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      if (!started) resolve(null);
      else
        reject(
          new Error(`${file.name}: could not be read (the import stopped: ${e.message || 'out of memory?'})`)
        );
    });
    worker.addEventListener('messageerror', () =>
      reject(new Error(`${file.name}: could not be read (the import's answer could not be received)`))
    );
    worker.postMessage({file, name: file.name} satisfies ImportRequest);
  });
}

/**
 * Reads, checks and prepares one file, in the import worker when one starts (`start`, replaceable in
 * tests), else on the page. Rejects with an Error whose message names the file and the problem.
 */
export async function prepareLogFile(
  file: File,
  start: () => Worker | null = createImportWorker
): Promise<PreparedImport> {
  const worker = start();
  if (worker) {
    try {
      const prepared = await inWorker(worker, file);
      if (prepared) return prepared;
    } finally {
      worker.terminate();
    }
  }
  const {readImportFile} = await import('../calls/read-import-file.js');
  return readImportFile(file, file.name);
}
