/**
 * Node-only file-system shell around the pure content code: reads a content folder into SourceFiles and
 * decides the pack's build time (SOURCE_DATE_EPOCH, else the folder's last git commit, else now), so the
 * same commit always gives the same pack bytes.
 */
import {execFileSync} from 'node:child_process';
import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join, relative, sep} from 'node:path';
import {TAXONOMY_FILES} from '../content/parse-taxonomy.js';
import type {SourceFile} from '../content/types.js';

/** Whether a path (relative to the content folder, with `/`) is content: markdown, or a taxonomy file. */
export function isContentPath(path: string): boolean {
  return path.toLowerCase().endsWith('.md') || Object.hasOwn(TAXONOMY_FILES, path);
}

/** Every content file under `dir` (markdown, and the taxonomy files at its top), with `/` paths relative to it. */
export function readContentDir(dir: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (isContentPath(relative(dir, full).split(sep).join('/'))) {
        files.push({path: relative(dir, full).split(sep).join('/'), text: readFileSync(full, 'utf8')});
      }
    }
  };
  walk(dir);
  return files;
}

/** The build time to record: reproducible when the environment or git can tell us one. */
export function resolveBuiltAt(dir: string, env: NodeJS.ProcessEnv = process.env): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString();
  try {
    const iso = execFileSync('git', ['log', '-1', '--format=%cI', '--', '.'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    // Uncommitted changes make the commit time a lie about the content: fall through to now.
    const dirty = execFileSync('git', ['status', '--porcelain', '--', '.'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    if (iso && !dirty) return new Date(iso).toISOString();
  } catch {
    // Not a git checkout, or no git: use the clock.
  }
  return new Date().toISOString();
}

/** Today's date in UTC, `YYYY-MM-DD`. */
export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
