/**
 * The collector's configuration, from the environment, checked once at start: a wrong value stops the
 * collector with a message naming the variable and what it accepts, instead of failing later.
 */
import {existsSync} from 'node:fs';
import {join, resolve} from 'node:path';

export interface CollectorConfig {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** `postgres://…` runs on PostgreSQL; null on the embedded SQLite in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  /** Origins allowed to call the collector from a browser (the pages that embed the widget). */
  corsOrigins: string[];
  /** Largest request body, in bytes. */
  bodyLimit: number;
  /** Requests per minute per token (per collector process); 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** Events and calls older than this many days are deleted; null keeps everything. */
  retentionDays: number | null;
  /**
   * A built content pack (`manifest.json`) whose scripts calls are scored against; null for none
   * (`COLLECTOR_PACK_DIR=none`). Unset, `dist/kb` is used when it exists.
   */
  packDir: string | null;
  /** Most calls one export may hold. */
  exportMaxCalls: number;
  logLevel: string;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  trustProxy: boolean;
}

/** A configuration value the collector cannot start with. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`${name}=${JSON.stringify(raw)}: expected a whole number from ${min} to ${max}`);
  return n;
}

function origins(raw: string | undefined): string[] {
  if (!raw) return [];
  const list = raw
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
  for (const origin of list) {
    let url: URL | null = null;
    try {
      url = new URL(origin);
    } catch {
      // reported below
    }
    if (!url || !['http:', 'https:'].includes(url.protocol) || url.origin !== origin)
      throw new ConfigError(
        `COLLECTOR_CORS_ORIGINS: ${JSON.stringify(origin)} is not an origin (scheme://host[:port], no path or trailing slash)`
      );
  }
  return list;
}

/** Reads and checks the configuration; throws a {@link ConfigError} naming what is wrong. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): CollectorConfig {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl))
    throw new ConfigError('DATABASE_URL: expected postgres://user:password@host:port/database');
  const retention = integer(env, 'COLLECTOR_RETENTION_DAYS', 0, 0, 36_500);
  const logLevel = env.COLLECTOR_LOG_LEVEL?.trim() || 'info';
  if (!LOG_LEVELS.includes(logLevel))
    throw new ConfigError(
      `COLLECTOR_LOG_LEVEL=${JSON.stringify(logLevel)}: expected one of ${LOG_LEVELS.join(', ')}`
    );
  let packDir: string | null = null;
  const packEnv = env.COLLECTOR_PACK_DIR?.trim();
  if (packEnv === 'none') {
    // Explicitly none: calls are scored only from reports their call-end events carry.
  } else if (packEnv) {
    packDir = resolve(cwd, packEnv);
    if (!existsSync(join(packDir, 'manifest.json')))
      throw new ConfigError(
        `COLLECTOR_PACK_DIR: no manifest.json in ${packDir} (build one with npm run build)`
      );
  } else if (existsSync(join(cwd, 'dist', 'kb', 'manifest.json'))) {
    // The pack `npm run build` writes, when the collector runs from the project folder.
    packDir = join(cwd, 'dist', 'kb');
  }
  return {
    host: env.HOST?.trim() || '127.0.0.1',
    port: integer(env, 'PORT', 8787, 0, 65_535),
    databaseUrl,
    dataDir: resolve(cwd, env.COLLECTOR_DATA_DIR?.trim() || '.collector-data'),
    corsOrigins: origins(env.COLLECTOR_CORS_ORIGINS),
    bodyLimit: integer(env, 'COLLECTOR_BODY_LIMIT', 1024 * 1024, 1024, 64 * 1024 * 1024),
    rateLimitPerMinute: integer(env, 'COLLECTOR_RATE_LIMIT', 600, 0, 1_000_000),
    retentionDays: retention === 0 ? null : retention,
    packDir,
    exportMaxCalls: integer(env, 'COLLECTOR_EXPORT_MAX_CALLS', 10_000, 1, 1_000_000),
    logLevel,
    trustProxy: ['1', 'true', 'yes'].includes((env.COLLECTOR_TRUST_PROXY ?? '').trim().toLowerCase()),
  };
}
