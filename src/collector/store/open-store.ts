/** Opens the store the configuration names: PostgreSQL with DATABASE_URL, else SQLite in the data folder. */
import type {CollectorConfig} from '../load-config.js';
import type {CollectorStore} from './collector-store.js';
import {openPostgresStore} from './postgres-store.js';
import {openSqliteStore} from './sqlite-store.js';

export function openStore(
  config: Pick<CollectorConfig, 'databaseUrl' | 'dataDir'>,
  onError?: (err: Error) => void
): CollectorStore {
  return config.databaseUrl
    ? openPostgresStore(config.databaseUrl, onError)
    : openSqliteStore(config.dataDir);
}
