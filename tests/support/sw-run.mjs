/**
 * Service-worker scenarios (`aa-sw-run` server command): a copy of dist/ served by a static server of the
 * test's own on 127.0.0.1 (a secure context, so the worker registers), which a step can stop (the origin
 * becomes unreachable, for the pages and for the worker alike: Playwright's `setOffline` does not cover a
 * worker's traffic) and start again on the same port, or redeploy as a newer build would.
 *
 * Steps, run in order in a fresh browser context; each pushes one result:
 * - `{open: 'frame.html?…'}` opens a new tab on that path (it becomes the current one);
 * - `{eval: 'async js body'}` runs in the current tab and pushes its value;
 * - `{server: 'down' | 'up'}`;
 * - `{closeTabs: true}` closes every tab (the next `open` is a cold start);
 * - `{deploy: {rename?: [prefix…], missing?: path, remove?: [prefix…]}}` changes the served folder as a
 *   new build would: chunks whose names start with a prefix get new names (and every file that names them,
 *   and the worker's precache list, follows; a chunk that names one is renamed in turn), `missing` adds a file to the precache list that the server
 *   does not have, `remove` deletes chunks (a CDN that only keeps the latest build); the worker script
 *   always changes, so the browser finds an update;
 * - `{stopWorkers: true}` stops every service worker (as the browser does to idle ones, or a crash);
 * - `{navigations: true}` pushes how many times the current tab has loaded a document;
 * - `{wait: ms}` waits on the Node side (the page may reload meanwhile).
 */
import {randomUUID} from 'node:crypto';
import {cpSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {startStaticServer} from './static-server.mjs';

/** The precache list the build injected into sw.js (`addToCacheList([...])`). */
const PRECACHE_LIST = /addToCacheList\((\[.*?\])\)/s;

/** Every file under `dir` whose text may name a chunk. */
function textFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, {withFileTypes: true, recursive: true})) {
    if (entry.isFile() && /\.(js|html)$/.test(entry.name)) out.push(join(entry.parentPath, entry.name));
  }
  return out;
}

/** Changes the served copy as a redeploy of a newer build would (see the header). */
function deploy(dir, {rename = [], missing, remove = []}) {
  const swFile = join(dir, 'sw.js');
  let sw = readFileSync(swFile, 'utf8');
  const match = PRECACHE_LIST.exec(sw);
  if (!match) throw new Error('aa-sw-run: no precache list in sw.js');
  let list = JSON.parse(match[1]);
  const chunks = join(dir, 'chunks');
  // A chunk whose text changed (it names a renamed one) gets a new content hash too, as in a real build.
  const queue = [...rename];
  const renamed = new Set();
  for (let prefix = queue.shift(); prefix !== undefined; prefix = queue.shift()) {
    if (renamed.has(prefix)) continue;
    renamed.add(prefix);
    for (const file of readdirSync(chunks).filter((f) => f.startsWith(`${prefix}-`))) {
      // Same length and shape (`qa-view-v2xxxxxx.js`): a new content hash.
      const next = `${prefix}-v2${file.slice(prefix.length + 3)}`;
      renameSync(join(chunks, file), join(chunks, next));
      for (const path of textFiles(dir)) {
        const text = readFileSync(path, 'utf8');
        if (!text.includes(file)) continue;
        writeFileSync(path, text.replaceAll(file, next));
        const namer = /^(.+)-[\w-]{8}\.js$/.exec(
          path.startsWith(chunks) ? path.slice(chunks.length + 1) : ''
        );
        if (namer) queue.push(namer[1]);
      }
      list = list.map((e) => (e.url === `chunks/${file}` ? {...e, url: `chunks/${next}`} : e));
    }
  }
  // The files that name chunks (agent-assist.js…) changed: the unhashed ones get new revisions.
  if (rename.length > 0) list = list.map((e) => (e.revision ? {...e, revision: randomUUID()} : e));
  // sw.js itself named the old chunks (rewritten above with the other files): read it again.
  sw = readFileSync(swFile, 'utf8');
  for (const prefix of remove) {
    for (const file of readdirSync(chunks).filter((f) => f.startsWith(`${prefix}-`)))
      rmSync(join(chunks, file));
  }
  if (missing) list.push({revision: null, url: missing});
  sw = sw.replace(PRECACHE_LIST, () => `addToCacheList(${JSON.stringify(list)})`);
  // Always a different script, so the browser's update check finds a new worker.
  writeFileSync(swFile, `${sw}\n// deployed ${new Date().toISOString()} ${randomUUID()}\n`);
}

/**
 * Runs `payload.steps` (see the header) against a copy of `dist` under `scratch`, in a new context of the
 * test runner's browser. Returns the steps' results.
 */
export async function runServiceWorkerScenario({browser, dist, scratch, steps}) {
  const dir = join(scratch, `sw-${randomUUID()}`);
  cpSync(dist, dir, {recursive: true});
  let server = await startStaticServer(dir);
  const origin = server.url;
  const port = Number(new URL(origin).port);
  const context = await browser.newContext();
  /** Document loads per tab, for the reload-loop scenario. */
  const loads = new WeakMap();
  let current = null;
  const results = [];
  try {
    for (const step of steps) {
      if (step.open !== undefined) {
        current = await context.newPage();
        const page = current;
        loads.set(page, 0);
        page.on('load', () => loads.set(page, loads.get(page) + 1));
        await page.goto(new URL(step.open, origin).href);
        results.push(null);
      } else if (step.server === 'down') {
        await server.close();
        results.push(null);
      } else if (step.server === 'up') {
        server = await startStaticServer(dir, port);
        results.push(null);
      } else if (step.closeTabs) {
        for (const page of context.pages()) await page.close();
        current = null;
        results.push(null);
      } else if (step.deploy) {
        deploy(dir, step.deploy);
        results.push(null);
      } else if (step.stopWorkers) {
        const cdp = await context.newCDPSession(current);
        await cdp.send('ServiceWorker.enable');
        await cdp.send('ServiceWorker.stopAllWorkers');
        results.push(null);
      } else if (step.wait !== undefined) {
        await new Promise((r) => setTimeout(r, step.wait));
        results.push(null);
      } else if (step.navigations) {
        results.push(loads.get(current));
      } else {
        results.push(await current.evaluate(`(async () => {${step.eval}})()`));
      }
    }
    return results;
  } finally {
    await context.close();
    await server.close();
    rmSync(dir, {recursive: true, force: true});
  }
}
