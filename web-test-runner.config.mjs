/**
 * @web/test-runner configuration: every `tests/**\/*.test.ts` file in headless Chromium driven by
 * Playwright (Debian's chromium, found by tests/support/chromium.mjs). `npm test` is the entry point.
 * Groups: `npm test -- --group unit` (pure logic), `components`, `widget` (built bundle and entry),
 * `storage`, `session` (the framework-free core); a new
 * folder under tests/ needs a group here.
 */
import {esbuildPlugin} from '@web/dev-server-esbuild';
import {defaultReporter} from '@web/test-runner';
import {playwrightLauncher} from '@web/test-runner-playwright';
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {CHROMIUM_ARGS, ensureChromium} from './tests/support/chromium.mjs';
import {faultReceiver} from './tests/support/fault-receiver.mjs';
import {serverCommands} from './tests/support/server-commands.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));
/** The fault-injecting upload receiver (tests/support/fault-receiver.mjs), served beside the tests. */
const receiver = faultReceiver();
const executablePath = process.env.CHROME_PATH || (await ensureChromium());

/**
 * Counts every test of the run and writes the totals to `.tmp/test-summary.json`; tests/run.mjs prints
 * them as the plain `N passed, N failed` line once the runner's own output has finished.
 */
function summaryReporter() {
  return {
    stop({sessions}) {
      let passed = 0;
      let failed = 0;
      let skipped = 0;
      const walk = (suite) => {
        for (const t of suite.tests) {
          if (t.skipped) skipped++;
          else if (t.passed) passed++;
          else failed++;
        }
        for (const s of suite.suites) walk(s);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        // A file that failed to load or threw outside a test has no failing test to count: count it once.
        if (!session.passed && session.errors.length > 0) failed++;
      }
      mkdirSync(join(root, '.tmp'), {recursive: true});
      writeFileSync(join(root, '.tmp', 'test-summary.json'), JSON.stringify({passed, failed, skipped}));
    },
  };
}

export default {
  rootDir: root,
  // Every test file belongs to exactly one group; with no --group, all groups run. With --files, only
  // those files run (wtr would otherwise run every group as well).
  groups: process.argv.includes('--files')
    ? []
    : [
        {name: 'unit', files: 'tests/unit/**/*.test.ts'},
        {name: 'components', files: 'tests/components/**/*.test.ts'},
        {name: 'widget', files: 'tests/widget/**/*.test.ts'},
        {name: 'storage', files: 'tests/storage/**/*.test.ts'},
        {name: 'session', files: 'tests/session/**/*.test.ts'},
      ],
  nodeResolve: {exportConditions: ['browser', 'development']},
  middleware: [receiver.middleware],
  concurrency: 2,
  testFramework: {config: {timeout: 10000}},
  // Lit's dev build (used in tests for its extra checks) announces itself in every file; silence that one.
  testRunnerHtml: (testFramework) => `<!doctype html><html><body>
    <script>globalThis.litIssuedWarnings = new Set(['dev-mode']);</script>
    <script type="module" src="${testFramework}"></script></body></html>`,
  testsFinishTimeout: 10 * 60 * 1000,
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {executablePath, headless: true, args: CHROMIUM_ARGS},
    }),
  ],
  plugins: [
    {
      // Dexie's package entry wraps its UMD build; the test server serves ES modules only.
      name: 'agent-assist:dexie-esm',
      resolveImport({source}) {
        if (source === 'dexie') return '/node_modules/dexie/dist/dexie.mjs';
        return undefined;
      },
    },
    esbuildPlugin({ts: true, tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url))}),
    serverCommands({root}),
    receiver.plugin,
  ],
  reporters: [defaultReporter(), summaryReporter()],
};
