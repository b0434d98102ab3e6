/**
 * Evaluation of suggested aliases (issue 16) on the shared corpora: each corpus becomes content (one
 * article per document), half of its dev queries (the even-numbered ones) are played as agent sessions
 * (the query typed, then its first relevant article opened, logged as the widget logs them, one agent
 * per session), the knowledge-health report suggests aliases from them, every suggestion is accepted
 * (added to the article's `aliases:` front matter, as an editor would in git), and MRR@10 is measured on
 * the other half (the odd-numbered queries, never seen) before and after, with the widget's own search
 * engine over the pack built from the content. Node only (`npx tsx tests/bench/alias-evaluation.ts
 * [corpus…] [--min-alias n]`); prints one line per corpus and writes bench-results/alias-evaluation.json.
 */
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {buildContentPack} from '../../src/build/build-content-pack.js';
import {ArticleTable} from '../../src/content/article-table.js';
import type {SourceFile} from '../../src/content/types.js';
import {healthArticle} from '../../src/health/health-article.js';
import {buildHealthReport} from '../../src/health/health-report.js';
import type {SignalEvent} from '../../src/health/knowledge-events.js';
import {decodeCompactIndex} from '../../src/search/compact-index.js';
import {SearchEngine} from '../../src/search/search-engine.js';
import {SEARCH_INDEX_VERSION} from '../../src/search/search-options.js';
import {articleSlug, docsToArticles, readCorpus} from './corpus-content.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const corpora = join(root, '../shared/corpora');
const args = process.argv.slice(2);
const minAt = args.indexOf('--min-alias');
const minAlias = minAt >= 0 ? Number(args[minAt + 1]) : 1;
const names = args.filter((a, i) => !a.startsWith('--') && (minAt < 0 || i !== minAt + 1));
const CORPORA = names.length > 0 ? names : ['stackfaq-en', 'wikiqa-en', 'bq-zh', 'atec-zh'];

interface Query {
  q: string;
  relevant: string[];
}

async function pack(files: SourceFile[]) {
  const build = await buildContentPack(files, {builtAt: '2026-01-01T00:00:00.000Z', today: '2026-11-30'});
  if (!build.files) throw new Error(build.diagnostics.find((d) => d.severity === 'error')?.message);
  const file = (prefix: string) => build.files!.find((f) => f.path.startsWith(prefix))!.source;
  return {
    articles: ArticleTable.read(file('articles.') as Uint8Array).articles(),
    engine: new SearchEngine(decodeCompactIndex(file('search-index.') as Uint8Array, SEARCH_INDEX_VERSION)),
  };
}

function mrr10(engine: SearchEngine, queries: Query[], docOf: Map<string, string>): number {
  let sum = 0;
  for (const query of queries) {
    const relevant = new Set(query.relevant);
    const rank = engine.rank(query.q, {limit: 10}).findIndex((h) => relevant.has(docOf.get(h.id) ?? ''));
    if (rank >= 0) sum += 1 / (rank + 1);
  }
  return sum / queries.length;
}

/** The content files with `aliases` added to the front matter of the articles they name. */
function withAliases(files: SourceFile[], aliases: Map<string, string[]>): SourceFile[] {
  return files.map((f) => {
    const id = f.path.replace(/^articles\//, '').replace(/\.md$/, '');
    const add = aliases.get(id);
    if (!add) return f;
    const line = `aliases: [${add.map((a) => JSON.stringify(a)).join(', ')}]`;
    return {...f, text: f.text.replace('\nowner:', `\n${line}\nowner:`)};
  });
}

const results = [];
for (const name of CORPORA) {
  const started = performance.now();
  const docs = readCorpus(corpora, name);
  const files = docsToArticles(docs);
  const docOf = new Map(docs.map((d, i) => [articleSlug(d, i), d.id]));
  const slugOf = new Map(docs.map((d, i) => [d.id, articleSlug(d, i)]));
  const all = readFileSync(join(corpora, name, 'queries-dev.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Query)
    .filter((q) => q.relevant.some((id) => slugOf.has(id)));
  const train = all.filter((_, i) => i % 2 === 0);
  const test = all.filter((_, i) => i % 2 === 1);

  const before = await pack(files);
  const mrrBefore = mrr10(before.engine, test, docOf);
  // One simulated session per training query: typed, searched, then the relevant article opened.
  const events: SignalEvent[] = train.map((q, i) => {
    const articleId = slugOf.get(q.relevant.find((id) => slugOf.has(id))!)!;
    const resultCount = before.engine.rank(q.q, {limit: 20}).length;
    return {
      type: 'search-session',
      agentId: `agent-${i}`,
      clientTs: '2026-11-01T00:00:00.000Z',
      data: {queries: [{query: q.q, resultCount}], articleId},
    };
  });
  const report = buildHealthReport(events, before.articles.map(healthArticle), {
    today: '2026-11-30',
    minAliasCount: minAlias,
    top: 1,
  });
  const accepted = new Map<string, string[]>();
  for (const s of report.suggestedAliases)
    accepted.set(s.articleId, [...(accepted.get(s.articleId) ?? []), s.alias]);
  const after = await pack(withAliases(files, accepted));
  const mrrAfter = mrr10(after.engine, test, docOf);
  const result = {
    corpus: name,
    sessions: train.length,
    heldOut: test.length,
    minAlias,
    aliases: report.suggestedAliases.length,
    articlesWithAliases: accepted.size,
    mrrBefore: Math.round(mrrBefore * 10000) / 10000,
    mrrAfter: Math.round(mrrAfter * 10000) / 10000,
    examples: report.suggestedAliases.slice(0, 5).map((s) => `${s.articleId}: ${s.alias}`),
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
  results.push(result);
  console.log(
    `${name}: ${train.length} sessions → ${result.aliases} aliases on ${accepted.size} articles; ` +
      `MRR@10 on ${test.length} held-out queries ${result.mrrBefore.toFixed(4)} → ${result.mrrAfter.toFixed(4)} ` +
      `(${result.seconds} s)`
  );
}
mkdirSync(join(root, 'bench-results'), {recursive: true});
writeFileSync(
  join(root, 'bench-results', `alias-evaluation-min${minAlias}.json`),
  JSON.stringify(results, null, 2)
);
