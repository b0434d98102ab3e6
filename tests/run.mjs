/**
 * `npm test`: finds (or installs) a Chromium, builds dist/ when it is older than the sources (some tests
 * load the built bundle), then runs @web/test-runner with any arguments passed through, e.g.
 * `npm test -- --files tests/unit/config/parse-attributes.test.ts` or `npm test -- --group unit`.
 */
import {spawnSync} from 'node:child_process';
import {existsSync, readFileSync, readdirSync, rmSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {ensureChromium} from './support/chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const chrome = await ensureChromium();

/** Newest modification time under the given paths (files or folders). */
function newest(paths) {
  let max = 0;
  const walk = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) for (const name of readdirSync(p)) walk(join(p, name));
    else max = Math.max(max, s.mtimeMs);
  };
  for (const p of paths) walk(join(root, p));
  return max;
}

const builtAt = existsSync(join(root, 'dist/agent-assist.js')) ? statSync(join(root, 'dist/agent-assist.js')).mtimeMs : 0;
const sourcesAt = newest(['src', 'widget', 'content', 'index.html', 'vite.config.ts', 'package.json']);
if (sourcesAt > builtAt) {
  console.log('dist/ is missing or older than the sources: running npm run build first.');
  const build = spawnSync('npm', ['run', 'build', '--silent'], {cwd: root, stdio: 'inherit'});
  if (build.status !== 0) process.exit(build.status ?? 1);
}

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
