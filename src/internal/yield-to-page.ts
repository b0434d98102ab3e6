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
  const scheduler = (globalThis as {scheduler?: {yield?: () => Promise<void>}}).scheduler;
  await (scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0)));
  sliceStart = performance.now();
}
