/**
 * Replays a call's logged checklist events (`item-check`, `item-uncheck`, `item-skip`) into the latest
 * mark of each item. Ticks belong to the call, not to a script: they survive a script switch.
 */
import type {ReplayEvent} from './moves-from-events.js';

/** What the agent (or the host) last did with an item. */
export interface ItemMark {
  status: 'done' | 'skipped';
  /** Seconds since the call started. */
  at: number;
  reason?: string;
  /** `agent` or `host`: who ticked it. */
  source?: string;
}

/** Applies one logged event to the marks (in place); events that are not about items change nothing. */
export function applyItemEvent(marks: Map<string, ItemMark>, e: ReplayEvent): void {
  const d = e.data as {itemId?: string; reason?: string; source?: string};
  if (!d.itemId) return;
  if (e.type === 'item-check') {
    marks.set(d.itemId, {status: 'done', at: e.offset, source: d.source ?? 'agent'});
  } else if (e.type === 'item-skip') {
    marks.set(d.itemId, {
      status: 'skipped',
      at: e.offset,
      reason: d.reason ?? '',
      source: d.source ?? 'agent',
    });
  } else if (e.type === 'item-uncheck') {
    marks.delete(d.itemId);
  }
}

export function itemMarksFromEvents(events: readonly ReplayEvent[]): Map<string, ItemMark> {
  const marks = new Map<string, ItemMark>();
  for (const e of events) applyItemEvent(marks, e);
  return marks;
}
