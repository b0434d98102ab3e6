/**
 * The PostgreSQL adapter: the collector's store on a `pg` pool, for a center that runs several collectors
 * on the database it already operates. Call rows are locked (`SELECT … FOR UPDATE`) while a batch
 * anchors their chains, and a transaction that loses a deadlock or serialization race is retried.
 */
import pg from 'pg';
import type {CollectorStore} from './collector-store.js';
import type {SqlDriver, SqlExecutor, SqlValue} from './sql-driver.js';
import {SqlStore} from './sql-store.js';

/** How often a transaction that lost a race (deadlock, serialization failure) is run again. */
const MAX_TX_ATTEMPTS = 5;
const RETRYABLE = new Set(['40001', '40P01']);

/** `?` placeholders to PostgreSQL's `$1, $2…` (the collector's SQL never holds a literal `?`). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function executor(client: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    all: async <T>(sql: string, params: readonly SqlValue[] = []) =>
      (await client.query(numbered(sql), params as SqlValue[])).rows as T[],
    run: async (sql: string, params: readonly SqlValue[] = []) =>
      (await client.query(numbered(sql), params as SqlValue[])).rowCount ?? 0,
    script: async (sql: string) => void (await client.query(sql)),
  };
}

class PostgresDriver implements SqlDriver {
  readonly dialect = 'postgres';
  readonly forUpdate = ' FOR UPDATE';
  readonly migrationsDir = new URL('../migrations/postgres/', import.meta.url);
  private readonly _direct: SqlExecutor;

  constructor(private readonly _pool: pg.Pool) {
    this._direct = executor(_pool);
  }

  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this._direct.all<T>(sql, params);
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this._direct.run(sql, params);
  }

  script(sql: string): Promise<void> {
    return this._direct.script(sql);
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this._pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(executor(client));
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (err) {
        // A connection that cannot even roll back is broken: destroy it rather than return it to the pool.
        const rollback = await client.query('ROLLBACK').then(
          () => undefined,
          (e: unknown) => e as Error
        );
        client.release(rollback);
        const code = (err as {code?: string}).code;
        if (!RETRYABLE.has(code ?? '') || attempt >= MAX_TX_ATTEMPTS) throw err;
        // Another collector won the race for the same call rows: back off a little and run again.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      }
    }
  }

  async lockMigrations(tx: SqlExecutor): Promise<void> {
    // Per schema, so databases shared by several schemas (tests) migrate independently.
    await tx.all("SELECT pg_advisory_xact_lock(hashtext('agent-assist-collector:' || current_schema()))");
  }

  close(): Promise<void> {
    return this._pool.end();
  }
}

/** Opens a pool on `databaseUrl` (`postgres://…`); `onError` hears about idle connections that fail. */
export function openPostgresStore(
  databaseUrl: string,
  onError: (err: Error) => void = () => undefined
): CollectorStore {
  const pool = new pg.Pool({connectionString: databaseUrl, max: 10});
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', onError);
  return new SqlStore(new PostgresDriver(pool));
}
