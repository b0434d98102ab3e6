/**
 * Vite plugin, the thin file-system shell around buildContentPack:
 * - `npm run build` (widget pass): writes the pack to `dist/kb/`, and fails the build on content errors;
 * - `npm start`: serves the pack at `/kb/`, rebuilds it when a content file is saved and tells the page
 *   (`aa:content-update`), or shows the error with file and line in the terminal and the browser overlay.
 */
import {join, relative, resolve} from 'node:path';
import type {Plugin, ViteDevServer} from 'vite';
import {formatDiagnostic} from '../content/parse-content.js';
import {buildContentPack} from './build-content-pack.js';
import type {PackBuild} from './build-content-pack.js';
import {readContentDir, resolveBuiltAt, todayUtc} from './read-content-dir.js';

/** The URL folder (dev) and dist/ folder (build) of the default pack. */
export const PACK_DIR = 'kb';
/** The custom HMR event the widget entry listens to in dev. */
export const CONTENT_UPDATE_EVENT = 'aa:content-update';

export function contentPackPlugin(options: {contentDir: string; emit: boolean}): Plugin {
  const contentDir = resolve(options.contentDir);
  const label = relative(process.cwd(), contentDir) || '.';
  let latest: PackBuild | null = null;
  /** The last pack without errors: what dev serves while the content has an error. */
  let good: Map<string, string> | null = null;

  const build = async () => {
    latest = await buildContentPack(readContentDir(contentDir), {
      builtAt: resolveBuiltAt(contentDir),
      today: todayUtc(),
    });
    if (latest.files) good = new Map(latest.files.map((f) => [f.path, f.text]));
    return latest;
  };
  const report = (b: PackBuild, log: (msg: string) => void) => {
    for (const d of b.diagnostics) log(formatDiagnostic(d, `${label}/`));
  };

  return {
    name: 'agent-assist:content-pack',

    async generateBundle() {
      if (!options.emit) return;
      const b = await build();
      report(b, (m) => this.warn(m));
      if (!b.files) {
        const errors = b.diagnostics.filter((d) => d.severity === 'error');
        this.error(
          `content pack: ${errors.length} content error(s):\n${errors.map((d) => formatDiagnostic(d, `${label}/`)).join('\n')}`
        );
      }
      for (const f of b.files)
        this.emitFile({type: 'asset', fileName: `${PACK_DIR}/${f.path}`, source: f.text});
      const m = b.manifest!;
      console.log(
        `content pack: ${m.counts.articles} articles, ${m.counts.scripts} scripts, ${m.counts.checklists} checklists → dist/${PACK_DIR}/ (hash ${m.contentHash.slice(0, 12)})`
      );
    },

    async configureServer(server: ViteDevServer) {
      const logger = server.config.logger;
      const rebuild = async (reason: string) => {
        const b = await build();
        report(b, (m) => logger.warn(m));
        const firstError = b.diagnostics.find((d) => d.severity === 'error');
        if (firstError) {
          logger.error(`content pack not updated (${reason}): fix the error(s) above`);
          server.ws.send({
            type: 'error',
            err: {
              message: formatDiagnostic(firstError, `${label}/`),
              stack: '',
              id: join(contentDir, firstError.file),
              loc: {
                file: join(contentDir, firstError.file),
                line: firstError.line,
                column: firstError.column,
              },
              plugin: 'agent-assist:content-pack',
            },
          });
          return;
        }
        if (reason !== 'start') {
          logger.info(`content pack updated (${reason}): hash ${b.manifest!.contentHash.slice(0, 12)}`, {
            timestamp: true,
          });
          server.ws.send({
            type: 'custom',
            event: CONTENT_UPDATE_EVENT,
            data: {contentHash: b.manifest!.contentHash},
          });
        }
      };
      await rebuild('start');
      server.watcher.add(contentDir);
      const onChange = (file: string) => {
        if (file.startsWith(contentDir) && file.toLowerCase().endsWith('.md'))
          void rebuild(relative(contentDir, file));
      };
      server.watcher.on('change', onChange);
      server.watcher.on('add', onChange);
      server.watcher.on('unlink', onChange);

      server.middlewares.use((req, res, next) => {
        const path = req.url?.split('?')[0] ?? '';
        if (!path.startsWith(`/${PACK_DIR}/`)) return next();
        const text = good?.get(path.slice(PACK_DIR.length + 2));
        if (text === undefined) {
          res.statusCode = 404;
          res.end(good ? 'not in the content pack' : 'the content has errors: see the terminal');
          return;
        }
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.setHeader('cache-control', 'no-cache');
        res.end(text);
      });
    },
  };
}
