/**
 * Content pack build from the real corpora at ~1k, ~10k and ~40k articles (Node: that is where packs are
 * built): build time against a naive baseline built in the same run (marked + default MiniSearch +
 * JSON.stringify, no validation or hashing), pack size raw and gzip, bytes per article, and peak memory.
 * Each sample runs in a fresh process, so its peak RSS is its own.
 */
import {execFile} from 'node:child_process';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {summarize} from './stats.mjs';

export const name = 'pack-build';

const exec = promisify(execFile);
const SIZES = [
  ['1k', 5],
  ['10k', 3],
  ['40k', 3],
];

async function sample(root, size, variant) {
  const {stdout} = await exec(
    process.execPath,
    [join(root, 'node_modules/tsx/dist/cli.mjs'), 'tests/bench/pack-build-child.ts', size, variant],
    {cwd: root, maxBuffer: 1 << 20}
  );
  const result = JSON.parse(stdout.trim().split('\n').at(-1));
  if (result.errors > 0)
    throw new Error(`pack-build: ${result.errors} content errors in the ${size} corpus set`);
  return result;
}

export async function run({root}) {
  const rows = [];
  const samples = {};
  for (const [size, n] of SIZES) {
    const pack = [];
    const baseline = [];
    for (let i = 0; i < n; i++) {
      pack.push(await sample(root, size, 'pack'));
      baseline.push(await sample(root, size, 'baseline'));
    }
    samples[size] = {pack, baseline};
    const p = summarize(pack.map((s) => s.ms));
    const b = summarize(baseline.map((s) => s.ms));
    const last = pack.at(-1);
    rows.push(
      {
        metric: `${size} (${last.articles} articles): build time`,
        unit: 'ms',
        ...p,
        ratio: p.median / b.median,
      },
      {metric: `${size}: naive baseline build time`, unit: 'ms', ...b, ratio: 1},
      {metric: `${size}: pack size raw`, unit: 'bytes', median: last.raw, n: 1},
      {metric: `${size}: pack size gzip`, unit: 'bytes', median: last.gzip, n: 1},
      {metric: `${size}: bytes per article raw`, unit: 'bytes', median: last.raw / last.articles, n: 1},
      {metric: `${size}: bytes per article gzip`, unit: 'bytes', median: last.gzip / last.articles, n: 1},
      {metric: `${size}: search index raw`, unit: 'bytes', median: last.indexRaw, n: 1},
      {
        metric: `${size}: peak RSS of the build process`,
        unit: 'MB',
        ...summarize(pack.map((s) => s.peakRssMb)),
      }
    );
  }
  return {rows, samples};
}
