/**
 * The pinned content a built content pack offers: for each script, the script and its checklist items
 * exactly as a call pins them, keyed by the same `pinHash` the call-start event carries (plus the pin of a
 * call without a script). Loaded with the widget's own pack loader (size and SHA-256 checks), from disk.
 */
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {callItemsFor} from '../../calls/call-items.js';
import {pinHash} from '../../calls/pinned-content.js';
import {loadPack} from '../../content/load-pack.js';
import {jsonText} from '../../internal/json-text.js';
import type {Pin} from '../store/collector-store.js';

/** `fetch` for `file:` URLs, which is all loadPack needs here. */
const fetchFile = (async (input: string | URL) =>
  new Response(await readFile(new URL(String(input))))) as unknown as typeof fetch;

/** Reads the pack in `packDir` (its manifest.json and the files it names). */
export async function pinsFromPack(packDir: string): Promise<Pin[]> {
  const pack = await loadPack(pathToFileURL(join(packDir, 'manifest.json')).href, fetchFile);
  const pins: Pin[] = [];
  for (const script of [null, ...pack.scripts]) {
    const items = callItemsFor(script, pack.checklists);
    pins.push({
      pinHash: await pinHash({script, items}),
      scriptId: script?.id ?? null,
      scriptVersion: script?.version ?? null,
      scriptTitle: script?.title ?? null,
      content: jsonText({script, items}),
    });
  }
  return pins;
}
