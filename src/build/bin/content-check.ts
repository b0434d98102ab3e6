/**
 * `npm run content:check [-- --content <dir>] [--strict] [--format json]`: reports every content problem,
 * errors first, as `file:line:column severity: message`, and exits 1 when there are errors (warnings
 * alone exit 0). `--strict` (a content repository's CI) also fails on articles overdue for review;
 * `--format json` prints one JSON object for tools instead.
 */
import {relative, resolve} from 'node:path';
import {formatDiagnostic, parseContent} from '../../content/parse-content.js';
import type {Diagnostic} from '../../content/types.js';
import {OVERDUE_REVIEW} from '../../content/validate-content.js';
import {readContentDir, todayUtc} from '../read-content-dir.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const dir = resolve(option('--content') ?? 'content');
const strict = args.includes('--strict');
const format = option('--format') ?? 'text';
if (format !== 'text' && format !== 'json') {
  console.error(`content:check: --format is "${format}"; expected "text" or "json"`);
  process.exit(2);
}

let files;
try {
  files = readContentDir(dir);
} catch (err) {
  console.error(`content:check: could not read ${dir}: ${(err as Error).message}`);
  process.exit(2);
}
const content = parseContent(files, {today: todayUtc()});
// Strict: an overdue review fails the check, as an error at the same place.
const diagnostics: Diagnostic[] = content.diagnostics.map((d) =>
  strict && d.code === OVERDUE_REVIEW ? {...d, severity: 'error'} : d
);
const errors = diagnostics.filter((d) => d.severity === 'error');
const warnings = diagnostics.filter((d) => d.severity === 'warning');
const prefix = `${relative(process.cwd(), dir) || '.'}/`;
const counts = {
  articles: content.articles.length,
  scripts: content.scripts.length,
  checklists: content.checklists.length,
  categories: content.taxonomy.categories.length,
  queues: content.taxonomy.queues.length,
  errors: errors.length,
  warnings: warnings.length,
};

if (format === 'json') {
  const out = {
    ok: errors.length === 0,
    strict,
    contentDir: prefix.slice(0, -1),
    counts,
    // Errors first, each group in file order: the same order as the text report.
    diagnostics: [...errors, ...warnings].map((d) => ({
      file: `${prefix}${d.file}`,
      line: d.line,
      column: d.column,
      severity: d.severity,
      message: d.message,
      ...(d.code ? {code: d.code} : {}),
    })),
  };
  console.log(JSON.stringify(out, null, 2));
} else {
  for (const d of [...errors, ...warnings]) console.log(formatDiagnostic(d, prefix));
  console.log(
    `content:check: ${counts.articles} articles, ${counts.scripts} scripts, ${counts.checklists} checklists; ` +
      `${errors.length} error(s), ${warnings.length} warning(s)${strict ? ' (strict)' : ''}`
  );
}
process.exit(errors.length > 0 ? 1 : 0);
