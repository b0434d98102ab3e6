/**
 * What the benchmarks that generate calls share: a seeded random source (so every run writes the same
 * calls) and where a script step leads without a branch (as src/scripting/script-engine.ts walks it).
 */

/** A small seeded PRNG (mulberry32): the same `seed` gives the same sequence in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Where `step` leads without a branch: its `next`, else the step after it; null at the end. */
export function nextOf(script, step) {
  if (step.next === 'end') return null;
  if (step.next !== null) return step.next;
  return script.steps[script.steps.indexOf(step) + 1]?.id ?? null;
}
