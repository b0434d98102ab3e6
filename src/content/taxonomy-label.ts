/**
 * Labels and order of the content's categories and queues, as agents see them: the declared label in
 * the UI language, else the other language's, else one made from the id; declared ones first, in order.
 */
import type {TaxonomyEntry} from './types.js';

/** A label made from an id, for content that declares none: `credit-cards` → `Credit cards`. */
export function labelFromId(id: string): string {
  const words = id.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The label of `id` in `lang`, falling back to the other language's label, then to {@link labelFromId}. */
export function taxonomyLabel(
  entries: readonly TaxonomyEntry[] | undefined,
  id: string,
  lang: string
): string {
  const entry = entries?.find((e) => e.id === id);
  if (!entry) return labelFromId(id);
  const labels = entry.labels as Record<string, string | undefined>;
  return labels[lang] ?? labels.en ?? Object.values(labels).find(Boolean) ?? labelFromId(id);
}

/** `ids` without duplicates, declared ones in the editors' order first, then the others alphabetically. */
export function sortByTaxonomy(
  entries: readonly TaxonomyEntry[] | undefined,
  ids: Iterable<string>
): string[] {
  const rank = new Map((entries ?? []).map((e, i) => [e.id, i]));
  return [...new Set(ids)].sort((a, b) => {
    const ra = rank.get(a) ?? Infinity;
    const rb = rank.get(b) ?? Infinity;
    if (ra !== rb) return ra - rb;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}
