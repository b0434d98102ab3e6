/**
 * Vite plugin, the thin file-system shell around buildContentPack:
 * - `npm run build` (widget pass): writes the pack to `dist/kb/`, and fails the build on content errors;
 * - `npm start`: serves the pack at `/kb/`, rebuilds it when a content file is saved and tells the page
 *   (`aa:content-update`); on errors, prints them grouped by file (the saved file first) and shows the one
 *   blocking the pack, with file, line and the lines around it, in the browser overlay until it is fixed.
 */
import {join, relative, resolve, sep} from 'node:path';
import type {ErrorPayload, HotChannelClient, Plugin, ViteDevServer} from 'vite';
import type {Diagnostic, SourceFile} from '../content/types.js';
import {buildContentPack} from './build-content-pack.js';
import type {PackBuild} from './build-content-pack.js';
import {codeFrame} from './code-frame.js';
import {blockingError, errorReport, warningSummary} from './diagnostic-report.js';
import {isContentPath, readContentDir, resolveBuiltAt, todayUtc} from './read-content-dir.js';

/** The URL folder (dev) and dist/ folder (build) of the default pack. */
export const PACK_DIR = 'kb';
/** The custom HMR event the widget entry listens to in dev. */
export const CONTENT_UPDATE_EVENT = 'aa:content-update';

export function contentPackPlugin(options: {contentDir: string; emit: boolean}): Plugin {
  const contentDir = resolve(options.contentDir);
  const label = relative(process.cwd(), contentDir) || '.';
  let latest: PackBuild | null = null;
  /** The last pack without errors: what dev serves while the content has an error. */
  let good: Map<string, string | Uint8Array> | null = null;

  const build = async (files: SourceFile[] = readContentDir(contentDir)) => {
    latest = await buildContentPack(files, {
      builtAt: resolveBuiltAt(contentDir),
      today: todayUtc(),
    });
    if (latest.files) good = new Map(latest.files.map((f) => [f.path, f.source]));
    return latest;
  };

  return {
    name: 'agent-assist:content-pack',

    async generateBundle() {
      if (!options.emit) return;
      const b = await build();
      const warnings = warningSummary(b.diagnostics);
      if (warnings) this.warn(warnings);
      if (!b.files) this.error(errorReport(b.diagnostics, `${label}/`).join('\n'));
      for (const f of b.files)
        this.emitFile({type: 'asset', fileName: `${PACK_DIR}/${f.path}`, source: f.source});
      const m = b.manifest!;
      console.log(
        `content pack: ${m.counts.articles} articles, ${m.counts.scripts} scripts, ${m.counts.checklists} checklists → dist/${PACK_DIR}/ (hash ${m.contentHash.slice(0, 12)})`
      );
    },

    async configureServer(server: ViteDevServer) {
      const logger = server.config.logger;
      /** The overlay on screen while the content has errors; null once it is valid. */
      let overlay: ErrorPayload | null = null;
      /** The warning summary last printed: printed again only when it changes, not on every save. */
      let printedWarnings: string | null | undefined;
      // Pages connected now. The error goes to each one directly, and to a page when it connects, rather
      // than through server.ws.send: Vite keeps an error sent while no page is open and shows it to the
      // next page that connects, even when the content was fixed meanwhile.
      const clients = new Set<HotChannelClient>();
      server.ws.on('vite:client:connect', (_data: unknown, client: HotChannelClient) => {
        clients.add(client);
        if (overlay) client.send(overlay);
      });
      server.ws.on('vite:client:disconnect', (_data: unknown, client: HotChannelClient) =>
        clients.delete(client)
      );

      const rebuild = async (changed?: string) => {
        const files = readContentDir(contentDir);
        const b = await build(files);
        for (const line of errorReport(b.diagnostics, `${label}/`, changed)) logger.error(line);
        const warnings = warningSummary(b.diagnostics);
        if (warnings !== printedWarnings && (warnings || printedWarnings)) {
          logger.warn(warnings ?? 'content: no warnings left');
        }
        printedWarnings = warnings;
        const blocking = blockingError(b.diagnostics, changed);
        if (blocking) {
          overlay = overlayFor(blocking, b.diagnostics, files);
          for (const client of clients) client.send(overlay);
          return;
        }
        const wasBroken = overlay !== null;
        overlay = null;
        if (changed !== undefined || wasBroken) {
          logger.info(
            `content pack updated${changed ? ` (${changed})` : ''}: hash ${b.manifest!.contentHash.slice(0, 12)}`,
            {timestamp: true}
          );
          // The page's widget reloads its content and closes the overlay (widget/dev-content-updates.ts).
          server.ws.send({
            type: 'custom',
            event: CONTENT_UPDATE_EVENT,
            data: {contentHash: b.manifest!.contentHash},
          });
        }
      };
      const overlayFor = (
        d: Diagnostic,
        all: readonly Diagnostic[],
        files: readonly SourceFile[]
      ): ErrorPayload => {
        const file = join(contentDir, d.file);
        const others = all.filter((x) => x.severity === 'error').length - 1;
        const text = files.find((f) => f.path === d.file)?.text ?? '';
        return {
          type: 'error',
          err: {
            message:
              `${label}/${d.file}:${d.line}:${d.column} ${d.message}` +
              (others > 0
                ? `\n\n(${others} more content error${others === 1 ? '' : 's'}: see the terminal)`
                : ''),
            stack: '',
            id: file,
            frame: `${codeFrame(text, d.line, d.column)}\n`,
            loc: {file, line: d.line, column: d.column},
            plugin: 'agent-assist:content-pack',
          },
        };
      };
      await rebuild();
      server.watcher.add(contentDir);
      // Saves come in bursts (an editor writes, formats, writes again): one rebuild at a time, and the
      // last change waits for it rather than racing it (an older build must never overwrite a newer one).
      let running: Promise<void> = Promise.resolve();
      const onChange = (file: string) => {
        if (!file.startsWith(contentDir + sep)) return;
        const path = relative(contentDir, file).split(sep).join('/');
        if (!isContentPath(path)) return;
        // A failed rebuild (a file deleted while the folder was read) must not stop the next ones.
        running = running
          .then(() => rebuild(path))
          .catch((err: unknown) => logger.error(`content: could not rebuild the pack: ${String(err)}`));
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
        res.setHeader(
          'content-type',
          typeof text === 'string' ? 'application/json; charset=utf-8' : 'application/octet-stream'
        );
        res.setHeader('cache-control', 'no-cache');
        res.end(text);
      });
    },
  };
}
