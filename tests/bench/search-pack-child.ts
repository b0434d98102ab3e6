/**
 * Builds the content pack for one search-benchmark corpus set, in its own Node process:
 * `tsx tests/bench/search-pack-child.ts <set> <outDir> <stamp JSON>`, where `<set>` is a corpus name
 * (stackfaq-en, wikiqa-en, bq-zh, atec-zh) or `en-1k` (stackfaq-en + wikiqa-en, ~1.1k docs).
 * Writes the pack (manifest.json and the files it names), `docs.jsonl` (the raw corpus docs, for the
 * browser-side baseline), `ids.json` (article id → corpus doc id) and, last, `stamp.json`, which the
 * parent compares to decide whether the pack can be reused. Prints one JSON line.
 */
import {mkdirSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {buildContentPack} from '../../src/build/build-content-pack.js';
import {articleSlug, docsToArticles, readCorpus} from './corpus-content.js';
import type {CorpusDoc} from './corpus-content.js';

const [set, outDir, stampJson] = process.argv.slice(2);
const corpora = new URL('../../../shared/corpora', import.meta.url).pathname;

function docsFor(name: string): CorpusDoc[] {
  if (name === 'en-1k') return [...readCorpus(corpora, 'stackfaq-en'), ...readCorpus(corpora, 'wikiqa-en')];
  if (['stackfaq-en', 'wikiqa-en', 'bq-zh', 'atec-zh'].includes(name)) return readCorpus(corpora, name);
  throw new Error(`search-pack-child: unknown corpus set "${name}"`);
}

const docs = docsFor(set);
const started = performance.now();
const build = await buildContentPack(docsToArticles(docs), {
  builtAt: '2026-11-01T00:00:00.000Z',
  today: '2026-11-22',
});
const ms = performance.now() - started;
const errors = build.diagnostics.filter((d) => d.severity === 'error');
if (!build.files) {
  console.error(errors.slice(0, 5).map((d) => `${d.file}:${d.line}: ${d.message}`));
  console.log(JSON.stringify({set, errors: errors.length}));
  process.exit(1);
}

rmSync(outDir, {recursive: true, force: true});
mkdirSync(outDir, {recursive: true});
for (const f of build.files) writeFileSync(join(outDir, f.path), f.source);
writeFileSync(join(outDir, 'docs.jsonl'), docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
writeFileSync(
  join(outDir, 'ids.json'),
  JSON.stringify(Object.fromEntries(docs.map((d, i) => [articleSlug(d, i), d.id])))
);
const stamp = {...(JSON.parse(stampJson) as object), docs: docs.length};
writeFileSync(join(outDir, 'stamp.json'), JSON.stringify(stamp));
console.log(
  JSON.stringify({
    set,
    docs: docs.length,
    articles: build.manifest?.counts.articles,
    errors: errors.length,
    ms,
  })
);
