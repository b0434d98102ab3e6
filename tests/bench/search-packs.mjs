/**
 * Shared by the search benchmarks: content packs built from the corpora into `.tmp/bench-packs/<set>/`
 * (served by the bench harness at `${baseUrl}/.tmp/bench-packs/<set>/`), and the dev queries.
 * A pack is rebuilt only when its stamp differs: the corpus's document count, and the newest modification
 * time under src/ and of the bench files that shape the pack.
 */
import {execFile} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {newestMtime} from '../support/ensure-built.mjs';

const exec = promisify(execFile);

/** Corpus folders each pack set is made of. */
const SETS = {
  'stackfaq-en': ['stackfaq-en'],
  'wikiqa-en': ['wikiqa-en'],
  'bq-zh': ['bq-zh'],
  'atec-zh': ['atec-zh'],
  'en-1k': ['stackfaq-en', 'wikiqa-en'],
};

/**
 * A query that matches some document of each set: what the benchmarks search for to know the pack's
 * index is ready (a search can resolve no hits while the index is still loading).
 */
export const PROBES = {
  'stackfaq-en': 'github',
  'wikiqa-en': 'software',
  'bq-zh': '借款',
  'atec-zh': '花呗',
  'en-1k': 'github',
};

export const corporaDir = (root) => join(root, '../shared/corpora');

const countLines = (file) => readFileSync(file, 'utf8').split('\n').filter(Boolean).length;

/**
 * Builds (or reuses) the pack for `set`; resolves `{dir, url, ids, docs, built, ms}` where `url` is the
 * manifest's URL under `baseUrl`, `ids` maps article id → corpus doc id and `docs` is the document count.
 */
export async function ensurePack(root, baseUrl, set) {
  const corpora = SETS[set];
  if (!corpora) throw new Error(`search-packs: unknown set ${set}`);
  const dir = join(root, '.tmp/bench-packs', set);
  const docsFiles = corpora.map((c) => join(corporaDir(root), c, 'docs.jsonl'));
  const expected = {
    set,
    srcMtime: newestMtime(root, [
      join(root, 'src'),
      join(root, 'tests/bench/corpus-content.ts'),
      join(root, 'tests/bench/search-pack-child.ts'),
      ...docsFiles,
    ]),
    docs: docsFiles.reduce((n, f) => n + countLines(f), 0),
  };
  let stamp = null;
  try {
    stamp = JSON.parse(readFileSync(join(dir, 'stamp.json'), 'utf8'));
  } catch {
    // no pack yet
  }
  const fresh =
    stamp &&
    existsSync(join(dir, 'manifest.json')) &&
    Object.entries(expected).every(([k, v]) => stamp[k] === v);
  let ms = 0;
  if (!fresh) {
    const started = performance.now();
    const {srcMtime, set: s} = expected;
    try {
      await exec(
        process.execPath,
        [
          join(root, 'node_modules/tsx/dist/cli.mjs'),
          'tests/bench/search-pack-child.ts',
          set,
          dir,
          JSON.stringify({set: s, srcMtime}),
        ],
        {cwd: root, maxBuffer: 16 << 20}
      );
    } catch (err) {
      throw new Error(`search-packs: building the ${set} pack failed: ${err.stderr || err.stdout || err}`);
    }
    ms = performance.now() - started;
    stamp = JSON.parse(readFileSync(join(dir, 'stamp.json'), 'utf8'));
    if (stamp.docs !== expected.docs)
      throw new Error(`search-packs: the ${set} pack has ${stamp.docs} docs, expected ${expected.docs}`);
  }
  const ids = JSON.parse(readFileSync(join(dir, 'ids.json'), 'utf8'));
  return {
    dir,
    probe: PROBES[set],
    url: `${baseUrl}/.tmp/bench-packs/${set}/manifest.json`,
    docsUrl: `${baseUrl}/.tmp/bench-packs/${set}/docs.jsonl`,
    ids,
    docs: expected.docs,
    built: !fresh,
    ms,
  };
}

/** The dev queries of a corpus: `[{q, relevant: [ids]}]`. */
export function devQueries(root, corpus) {
  return readFileSync(join(corporaDir(root), corpus, 'queries-dev.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

/** Every `step`-th item from index 0: a fixed, deterministic sample. */
export const everyKth = (items, step) => items.filter((_, i) => i % step === 0);
