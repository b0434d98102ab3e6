/**
 * `npm run content:report -- [options] <exported log files…>`: the knowledge-health report over the
 * JSON logs exported by any number of agents (the QA view's or `exportLog()`'s JSON) and the content
 * folder. Prints it as tables and writes `knowledge-health.md` and `knowledge-health.csv` to attach to a
 * pull request.
 *
 * Options: `--content <dir>` (default `content`), `--out <dir>` (default `knowledge-health`), `--from` /
 * `--to` (UTC days, both included, or date-times, `--to` excluded), `--today YYYY-MM-DD` (for review dates;
 * default today, UTC), `--min-alias <n>` (sessions before an alias is suggested; default 2), `--top <n>`.
 */
import {mkdirSync, writeFileSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {reportToCsv, reportToMarkdown, reportToTerminal} from '../../health/format-report.js';
import {contentReport} from '../content-report.js';
import {todayUtc} from '../read-content-dir.js';

const USAGE =
  'usage: npm run content:report -- [--content dir] [--out dir] [--from date] [--to date] [--today YYYY-MM-DD] ' +
  '[--min-alias n] [--top n] <exported log .json files…>';

const options: Record<string, string> = {};
const files: string[] = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const arg = args[i]!;
  if (arg.startsWith('--')) {
    const value = args[++i];
    if (
      value === undefined ||
      !['--content', '--out', '--from', '--to', '--today', '--min-alias', '--top'].includes(arg)
    ) {
      console.error(
        `content:report: ${value === undefined ? `${arg} needs a value` : `unknown option ${arg}`}\n${USAGE}`
      );
      process.exit(2);
    }
    options[arg.slice(2)] = value;
  } else {
    files.push(arg);
  }
}
if (files.length === 0) {
  console.error(`content:report: no log files given\n${USAGE}`);
  process.exit(2);
}
const count = (name: string, fallback: number) => {
  const n = Number(options[name] ?? fallback);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`content:report: --${name} must be a whole number from 1`);
    process.exit(2);
  }
  return n;
};
/** A date alone is a UTC day, both ends included (as the collector reads them): `--to 2026-11-30` ends at December. */
const instant = (name: string) => {
  const v = options[name];
  if (v === undefined) return undefined;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(v);
  const t = Date.parse(day ? `${v}T00:00:00Z` : v) + (day && name === 'to' ? 86_400_000 : 0);
  if (Number.isNaN(t)) {
    console.error(`content:report: --${name} ${JSON.stringify(v)} is not a date`);
    process.exit(2);
  }
  return new Date(t).toISOString();
};

try {
  const report = await contentReport(resolve(options.content ?? 'content'), files, {
    from: instant('from'),
    to: instant('to'),
    today: options.today ?? todayUtc(),
    minAliasCount: count('min-alias', 2),
    top: count('top', 20),
  });
  const out = resolve(options.out ?? 'knowledge-health');
  mkdirSync(out, {recursive: true});
  writeFileSync(join(out, 'knowledge-health.md'), reportToMarkdown(report));
  writeFileSync(join(out, 'knowledge-health.csv'), reportToCsv(report));
  console.log(reportToTerminal(report));
  console.log(`content:report: wrote ${join(out, 'knowledge-health.md')} and knowledge-health.csv`);
} catch (err) {
  console.error(`content:report: ${(err as Error).message}`);
  process.exit(1);
}
