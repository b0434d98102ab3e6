/**
 * `npm run pack -- --content <dir> --out <dir>`: builds a content pack from any folder (editors' CI,
 * benchmarks). Prints the errors grouped by file and one line counting the warnings (content:check lists
 * them); writes nothing when there are errors.
 */
import {mkdirSync, rmSync, writeFileSync} from 'node:fs';
import {join, relative, resolve} from 'node:path';
import {buildContentPack} from '../build-content-pack.js';
import {errorReport, warningSummary} from '../diagnostic-report.js';
import {readContentDir, resolveBuiltAt, todayUtc} from '../read-content-dir.js';

function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

const contentDir = option('--content');
const outDir = option('--out');
if (!contentDir || !outDir) {
  console.error('usage: npm run pack -- --content <content folder> --out <output folder>');
  process.exit(2);
}

const dir = resolve(contentDir);
const started = performance.now();
const build = await buildContentPack(readContentDir(dir), {builtAt: resolveBuiltAt(dir), today: todayUtc()});
const prefix = `${relative(process.cwd(), dir) || '.'}/`;
for (const line of errorReport(build.diagnostics, prefix)) console.log(line);
const warnings = warningSummary(build.diagnostics);
if (warnings) console.log(warnings);
if (!build.files || !build.manifest) {
  console.error(
    `pack: not written: ${build.diagnostics.filter((d) => d.severity === 'error').length} error(s)`
  );
  process.exit(1);
}
const out = resolve(outDir);
rmSync(out, {recursive: true, force: true});
mkdirSync(out, {recursive: true});
for (const f of build.files) writeFileSync(join(out, f.path), f.source);
const bytes = build.files.reduce((n, f) => n + Buffer.byteLength(f.source), 0);
const {counts, contentHash} = build.manifest;
console.log(
  `pack: ${counts.articles} articles, ${counts.scripts} scripts, ${counts.checklists} checklists → ${out} ` +
    `(${(bytes / 1024).toFixed(1)} KB, hash ${contentHash.slice(0, 12)}, ${((performance.now() - started) / 1000).toFixed(2)} s)`
);
