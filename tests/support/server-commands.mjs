/**
 * Test-runner plugin: commands a browser test can ask the Node side to run (through
 * `executeServerCommand` from @web/test-runner-commands), for what a page cannot do by itself.
 */
import {execFile, spawn} from 'node:child_process';
import {createHash, randomUUID} from 'node:crypto';
import {cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {promisify} from 'node:util';
import {collectorCommand} from './collector-run.mjs';
import {cspCommand} from './csp-run.mjs';
import {pageCommand} from './page-run.mjs';
import {runServiceWorkerScenario} from './sw-run.mjs';
import {viteDevCommand} from './vite-dev-run.mjs';

const run = promisify(execFile);

/** A free TCP port on loopback. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** SIGKILLs a browser started by {@link launchOwnBrowser} and all its processes; resolves once it exited. */
function killGroup(child) {
  const exited = child.exitCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', r));
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
  return exited;
}

/**
 * Starts a Chromium process of our own on a profile folder (so its storage lives on disk, in the
 * default browser context, as an agent's browser does) and connects Playwright to it over CDP. Owning
 * the process is what lets a test kill it with SIGKILL, as a crash or a power cut would.
 */
async function launchOwnBrowser(userDataDir) {
  const {chromium} = await import('playwright');
  const {CHROMIUM_ARGS} = await import('./chromium.mjs');
  const port = await freePort();
  const child = spawn(
    process.env.CHROME_PATH || '/usr/bin/chromium',
    [
      ...CHROMIUM_ARGS,
      '--headless=new',
      `--user-data-dir=${userDataDir}`,
      `--remote-debugging-port=${port}`,
      'about:blank',
    ],
    // Its own process group, so killing it takes every Chromium process at once, as a power cut would.
    {stdio: 'ignore', detached: true}
  );
  for (let i = 0; i < 200; i++) {
    try {
      const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
      return {child, browser, context: browser.contexts()[0]};
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  killGroup(child);
  throw new Error('could not connect to the launched Chromium');
}

/** Browsers of `aa-frames-run` still in use, by run id. */
const framesRuns = new Map();

/** The project's Node command-line tools a test may run, by name. */
const TOOLS = {
  'content-check': 'src/build/bin/content-check.ts',
  pack: 'src/build/bin/pack.ts',
};

/**
 * @param {{root: string}} options the folder the test server serves
 */
export function serverCommands({root}) {
  const scratch = join(root, '.tmp', 'served');
  /** Long commands started by `aa-job-start`, by id (see there). */
  const jobs = new Map();
  const plugin = {
    name: 'agent-assist:server-commands',
    serverStart() {
      rmSync(scratch, {recursive: true, force: true});
    },
    async executeCommand({command, payload, session}) {
      // Any command of this plugin as a job, for the ones that may outlast web-test-runner's fixed 20 s
      // answer limit on a loaded machine: `aa-job-start {command, payload}` answers an id at once;
      // `aa-job-wait {id}` answers within 10 s, `{done: false}` or `{done: true, value}` (or the error).
      if (command === 'aa-job-start') {
        const id = randomUUID();
        const job = Promise.resolve()
          .then(() => plugin.executeCommand({command: payload.command, payload: payload.payload, session}))
          .then(
            (value) => ({value}),
            (error) => ({error: String(error?.stack ?? error)})
          );
        jobs.set(id, job);
        return id;
      }
      if (command === 'aa-job-wait') {
        const job = jobs.get(payload.id);
        if (!job) throw new Error(`aa-job-wait: no job ${payload.id}`);
        const outcome = await Promise.race([job, new Promise((r) => setTimeout(() => r(null), 10_000))]);
        if (!outcome) return {done: false};
        jobs.delete(payload.id);
        if ('error' in outcome) throw new Error(outcome.error);
        return {done: true, value: outcome.value ?? null};
      }
      // Copies dist/ into a fresh folder elsewhere on the server, plus a host page that embeds it from
      // there, as an integrator copying the build to their own static host would. Returns the page's URL.
      if (command === 'aa-copy-dist') {
        const id = randomUUID();
        const base = join(scratch, id);
        const vendor = join(base, 'static', 'vendor', 'agent-assist');
        cpSync(join(root, 'dist'), vendor, {recursive: true});
        // `removeChunks`: name prefixes of lazy chunks to delete, as a deploy that lost files would.
        for (const prefix of payload.removeChunks ?? []) {
          for (const file of readdirSync(join(vendor, 'chunks'))) {
            if (file.startsWith(prefix)) rmSync(join(vendor, 'chunks', file));
          }
        }
        mkdirSync(join(base, 'crm'), {recursive: true});
        writeFileSync(join(base, 'crm', 'index.html'), payload.html);
        return `/.tmp/served/${id}/crm/index.html`;
      }
      // Runs a fault scenario in a fresh, isolated browser context (its own storage, so wiping it cannot
      // disturb tests running beside it): opens `url` on the test server, then runs each step in order:
      // `{eval: 'async js body'}` (its return value is collected), `{clearStorage: true}` (Chromium's
      // Storage.clearDataForOrigin, as devtools, eviction or ITP do), `{wipeWhileClosed: true}` (the
      // same with the page closed, then opened again), `{block: glob}` (requests to matching URLs fail from
      // then on), `{offline: bool}`, `{clock: 'install' | {fastForward: ms} | {setSystemTime: iso}}`,
      // `{freeze: ms}` (Page.setWebLifecycleState), `{wait: ms}`, `{reload: true}`,
      // `{quota: bytes | null}` (Storage.overrideQuotaForOrigin)
      // or `{crashAndReopen: true}` (CDP Page.crash, then
      // the page opened again); a step with `tab: n` runs in (or, with `close`, closes)
      // another tab of the same context, opened on first use; `init` is a script run in every page of the
      // context before the page's own (to inject faults). Returns the collected values.
      if (command === 'aa-isolated-run') {
        const page = session.browser.getPage(session.id);
        const origin = new URL(page.url()).origin;
        const context = await page.context().browser().newContext();
        // A script run in every page of the context before the page's own (fault injection).
        if (payload.init) await context.addInitScript(payload.init);
        try {
          let isolated = await context.newPage();
          await isolated.goto(new URL(payload.url, origin).href);
          // Other tabs of the same context (same storage), opened by the first step that names them.
          const tabs = [isolated];
          const results = [];
          for (const step of payload.steps) {
            if (step.tab !== undefined) {
              if (!tabs[step.tab]) {
                tabs[step.tab] = await context.newPage();
                await tabs[step.tab].goto(new URL(payload.url, origin).href);
              }
              if (step.close) {
                await tabs[step.tab].close();
                results.push(null);
              } else {
                results.push(await tabs[step.tab].evaluate(`(async () => {${step.eval}})()`));
              }
            } else if (step.crashAndReopen) {
              // The renderer dies (no unload handlers run); the agent opens the page again.
              const cdp = await context.newCDPSession(isolated);
              const crashed = isolated.waitForEvent('crash', {timeout: 10_000});
              // The command never answers: the page it would answer from is gone.
              void cdp.send('Page.crash').catch(() => undefined);
              await crashed;
              isolated = await context.newPage();
              await isolated.goto(new URL(payload.url, origin).href);
              results.push(null);
            } else if (step.block) {
              // Requests to URLs matching the glob fail from now on (a server the browser cannot reach).
              await context.route(step.block, (route) => route.abort('connectionrefused'));
              results.push(null);
            } else if (step.offline !== undefined) {
              // The page's own network (an in-page embed has no service worker in the way).
              await context.setOffline(step.offline);
              results.push(null);
            } else if (step.clock !== undefined) {
              // Playwright's clock: `install` fakes Date and timers (time still flows), `fastForward` jumps
              // ahead firing what falls due, `setSystemTime` moves the wall clock only (a skewed clock).
              if (step.clock === 'install') await isolated.clock.install();
              else if (step.clock.fastForward) await isolated.clock.fastForward(step.clock.fastForward);
              else await isolated.clock.setSystemTime(new Date(step.clock.setSystemTime));
              results.push(null);
            } else if (step.freeze !== undefined) {
              // A backgrounded tab frozen by the browser, then woken `freeze` ms later.
              const cdp = await context.newCDPSession(isolated);
              await cdp.send('Page.setWebLifecycleState', {state: 'frozen'});
              await new Promise((r) => setTimeout(r, step.freeze));
              await cdp.send('Page.setWebLifecycleState', {state: 'active'});
              results.push(null);
            } else if (step.wait !== undefined) {
              await new Promise((r) => setTimeout(r, step.wait));
              results.push(null);
            } else if (step.reload) {
              await isolated.reload();
              results.push(null);
            } else if (step.quota !== undefined) {
              // A real quota for the origin (CDP), as a nearly full disk gives: null restores the default.
              const cdp = await context.browser().newBrowserCDPSession();
              await cdp.send('Storage.overrideQuotaForOrigin', {
                origin,
                ...(step.quota === null ? {} : {quotaSize: step.quota}),
              });
              results.push(null);
            } else if (step.wipeWhileClosed) {
              // The page is closed, the origin's IndexedDB cleared (as ITP or "clear site data" would
              // between visits), and the page opened again.
              await isolated.close();
              const blank = await context.newPage();
              const cdp = await context.newCDPSession(blank);
              await cdp.send('Storage.clearDataForOrigin', {origin, storageTypes: 'indexeddb'});
              await blank.close();
              isolated = await context.newPage();
              await isolated.goto(new URL(payload.url, origin).href);
              results.push(null);
            } else if (step.clearStorage) {
              const cdp = await context.newCDPSession(isolated);
              await cdp.send('Storage.clearDataForOrigin', {origin, storageTypes: 'indexeddb'});
              results.push(null);
            } else {
              results.push(await isolated.evaluate(`(async () => {${step.eval}})()`));
            }
          }
          return results;
        } finally {
          await context.close();
        }
      }
      // Runs steps in a Chromium process of its own with an on-disk profile (a fresh one per run):
      // `{eval}` as above, `{quota: bytes | null}` (Storage.overrideQuotaForOrigin on the profile's
      // default context), `{killBrowser: true}` (SIGKILL the whole browser, start it again on the same
      // profile and open the page), `{killDuring: 'js', afterMs}` (start `js` without waiting, kill the
      // browser `afterMs` later, start it again; `js` reports acknowledgements with `__aaAck(n)`, and the
      // step's result is the last `{acked}` before the kill). Returns the collected values.
      if (command === 'aa-own-browser-run') {
        const page = session.browser.getPage(session.id);
        const origin = new URL(page.url()).origin;
        const url = new URL(payload.url, origin).href;
        const profile = mkdtempSync(join(tmpdir(), 'aa-profile-'));
        let own = await launchOwnBrowser(profile);
        const open = async () => {
          const p = await own.context.newPage();
          await p.goto(url);
          return p;
        };
        const kill = async () => {
          await killGroup(own.child);
          own = await launchOwnBrowser(profile);
          return open();
        };
        try {
          if (payload.quota) {
            // Before the page first touches storage: the quota manager reads an origin's quota once.
            const blank = await own.context.newPage();
            const cdp = await own.context.newCDPSession(blank);
            await cdp.send('Storage.overrideQuotaForOrigin', {origin, quotaSize: payload.quota});
          }
          let current = await open();
          const results = [];
          for (const step of payload.steps) {
            if (step.quota !== undefined) {
              const cdp = await own.context.newCDPSession(current);
              await cdp.send('Storage.overrideQuotaForOrigin', {
                origin,
                ...(step.quota === null ? {} : {quotaSize: step.quota}),
              });
              results.push(null);
            } else if (step.killBrowser) {
              current = await kill();
              results.push(null);
            } else if (step.killDuring) {
              // The page reports what it saw acknowledged through __aaAck(n), as it happens.
              let acked = 0;
              await current.exposeFunction('__aaAck', (n) => (acked = Math.max(acked, n)));
              void current.evaluate(`(async () => {${step.killDuring}})()`).catch(() => undefined);
              await new Promise((r) => setTimeout(r, step.afterMs ?? 0));
              const ackedAtKill = acked;
              current = await kill();
              results.push({acked: ackedAtKill});
            } else {
              results.push(await current.evaluate(`(async () => {${step.eval}})()`));
            }
          }
          return results;
        } finally {
          await killGroup(own.child);
          rmSync(profile, {recursive: true, force: true, maxRetries: 10, retryDelay: 200});
        }
      }
      // Iframe mode across origins (frame-bridge.test.ts), in a Chromium of its own on a fresh profile: its
      // default context keeps Chromium's defaults (third-party storage partitioned by the embedding site,
      // not blocked as in Playwright's contexts), as an agent's browser does. Without `run`, starts one and
      // opens `url` (relative to the test server, or absolute, e.g. on http://127.0.0.1:<port>, another
      // origin on the same server; `init` runs in every frame before its own scripts); with `run`, goes on in
      // that one. Then runs each step: `{eval, frame?}` in the page, or with `frame` in the first frame of
      // any of its pages (popups included) whose URL contains that text, waiting for it to appear;
      // `{wait: ms}`; `{console: true}` (every console message so far, of every page and frame:
      // `{type, text, url}`, `url` the script that logged it). `end` (or a failing step, or two idle
      // minutes) stops the browser. Returns `{run, results}`. Split a long scenario into several calls: the
      // test runner gives a command 20 s.
      if (command === 'aa-frames-run') {
        let run = payload.run ? framesRuns.get(payload.run) : undefined;
        if (payload.run && !run) throw new Error(`aa-frames-run: no run ${payload.run}`);
        if (!run) {
          const origin = new URL(session.browser.getPage(session.id).url()).origin;
          const profile = mkdtempSync(join(tmpdir(), 'aa-frames-'));
          const own = await launchOwnBrowser(profile);
          const messages = [];
          own.context.on('page', (p) =>
            p.on('console', (m) => messages.push({type: m.type(), text: m.text(), url: m.location().url}))
          );
          if (payload.init) await own.context.addInitScript(payload.init);
          run = {id: randomUUID(), own, profile, messages, timer: null};
          framesRuns.set(run.id, run);
          run.main = await own.context.newPage();
          await run.main.goto(new URL(payload.url, origin).href);
        }
        const current = run;
        const end = async () => {
          framesRuns.delete(current.id);
          clearTimeout(current.timer);
          await killGroup(current.own.child);
          rmSync(current.profile, {recursive: true, force: true, maxRetries: 10, retryDelay: 200});
        };
        clearTimeout(current.timer);
        current.timer = setTimeout(() => void end(), 120_000).unref();
        const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
        const frameWith = async (part) => {
          for (let i = 0; i < 200; i++) {
            const found = current.own.context
              .pages()
              .flatMap((p) => p.frames())
              .find((f) => f.url().includes(part));
            if (found) return found;
            await sleep(50);
          }
          throw new Error(`aa-frames-run: no frame whose URL contains ${part}`);
        };
        const results = [];
        try {
          for (const step of payload.steps ?? []) {
            if (step.wait !== undefined) {
              await sleep(step.wait);
              results.push(null);
            } else if (step.console) {
              results.push([...current.messages]);
            } else {
              const target = step.frame ? await frameWith(step.frame) : current.main;
              results.push(await target.evaluate(`(async () => {${step.eval}})()`));
            }
          }
        } catch (err) {
          await end();
          throw err;
        }
        if (payload.end) await end();
        return {run: current.id, results};
      }
      // The real collector, started and stopped for an end-to-end test (see collector-run.mjs).
      if (command === 'aa-collector') {
        const origin = new URL(session.browser.getPage(session.id).url()).origin;
        return collectorCommand({root, origin, payload});
      }
      // A service-worker scenario on a copy of dist/ served by a server of its own (see sw-run.mjs).
      if (command === 'aa-sw-run') {
        const browser = session.browser.getPage(session.id).context().browser();
        return runServiceWorkerScenario({browser, dist: join(root, 'dist'), scratch, steps: payload.steps});
      }
      // A host page served with a strict Content-Security-Policy header, its violations recorded: opened,
      // driven and closed one step per command (see csp-run.mjs).
      if (command === 'aa-csp-run') {
        const page = session.browser.getPage(session.id);
        return cspCommand({browser: page.context().browser(), origin: new URL(page.url()).origin, payload});
      }
      // A host page at a chosen viewport size and colour scheme: opened, driven, resized, photographed and
      // closed one step per command (see page-run.mjs).
      if (command === 'aa-page-run') {
        const page = session.browser.getPage(session.id);
        return pageCommand({
          browser: page.context().browser(),
          origin: new URL(page.url()).origin,
          root,
          payload,
        });
      }
      // `npm start`'s dev server on a copy of a content folder, with the demo page open (see vite-dev-run.mjs).
      if (command === 'aa-vite-dev') {
        const browser = session.browser.getPage(session.id).context().browser();
        return viteDevCommand({browser, root, scratch, payload});
      }
      // Writes files into a fresh served folder (e.g. a tampered content pack); returns its URL path.
      // `dir` (a folder an earlier call returned) writes into that folder again, as a redeploy would.
      if (command === 'aa-write-files') {
        const id = /^[0-9a-f-]{36}$/.test(payload.dir ?? '') ? payload.dir : randomUUID();
        for (const f of payload.files) {
          const target = join(scratch, id, f.path);
          if (!target.startsWith(join(scratch, id)))
            throw new Error(`aa-write-files: ${f.path} escapes its folder`);
          mkdirSync(dirname(target), {recursive: true});
          writeFileSync(target, f.base64 !== undefined ? Buffer.from(f.base64, 'base64') : f.text);
        }
        return `/.tmp/served/${id}/`;
      }
      // Runs one of the project's CLIs (through tsx, as npm run does) and returns its exit code and output.
      // Paths in args starting with "@scratch/" are made absolute under the scratch folder.
      if (command === 'aa-run-tool') {
        const script = TOOLS[payload.tool];
        if (!script) throw new Error(`aa-run-tool: unknown tool ${payload.tool}`);
        const args = (payload.args ?? []).map((a) =>
          a.startsWith('@scratch/') ? join(scratch, a.slice(9)) : a
        );
        try {
          const {stdout, stderr} = await run(
            process.execPath,
            [join(root, 'node_modules/tsx/dist/cli.mjs'), script, ...args],
            {
              cwd: root,
              env: {...process.env, ...(payload.env ?? {})},
            }
          );
          return {code: 0, stdout, stderr};
        } catch (err) {
          return {code: err.code ?? 1, stdout: err.stdout ?? '', stderr: err.stderr ?? String(err)};
        }
      }
      // Lints a source text with the project's ESLint config as if it were the file at `filePath` (which
      // need not exist): how a test shows the layering rule refuses an import that runs back up.
      if (command === 'aa-lint-text') {
        const {ESLint} = await import('eslint');
        const eslint = new ESLint({cwd: root});
        const [result] = await eslint.lintText(payload.text, {filePath: join(root, payload.filePath)});
        return (result?.messages ?? []).map((m) => ({ruleId: m.ruleId, message: m.message, line: m.line}));
      }
      // Type-checks a TypeScript project (`payload.project`, a tsconfig path under the root) with the
      // project's own compiler, as an integrator's `tsc` would, in a child process (seconds of CPU that would
      // otherwise stall this server); returns every diagnostic with its file (relative to the root), line,
      // code, message and the text of its line.
      if (command === 'aa-typecheck') {
        const configPath = join(root, payload.project);
        if (!configPath.startsWith(root))
          throw new Error(`aa-typecheck: ${payload.project} is outside the project`);
        const {stdout} = await run(
          process.execPath,
          ['--input-type=module', '-e', TYPECHECK_SCRIPT, root, configPath],
          {cwd: root, maxBuffer: 16 * 1024 * 1024}
        );
        return {diagnostics: JSON.parse(stdout)};
      }
      // SHA-256 of every file in a scratch folder, by relative path: lets a test compare two outputs.
      if (command === 'aa-hash-folder') {
        const dir = join(scratch, payload.dir);
        const out = {};
        for (const name of readdirSync(dir).sort()) {
          out[name] = createHash('sha256')
            .update(readFileSync(join(dir, name)))
            .digest('hex');
        }
        return out;
      }
      return undefined;
    },
  };
  return plugin;
}

/**
 * `node -e` script for aa-typecheck (argv: root, tsconfig path): prints the project's diagnostics as JSON,
 * each with its file relative to the root, 1-based line, code, flattened message and the line's text.
 */
const TYPECHECK_SCRIPT = `
import ts from 'typescript';
import {relative} from 'node:path';
const [root, configPath] = process.argv.slice(-2);
const unrecoverable = [];
const parsed = ts.getParsedCommandLineOfConfigFile(configPath, undefined, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => unrecoverable.push(d),
});
const diagnostics = parsed
  ? [...parsed.errors, ...ts.getPreEmitDiagnostics(ts.createProgram({rootNames: parsed.fileNames, options: parsed.options}))]
  : unrecoverable;
const describe = (d) => {
  const message = ts.flattenDiagnosticMessageText(d.messageText, '\\n');
  if (!d.file || d.start === undefined) return {file: null, line: 0, code: d.code, message, lineText: ''};
  const {line} = d.file.getLineAndCharacterOfPosition(d.start);
  const lineText = (d.file.text.split('\\n')[line] ?? '').trim();
  return {file: relative(root, d.file.fileName), line: line + 1, code: d.code, message, lineText};
};
process.stdout.write(JSON.stringify(diagnostics.map(describe)));
`;
