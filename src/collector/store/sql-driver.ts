/**
 * The little the collector's SQL needs from a database driver, so one implementation of the store serves
 * SQLite and PostgreSQL. Statements use `?` placeholders (the PostgreSQL driver numbers them) and are
 * always parameterized: no value is ever spliced into SQL text.
 */

/** A value bound to a placeholder (booleans are stored as 0/1). */
export type SqlValue = string | number | null;

/** Runs statements, inside a transaction or not. */
export interface SqlExecutor {
  /** Rows of a query (or of a statement with RETURNING). */
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs a statement; resolves how many rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs a script of several statements without parameters (migrations). */
  script(sql: string): Promise<void>;
}

export interface SqlDriver extends SqlExecutor {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * Appended to a SELECT that reads rows the transaction will update: ` FOR UPDATE` where rows are
   * locked (PostgreSQL, where several collectors may share the database); empty for SQLite, whose write
   * transactions run one at a time.
   */
  readonly forUpdate: string;
  /** The folder of this dialect's numbered migration files. */
  readonly migrationsDir: URL;
  /**
   * Runs `fn` in one write transaction and resolves after COMMIT; rolls back when it throws. `fn` must use
   * the executor it is given, never the driver itself.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Taken first thing in the migration transaction, so collectors starting together migrate once. */
  lockMigrations(tx: SqlExecutor): Promise<void>;
  close(): Promise<void>;
}
