/**
 * Host pages at a chosen size (`aa-page-run` server command, for the host-CSS, narrow-panel and axe tests
 * in tests/widget/): opens a page of the test server in a fresh browser context with its own viewport and
 * colour scheme, runs steps in it, resizes it, saves screenshots, and reports the page's errors on close.
 *
 * One command per step, so that no single one nears the test runner's 20 s limit for a command:
 * `{open: {url, viewport: {width, height}, colorScheme?}}` returns a session id;
 * `{id, eval: 'async js body'}` returns `{value}`; `{id, viewport: {width, height}}` resizes the page;
 * `{id, screenshot: 'name.png'}` saves a PNG of the viewport into the screenshot folder (`AA_SCREENSHOT_DIR`,
 * else `.tmp/screens/` in the project) and returns its path; `{id, capture: 'css selector'}` returns a PNG of
 * that element (base64) for a test to compare; `{id, close: true}` returns the console errors, uncaught
 * errors and failed requests the page had, and closes its context.
 */
import {randomUUID} from 'node:crypto';
import {mkdirSync} from 'node:fs';
import {join} from 'node:path';

/** Open pages by session id. */
const sessions = new Map();

async function open(browser, pageUrl, {viewport, colorScheme = 'light'}) {
  const context = await browser.newContext({viewport, colorScheme});
  try {
    const page = await context.newPage();
    const session = {context, page, errors: []};
    page.on('console', (m) => {
      const url = m.location().url ?? '';
      if (m.type() === 'error' && !url.endsWith('/favicon.ico')) session.errors.push(m.text());
    });
    page.on('pageerror', (e) => session.errors.push(`uncaught: ${e.message}`));
    page.on('requestfailed', (r) =>
      session.errors.push(`request failed: ${r.url()} (${r.failure()?.errorText})`)
    );
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().endsWith('/favicon.ico'))
        session.errors.push(`${r.status()} ${r.url()}`);
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
 * @param {{browser: import('playwright').Browser, origin: string, root: string,
 *   payload: {open?: {url: string, viewport: {width: number, height: number}, colorScheme?: string},
 *     id?: string, eval?: string, viewport?: {width: number, height: number}, screenshot?: string,
 *     capture?: string, close?: boolean}}} options
 */
export async function pageCommand({browser, origin, root, payload}) {
  if (payload.open) return open(browser, new URL(payload.open.url, origin).href, payload.open);
  const session = sessions.get(payload.id);
  if (!session) throw new Error(`aa-page-run: no open page ${payload.id}`);
  // Wrapped: the test runner takes a null or undefined answer for an unknown command.
  if (payload.eval !== undefined)
    return {value: await session.page.evaluate(`(async () => {${payload.eval}})()`)};
  if (payload.viewport) {
    await session.page.setViewportSize(payload.viewport);
    return true;
  }
  if (payload.screenshot !== undefined) {
    if (!/^[\w.-]+\.png$/.test(payload.screenshot))
      throw new Error(`aa-page-run: screenshot name ${payload.screenshot} is not a plain .png file name`);
    const dir = process.env.AA_SCREENSHOT_DIR || join(root, '.tmp', 'screens');
    mkdirSync(dir, {recursive: true});
    const path = join(dir, payload.screenshot);
    await session.page.screenshot({path, animations: 'disabled', caret: 'hide'});
    return path;
  }
  if (payload.capture !== undefined) {
    const png = await session.page
      .locator(payload.capture)
      .screenshot({animations: 'disabled', caret: 'hide'});
    return png.toString('base64');
  }
  if (payload.close) {
    sessions.delete(payload.id);
    try {
      return {errors: session.errors};
    } finally {
      await session.context.close();
    }
  }
  throw new Error('aa-page-run: expected open, eval, viewport, screenshot, capture or close');
}
