/**
 * The built widget on a CRM-like page of its own, run in a fresh, isolated browser context by the test
 * server (`aa-isolated-run`): its storage is its own, so wiping or breaking it cannot disturb the tests
 * running beside it.
 */
import {executeServerCommand} from '@web/test-runner-commands';
import {longCommand} from './long-command.js';

export type Step =
  | {eval: string}
  | {clearStorage: true}
  | {crashAndReopen: true}
  | {wipeWhileClosed: true}
  | {block: string}
  | {reload: true}
  | {quota: number | null}
  | {offline: boolean}
  | {clock: 'install' | {fastForward: number} | {setSystemTime: string}}
  | {freeze: number}
  | {wait: number}
  | {tab: number; eval: string}
  | {tab: number; close: true};

/**
 * A copy of dist/ under another folder and a host page embedding it; `beforeWidget` goes in its head,
 * `attributes` on the element.
 */
export async function crmPage(
  beforeWidget = '',
  attributes = '',
  removeChunks: string[] = []
): Promise<string> {
  return (await executeServerCommand<string, {html: string; removeChunks: string[]}>('aa-copy-dist', {
    removeChunks,
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CRM</title>
      <script>window.__aaErrors = []; document.addEventListener('aa-error', (e) => __aaErrors.push(e.detail.code));</script>
      ${beforeWidget}
      <script type="module" src="../static/vendor/agent-assist/agent-assist.js"></script></head>
      <body><agent-assist lang="en" ${attributes.includes('agent-id=') ? '' : 'agent-id="a-fault"'} queue="billing" ${attributes}></agent-assist></body></html>`,
  }))!;
}

/** Runs `steps` in a fresh context on `url`; `init` runs in every page before the page's own scripts. */
export const run = (url: string, steps: Step[], init?: string) =>
  longCommand<unknown[]>('aa-isolated-run', {url, steps, ...(init ? {init} : {})});

/** A step in a Chromium process of the test's own (an on-disk profile, the default browser context). */
export type OwnBrowserStep =
  {eval: string} | {killBrowser: true} | {killDuring: string; afterMs: number} | {quota: number | null};

/**
 * Runs `steps` on `url` in a Chromium process started for this run on a fresh profile folder, which a
 * step can SIGKILL and start again; `quota` (bytes) is set for the origin before the page first runs.
 */
export const runOwnBrowser = (url: string, steps: OwnBrowserStep[], quota?: number) =>
  longCommand<unknown[]>('aa-own-browser-run', {url, steps, ...(quota ? {quota} : {})});

/**
 * Page-side helpers for the offline copy of the content: `cachedFiles()` counts the files it holds (never
 * creating its database, which would then have no stores), `waitForCache()` waits for the pack's four
 * (scripts and checklists saved by the page, the index and the articles by the search worker).
 */
export const CACHED_FILES = `const cachedFiles = async () => {
        // Never create the widget's cache database here (an empty one would have no stores).
        if (!(await indexedDB.databases()).some((d) => d.name === 'agent-assist-content')) return 0;
        return new Promise((resolve) => {
          const q = indexedDB.open('agent-assist-content');
          q.onsuccess = () => {
            try {
              const c = q.result.transaction('files').objectStore('files').count();
              c.onsuccess = () => { q.result.close(); resolve(c.result); };
            } catch { q.result.close(); resolve(0); }
          };
          q.onerror = () => resolve(0);
        });
      };
      // The pack's four files: two saved by the page, the index and the articles by the search worker.
      const waitForCache = async () => {
        for (let i = 0; i < 200 && (await cachedFiles()) < 4; i++) await new Promise((r) => setTimeout(r, 25));
      };`;

/** A step of {@link runFrames}: in the page or in a frame (see `aa-frames-run` in server-commands.mjs). */
export type FrameStep = {eval: string; frame?: string} | {wait: number} | {console: true};

/** A console message of {@link runFrames}: its type, text and the URL of the script that logged it. */
export interface ConsoleEntry {
  type: string;
  text: string;
  url: string;
}

/**
 * Pages of one folder beside a copy of dist/ (at `static/vendor/agent-assist/`): `pages` maps file names
 * (`index.html` first) to their HTML, written to `crm/`. Returns the folder's URL path (`/.tmp/served/<id>/`).
 */
export async function hostPages(pages: Record<string, string>): Promise<string> {
  const {'index.html': index = '', ...others} = pages;
  const url = (await executeServerCommand<string, {html: string; removeChunks: string[]}>('aa-copy-dist', {
    html: index,
    removeChunks: [],
  }))!;
  const dir = url.split('/')[3]!;
  await executeServerCommand('aa-write-files', {
    dir,
    files: Object.entries(others).map(([name, text]) => ({path: `crm/${name}`, text})),
  });
  return `/.tmp/served/${dir}/`;
}

/** A browser of its own for iframe-mode scenarios (see `aa-frames-run` in server-commands.mjs). */
export interface FramesRun {
  /** Runs `steps` (each call must finish within the test runner's 20 s per command) and returns their values. */
  steps(steps: FrameStep[]): Promise<unknown[]>;
  /** Stops the browser. */
  end(): Promise<void>;
}

/**
 * Starts a Chromium of its own on a fresh profile (Chromium's defaults: third-party storage partitioned, not
 * blocked) and opens `url` (relative to the test server, or absolute); `init` runs in every frame first.
 */
export async function framesRun(url: string, init?: string): Promise<FramesRun> {
  type Answer = {run: string; results: unknown[]};
  const command = (payload: object) => longCommand<Answer>('aa-frames-run', payload);
  const {run} = (await command({url, ...(init ? {init} : {}), steps: []}))!;
  return {
    steps: async (steps) => (await command({run, steps}))!.results,
    end: async () => void (await command({run, end: true})),
  };
}
