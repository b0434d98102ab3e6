/**
 * Versioned migrations: numbered SQL files per dialect (`0001-initial.sql`…), applied in order in one
 * transaction and recorded in `schema_migrations`. A shipped file is never edited; a change is a new file.
 */
import {readdirSync, readFileSync} from 'node:fs';
import type {SqlDriver} from './sql-driver.js';

const FILE_NAME = /^(\d+)-[\w-]+\.sql$/;

/** The migration files of a folder, by version. */
export function migrationFiles(dir: URL): {version: number; name: string; url: URL}[] {
  return readdirSync(dir)
    .map((name) => ({name, match: FILE_NAME.exec(name)}))
    .filter((f) => f.match !== null)
    .map((f) => ({version: Number(f.match![1]), name: f.name, url: new URL(f.name, dir)}))
    .sort((a, b) => a.version - b.version);
}

/** Applies the migrations not yet recorded, up to version `upTo`; resolves the versions applied now. */
export async function runMigrations(
  driver: SqlDriver,
  now: () => string,
  upTo = Infinity
): Promise<number[]> {
  const files = migrationFiles(driver.migrationsDir).filter((f) => f.version <= upTo);
  return driver.transaction(async (tx) => {
    // Collectors starting at once on one PostgreSQL wait here for the first to finish.
    await driver.lockMigrations(tx);
    await tx.script(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)'
    );
    const rows = await tx.all<{version: number}>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => Number(r.version)));
    const done: number[] = [];
    for (const file of files) {
      if (applied.has(file.version)) continue;
      await tx.script(readFileSync(file.url, 'utf8'));
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        file.version,
        file.name,
        now(),
      ]);
      done.push(file.version);
    }
    return done;
  });
}
