/**
 * The QA import's worker: reads, parses, checks and prepares one log file off the page's main thread (a
 * 49 MB file parsed on the page was one 300 ms task), then writes it to the page's IndexedDB database in
 * one transaction, so the page only hears how it went. For a page whose log is in memory, it hands the
 * rows back a slice at a time instead, and the page writes them.
 */
/// <reference lib="webworker" />
import {readImportFile} from '../src/calls/read-import-file.js';
import {IMPORT_SLICE} from '../src/session/import-protocol.js';
import type {ImportReply, ImportRequest} from '../src/session/import-protocol.js';
import {AssistDb} from '../src/storage/assist-db.js';
import {writeImport} from '../src/storage/log-queries.js';

declare const self: DedicatedWorkerGlobalScope;

const post = (reply: ImportReply) => self.postMessage(reply);

async function run({file, name, target}: ImportRequest): Promise<void> {
  let prepared;
  try {
    prepared = await readImportFile(file, name);
  } catch (err) {
    const e = err as Error;
    post({
      type: 'error',
      message: e.name === 'LogFileError' ? e.message : `${name}: could not be read (${e.message})`,
    });
    return;
  }
  if (!target) {
    const {calls, logs, ...rest} = prepared;
    for (let i = 0; i < calls.length; i += IMPORT_SLICE)
      post({type: 'rows', calls: calls.slice(i, i + IMPORT_SLICE), logs: logs.slice(i, i + IMPORT_SLICE)});
    post({type: 'prepared', ...rest});
    return;
  }
  const db = new AssistDb(target.dbName);
  try {
    const result = await writeImport(db, prepared, target.epoch !== undefined ? {epoch: target.epoch} : {});
    post({type: 'written', result});
  } catch (err) {
    post({type: 'error', message: `${name}: not imported, nothing changed (${(err as Error).message})`});
  } finally {
    db.close();
  }
}

self.addEventListener('message', (e: MessageEvent<ImportRequest>) => {
  post({type: 'started'});
  void run(e.data);
});
