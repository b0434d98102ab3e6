/**
 * `npm run bench`: runs every `tests/bench/*.bench.mjs` (or those named on the command line, e.g.
 * `npm run bench -- first-render`) in headless Chromium against the built dist/, prints a table of
 * medians with spread and the ratio to each benchmark's own baseline, and writes the full results as
 * JSON to bench-results/ (ignored by git). A benchmark is a module exporting `name` and
 * `run({browser, baseUrl, root})`; Node-side ones (`pack-build`, `collector`) use only `root`.
 */
import {mkdirSync, readdirSync, writeFileSync} from 'node:fs';
import {cpus} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {chromium} from 'playwright-core';
import {CHROMIUM_ARGS, ensureChromium} from '../support/chromium.mjs';
import {ensureBuilt} from '../support/ensure-built.mjs';
import {startStaticServer} from '../support/static-server.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const here = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);

const executablePath = await ensureChromium();
ensureBuilt(root);

const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => wanted.length === 0 || wanted.includes(f.replace('.bench.mjs', '')));
if (files.length === 0) {
  console.error(`No benchmark matches ${wanted.join(', ')}.`);
  process.exit(1);
}

const server = await startStaticServer(root);
const browser = await chromium.launch({executablePath, headless: true, args: CHROMIUM_ARGS});
const results = {
  startedAt: new Date().toISOString(),
  machine: {cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, browser: browser.version()},
  benchmarks: {},
};
let failed = false;
try {
  for (const file of files) {
    const bench = await import(pathToFileURL(join(here, file)).href);
    process.stdout.write(`running ${bench.name}…\n`);
    try {
      results.benchmarks[bench.name] = await bench.run({browser, baseUrl: server.url, root});
    } catch (err) {
      failed = true;
      results.benchmarks[bench.name] = {error: String(err?.stack ?? err)};
      console.error(`${bench.name} failed: ${err?.message ?? err}`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}

/** Decimals shown per unit; unknown units (ratios, scores) get 3. */
const DECIMALS = {ms: 1, s: 1, MB: 1, bytes: 0, 'events/s': 0, 'µs/event': 1, '% of a core': 0, '% busy': 0};
const fmt = (v, unit) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(DECIMALS[unit] ?? 3) : '');
const table = [['benchmark', 'metric', 'unit', 'median', 'p25–p75', 'p95', 'n', 'ratio to baseline']];
for (const [name, r] of Object.entries(results.benchmarks)) {
  for (const row of r.rows ?? []) {
    table.push([
      name,
      row.metric,
      row.unit,
      fmt(row.median, row.unit),
      row.p25 === undefined ? '' : `${fmt(row.p25, row.unit)}–${fmt(row.p75, row.unit)}`,
      fmt(row.p95, row.unit),
      String(row.n ?? ''),
      row.ratio === undefined ? '' : `${row.ratio.toFixed(2)}×`,
    ]);
  }
}
const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
console.log('\n' + table.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ')).join('\n'));

mkdirSync(join(root, 'bench-results'), {recursive: true});
const out = join(root, 'bench-results', `bench-${results.startedAt.replace(/[:.]/g, '-')}.json`);
writeFileSync(out, JSON.stringify(results, null, 2));
writeFileSync(join(root, 'bench-results', 'latest.json'), JSON.stringify(results, null, 2));
console.log(`\nresults: ${out}`);
process.exit(failed ? 1 : 0);
