/**
 * Vite plugin (build only): a lazily imported module that the load groups put into a larger chunk is
 * imported from that chunk directly, not through the one-line facade chunk the bundler writes for it.
 *
 * Why: for every dynamic import whose module sits in a group chunk, Rolldown emits a facade
 * (`export{r as AgentAssist,…}from"./widget-….js"`) and the import loads it, which then loads the group
 * chunk: one more request, one after the other, before the element or the core can run (Rollup imports
 * the group chunk and picks the names out instead; rolldown/rolldown#9729). The element's chunk arrived
 * about 14 ms later in a cold page for it. Here each `import("./facade.js")` becomes
 * `import("./group.js").then((m) => ({get AgentAssist() {return m.r}, …}))` and the facade goes.
 *
 * Only what is certainly a facade is collapsed: a chunk that is nothing but one `export {…} from` of
 * another chunk, is no entry, is imported statically by nothing, and whose name appears in the bundle's
 * code only in `import("…")` calls, at least one in each of its importers. Each importer's sourcemap is
 * shifted to match.
 */
import {decode, encode} from '@jridgewell/sourcemap-codec';
import type {Plugin} from 'vite';

/** What collapsing reads and changes of one chunk of the bundle. */
export interface FacadeChunk {
  fileName: string;
  code: string;
  /** Its sourcemap's `mappings`, when it has a map (updated in place with the code). */
  mappings?: string;
  isEntry: boolean;
  imports: string[];
  dynamicImports: string[];
}

/** `export {a as B, c} from "./chunk.js";` and nothing else (a sourcemap comment at most). */
const FACADE =
  /^\s*export\s*\{([^}]*)\}\s*from\s*(["'`])(\.\/[^"'`]+)\2\s*;?\s*(?:\/\/# sourceMappingURL=\S+\s*)?$/;
const NAME = /^[A-Za-z_$][\w$]*$/;

/** The facade's names as `[exported, local]` pairs and the chunk it re-exports, or null if it is none. */
function readFacade(code: string): {target: string; names: [string, string][]} | null {
  const match = FACADE.exec(code);
  if (!match) return null;
  const names: [string, string][] = [];
  for (const part of match[1]!.split(',')) {
    if (!part.trim()) continue;
    const [local, as, exported, ...rest] = part.trim().split(/\s+/);
    if (rest.length > 0 || !NAME.test(local!)) return null;
    if (as === undefined) names.push([local!, local!]);
    else if (as === 'as' && exported !== undefined && NAME.test(exported)) names.push([exported, local!]);
    else return null;
  }
  return {target: match[3]!, names};
}

const dirOf = (file: string) => file.slice(0, file.lastIndexOf('/') + 1);

/** `to` (a file of the bundle) as a specifier relative to a module at `from`, as the bundler writes it. */
function specifier(from: string, to: string): string {
  const fromParts = dirOf(from).split('/').filter(Boolean);
  const toParts = to.split('/');
  let common = 0;
  while (common < fromParts.length && common < toParts.length - 1 && fromParts[common] === toParts[common])
    common++;
  const up = fromParts.length - common;
  const rest = toParts.slice(common).join('/');
  return up === 0 ? `./${rest}` : `${'../'.repeat(up)}${rest}`;
}

/** `spec` as imported by a module at `from`, as a file of the bundle. */
const resolve = (from: string, spec: string) => new URL(spec, `file:///${from}`).pathname.slice(1);

/** Where `import(<quote>spec<quote>)` occurs in `code`: start and end offsets, and the quote used. */
function importsOf(code: string, spec: string): {start: number; end: number; quote: string}[] {
  const found: {start: number; end: number; quote: string}[] = [];
  for (const quote of ['`', '"', "'"]) {
    const text = `import(${quote}${spec}${quote})`;
    for (let at = code.indexOf(text); at >= 0; at = code.indexOf(text, at + text.length))
      found.push({start: at, end: at + text.length, quote});
  }
  return found.sort((a, b) => b.start - a.start);
}

/** Shifts the mappings of `code` for `code.slice(start, end)` replaced by a text `delta` longer. */
function shiftMappings(mappings: string, code: string, start: number, end: number, delta: number): string {
  const line = code.slice(0, start).split('\n').length - 1;
  const lineStart = code.lastIndexOf('\n', start - 1) + 1;
  const [from, to] = [start - lineStart, end - lineStart];
  const lines = decode(mappings);
  const segments = lines[line];
  if (segments) {
    // A segment inside the replaced text maps nothing that is still there; those after it move along.
    lines[line] = segments
      .filter((s) => s[0] <= from || s[0] >= to)
      .map((s) => (s[0] >= to ? [s[0] + delta, ...s.slice(1)] : s) as typeof s);
  }
  return encode(lines);
}

/**
 * Collapses the facades among `chunks` (see the module's comment): rewrites their importers in place
 * and returns the facades' file names, for the caller to drop from the bundle.
 */
export function collapseFacades(chunks: FacadeChunk[]): string[] {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const removed: string[] = [];
  for (const facade of chunks) {
    if (facade.isEntry) continue;
    const read = readFacade(facade.code);
    if (!read) continue;
    const target = resolve(facade.fileName, read.target);
    if (!byName.has(target) || target === facade.fileName) continue;
    if (chunks.some((c) => c.imports.includes(facade.fileName))) continue;
    const importers = chunks.filter((c) => c.dynamicImports.includes(facade.fileName));
    const sites = importers.map((c) => importsOf(c.code, specifier(c.fileName, facade.fileName)));
    // An import written some other way, or the file named anywhere else (a URL, a preload list), would
    // still need the facade: then it stays, and nothing changes.
    if (sites.some((s) => s.length === 0)) continue;
    const baseName = facade.fileName.slice(facade.fileName.lastIndexOf('/') + 1);
    const named = chunks.reduce((n, c) => (c === facade ? n : n + c.code.split(baseName).length - 1), 0);
    if (named !== sites.reduce((n, s) => n + s.length, 0)) continue;
    const names = read.names.map(([exported, local]) => `get ${exported}(){return m.${local}}`).join(',');
    importers.forEach((chunk, i) => {
      for (const {start, end, quote} of sites[i]!) {
        const spec = specifier(chunk.fileName, target);
        const replacement = `import(${quote}${spec}${quote}).then(m=>({${names}}))`;
        if (chunk.mappings !== undefined)
          chunk.mappings = shiftMappings(
            chunk.mappings,
            chunk.code,
            start,
            end,
            replacement.length - (end - start)
          );
        chunk.code = chunk.code.slice(0, start) + replacement + chunk.code.slice(end);
      }
      chunk.dynamicImports = [
        ...new Set(chunk.dynamicImports.map((f) => (f === facade.fileName ? target : f))),
      ];
    });
    removed.push(facade.fileName);
  }
  return removed;
}

/** The plugin: collapses the bundle's facades once it is rendered (before anything lists its files). */
export function collapseFacadesPlugin(): Plugin {
  return {
    name: 'agent-assist:collapse-facades',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks: FacadeChunk[] = [];
      const maps = new Map<FacadeChunk, {source: string}>();
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue;
        const chunk: FacadeChunk = {
          fileName: file.fileName,
          code: file.code,
          isEntry: file.isEntry,
          imports: [...file.imports],
          dynamicImports: [...file.dynamicImports],
        };
        // The map as it will be written (an asset beside the chunk), else the chunk's own.
        const asset = bundle[`${file.fileName}.map`];
        if (asset?.type === 'asset' && typeof asset.source === 'string') {
          chunk.mappings = (JSON.parse(asset.source) as {mappings: string}).mappings;
          maps.set(chunk, asset as {source: string});
        }
        chunks.push(chunk);
      }
      const removed = collapseFacades(chunks);
      if (removed.length === 0) return;
      for (const chunk of chunks) {
        const file = bundle[chunk.fileName];
        if (file?.type !== 'chunk' || file.code === chunk.code) continue;
        file.code = chunk.code;
        file.dynamicImports = chunk.dynamicImports;
        const asset = maps.get(chunk);
        if (asset) asset.source = JSON.stringify({...JSON.parse(asset.source), mappings: chunk.mappings});
      }
      for (const fileName of removed) {
        delete bundle[fileName];
        delete bundle[`${fileName}.map`];
      }
    },
  };
}
