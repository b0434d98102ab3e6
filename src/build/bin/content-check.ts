/**
 * `npm run content:check [-- --content <dir>]`: reports every content problem as
 * `file:line:column severity: message` and exits 1 when there are errors (warnings alone exit 0).
 */
import {resolve} from 'node:path';
import {relative} from 'node:path';
import {formatDiagnostic, parseContent} from '../../content/parse-content.js';
import {readContentDir, todayUtc} from '../read-content-dir.js';

const args = process.argv.slice(2);
const at = args.indexOf('--content');
const dir = resolve(at >= 0 && args[at + 1] ? args[at + 1]! : 'content');

try {
  const files = readContentDir(dir);
  const content = parseContent(files, {today: todayUtc()});
  const prefix = `${relative(process.cwd(), dir) || '.'}/`;
  for (const d of content.diagnostics) console.log(formatDiagnostic(d, prefix));
  const errors = content.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = content.diagnostics.length - errors;
  console.log(
    `content:check: ${content.articles.length} articles, ${content.scripts.length} scripts, ` +
      `${content.checklists.length} checklists; ${errors} error(s), ${warnings} warning(s)`
  );
  process.exit(errors > 0 ? 1 : 0);
} catch (err) {
  console.error(`content:check: could not read ${dir}: ${(err as Error).message}`);
  process.exit(2);
}
