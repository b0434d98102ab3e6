/**
 * Search answer quality on the corpora's dev splits (stackfaq-en, wikiqa-en, bq-zh, atec-zh): each corpus
 * becomes a content pack (tests/bench/search-packs.mjs), the built widget loads it in Chromium, and every
 * dev query goes through `el.search(q, {limit: 10})`. Hit ids (article ids) map back to corpus doc ids.
 *
 * Metrics, over the queries of a split:
 * - recall@k: the fraction of queries with at least one relevant doc among the top k hits (k = 1, 5),
 *   i.e. success@k, not the fraction of all relevant docs found;
 * - MRR@10: the mean over queries of 1 / rank of the first relevant hit, 0 when none is in the top 10.
 *
 * Baselines, measured in the same run and page: MiniSearch with default options over the raw docs'
 * title and text (default search options, top 10); for the Chinese corpora also the same with an
 * Intl.Segmenter('zh', {granularity: 'word'}) tokenizer (word-like segments), the comparator of the
 * target "MRR@10 ≥ 1.3 × the Segmenter baseline". The ours rows' ratio is to the Segmenter baseline
 * for zh, to the default baseline for en. bq/atec labels are incomplete: compare, don't read absolutely.
 */
import {devQueries, ensurePack, everyKth} from './search-packs.mjs';

export const name = 'search-relevance';

/**
 * `step` > 1 keeps every step-th dev query (a fixed sample). atec-zh: all 4,208 queries would take ~11
 * minutes here, nearly all of it the Segmenter baseline (~150 ms a query over 39k docs: MiniSearch's OR
 * over very common words), so 1 in 4: 1,052 queries.
 */
const CORPORA = [
  {name: 'stackfaq-en', zh: false, step: 1},
  {name: 'wikiqa-en', zh: false, step: 1},
  {name: 'bq-zh', zh: true, step: 1},
  {name: 'atec-zh', zh: true, step: 4},
];
const LIMIT = 10;

/** recall@1, recall@5 (success@k: at least one relevant doc in the top k) and MRR@10 of ranked doc ids. */
export function score(ranked, queries) {
  let r1 = 0;
  let r5 = 0;
  let mrr = 0;
  queries.forEach((query, i) => {
    const relevant = new Set(query.relevant);
    const rank = ranked[i].slice(0, 10).findIndex((id) => relevant.has(id));
    if (rank === 0) r1++;
    if (rank >= 0 && rank < 5) r5++;
    if (rank >= 0) mrr += 1 / (rank + 1);
  });
  const n = queries.length;
  return {recall1: r1 / n, recall5: r5 / n, mrr10: mrr / n, n};
}

async function evaluateCorpus(browser, baseUrl, root, corpus) {
  const pack = await ensurePack(root, baseUrl, corpus.name);
  if (pack.built)
    console.log(`  built the ${corpus.name} pack (${pack.docs} docs) in ${(pack.ms / 1000).toFixed(1)} s`);
  const all = devQueries(root, corpus.name);
  const queries = corpus.step > 1 ? everyKth(all, corpus.step) : all;
  const qs = queries.map((q) => q.q);

  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/tests/bench/pages/search.html`);
    await page.waitForFunction(() => window.__ready);
    await page.evaluate(() => window.bench.loadWidget());
    const mount = await page.evaluate(({url, probe}) => window.bench.mountAndFirstSearch(url, probe), {
      url: pack.url,
      probe: pack.probe,
    });

    const started = performance.now();
    const ours = await page.evaluate(({qs, limit}) => window.bench.searchAll(qs, limit), {qs, limit: LIMIT});
    const oursSeconds = (performance.now() - started) / 1000;

    // Hit ids back to corpus doc ids; anything that does not map is reported, never silently dropped.
    const unmapped = new Set();
    let duplicates = 0;
    const oursDocs = ours.ids.map((ids) => {
      if (new Set(ids).size !== ids.length) duplicates++;
      return ids.map((id) => {
        const doc = pack.ids[id];
        if (doc === undefined) unmapped.add(id);
        return doc ?? `unmapped:${id}`;
      });
    });

    const baselineRuns = {};
    for (const tokenizer of corpus.zh ? ['default', 'segmenter'] : ['default']) {
      const build = await page.evaluate(
        ({docsUrl, tokenizer}) => window.bench.buildBaseline(tokenizer, docsUrl, tokenizer),
        {docsUrl: pack.docsUrl, tokenizer}
      );
      const run = await page.evaluate(
        ({qs, tokenizer, limit}) => window.bench.baselineSearchAll(tokenizer, qs, limit),
        {qs, tokenizer, limit: LIMIT}
      );
      baselineRuns[tokenizer] = {build, ...run};
    }

    const noHits = (lists) => lists.filter((l) => l.length === 0).length;
    const result = {
      corpus: corpus.name,
      queries: queries.length,
      of: all.length,
      step: corpus.step,
      pack: {docs: pack.docs, contentHash: mount.contentHash, applyMs: mount.appliedMs},
      oursSeconds,
      ours: score(oursDocs, queries),
      oursNoHits: noHits(ours.ids),
      oursSearchMs: ours.ms,
      unmapped: [...unmapped].slice(0, 20),
      unmappedCount: unmapped.size,
      duplicateHitLists: duplicates,
      problems: ours.problems,
      problemCount: ours.problemCount,
      example: ours.example,
      baselines: Object.fromEntries(
        Object.entries(baselineRuns).map(([k, r]) => [
          k,
          {...score(r.ids, queries), noHits: noHits(r.ids), buildMs: r.build.ms},
        ])
      ),
    };
    const warn = [];
    if (result.unmappedCount)
      warn.push(`${result.unmappedCount} hit ids not in the pack (${result.unmapped.slice(0, 3)})`);
    if (result.problemCount)
      warn.push(`${result.problemCount} contract problems (${result.problems.slice(0, 2)})`);
    if (duplicates) warn.push(`${duplicates} queries with the same id twice`);
    if (result.oursNoHits) warn.push(`${result.oursNoHits} queries with no hits`);
    console.log(
      `  ${corpus.name}: ${queries.length} queries in ${oursSeconds.toFixed(1)} s; MRR@10 ours ${result.ours.mrr10.toFixed(3)}` +
        Object.entries(result.baselines)
          .map(([k, b]) => `, ${k} ${b.mrr10.toFixed(3)}`)
          .join('') +
        (warn.length ? `; WARNING: ${warn.join('; ')}` : '')
    );
    return result;
  } finally {
    await context.close();
  }
}

const METRICS = [
  ['recall1', 'recall@1'],
  ['recall5', 'recall@5'],
  ['mrr10', 'MRR@10'],
];

function rowsFor(r) {
  const rows = [];
  const label =
    r.queries === r.of
      ? `${r.corpus} (${r.queries} q)`
      : `${r.corpus} (${r.queries} q: 1 in ${r.step} of ${r.of})`;
  const primary = r.baselines.segmenter ? 'segmenter' : 'default';
  const names = {default: 'baseline MiniSearch default', segmenter: 'baseline MiniSearch + Intl.Segmenter'};
  for (const [key, metric] of METRICS) {
    const ours = r.ours[key];
    const base = r.baselines[primary][key];
    rows.push({
      metric: `${label} ${metric}: ours${primary === 'segmenter' ? ' (ratio to Segmenter baseline)' : ''}`,
      unit: 'score',
      median: ours,
      n: r.queries,
      ratio: base > 0 ? ours / base : undefined,
    });
    for (const b of primary === 'segmenter' ? ['segmenter', 'default'] : ['default'])
      rows.push({
        metric: `${r.corpus} ${metric}: ${names[b]}`,
        unit: 'score',
        median: r.baselines[b][key],
        n: r.queries,
        ratio: 1,
      });
    if (primary === 'segmenter' && key === 'mrr10' && r.baselines.default.mrr10 > 0)
      rows.push({
        metric: `${r.corpus} MRR@10: ours ÷ default baseline`,
        unit: 'ratio',
        median: ours / r.baselines.default.mrr10,
        n: r.queries,
      });
  }
  return rows;
}

export async function run({browser, baseUrl, root}) {
  const results = [];
  for (const corpus of CORPORA) results.push(await evaluateCorpus(browser, baseUrl, root, corpus));
  return {rows: results.flatMap(rowsFor), corpora: results};
}
