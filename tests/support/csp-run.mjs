/**
 * Strict-CSP host pages (`aa-csp-run` server command, for tests/widget/csp-trusted-types.test.ts): opens a
 * page of the test server in a fresh browser context with `csp` sent as its `Content-Security-Policy`
 * response header (as a host's server would send it), runs steps in it, and reports what a host would
 * see: every `securitypolicyviolation` (recorded by a script Playwright runs before the page's own, which
 * the page's CSP does not govern), every `aa-error`, console errors and uncaught errors (with the URL they
 * came from), failed requests, and the page's workers.
 *
 * One command per step, so that no single one nears the test runner's 20 s limit for a command:
 * `{open: {url, csp}}` returns a session id; `{id, eval: 'async js body'}` returns its value;
 * `{id, close: true}` returns the report and closes the context.
 */
import {randomUUID} from 'node:crypto';

/** Runs before the page's scripts: records violations and the widget's errors for the report. */
const RECORDER = `window.__aaCsp = {violations: [], errors: []};
document.addEventListener('securitypolicyviolation', (e) => __aaCsp.violations.push({
  directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile,
  disposition: e.disposition,
}));
document.addEventListener('aa-error', (e) => __aaCsp.errors.push(e.detail));`;

/** What @web/dev-server appends to every HTML page it serves. */
const DEV_SERVER_SCRIPT =
  /<!-- injected by web-dev-server -->\s*<script type="module" src="\/__web-dev-server__web-socket\.js"><\/script>/;

/** Open pages by session id. */
const sessions = new Map();

async function open(browser, pageUrl, csp) {
  const context = await browser.newContext();
  try {
    await context.addInitScript(RECORDER);
    // The host page only (the widget's own files are served as they are), exactly as the test wrote it:
    // without the script the test server appends to every HTML page (web-dev-server's web socket), which
    // is not the host's and which a strict CSP would rightly refuse.
    await context.route(pageUrl, async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace(DEV_SERVER_SCRIPT, '');
      const headers = {...response.headers(), 'content-security-policy': csp};
      delete headers['content-length'];
      await route.fulfill({response, body: html, headers});
    });
    const page = await context.newPage();
    // Every worker the page started, recorded as it starts (the import worker is gone once it is done).
    const session = {context, page, console: [], failedRequests: [], workers: []};
    page.on('worker', (w) => session.workers.push(w.url()));
    page.on('console', (m) => {
      if (m.type() === 'error') session.console.push({text: m.text(), url: m.location().url ?? ''});
    });
    page.on('pageerror', (e) => session.console.push({text: `uncaught: ${e.message}`, url: ''}));
    page.on('requestfailed', (r) => session.failedRequests.push(r.url()));
    page.on('response', (r) => {
      if (r.status() >= 400) session.failedRequests.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(pageUrl);
    const id = randomUUID();
    sessions.set(id, session);
    return id;
  } catch (err) {
    await context.close();
    throw err;
  }
}

/**
 * @param {{browser: import('playwright').Browser, origin: string,
 *   payload: {open?: {url: string, csp: string}, id?: string, eval?: string, close?: boolean}}} options
 */
export async function cspCommand({browser, origin, payload}) {
  if (payload.open) return open(browser, new URL(payload.open.url, origin).href, payload.open.csp);
  const session = sessions.get(payload.id);
  if (!session) throw new Error(`aa-csp-run: no open page ${payload.id}`);
  if (payload.eval !== undefined) return session.page.evaluate(`(async () => {${payload.eval}})()`);
  if (payload.close) {
    sessions.delete(payload.id);
    try {
      const {violations, errors} = await session.page.evaluate('window.__aaCsp');
      return {
        violations,
        aaErrors: errors,
        console: session.console,
        failedRequests: session.failedRequests,
        workers: session.workers,
      };
    } finally {
      await session.context.close();
    }
  }
  throw new Error('aa-csp-run: expected open, eval or close');
}
