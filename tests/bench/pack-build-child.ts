/**
 * One pack-build measurement in a fresh Node process (so memory figures are this build's alone):
 * `tsx tests/bench/pack-build-child.ts <1k|10k|40k> <pack|baseline>`; prints one JSON line.
 * `baseline` is the naive pipeline with no validation, link rewriting, hashing or stable ordering:
 * marked over each body, a default MiniSearch index, JSON.stringify.
 */
import {gzipSync} from 'node:zlib';
import {Marked} from 'marked';
import MiniSearch from 'minisearch';
import {buildContentPack} from '../../src/build/build-content-pack.js';
import {corpusSet, docsToArticles} from './corpus-content.js';

const [size, variant] = process.argv.slice(2) as ['1k' | '10k' | '40k', 'pack' | 'baseline'];
const corpora = new URL('../../../shared/corpora', import.meta.url).pathname;
const docs = corpusSet(corpora, size);
const files = docsToArticles(docs);
const rssBefore = process.memoryUsage().rss;

const started = performance.now();
let outputs: {path: string; source: string | Uint8Array}[];
let errors = 0;
if (variant === 'pack') {
  const build = await buildContentPack(files, {builtAt: '2026-11-01T00:00:00.000Z', today: '2026-11-22'});
  errors = build.diagnostics.filter((d) => d.severity === 'error').length;
  outputs = build.files ?? [];
} else {
  const marked = new Marked();
  const articles = docs.map((d) => ({id: d.id, title: d.title ?? '', html: marked.parse(d.text) as string}));
  const index = new MiniSearch({fields: ['title', 'text']});
  index.addAll(docs.map((d) => ({id: d.id, title: d.title ?? '', text: d.text})));
  outputs = [
    {path: 'articles.json', source: JSON.stringify(articles)},
    {path: 'index.json', source: JSON.stringify(index)},
  ];
}
const ms = performance.now() - started;
const raw = outputs.reduce((n, f) => n + Buffer.byteLength(f.source), 0);
const gzip = outputs.reduce((n, f) => n + gzipSync(f.source).length, 0);
const indexFile = outputs.find((f) => f.path.startsWith('search-index') || f.path === 'index.json');
console.log(
  JSON.stringify({
    size,
    variant,
    articles: files.length,
    errors,
    ms,
    raw,
    gzip,
    indexRaw: indexFile ? Buffer.byteLength(indexFile.source) : 0,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    rssBeforeMb: rssBefore / 1024 / 1024,
  })
);
