/**
 * `npm run collector [-- <command>]`: with no command, starts the collector (see README "Collector");
 * `token create|revoke|list` manages access tokens; `pack add <dir>` adds a content pack's pins so calls
 * pinned to its scripts are scored. Configuration comes from the environment (src/collector/load-config.ts).
 */
import {ConfigError, loadConfig} from '../load-config.js';
import {pinsFromPack} from '../pins/pins-from-pack.js';
import {startCollector} from '../start-collector.js';
import {openStore} from '../store/open-store.js';
import {runTokenCommand, TOKEN_USAGE, UsageError} from '../tokens/token-command.js';

const USAGE = `agent-assist collector

  npm run collector                     start the server (PORT, HOST, DATABASE_URL… in the environment)
  npm run collector -- token …          manage tokens:
${TOKEN_USAGE.replace(/^Usage:\n/, '')
  .split('\n')
  .map((l) => `  ${l}`)
  .join('\n')}
  npm run collector -- pack add <dir>   score calls against a built content pack (dist/kb)`;

async function serve(): Promise<void> {
  const collector = await startCollector(loadConfig());
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    collector.app.log.info({signal}, 'shutting down');
    collector.close().then(
      () => process.exit(0),
      (err: unknown) => {
        collector.app.log.error({err}, 'shutdown failed');
        process.exit(1);
      }
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** Runs a command on the configured database (migrated first, so it works before the first start). */
async function withStore(run: (store: ReturnType<typeof openStore>) => Promise<void>): Promise<void> {
  const store = openStore(loadConfig());
  try {
    await store.migrate();
    await run(store);
  } finally {
    await store.close();
  }
}

async function main(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  if (command === undefined || command === 'serve') return serve();
  if (command === 'token') return withStore((store) => runTokenCommand(rest, store, process.stdout));
  if (command === 'pack' && rest[0] === 'add' && rest.length === 2) {
    return withStore(async (store) => {
      const added = await store.addPins(await pinsFromPack(rest[1]!), new Date().toISOString());
      const rescored = await store.rescorePending();
      process.stdout.write(`${added} new pins; ${rescored} calls scored\n`);
    });
  }
  if (command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  throw new UsageError(USAGE);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  const known = err instanceof ConfigError || err instanceof UsageError;
  process.stderr.write(
    `collector: ${known ? (err as Error).message : String((err as Error)?.stack ?? err)}\n`
  );
  process.exitCode = known ? 2 : 1;
});
