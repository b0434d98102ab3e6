/**
 * Build-time (Node) plugin for the widget pass: writes what integrators' tools read beside the widget,
 * - `dist/agent-assist.d.ts`: one bundled declaration file for the widget entry (dts-bundle-generator over
 *   `tsconfig.types.json`, keeping the `declare global` augmentations; `lit` stays an import);
 * - `dist/custom-elements.json`: the custom elements manifest (@custom-elements-manifest/analyzer with
 *   `custom-elements-manifest.config.mjs`).
 * Both run as child processes while the widget is bundled, and are kept in `node_modules/.cache/` by a hash
 * of their inputs (the sources, the configs, the lockfile), so a build that changed only content reuses
 * them. Either tool failing fails the build. Neither type-checks: that is `npm run check`.
 */
import {spawn} from 'node:child_process';
import type {ChildProcess} from 'node:child_process';
import {createHash} from 'node:crypto';
import {copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join, relative, resolve} from 'node:path';
import type {Plugin} from 'vite';

export interface IntegratorFilesOptions {
  /** The widget's source entry whose exports the declaration file describes. */
  entry: string;
  /** The tsconfig used to emit declarations (relative to the project root). */
  tsconfig: string;
  /** The declaration file's name in the output folder. */
  dtsFile: string;
  /** What the two files are made from (files or folders, relative to the root): their cache key. */
  inputs: string[];
}

const MANIFEST_FILE = 'custom-elements.json';
const CACHE_DIR = 'node_modules/.cache/agent-assist-integrator-files';

/** Runs a package's Node CLI in `cwd`; the promise rejects with the CLI's output when it exits non-zero. */
function runCli(label: string, script: string, args: string[], cwd: string) {
  const child: ChildProcess = spawn(process.execPath, [script, ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d));
  child.stderr?.on('data', (d: Buffer) => (output += d));
  const done = new Promise<void>((resolveDone, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolveDone();
      else reject(new Error(`${label} failed (${signal ?? `exit ${code}`}):\n${output.trim()}`));
    });
  });
  return {child, done};
}

/** Path of a file inside an installed package (these two have no `exports` map). */
function packageFile(root: string, pkg: string, file: string): string {
  const require = createRequire(join(root, 'package.json'));
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
}

/** SHA-256 over the paths and bytes of every file under `inputs`, in a stable order. */
export function hashInputs(root: string, inputs: string[]): string {
  const hash = createHash('sha256');
  const walk = (path: string) => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) walk(join(path, name));
      return;
    }
    hash
      .update(`${relative(root, path)}\0`)
      .update(readFileSync(path))
      .update('\0');
  };
  for (const input of inputs) walk(resolve(root, input));
  return hash.digest('hex').slice(0, 16);
}

const kb = (file: string) => `${(statSync(file).size / 1024).toFixed(1)} KB`;

/** Vite plugin (build only): the declaration file and the custom elements manifest in the output folder. */
export function integratorFiles(options: IntegratorFilesOptions): Plugin {
  let root = process.cwd();
  let outDir = 'dist';
  let pending: {cached: string; reused: boolean; jobs: ReturnType<typeof runCli>[]} | null = null;
  const stop = () => {
    for (const job of pending?.jobs ?? []) job.child.kill();
    pending = null;
  };
  return {
    name: 'agent-assist:integrator-files',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = resolve(root, config.build.outDir);
    },
    buildStart() {
      stop();
      const cached = join(root, CACHE_DIR, hashInputs(root, options.inputs));
      const files = [options.dtsFile, MANIFEST_FILE].map((f) => join(cached, f));
      if (files.every((f) => existsSync(f))) {
        pending = {cached, reused: true, jobs: []};
        return;
      }
      // Older entries go: only the newest inputs are worth keeping.
      rmSync(join(root, CACHE_DIR), {recursive: true, force: true});
      mkdirSync(cached, {recursive: true});
      const jobs = [
        runCli(
          'dts-bundle-generator',
          packageFile(root, 'dts-bundle-generator', 'dist/bin/dts-bundle-generator.js'),
          [
            '--silent',
            // The output is checked where it matters: tests/widget/shipped-types.test.ts compiles a consumer.
            '--no-check',
            '--no-banner',
            '--project',
            options.tsconfig,
            '--inline-declare-global',
            '--export-referenced-types=false',
            '--out-file',
            join(cached, options.dtsFile),
            options.entry,
          ],
          root
        ),
        runCli(
          'custom-elements-manifest analyzer',
          packageFile(root, '@custom-elements-manifest/analyzer', 'cem.js'),
          ['analyze', '--quiet', '--outdir', relative(root, cached)],
          root
        ),
      ];
      // Awaited in closeBundle; a build that fails before then stops them instead.
      for (const job of jobs) job.done.catch(() => undefined);
      pending = {cached, reused: false, jobs};
    },
    buildEnd(error) {
      if (error) stop();
    },
    async closeBundle() {
      const run = pending;
      pending = null;
      if (!run) return;
      try {
        await Promise.all(run.jobs.map((j) => j.done));
      } catch (err) {
        rmSync(run.cached, {recursive: true, force: true});
        throw err;
      }
      const written = [options.dtsFile, MANIFEST_FILE].map((file) => {
        copyFileSync(join(run.cached, file), join(outDir, file));
        return `${relative(root, join(outDir, file))} ${kb(join(outDir, file))}`;
      });
      console.log(
        `agent-assist integrator files${run.reused ? ' (inputs unchanged)' : ''}: ${written.join(', ')}`
      );
    },
  };
}
