/**
 * The checklist items that apply to a call: those of the checklists its script names, in the script's
 * order. A call pins them with its script, so a content update never changes a running call's items.
 */
import type {PackChecklist, PackScript} from '../content/pack-types.js';
import type {CallItem} from '../model/call-log.js';

/** The items of the checklists `script` names (each id once; unknown checklist ids are ignored). */
export function callItemsFor(script: PackScript | null, checklists: readonly PackChecklist[]): CallItem[] {
  if (!script) return [];
  const byId = new Map(checklists.map((c) => [c.id, c]));
  const seen = new Set<string>();
  const items: CallItem[] = [];
  for (const id of script.checklists) {
    const checklist = byId.get(id);
    for (const item of checklist?.items ?? []) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      items.push({...item, checklistId: checklist!.id, checklistTitle: checklist!.title});
    }
  }
  return items;
}
