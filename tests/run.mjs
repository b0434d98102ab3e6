/**
 * `npm test`: first the collector's tests (Node's test runner, on SQLite and on a PostgreSQL that
 * tests/support/postgres.mjs finds or starts), then the browser tests: finds (or installs) a Chromium,
 * builds dist/ when it is older than the sources (some tests load the built bundle), then runs
 * @web/test-runner with any arguments passed through, e.g.
 * `npm test -- --files tests/unit/config/parse-attributes.test.ts` or `npm test -- --group unit`
 * (those run the browser tests only; `npm test -- --group collector` runs the collector's only).
 * Ends with the plain `N passed, N failed, N skipped` line over both; exits non-zero if either failed.
 */
import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {ensureChromium} from './support/chromium.mjs';
import {ensureBuilt} from './support/ensure-built.mjs';
import {ensurePostgres} from './support/postgres.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const group = args.includes('--group') ? args[args.indexOf('--group') + 1] : null;
const totals = {passed: 0, failed: 0, skipped: 0};
let exitCode = 0;

/** The counts in the summary a `tap` reporter ends with, or null when it has none. */
function tapCounts(file) {
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8');
  const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);
  const [pass, fail, cancelled, skipped, todo] = ['pass', 'fail', 'cancelled', 'skipped', 'todo'].map(count);
  if ([pass, fail, cancelled, skipped, todo].some(Number.isNaN)) return null;
  return {passed: pass, failed: fail + cancelled, skipped: skipped + todo};
}

/** Runs tests/collector/*.test.ts with Node's test runner; adds their counts to the totals. */
async function runCollectorTests() {
  const env = {...process.env};
  try {
    const url = await ensurePostgres();
    if (url) env.AA_TEST_DATABASE_URL = url;
  } catch (err) {
    // The PostgreSQL cases will skip; the run still fails, so a CI without its database is noticed.
    console.error(`collector tests: no PostgreSQL (${err.message}); its cases are skipped and the run fails`);
    totals.failed++;
    exitCode = 1;
  }
  const files = readdirSync(join(root, 'tests', 'collector'))
    .filter((name) => name.endsWith('.test.ts'))
    .sort()
    .map((name) => join('tests', 'collector', name));
  const tapFile = join(root, '.tmp', 'collector-tests.tap');
  mkdirSync(join(root, '.tmp'), {recursive: true});
  rmSync(tapFile, {force: true});
  console.log('Collector tests (Node test runner; SQLite and PostgreSQL):');
  const node = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tapFile}`,
      ...files,
    ],
    {cwd: root, stdio: 'inherit', env}
  );
  const counts = tapCounts(tapFile);
  if (!counts) {
    console.error('collector tests: the test runner wrote no summary');
    totals.failed++;
  } else {
    for (const key of Object.keys(totals)) totals[key] += counts[key];
  }
  if (node.status !== 0 || !counts || counts.failed > 0) exitCode = 1;
}

if (args.length === 0 || group === 'collector') await runCollectorTests();

if (group !== 'collector') {
  const chrome = await ensureChromium();
  ensureBuilt(root);
  const summaryFile = join(root, '.tmp', 'test-summary.json');
  rmSync(summaryFile, {force: true});
  const wtr = spawnSync(
    process.execPath,
    [join(root, 'node_modules/@web/test-runner/dist/bin.js'), ...args],
    {cwd: root, stdio: 'inherit', env: {...process.env, CHROME_PATH: chrome}}
  );
  if (existsSync(summaryFile)) {
    const counts = JSON.parse(readFileSync(summaryFile, 'utf8'));
    for (const key of Object.keys(totals)) totals[key] += counts[key];
  }
  if (wtr.status !== 0) exitCode = wtr.status ?? 1;
}

// The plain summary line comes last, after the runners' own (possibly buffered) output.
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode);
