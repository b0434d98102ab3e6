/**
 * What `npm run content:report` computes, as a function (tests call it): the content folder built as a
 * pack (so articles are read exactly as the widget and the collector read them), the exported logs
 * parsed and checked, and the knowledge-health report over all their events.
 */
import {readFileSync} from 'node:fs';
import {basename} from 'node:path';
import {ArticleTable} from '../content/article-table.js';
import {healthArticle} from '../health/health-article.js';
import type {HealthArticle} from '../health/health-article.js';
import {buildHealthReport} from '../health/health-report.js';
import type {HealthReport, HealthReportOptions} from '../health/health-report.js';
import type {SignalEvent} from '../health/knowledge-events.js';
import {parseLogFile} from '../qa/log-file.js';
import {buildContentPack} from './build-content-pack.js';
import {readContentDir} from './read-content-dir.js';

/** The articles of a content folder, as the report reads them; throws naming the first content error. */
export async function contentArticles(contentDir: string, today: string): Promise<HealthArticle[]> {
  const build = await buildContentPack(readContentDir(contentDir), {
    builtAt: new Date(0).toISOString(),
    today,
  });
  const file = build.files?.find((f) => f.path.startsWith('articles.'));
  if (!file) {
    const first = build.diagnostics.find((d) => d.severity === 'error');
    throw new Error(
      `${contentDir}: content has errors (${first?.file}: ${first?.message}); run npm run content:check`
    );
  }
  return ArticleTable.read(file.source as Uint8Array)
    .articles()
    .map(healthArticle);
}

/** The events of exported JSON logs (every call's events and the knowledge events logged between calls). */
export function eventsOfLogFiles(paths: readonly string[]): SignalEvent[] {
  return paths.flatMap((path) => parseLogFile(readFileSync(path, 'utf8'), basename(path)).events);
}

/** The report over `logFiles` and the articles of `contentDir`. */
export async function contentReport(
  contentDir: string,
  logFiles: readonly string[],
  options: HealthReportOptions
): Promise<HealthReport> {
  const articles = await contentArticles(contentDir, options.today);
  return buildHealthReport(eventsOfLogFiles(logFiles), articles, options);
}
