/**
 * Builds what `dist/` ships, in two passes of `npm run build`:
 * - `vite build`: the demo agent desktop (`dist/index.html`), which embeds the widget exactly as a host
 *   would, with `<script type="module" src="./agent-assist.js">`;
 * - `vite build --mode widget`: the embeddable widget, `dist/agent-assist.js`, one ES module whose lazy
 *   chunks resolve relative to its own URL (so the folder can be copied to any host or CDN), and the
 *   default content pack `dist/kb/` built from `content/`, and for integrators the bundled types
 *   `dist/agent-assist.d.ts` and the custom elements manifest `dist/custom-elements.json`; then the frame
 *   embed (`dist/frame.html` and its script `dist/frame.js`) and, last, the service worker `dist/sw.js`,
 *   which precaches what both passes wrote.
 * In `npm start`, the dev server answers `/agent-assist.js` with the widget's source entry and serves the
 * content pack at `/kb/`, rebuilt whenever a content file is saved. `AA_CONTENT_DIR` names another content
 * folder than `content/` for both (an editor previewing their own knowledge base; the dev-loop tests).
 */
import {defineConfig} from 'vite';
import type {Plugin} from 'vite';
import {readFileSync} from 'node:fs';
import {entryCopy} from './src/build/entry-copy-plugin.js';
import {collapseFacadesPlugin} from './src/build/collapse-facades-plugin.js';
import {contentPackPlugin} from './src/build/content-pack-plugin.js';
import {integratorFiles} from './src/build/integrator-files-plugin.js';
import {litTrustedTypes} from './src/build/lit-trusted-types-plugin.js';
import {loadGroups} from './src/build/load-groups-plugin.js';
import {serviceWorker} from './src/build/service-worker-plugin.js';
import {sizeBudget} from './src/build/size-budget.js';

/** The widget's first-load JS budget (gzip): the frame of the first render; the rest loads after it. */
const WIDGET_BUDGET_GZIP_BYTES = 40 * 1024;
const WIDGET_FILE = 'agent-assist.js';
const WIDGET_SOURCE = '/widget/agent-assist.ts';
const CONTENT_DIR = process.env.AA_CONTENT_DIR || 'content';

/**
 * Dev only: serve the widget's sources where the built files will be, so index.html is the real embed (and
 * `createAgentAssistFrame()`, which finds frame.html next to the script, works in `npm start` too).
 */
function serveWidgetEntry(): Plugin {
  const sources: Record<string, string> = {
    [`/${WIDGET_FILE}`]: WIDGET_SOURCE,
    '/frame.html': '/widget/frame.html',
    '/frame.js': '/widget/frame.ts',
  };
  return {
    name: 'agent-assist:serve-widget-entry',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        // (frame.html reads its parameters from the page's location, which this does not change.)
        const source = sources[req.url?.split('?')[0] ?? ''];
        if (source) req.url = source;
        next();
      });
    },
  };
}

/** Copies a file of the source tree into dist/ as it is (the frame page: its only script is frame.js). */
function copyFile(from: string, to: string): Plugin {
  return {
    name: 'agent-assist:copy-file',
    apply: 'build',
    generateBundle() {
      this.emitFile({type: 'asset', fileName: to, source: readFileSync(from, 'utf8')});
    },
  };
}

export default defineConfig(({mode}) => {
  const widget = mode === 'widget';
  const chunks = loadGroups([
    // The element (Lit and the shell), loaded by the entry once it has painted the first frame.
    {name: 'widget', roots: ['widget/define-elements.ts']},
    {
      name: 'after-render',
      roots: ['src/components/agent-assist/core-module.ts'],
    },
  ]);
  const input: Record<string, string> = widget
    ? {'agent-assist': 'widget/agent-assist.ts', frame: 'widget/frame.ts'}
    : {
        index: 'index.html',
        qa: 'widget/demo/qa.html',
        // The integration examples (README, Embedding), beside the demo in dist/widget/examples/.
        'script-tag': 'widget/examples/script-tag.html',
        iframe: 'widget/examples/iframe.html',
        softphone: 'widget/examples/softphone.html',
      };
  return {
    // Relative URLs everywhere, so dist/ works from any folder.
    base: './',
    // Dexie's package entry wraps its UMD build; its ES build is smaller and tree-shakes.
    resolve: {alias: {dexie: 'dexie/dist/dexie.mjs'}},
    build: {
      target: 'es2022',
      outDir: 'dist',
      // The demo pass runs first and starts from an empty dist/; the widget pass adds to it.
      emptyOutDir: !widget,
      sourcemap: true,
      // No modulepreload polyfill (it would run code in the host page's global scope), and no preload
      // links for lazy chunks' dependencies: Vite would append <link rel=modulepreload> to the host's
      // <head>. The chunks import their dependencies themselves.
      modulePreload: {polyfill: false, resolveDependencies: () => []},
      rollupOptions: {
        input,
        // Keep the widget entry's exports (AgentAssist, types) for integrators who import it.
        preserveEntrySignatures: 'exports-only',
        output: {
          // dist/agent-assist.js and dist/frame.js (the frame page's script) keep plain names: hosts link them.
          entryFileNames: widget ? '[name].js' : 'assets/[name]-[hash].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
          assetFileNames: 'assets/[name]-[hash][extname]',
          ...(widget && {codeSplitting: {groups: chunks.groups}}),
        },
      },
    },
    plugins: widget
      ? [
          entryCopy({entry: WIDGET_SOURCE.slice(1), aliases: {lit: '@lit/reactive-element/css-tag.js'}}),
          chunks.plugin,
          collapseFacadesPlugin(),
          sizeBudget({entryFile: WIDGET_FILE, budgetGzipBytes: WIDGET_BUDGET_GZIP_BYTES}),
          // Lit's Trusted Types policy becomes the widget's own `agent-assist-lit` (README, Embedding).
          litTrustedTypes({policyModule: '/src/internal/trusted-types.ts'}),
          contentPackPlugin({contentDir: CONTENT_DIR, emit: true}),
          copyFile('widget/frame.html', 'frame.html'),
          integratorFiles({
            entry: 'widget/agent-assist.ts',
            tsconfig: 'tsconfig.types.json',
            dtsFile: 'agent-assist.d.ts',
            inputs: [
              'src',
              'widget',
              'tsconfig.json',
              'tsconfig.types.json',
              'custom-elements-manifest.config.mjs',
              'package.json',
              'package-lock.json',
              'vite.config.ts',
            ],
          }),
          // Last: the worker precaches what both passes wrote (the demo's pages, the widget, the pack).
          serviceWorker({
            entry: 'widget/sw.ts',
            outDir: 'dist',
            precache: [
              '*.{js,html}',
              'chunks/*.js',
              'assets/*.{js,css}',
              'kb/*.{json,bin}',
              'widget/demo/*.html',
            ],
            ignore: ['sw.js', 'kb/manifest.json'],
          }),
        ]
      : [serveWidgetEntry(), contentPackPlugin({contentDir: CONTENT_DIR, emit: false})],
  };
});
