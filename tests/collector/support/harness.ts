/**
 * The collector tests' harness: each test gets a fresh store on both databases (SQLite in a temp folder;
 * PostgreSQL in a schema of its own when AA_TEST_DATABASE_URL is set), a real server listening on port 0,
 * tokens, and HTTP helpers. Not a test file itself.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {randomBytes} from 'node:crypto';
import {it as nodeIt} from 'node:test';
import pg from 'pg';
import type {FastifyInstance} from 'fastify';
import {buildApp} from '../../../src/collector/build-app.js';
import type {AppOptions} from '../../../src/collector/build-app.js';
import type {CollectorStore} from '../../../src/collector/store/collector-store.js';
import {openPostgresStore} from '../../../src/collector/store/postgres-store.js';
import {openSqliteStore} from '../../../src/collector/store/sqlite-store.js';
import {issueToken} from '../../../src/collector/tokens/issue-token.js';
import type {TokenRequest} from '../../../src/collector/tokens/issue-token.js';

/** The PostgreSQL the tests use, if any. */
export const PG_URL = process.env.AA_TEST_DATABASE_URL?.trim() || null;

/** One database to run the suite on. */
export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A reason to skip this backend, or false. */
  skip: string | false;
  /**
   * A fresh database migrated (up to version `upTo`, all by default): the store, the environment a child
   * collector needs, and its cleanup.
   */
  open(upTo?: number): Promise<Fresh>;
}

export interface Fresh {
  store: CollectorStore;
  env: Record<string, string>;
  /** Closes the store (if still open) and deletes the database. */
  drop(): Promise<void>;
}

/** A URL whose connections use `schema` (and only it). */
function withSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.href;
}

export const backends: Backend[] = [
  {
    name: 'sqlite',
    skip: false,
    async open(upTo?: number) {
      const dir = mkdtempSync(join(tmpdir(), 'aa-collector-'));
      const store = openSqliteStore(dir);
      await store.migrate(upTo);
      return {
        store,
        env: {COLLECTOR_DATA_DIR: dir},
        async drop() {
          await store.close();
          rmSync(dir, {recursive: true, force: true});
        },
      };
    },
  },
  {
    name: 'postgres',
    skip: PG_URL
      ? false
      : 'AA_TEST_DATABASE_URL is not set (tests/run.mjs sets it; e.g. postgres://aa_test:aa_test@127.0.0.1:5432/aa_test)',
    async open(upTo?: number) {
      const schema = `aa_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({connectionString: PG_URL!});
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.end();
      const url = withSchema(PG_URL!, schema);
      const store = openPostgresStore(url);
      await store.migrate(upTo);
      return {
        store,
        env: {DATABASE_URL: url},
        async drop() {
          await store.close();
          const client = new pg.Client({connectionString: PG_URL!});
          await client.connect();
          await client.query(`DROP SCHEMA ${schema} CASCADE`);
          await client.end();
        },
      };
    },
  },
];

/** A server listening on a free port, on a store. */
export interface Server {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

export const TEST_CONFIG: AppOptions['config'] = {
  corsOrigins: ['https://desk.example'],
  bodyLimit: 1024 * 1024,
  rateLimitPerMinute: 0,
  exportMaxCalls: 10_000,
  trustProxy: false,
};

export async function startServer(
  store: CollectorStore,
  config: Partial<AppOptions['config']> = {},
  clock?: () => Date
): Promise<Server> {
  const app = await buildApp({store, config: {...TEST_CONFIG, ...config}, ...(clock ? {clock} : {})});
  const address = await app.listen({host: '127.0.0.1', port: 0});
  return {app, url: address, close: () => app.close()};
}

/** A token's secret for `request`. */
export async function tokenFor(store: CollectorStore, request: TokenRequest): Promise<string> {
  return (await issueToken(store, request)).secret;
}

/** An HTTP answer: status, headers and parsed JSON (or text). */
export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

async function answer<T>(res: Response): Promise<Answer<T>> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return {status: res.status, headers: res.headers, body: body as T, text};
}

export async function get<T = unknown>(url: string, token?: string): Promise<Answer<T>> {
  return answer<T>(await fetch(url, {headers: token ? {Authorization: `Bearer ${token}`} : {}}));
}

/** POSTs `body` (an object as JSON, or raw text) to the ingest endpoint. */
export async function post<T = unknown>(
  server: Server,
  token: string | null,
  body: unknown,
  path = '/v1/events'
): Promise<Answer<T>> {
  const headers: Record<string, string> = {'Content-Type': 'application/json'};
  if (token) headers.Authorization = `Bearer ${token}`;
  return answer<T>(
    await fetch(server.url + path, {
      method: 'POST',
      headers,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
  );
}

/** The ingest answer's shape. */
export interface IngestAnswer {
  accepted: string[];
  duplicates: string[];
  rejected: {eventId: string; reason: string}[];
}

type TestFn = () => void | Promise<void>;

/**
 * `it` for `backend`: its tests are skipped (and counted as skipped, with the reason) when the backend is
 * unavailable; the hooks of a skipped test do not run.
 */
export function itOn(backend: Backend) {
  return (name: string, optionsOrFn: {timeout?: number} | TestFn, maybeFn?: TestFn) => {
    const fn = typeof optionsOrFn === 'function' ? optionsOrFn : maybeFn!;
    const options = typeof optionsOrFn === 'function' ? {} : optionsOrFn;
    return nodeIt(name, {...options, skip: backend.skip}, fn);
  };
}

/** A second store on the same database as `fresh` (another collector process would open one). */
export function openAgain(fresh: Fresh): CollectorStore {
  return fresh.env.DATABASE_URL
    ? openPostgresStore(fresh.env.DATABASE_URL)
    : openSqliteStore(fresh.env.COLLECTOR_DATA_DIR!);
}
