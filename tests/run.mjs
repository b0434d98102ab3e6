/**
 * `npm test`: finds (or installs) a Chromium, builds dist/ when it is older than the sources (some tests
 * load the built bundle), then runs @web/test-runner with any arguments passed through, e.g.
 * `npm test -- --files tests/unit/config/parse-attributes.test.ts` or `npm test -- --group unit`.
 * Ends with the plain `N passed, N failed, N skipped` line.
 */
import {spawnSync} from 'node:child_process';
import {existsSync, readFileSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {ensureChromium} from './support/chromium.mjs';
import {ensureBuilt} from './support/ensure-built.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const chrome = await ensureChromium();
ensureBuilt(root);

const summaryFile = join(root, '.tmp', 'test-summary.json');
rmSync(summaryFile, {force: true});
const wtr = spawnSync(
  process.execPath,
  [join(root, 'node_modules/@web/test-runner/dist/bin.js'), ...process.argv.slice(2)],
  {cwd: root, stdio: 'inherit', env: {...process.env, CHROME_PATH: chrome}}
);
// The plain summary line comes last, after the runner's own (possibly buffered) output.
if (existsSync(summaryFile)) {
  const {passed, failed, skipped} = JSON.parse(readFileSync(summaryFile, 'utf8'));
  console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
}
process.exit(wtr.status ?? 1);
