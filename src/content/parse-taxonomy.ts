/**
 * Parses a taxonomy file of the content folder (`categories.yaml`, `queues.yaml`): a YAML list of
 * `{id, en, zh-CN}` entries, in the order agents see them. Every problem is a diagnostic at its line.
 */
import {isMap, isScalar, isSeq, LineCounter, parseDocument} from 'yaml';
import type {Node} from 'yaml';
import type {ContentLang, Diagnostic, SourceFile, SourcePos, TaxonomyEntry} from './types.js';

/** The taxonomy files, by name at the content folder's top, and what each declares. */
export const TAXONOMY_FILES = {
  'categories.yaml': 'categories',
  'queues.yaml': 'queues',
} as const;

/** A category or queue id: lower-case letters, digits, `-` and `_` (it is written in front matter). */
const TAXONOMY_ID = /^[\p{Ll}\p{Lo}\p{N}][\p{Ll}\p{Lo}\p{N}_-]*$/u;

/** Whether `id` may name a category or queue. */
export function isTaxonomyId(id: string): boolean {
  return TAXONOMY_ID.test(id);
}

const LABEL_KEYS: ContentLang[] = ['en', 'zh-CN'];

/** Parses one taxonomy file; `what` names an entry in messages (`category`, `queue`). */
export function parseTaxonomy(
  file: SourceFile,
  what: string
): {entries: TaxonomyEntry[]; diagnostics: Diagnostic[]} {
  const diagnostics: Diagnostic[] = [];
  const lineCounter = new LineCounter();
  const doc = parseDocument(file.text.replace(/^\uFEFF/, ''), {lineCounter, prettyErrors: false});
  const posAt = (node: Node | null | undefined): SourcePos => {
    const p = lineCounter.linePos(node?.range?.[0] ?? 0);
    return {line: p.line, column: p.col};
  };
  const error = (pos: SourcePos, message: string) =>
    diagnostics.push({file: file.path, ...pos, severity: 'error', message});
  for (const err of doc.errors) {
    const p = lineCounter.linePos(err.pos[0]);
    error(
      {line: p.line, column: p.col},
      err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
    );
  }
  if (doc.errors.length > 0) return {entries: [], diagnostics};
  const example = `- id: my-${what}\n  en: English label\n  zh-CN: 中文名称`;
  if (doc.contents === null) return {entries: [], diagnostics};
  if (!isSeq(doc.contents)) {
    error(posAt(doc.contents), `${file.path} must be a list of ${what} entries, each like:\n${example}`);
    return {entries: [], diagnostics};
  }

  const entries: TaxonomyEntry[] = [];
  const seen = new Map<string, number>();
  for (const item of doc.contents.items) {
    const pos = posAt(item as Node);
    if (!isMap(item)) {
      error(pos, `each ${what} is "id:", "en:" and "zh-CN:" lines, e.g.\n${example}`);
      continue;
    }
    const entry: TaxonomyEntry = {id: '', labels: {}};
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = pair.value as Node | null;
      const keyPos = posAt(pair.key as Node);
      const text =
        isScalar(value) && (typeof value.value === 'string' || typeof value.value === 'number')
          ? String(value.value).trim()
          : null;
      if (key !== 'id' && !LABEL_KEYS.includes(key as ContentLang)) {
        error(keyPos, `unknown key "${key}"; a ${what} has "id", "en" and "zh-CN"`);
      } else if (!text) {
        error(value ? posAt(value) : keyPos, `"${key}" must be a single line of text`);
      } else if (key === 'id') {
        entry.id = text;
      } else {
        entry.labels[key as ContentLang] = text;
      }
    }
    if (!entry.id) {
      if (!item.items.some((p) => isScalar(p.key) && p.key.value === 'id'))
        error(pos, `${what} without an "id"`);
      continue;
    }
    const idPos = posAt(item.get('id', true) as Node);
    if (!isTaxonomyId(entry.id)) {
      error(idPos, `${what} id "${entry.id}" may only use lower-case letters, digits, "-" and "_"`);
      continue;
    }
    const first = seen.get(entry.id);
    if (first !== undefined) {
      error(idPos, `duplicate ${what} "${entry.id}" (also line ${first})`);
      continue;
    }
    seen.set(entry.id, idPos.line);
    if (Object.keys(entry.labels).length === 0)
      error(idPos, `${what} "${entry.id}" has no label: add "en:" and "zh-CN:" lines`);
    entries.push(entry);
  }
  return {entries, diagnostics};
}
