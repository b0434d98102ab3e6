/**
 * Build-time (Node): writes `dist/sw.js` once the widget is built. The worker's source (widget/sw.ts) is
 * bundled into one classic script (Workbox modules included), then workbox-build injects the list of
 * files to precache, each with a revision (hashed file names need none), into `self.__WB_MANIFEST`.
 */
import {join} from 'node:path';
import type {Plugin} from 'vite';
import {build} from 'vite';
import {injectManifest} from 'workbox-build';

export interface ServiceWorkerOptions {
  /** The worker's source, e.g. `widget/sw.ts`. */
  entry: string;
  /** Where `dist/` is (the worker is written to its root, so its scope is all of it). */
  outDir: string;
  /** Globs under `outDir` of the files to precache. */
  precache: string[];
  /** Globs under `outDir` never precached (e.g. the pack manifest, asked of the network first). */
  ignore: string[];
}

export function serviceWorker(options: ServiceWorkerOptions): Plugin {
  return {
    name: 'agent-assist:service-worker',
    apply: 'build',
    async closeBundle() {
      const swFile = join(options.outDir, 'sw.js');
      await build({
        configFile: false,
        logLevel: 'warn',
        // Workbox reads process.env.NODE_ENV to drop its development logging.
        define: {'process.env.NODE_ENV': JSON.stringify('production')},
        build: {
          outDir: options.outDir,
          emptyOutDir: false,
          target: 'es2022',
          sourcemap: false,
          copyPublicDir: false,
          // A classic script: module service workers are not supported everywhere yet.
          lib: {
            entry: options.entry,
            formats: ['iife'],
            name: 'agentAssistServiceWorker',
            fileName: () => 'sw.js',
          },
        },
      });
      const {count, size, warnings} = await injectManifest({
        swSrc: swFile,
        swDest: swFile,
        globDirectory: options.outDir,
        globPatterns: options.precache,
        globIgnores: options.ignore,
        // Names with a content hash (`chunks/view-1a2B3c4D.js`) are their own revision.
        dontCacheBustURLsMatching: /-[\w-]{8,}\.\w+$/,
        maximumFileSizeToCacheInBytes: 20 * 1024 * 1024,
      });
      for (const warning of warnings) this.warn(warning);
      console.log(`dist/sw.js precaches ${count} files, ${(size / 1024).toFixed(1)} KB`);
    },
  };
}
