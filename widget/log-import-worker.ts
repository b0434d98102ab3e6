/**
 * The QA import's worker: reads, parses, checks and prepares one log file off the page's main thread
 * (a 49 MB file parsed on the page was one 300 ms task), then hands the rows back a slice at a time, so
 * the page never has to take a large message in one task. The page writes them.
 */
/// <reference lib="webworker" />
import {readImportFile} from '../src/calls/read-import-file.js';
import {IMPORT_SLICE} from '../src/session/import-protocol.js';
import type {ImportReply, ImportRequest} from '../src/session/import-protocol.js';

declare const self: DedicatedWorkerGlobalScope;

const post = (reply: ImportReply) => self.postMessage(reply);

self.addEventListener('message', (e: MessageEvent<ImportRequest>) => {
  const {file, name} = e.data;
  post({type: 'started'});
  readImportFile(file, name).then(
    (prepared) => {
      const {calls, logs, ...rest} = prepared;
      for (let i = 0; i < calls.length; i += IMPORT_SLICE)
        post({type: 'rows', calls: calls.slice(i, i + IMPORT_SLICE), logs: logs.slice(i, i + IMPORT_SLICE)});
      post({type: 'done', ...rest});
    },
    (err: Error) => post({type: 'error', message: err.message, fromFile: err.name === 'LogFileError'})
  );
});
