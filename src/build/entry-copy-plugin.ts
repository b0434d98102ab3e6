/**
 * Vite plugin (build only): the widget entry's static imports, and theirs in turn, become the entry's own
 * copies of those modules, bundled into the entry file and shared with no other chunk.
 *
 * Why: the entry paints the first frame from modules the element also uses (strings, styles, attribute
 * parsing). Shared, they would either go to a chunk of their own (one more request before the first
 * frame) or stay in the entry with the lazy chunks importing the entry by its name. A host that loads a
 * cache-busted copy (`agent-assist.js?v=2`) would then run the entry twice: two copies of everything in
 * it. A copy costs a few kilobytes and keeps the entry a leaf that nothing imports.
 *
 * A copy's id is the module's id with {@link COPY_SUFFIX}; `aliases` map bare imports for the copies
 * (the frame's styles need only Lit's `css`, not Lit).
 */
import {readFile} from 'node:fs/promises';
import type {Plugin} from 'vite';

/** Marks a module id as the entry's own copy. */
const COPY_SUFFIX = '?entry-copy';

export interface EntryCopyOptions {
  /** The entry, as a path from the project root (`widget/agent-assist.ts`). */
  entry: string;
  /** Bare imports resolved to another module in the copies (`{lit: '@lit/reactive-element/css-tag.js'}`). */
  aliases?: Record<string, string>;
}

export function entryCopy({entry, aliases = {}}: EntryCopyOptions): Plugin {
  const isEntry = (id: string) => id.replaceAll('\\', '/').endsWith(`/${entry}`);
  return {
    name: 'agent-assist:entry-copy',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || (!importer.endsWith(COPY_SUFFIX) && !isEntry(importer))) return null;
      // A dynamic import from the entry loads the shared module itself (the element, the frame helper).
      if ((options as {kind?: string}).kind === 'dynamic-import') return null;
      const from = importer.endsWith(COPY_SUFFIX) ? importer.slice(0, -COPY_SUFFIX.length) : importer;
      const resolved = await this.resolve(aliases[source] ?? source, from, {...options, skipSelf: true});
      if (!resolved || resolved.external || resolved.id.includes('?')) return resolved;
      return {...resolved, id: resolved.id + COPY_SUFFIX};
    },
    async load(id) {
      if (!id.endsWith(COPY_SUFFIX)) return null;
      const file = id.slice(0, -COPY_SUFFIX.length);
      // A virtual module (Vite's dynamic-import helper, which Vite adds to the entry): the plugin that
      // provides it gives its code.
      if (file.startsWith('\0')) return (await this.load({id: file})).code ?? null;
      return {code: await readFile(file, 'utf8'), moduleType: file.endsWith('.ts') ? 'ts' : 'js'};
    },
  };
}
