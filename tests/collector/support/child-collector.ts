/**
 * Runs the real collector CLI (`src/collector/bin/collector.ts`) as a child process, as `npm run
 * collector` does: to start a server and read what it prints, or to run a token command.
 */
import {execFile, spawn} from 'node:child_process';
import type {ChildProcess} from 'node:child_process';
import {fileURLToPath} from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = 'src/collector/bin/collector.ts';

/** The environment of a child collector: the test's database, a free port, quiet logs, no content pack. */
export function childEnv(dbEnv: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    COLLECTOR_LOG_LEVEL: 'warn',
    COLLECTOR_RATE_LIMIT: '0',
    COLLECTOR_PACK_DIR: 'none',
  };
  delete env.DATABASE_URL;
  delete env.COLLECTOR_DATA_DIR;
  return {...env, ...dbEnv};
}

/** A collector running in a child process. */
export interface ChildCollector {
  child: ChildProcess;
  url: string;
  /** Everything it printed to stdout so far. */
  output(): string;
}

/** Starts the collector and resolves once it prints its URL. */
export function startChild(dbEnv: Record<string, string>): Promise<ChildCollector> {
  const child = spawn(process.execPath, ['--import', 'tsx', BIN], {cwd: ROOT, env: childEnv(dbEnv)});
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`collector did not start in 30 s:\n${out}\n${err}`)),
      30_000
    );
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({child, url: match[1]!, output: () => out});
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`collector exited (${code ?? signal}) before listening:\n${out}\n${err}`));
    });
  });
}

/** Resolves when `child` has exited. */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Runs `collector <args…>`; resolves its exit code and output. */
export function runCli(
  args: string[],
  dbEnv: Record<string, string>
): Promise<{code: number; stdout: string; stderr: string}> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', BIN, ...args],
      {cwd: ROOT, env: childEnv(dbEnv)},
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({code, stdout, stderr});
      }
    );
  });
}
