/**
 * The fallback when the browser refuses IndexedDB (private modes, storage blocked by policy): the same
 * database, schema and log code over an in-memory IndexedDB (fake-indexeddb), so an agent can still run
 * the call's script and checklist and the host still gets the report. Nothing survives the page; the
 * widget says so. Loaded only when needed.
 */
import {AssistDb} from './assist-db.js';

export async function openMemoryDb(name: string): Promise<AssistDb> {
  const {IDBFactory, IDBKeyRange} = await import('fake-indexeddb');
  const db = new AssistDb(name, {indexedDB: new IDBFactory(), IDBKeyRange});
  await db.open();
  return db;
}
