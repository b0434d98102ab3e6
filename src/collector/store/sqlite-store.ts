/**
 * The embedded adapter: the collector's store on one SQLite file (better-sqlite3) in a data folder. WAL
 * mode with `synchronous=FULL`, so a commit (and so an acknowledgement) survives a crash or power loss.
 * One process owns the file (the CLI may write tokens beside it); for several collectors use PostgreSQL.
 */
import {mkdirSync} from 'node:fs';
import {join} from 'node:path';
import Database from 'better-sqlite3';
import type {CollectorStore} from './collector-store.js';
import type {SqlDriver, SqlExecutor, SqlValue} from './sql-driver.js';
import {SqlStore} from './sql-store.js';

/** The database file inside the data folder. */
export const SQLITE_FILE = 'collector.sqlite';

class SqliteDriver implements SqlDriver {
  readonly dialect = 'sqlite';
  readonly forUpdate = '';
  readonly migrationsDir = new URL('../migrations/sqlite/', import.meta.url);
  private readonly _statements = new Map<string, Database.Statement>();
  /** Work on the one connection runs in turn, so a read never sees another request's open transaction. */
  private _queue: Promise<unknown> = Promise.resolve();
  private readonly _direct: SqlExecutor;

  constructor(private readonly _db: Database.Database) {
    this._direct = {
      all: async <T>(sql: string, params: readonly SqlValue[] = []) =>
        this._prepare(sql).all(...params) as T[],
      run: async (sql: string, params: readonly SqlValue[] = []) => this._prepare(sql).run(...params).changes,
      script: async (sql: string) => void this._db.exec(sql),
    };
  }

  private _prepare(sql: string): Database.Statement {
    let statement = this._statements.get(sql);
    if (!statement) this._statements.set(sql, (statement = this._db.prepare(sql)));
    return statement;
  }

  private _inTurn<T>(fn: () => Promise<T>): Promise<T> {
    const run = this._queue.then(fn);
    this._queue = run.catch(() => undefined);
    return run;
  }

  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this._inTurn(() => this._direct.all<T>(sql, params));
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this._inTurn(() => this._direct.run(sql, params));
  }

  script(sql: string): Promise<void> {
    return this._inTurn(() => this._direct.script(sql));
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this._inTurn(async () => {
      // IMMEDIATE takes the write lock now: the CLI writing beside the server waits (busy_timeout)
      // instead of failing halfway through.
      this._db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this._direct);
        this._db.exec('COMMIT');
        return result;
      } catch (err) {
        if (this._db.inTransaction) this._db.exec('ROLLBACK');
        throw err;
      }
    });
  }

  async lockMigrations(): Promise<void> {
    // BEGIN IMMEDIATE already holds the only write lock.
  }

  async close(): Promise<void> {
    await this._queue;
    this._db.close();
  }
}

/** Opens (creating if needed) the collector's SQLite database in `dataDir`. */
export function openSqliteStore(dataDir: string): CollectorStore {
  mkdirSync(dataDir, {recursive: true});
  const db = new Database(join(dataDir, SQLITE_FILE));
  const mode = db.pragma('journal_mode = WAL', {simple: true});
  if (mode !== 'wal')
    throw new Error(`collector: SQLite refused WAL mode in ${dataDir} (got ${String(mode)})`);
  // Every commit reaches the disk before it returns: an acknowledged event survives a power cut.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  return new SqlStore(new SqliteDriver(db));
}
