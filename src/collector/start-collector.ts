/**
 * Starts a collector from its configuration: opens and migrates the store, loads the content pack's pins
 * (to score calls), issues the first admin token when none was ever issued, listens, schedules
 * retention. `close()` stops it all (SIGTERM in the CLI).
 */
import type {AddressInfo} from 'node:net';
import type {FastifyInstance} from 'fastify';
import {buildApp} from './build-app.js';
import type {CollectorConfig} from './load-config.js';
import {pinsFromPack} from './pins/pins-from-pack.js';
import {articlesFromPack} from './health/articles-from-pack.js';
import type {HealthArticle} from '../health/health-article.js';
import {scheduleRetention} from './retention/run-retention.js';
import type {CollectorStore} from './store/collector-store.js';
import {openStore} from './store/open-store.js';
import {hashTokenSecret, newToken} from './tokens/issue-token.js';

export interface RunningCollector {
  app: FastifyInstance;
  store: CollectorStore;
  /** `http://host:port`, with the port actually bound. */
  url: string;
  close(): Promise<void>;
}

export async function startCollector(
  config: CollectorConfig,
  out: {write(text: string): unknown} = process.stdout
): Promise<RunningCollector> {
  let app: FastifyInstance | null = null;
  const store = openStore(config, (err) => app?.log.error({err}, 'idle database connection failed'));
  try {
    const applied = await store.migrate();
    // Read once, on the first knowledge-health request: a collector that nobody asks never parses them.
    let articles: Promise<HealthArticle[] | null> | null = null;
    const packDir = config.packDir;
    const loadArticles = () =>
      (articles ??= packDir
        ? articlesFromPack(packDir).catch((err: Error) => {
            articles = null;
            throw err;
          })
        : Promise.resolve(null));
    app = await buildApp({store, config, logger: {level: config.logLevel}, articles: loadArticles});
    const log = app.log;
    if (applied.length > 0) log.info({versions: applied, database: store.dialect}, 'migrations applied');
    if (config.packDir) {
      try {
        const added = await store.addPins(await pinsFromPack(config.packDir), new Date().toISOString());
        const rescored = await store.rescorePending();
        log.info({packDir: config.packDir, newPins: added, rescored}, 'content pack loaded for scoring');
      } catch (err) {
        // Events are stored all the same; only scores wait for a pack that loads.
        log.error({err, packDir: config.packDir}, 'content pack not loaded: calls are stored but not scored');
      }
    }
    const first = newToken({role: 'admin', label: 'first admin token'}, new Date());
    const issued = await store.insertFirstToken(first.token, hashTokenSecret(first.secret));

    let stopRetention = () => undefined as void;
    app.addHook('onClose', async () => {
      stopRetention();
      await store.close();
    });
    await app.listen({host: config.host, port: config.port});
    const {port} = app.server.address() as AddressInfo;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    const url = `http://${host}:${port}`;
    // One write, so a reader that sees the URL sees the token too. Printed, never logged: logs are
    // shipped and kept; the secret must not be.
    out.write(
      `agent-assist collector listening on ${url} (${store.dialect})\n` +
        (issued ? `First admin token (shown once, keep it safe): ${first.secret}\n` : '')
    );

    if (config.retentionDays !== null)
      stopRetention = scheduleRetention(store, config.retentionDays, () => new Date(), log);
    const running = app;
    return {app: running, store, url, close: () => running.close()};
  } catch (err) {
    // Closing the app closes the store too once its hook is added; closing twice is harmless.
    await app?.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw err;
  }
}
