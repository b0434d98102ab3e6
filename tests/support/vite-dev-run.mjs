/**
 * The editors' loop for real (`aa-vite-dev` server command, for tests/widget/dev-loop.test.ts): `npm start`'s
 * own Vite dev server (vite.config.ts) on a copy of a content folder, its terminal output captured, and the
 * demo page open in a browser context of its own. One command per step, each well under the test runner's
 * 20 s limit:
 * `{start: {content}}` copies `content` (a folder under the project) and starts the server: returns `{id}`;
 * `{id, open: true}` opens the demo page and waits for the widget's content;
 * `{id, write: {path, text}}` saves a file of the copy (as an editor's save); `{id, edit: {path, from, to}}`
 * saves it with the text `from` replaced by `to` (which must be there);
 * `{id, overlay: 'shown' | 'gone'}` waits (up to 15 s) for Vite's error overlay to be so, and returns what it
 * shows, `{overlay: {file, message, frame} | null}`;
 * `{id, reload: true}` reloads the page; `{id, log: true}` returns the terminal lines since the last `log`;
 * `{id, eval}` runs JS in the page; `{id, stop: true}` closes the page and the server.
 */
import {randomUUID} from 'node:crypto';
import {cpSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';

/** Running dev servers by id. */
const runs = new Map();

/** A logger that keeps what the dev server prints (colours stripped), as the editor's terminal shows it. */
function capturingLogger(lines) {
  // Terminal colour codes (ESC [ … m), built from a string: a regex literal may not hold control characters.
  const colours = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
  const keep = (msg) => lines.push(...String(msg).replace(colours, '').split('\n'));
  const warned = new Set();
  return {
    hasWarned: false,
    hasErrorLogged: () => false,
    clearScreen() {},
    info: keep,
    warn(msg) {
      this.hasWarned = true;
      keep(msg);
    },
    warnOnce(msg) {
      if (!warned.has(msg)) keep(msg);
      warned.add(msg);
    },
    error: keep,
  };
}

const OVERLAY_STATE = `(() => {
  const o = document.querySelector('vite-error-overlay');
  if (!o || !o.shadowRoot) return null;
  const text = (sel) => o.shadowRoot.querySelector(sel)?.textContent ?? '';
  return {file: text('.file'), message: text('.message-body'), frame: text('.frame')};
})()`;

/**
 * @param {{browser: import('playwright').Browser, root: string, scratch: string, payload: any}} options
 */
export async function viteDevCommand({browser, root, scratch, payload}) {
  if (payload.start) {
    const id = randomUUID();
    const contentDir = join(scratch, `dev-${id}`, 'content');
    cpSync(join(root, payload.start.content), contentDir, {recursive: true});
    const lines = [];
    const {createServer} = await import('vite');
    const previous = process.env.AA_CONTENT_DIR;
    process.env.AA_CONTENT_DIR = contentDir;
    let server;
    try {
      server = await createServer({
        configFile: join(root, 'vite.config.ts'),
        root,
        mode: 'development',
        // Not node_modules/.vite: node_modules may be shared with other checkouts.
        cacheDir: join(scratch, `dev-${id}`, 'vite-cache'),
        customLogger: capturingLogger(lines),
        server: {host: '127.0.0.1', port: 0, strictPort: false},
      });
    } finally {
      if (previous === undefined) delete process.env.AA_CONTENT_DIR;
      else process.env.AA_CONTENT_DIR = previous;
    }
    await server.listen();
    const address = server.httpServer.address();
    runs.set(id, {
      server,
      lines,
      contentDir,
      url: `http://127.0.0.1:${address.port}/`,
      context: null,
      page: null,
    });
    return {id, contentDir};
  }
  const run = runs.get(payload.id);
  if (!run) throw new Error(`aa-vite-dev: no run ${payload.id}`);
  const widgetShown = () =>
    run.page.waitForFunction(
      () => document.querySelector('agent-assist')?.shadowRoot?.querySelector('aa-knowledge-panel'),
      undefined,
      {timeout: 15_000}
    );
  if (payload.open) {
    run.context = await browser.newContext();
    run.page = await run.context.newPage();
    await run.page.goto(run.url);
    await widgetShown();
    return true;
  }
  if (payload.write) {
    const target = join(run.contentDir, payload.write.path);
    if (!target.startsWith(run.contentDir))
      throw new Error(`aa-vite-dev: ${payload.write.path} escapes the content`);
    mkdirSync(dirname(target), {recursive: true});
    writeFileSync(target, payload.write.text);
    return true;
  }
  if (payload.edit) {
    const target = join(run.contentDir, payload.edit.path);
    if (!target.startsWith(run.contentDir))
      throw new Error(`aa-vite-dev: ${payload.edit.path} escapes the content`);
    const text = readFileSync(target, 'utf8');
    if (!text.includes(payload.edit.from))
      throw new Error(`aa-vite-dev: ${payload.edit.path} has no ${payload.edit.from}`);
    writeFileSync(target, text.replace(payload.edit.from, payload.edit.to));
    return true;
  }
  if (payload.overlay) {
    const wanted = payload.overlay;
    const deadline = Date.now() + 15_000;
    for (;;) {
      // (A page that is reloading has no document to ask: ask again.)
      const state = await run.page.evaluate(OVERLAY_STATE).catch(() => undefined);
      // Wrapped: the test runner takes a null answer for an unknown command.
      if (state !== undefined && (wanted === 'shown') === (state !== null)) return {overlay: state};
      if (Date.now() > deadline) throw new Error(`aa-vite-dev: the overlay was never ${wanted}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  if (payload.reload) {
    await run.page.reload();
    await widgetShown();
    return true;
  }
  if (payload.log) return run.lines.splice(0);
  if (payload.eval !== undefined)
    return {value: await run.page.evaluate(`(async () => {${payload.eval}})()`)};
  if (payload.stop) {
    runs.delete(payload.id);
    await run.context?.close();
    await run.server.close();
    return true;
  }
  throw new Error('aa-vite-dev: nothing to do');
}
