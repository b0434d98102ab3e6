/**
 * Parses a checklist file: a markdown task list (`- [ ] text {#id}`), each item followed by indented
 * setting lines (Weight:, Category:, Critical:, Deadline:, Applies to:, or their Chinese keywords).
 */
import {FieldReader, readFrontMatter} from './front-matter.js';
import {isValidId, slugify, splitExplicitId} from './ids.js';
import {ITEM_CATEGORIES} from './types.js';
import type {
  Checklist,
  ChecklistItem,
  Diagnostic,
  ItemCategory,
  ItemDeadline,
  SourceFile,
  SourcePos,
} from './types.js';

const LANGS = ['en', 'zh-CN'] as const;

const TASK = /^[-*+]\s+\[[ xX]\]\s+(.*)$/;
const SETTING = /^(\s+)([^:：]+?)\s*[:：]\s*(.*)$/;

/** Setting keywords (lower case) → the setting they name. */
const SETTINGS: Record<string, 'weight' | 'category' | 'critical' | 'deadline' | 'appliesTo'> = {
  weight: 'weight',
  权重: 'weight',
  category: 'category',
  类别: 'category',
  critical: 'critical',
  关键: 'critical',
  deadline: 'deadline',
  时限: 'deadline',
  'applies to': 'appliesTo',
  适用步骤: 'appliesTo',
};

/**
 * Parses a deadline: seconds (`30`, `30s`, `30 秒`), minutes (`2 min`, `2 分钟`), or a step
 * (`before verify-id`, `verify-id 之前`). Returns an error message instead when it is none of those.
 */
export function parseDeadline(value: string, pos: SourcePos): ItemDeadline | string {
  const v = value.trim();
  const secs = /^(\d+(?:\.\d+)?)\s*(s|sec|secs|seconds?|秒)?$/i.exec(v);
  if (secs) return {seconds: Number(secs[1])};
  const mins = /^(\d+(?:\.\d+)?)\s*(m|min|mins|minutes?|分钟)$/i.exec(v);
  if (mins) return {seconds: Number(mins[1]) * 60};
  const before = /^(?:before|之前)\s+(\S+)$/i.exec(v) ?? /^(\S+)\s*之前$/.exec(v);
  if (before) return {beforeStep: before[1]!, pos};
  return `Deadline: is "${value}"; expected seconds ("30s"), minutes ("2 min") or "before step-id"`;
}

/**
 * Decides which items may be skipped: those `skippable` lists, or (without the field) every non-critical
 * item. A critical item may be listed only when the checklist also names its `skip_reasons`: a legally
 * required step is never skipped away with a reason typed on the spot.
 */
function applySkipRules(
  checklist: Checklist,
  skippable: {value: string; pos: SourcePos}[] | null,
  hasReasons: boolean,
  error: (pos: SourcePos, message: string) => void
): void {
  const ids = new Set(checklist.items.map((i) => i.id));
  for (const entry of skippable ?? []) {
    if (!ids.has(entry.value))
      error(entry.pos, `skippable names "${entry.value}", which is not an item of this checklist`);
  }
  const listed = new Set((skippable ?? []).map((e) => e.value));
  for (const item of checklist.items) {
    item.skippable = skippable === null ? !item.critical : listed.has(item.id);
    if (item.critical && item.skippable && !hasReasons) {
      const at = skippable!.find((e) => e.value === item.id)!.pos;
      error(
        at,
        `critical item "${item.id}" may be skippable only with skip_reasons listing the reasons allowed`
      );
    }
  }
}

/** The id a checklist gets from its path: `checklists/call-closing.md` → `call-closing`. */
export function checklistIdFromPath(path: string): string {
  return path.replace(/^checklists\//, '').replace(/\.md$/i, '');
}

/** Parses a checklist; returns null for the checklist when its front matter is unusable. */
export function parseChecklist(file: SourceFile): {checklist: Checklist | null; diagnostics: Diagnostic[]} {
  const fm = readFrontMatter(file.path, file.text);
  const f = new FieldReader(fm);
  const diagnostics = fm.diagnostics;
  const error = (pos: SourcePos, message: string) =>
    diagnostics.push({file: file.path, ...pos, severity: 'error', message});

  const checklist: Checklist = {
    id: f.string('id') ?? checklistIdFromPath(file.path),
    file: file.path,
    title: f.string('title', true) ?? '',
    lang: f.oneOf('lang', LANGS, true, 'en'),
    category: f.oneOf('category', ITEM_CATEGORIES, false, 'procedure'),
    items: [],
  };
  if (!isValidId(checklist.id))
    error(f.posOf('id'), `id "${checklist.id}" may only use letters, digits, "-" and "_"`);
  // Skip rules: which items the agent may skip, and the reasons a skip may give (see content/README.md).
  const skippable = f.has('skippable') ? f.list('skippable') : null;
  const skipReasons = [...new Set(f.list('skip_reasons').map((r) => r.value))];
  f.reportUnknownKeys();

  let item: ChecklistItem | null = null;
  fm.body.split('\n').forEach((raw, i) => {
    const line = fm.bodyLine + i;
    const text = raw.trimEnd();
    if (text.trim() === '') return;
    const task = TASK.exec(text);
    if (task) {
      const {text: itemText, id: explicit, idColumn} = splitExplicitId(task[1]!);
      const column = text.indexOf(task[1]!) + 1;
      const id = explicit ?? slugify(itemText);
      const pos = {line, column: explicit ? column + idColumn - 1 : column};
      if (!isValidId(id) || id.includes('/'))
        error(pos, `item id "${id}" may only use letters, digits, "-" and "_"`);
      item = {
        id,
        text: itemText,
        weight: 1,
        category: checklist.category,
        critical: false,
        deadline: null,
        appliesTo: [],
        skippable: true,
        skipReasons,
        pos,
      };
      checklist.items.push(item);
      return;
    }
    const setting = SETTING.exec(text);
    if (!setting || !item) return; // Headings and paragraphs between items are notes for editors.
    const key = setting[2]!.trim();
    const value = setting[3]!.trim();
    const keyPos = {line, column: setting[1]!.length + 1};
    const valuePos = {line, column: text.length - setting[3]!.length + 1};
    const kind = SETTINGS[key.toLowerCase()];
    if (!kind) {
      error(keyPos, `unknown setting "${key}"; expected Weight, Category, Critical, Deadline or Applies to`);
      return;
    }
    if (kind === 'weight') {
      const n = Number(value);
      if (value === '' || !Number.isFinite(n) || n <= 0)
        error(valuePos, `Weight: is "${value}"; expected a number above 0`);
      else item.weight = n;
    } else if (kind === 'category') {
      const c = ITEM_CATEGORIES.find((x) => x === value.toLowerCase());
      if (c) item.category = c as ItemCategory;
      else error(valuePos, `Category: is "${value}"; expected etiquette, knowledge or procedure`);
    } else if (kind === 'critical') {
      const v = value.toLowerCase().replace(/[.。]$/, '');
      if (['yes', 'true', '是'].includes(v)) item.critical = true;
      else if (['no', 'false', '否'].includes(v)) item.critical = false;
      else error(valuePos, `Critical: is "${value}"; expected yes or no`);
    } else if (kind === 'deadline') {
      const d = parseDeadline(value, valuePos);
      if (typeof d === 'string') error(valuePos, d);
      else item.deadline = d;
    } else {
      for (const m of value.matchAll(/[^,，、\s][^,，、]*/g)) {
        item.appliesTo.push({id: m[0].trim(), pos: {line, column: valuePos.column + m.index!}});
      }
    }
  });

  applySkipRules(checklist, skippable, skipReasons.length > 0, error);

  if (fm.doc && checklist.items.length === 0) {
    error(
      {line: fm.bodyLine, column: 1},
      'the checklist has no items; add lines like "- [ ] Greet the customer {#greet}"'
    );
  }
  return {checklist: fm.doc ? checklist : null, diagnostics};
}
