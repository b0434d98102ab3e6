/**
 * The real collector for browser tests (`aa-collector` server command): started as `npm run collector`
 * starts it (the CLI in a child process, on its embedded database in a fresh data folder), with tokens
 * made by its own `token create`, the test server's origin allowed for CORS and the built pack's pins, so
 * uploaded calls are scored. `{start: {agents: [id…], origins?: [origin…]}}` (more origins to allow: an
 * iframe's) resolves `{id, url, agentTokens, qaToken}`;
 * `{stop: id}` stops it (SIGTERM) and removes its folder.
 */
import {execFile, spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';

const run = promisify(execFile);
const BIN = 'src/collector/bin/collector.ts';

/** Running collectors by id. */
const running = new Map();

function env(root, dataDir, origin) {
  const e = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    COLLECTOR_DATA_DIR: dataDir,
    COLLECTOR_CORS_ORIGINS: origin,
    COLLECTOR_PACK_DIR: join(root, 'dist', 'kb'),
    COLLECTOR_LOG_LEVEL: 'warn',
  };
  delete e.DATABASE_URL;
  return e;
}

/** Runs `collector token create …` and returns the secret it prints once. */
async function createToken(root, environment, args) {
  const {stdout} = await run(process.execPath, ['--import', 'tsx', BIN, 'token', 'create', ...args], {
    cwd: root,
    env: environment,
  });
  const match = /^token: (\S+)$/m.exec(stdout);
  if (!match) throw new Error(`aa-collector: no token in:\n${stdout}`);
  return match[1];
}

export async function collectorCommand({root, origin, payload}) {
  if (payload.stop) {
    const c = running.get(payload.stop);
    // (A command answering null would be taken as not handled.)
    if (!c) return false;
    running.delete(payload.stop);
    const exited = new Promise((r) => c.child.once('exit', r));
    c.child.kill('SIGTERM');
    await exited;
    rmSync(c.dataDir, {recursive: true, force: true});
    return true;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'aa-collector-'));
  const environment = env(root, dataDir, [origin, ...(payload.start.origins ?? [])].join(','));
  const agentTokens = {};
  for (const agent of payload.start.agents) {
    agentTokens[agent] = await createToken(root, environment, [
      '--role',
      'agent',
      '--agent',
      agent,
      '--team',
      'e2e',
    ]);
  }
  const qaToken = await createToken(root, environment, ['--role', 'qa', '--team', 'e2e']);
  const child = spawn(process.execPath, ['--import', 'tsx', BIN], {cwd: root, env: environment});
  const url = await new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`collector did not start:\n${out}\n${err}`)), 30_000);
    child.stderr.on('data', (chunk) => (err += chunk));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`collector exited (${code}):\n${out}\n${err}`)));
  });
  const id = String(child.pid);
  running.set(id, {child, dataDir});
  return {id, url, agentTokens, qaToken};
}
