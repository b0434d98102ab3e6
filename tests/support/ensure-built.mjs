/**
 * Rebuilds dist/ with `npm run build` when any of its outputs is missing or older than the sources, for the
 * test and benchmark entry points that load the built bundle (or its types and manifest).
 */
import {spawnSync} from 'node:child_process';
import {existsSync, readdirSync, statSync} from 'node:fs';
import {join, resolve} from 'node:path';

const SOURCES = [
  'src',
  'widget',
  'content',
  'index.html',
  'vite.config.ts',
  'package.json',
  'tsconfig.json',
  'tsconfig.types.json',
  'custom-elements-manifest.config.mjs',
];
/** What `npm run build` writes that tests read: the widget, its bundled types and its elements manifest. */
const OUTPUTS = ['dist/agent-assist.js', 'dist/agent-assist.d.ts', 'dist/custom-elements.json'];

/** Newest modification time of any file under `paths` (relative to `root`, or absolute). */
export function newestMtime(root, paths) {
  let max = 0;
  const walk = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) for (const name of readdirSync(p)) walk(join(p, name));
    else max = Math.max(max, s.mtimeMs);
  };
  for (const p of paths) walk(resolve(root, p));
  return max;
}

/** Builds dist/ if stale; exits the process with the build's status when the build fails. */
export function ensureBuilt(root) {
  // The oldest output counts (0 when one is missing): each must be newer than every source.
  const builtAt = Math.min(
    ...OUTPUTS.map((file) => (existsSync(join(root, file)) ? statSync(join(root, file)).mtimeMs : 0))
  );
  if (newestMtime(root, SOURCES) <= builtAt) return;
  console.log('dist/ is missing or older than the sources: running npm run build first.');
  const build = spawnSync('npm', ['run', 'build', '--silent'], {cwd: root, stdio: 'inherit'});
  if (build.status !== 0) process.exit(build.status ?? 1);
}
