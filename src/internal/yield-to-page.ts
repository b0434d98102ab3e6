/**
 * Lets the page breathe during long loops (hashing a 10k-event chain, importing 100k events): yields to
 * the event loop once the current slice has run for a few milliseconds, so input and rendering are not
 * held up behind one long task.
 */

/** How long a slice may run before it yields. */
const SLICE_MS = 12;

let sliceStart = performance.now();

export async function yieldToPage(): Promise<void> {
  if (performance.now() - sliceStart < SLICE_MS) return;
  await yieldNow();
}

/**
 * Yields to the event loop whatever the current slice has run: for two pieces of work that are each
 * tens of milliseconds and must not become one task (a slice that began elsewhere just before would
 * otherwise let {@link yieldToPage} return at once).
 */
export async function yieldNow(): Promise<void> {
  const scheduler = (globalThis as {scheduler?: {yield?: () => Promise<void>}}).scheduler;
  await (scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0)));
  sliceStart = performance.now();
}

/** Runs `task` when the page is idle (within a second at most), in a task of its own. */
export function whenIdle(task: () => void): void {
  const idle = (globalThis as {requestIdleCallback?: (cb: () => void, o: {timeout: number}) => number})
    .requestIdleCallback;
  if (idle) idle(task, {timeout: 1000});
  else setTimeout(task, 0);
}
