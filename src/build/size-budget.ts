/**
 * Build-time (Node) check of the widget's first-load JS: the entry chunk plus every chunk it imports
 * statically, i.e. what a host page downloads before the widget can render. Prints raw and gzip sizes and
 * fails the build when the gzip total exceeds the budget. Lazy (dynamic) chunks are listed, not counted.
 */
import {gzipSync} from 'node:zlib';
import type {Plugin} from 'vite';

/** The part of a Rollup output chunk this check reads. */
export interface ChunkInfo {
  fileName: string;
  code: string;
  imports: string[];
  dynamicImports: string[];
}

export interface SizeRow {
  file: string;
  raw: number;
  gzip: number;
  initial: boolean;
}

/** Sizes of every chunk reachable from `entryFile`, marking those loaded before first render. */
export function measureChunks(chunks: Map<string, ChunkInfo>, entryFile: string): SizeRow[] {
  const initial = new Set<string>();
  const visit = (file: string) => {
    if (initial.has(file)) return;
    initial.add(file);
    for (const dep of chunks.get(file)?.imports ?? []) visit(dep);
  };
  visit(entryFile);
  const reachable = new Set(initial);
  const visitLazy = (file: string) => {
    const c = chunks.get(file);
    for (const dep of [...(c?.imports ?? []), ...(c?.dynamicImports ?? [])]) {
      if (!reachable.has(dep)) {
        reachable.add(dep);
        visitLazy(dep);
      }
    }
  };
  for (const file of initial) visitLazy(file);
  return [...reachable].map((file) => {
    const code = chunks.get(file)?.code ?? '';
    return {
      file,
      raw: Buffer.byteLength(code),
      gzip: gzipSync(code, {level: 9}).length,
      initial: initial.has(file),
    };
  });
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** Vite plugin: reports the widget's size and fails the build over `budgetGzipBytes`. */
export function sizeBudget(options: {entryFile: string; budgetGzipBytes: number}): Plugin {
  return {
    name: 'agent-assist:size-budget',
    apply: 'build',
    generateBundle(_opts, bundle) {
      const chunks = new Map<string, ChunkInfo>();
      for (const out of Object.values(bundle)) {
        if (out.type === 'chunk') chunks.set(out.fileName, out);
      }
      if (!chunks.has(options.entryFile)) {
        this.error(`size-budget: entry ${options.entryFile} was not emitted`);
      }
      const rows = measureChunks(chunks, options.entryFile);
      const initial = rows.filter((r) => r.initial);
      const total = {raw: 0, gzip: 0};
      for (const r of initial) {
        total.raw += r.raw;
        total.gzip += r.gzip;
      }
      const lines = rows.map(
        (r) =>
          `  ${r.initial ? 'first load' : 'lazy      '}  ${r.file.padEnd(40)} ${kb(r.raw).padStart(10)}  gzip ${kb(r.gzip)}`
      );
      console.log(
        `\nagent-assist widget size:\n${lines.join('\n')}\n` +
          `  before first render: ${kb(total.raw)} raw, ${kb(total.gzip)} gzip (budget ${kb(options.budgetGzipBytes)} gzip)\n`
      );
      if (total.gzip > options.budgetGzipBytes) {
        this.error(
          `size-budget: the widget loads ${kb(total.gzip)} gzip before first render, over its budget of ` +
            `${kb(options.budgetGzipBytes)}. Move code behind a dynamic import() or raise the budget on purpose.`
        );
      }
    },
  };
}
