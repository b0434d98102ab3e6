/**
 * Runs a QA import off the page's main thread: the file goes to the import worker
 * (widget/log-import-worker.ts), which reads, parses, checks and prepares it and, for a durable log,
 * writes it to the database itself. Where no worker can start (a host CSP without `worker-src` for the
 * widget's origin, Trusted Types refusing the widget's policy), the same code runs on the page.
 */
import type {PreparedImport} from '../calls/prepare-import.js';
import {trustedScriptURL, widgetPolicyBlocked} from '../internal/trusted-types.js';
import type {ImportResult} from '../storage/log-queries.js';
import type {ImportReply, ImportRequest, ImportTarget} from './import-protocol.js';

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

/** How an import ended: written by the worker, or prepared for the page to write. */
export type ImportDone = {written: ImportResult} | {prepared: PreparedImport};

/** The worker's answer for `file`, or null when the worker never started (then the page does the work). */
function inWorker(worker: Worker, file: File, target: ImportTarget | null): Promise<ImportDone | null> {
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
      } else if (reply.type === 'prepared') {
        const {type: _type, ...rest} = reply;
        resolve({prepared: {...rest, calls, logs}});
      } else if (reply.type === 'written') resolve({written: reply.result});
      else reject(new Error(reply.message));
    });
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      if (!started) resolve(null);
      else
        reject(
          new Error(
            `${file.name}: not imported, nothing changed (the import stopped: ${e.message || 'out of memory?'})`
          )
        );
    });
    worker.addEventListener('messageerror', () =>
      reject(
        new Error(`${file.name}: not imported, nothing changed (the import's answer could not be received)`)
      )
    );
    worker.postMessage({file, name: file.name, target} satisfies ImportRequest);
  });
}

/**
 * Imports one file in the import worker when one starts (`start`, replaceable in tests): written there
 * when `target` is given, else prepared there for the page to write. Without a worker, prepared on the
 * page. Rejects with an Error whose message names the file and the problem.
 */
export async function importInWorker(
  file: File,
  target: ImportTarget | null,
  start: () => Worker | null = createImportWorker
): Promise<ImportDone> {
  const worker = start();
  if (worker) {
    try {
      const done = await inWorker(worker, file, target);
      if (done) return done;
    } finally {
      worker.terminate();
    }
  }
  const {readImportFile} = await import('../calls/read-import-file.js');
  return {prepared: await readImportFile(file, file.name)};
}
