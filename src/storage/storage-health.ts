/**
 * How safe the browser keeps the log: whether storage is persistent (or best-effort, evictable under
 * pressure) and how full the site's quota is. Asks for persistence once something worth keeping exists.
 */

/** What the widget shows about its storage. */
export interface StorageHealth {
  /** True when persistent; false when the browser refused (best-effort); null when it cannot say. */
  persisted: boolean | null;
  /** usage / quota, or null when unknown. */
  usage: number | null;
}

/** The share of the quota at which the agent is warned, before writes start failing. */
export const NEARLY_FULL = 0.8;

/**
 * Reads whether storage is persistent and how full the quota is; with `requestPersist`, first asks for
 * persistence if it is not granted (some browsers show a prompt, so callers ask once). Never throws: a
 * browser without the StorageManager API reports unknowns.
 */
export async function checkStorageHealth(
  requestPersist: boolean,
  storage: StorageManager | undefined = navigator.storage
): Promise<StorageHealth> {
  let persisted: boolean | null = null;
  let usage: number | null = null;
  try {
    if (storage?.persisted) persisted = await storage.persisted();
    if (requestPersist && persisted === false && storage?.persist) persisted = await storage.persist();
  } catch {
    persisted = null;
  }
  try {
    const estimate = await storage?.estimate?.();
    if (estimate?.quota) usage = (estimate.usage ?? 0) / estimate.quota;
  } catch {
    usage = null;
  }
  return {persisted, usage};
}
