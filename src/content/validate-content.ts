/**
 * Checks that need more than one file or a script's whole flow: duplicate ids, links to missing
 * articles, steps and items, unreachable steps, loops with no way out, unknown variables, checklist
 * items bound to steps no script has, categories and queues the content does not declare, and (as
 * warnings) stale, oversized or empty articles.
 */
import {articleIdFromPath} from './parse-article.js';
import {checklistIdFromPath} from './parse-checklist.js';
import {reachableSteps, stepsThatCanEnd} from './script-flow.js';
import type {
  Article,
  CallScript,
  Checklist,
  Diagnostic,
  ParsedContent,
  SourcePos,
  TaxonomyEntry,
} from './types.js';
import {isVariableName, KNOWN_VARIABLES} from './variables.js';

/** Articles longer than this (characters of markdown) are too long to use on a call. */
export const MAX_ARTICLE_CHARS = 20_000;

const SAFE_SCHEMES = ['https:', 'mailto:', 'tel:'];

/** Options for {@link validateContent}. */
export interface ValidateOptions {
  /** Today's date, `YYYY-MM-DD`, for review dates (passed in: validation reads no clock). */
  today: string;
  /**
   * Content files whose front matter could not be read (their own error is reported): references to
   * them are taken as valid until they parse again.
   */
  unparsed?: readonly string[];
}

/** The `code` of the overdue-review warning, which `content:check --strict` turns into a failure. */
export const OVERDUE_REVIEW = 'overdue-review';

/** What the unparsed files would have declared, guessed from their paths. */
interface Unparsed {
  files: Set<string>;
  articleIds: Set<string>;
  checklistIds: Set<string>;
  /** A checklist could not be read: its item ids are unknown. */
  anyChecklist: boolean;
  /** A script could not be read: its step ids are unknown. */
  anyScript: boolean;
}

function unparsedIndex(paths: readonly string[]): Unparsed {
  const articles = paths.filter((p) => p.startsWith('articles/'));
  const checklists = paths.filter((p) => p.startsWith('checklists/'));
  return {
    files: new Set(paths),
    articleIds: new Set(articles.map(articleIdFromPath)),
    checklistIds: new Set(checklists.map(checklistIdFromPath)),
    anyChecklist: checklists.length > 0,
    anyScript: paths.some((p) => p.startsWith('scripts/')),
  };
}

/** Resolves a relative link from the file `from` to a content path (`articles/billing/refunds.md`). */
export function resolveRelative(from: string, href: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const seg of href.split('#')[0]!.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/** Cross-file checks; returns diagnostics in file order. */
export function validateContent(
  content: Omit<ParsedContent, 'diagnostics'>,
  options: ValidateOptions
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report: Report = (severity, file, pos, message, code) =>
    out.push({file, line: pos.line, column: pos.column, severity, message, ...(code ? {code} : {})});
  const unparsed = unparsedIndex(options.unparsed ?? []);
  const {categories, queues} = content.taxonomy;

  const articleById = new Map<string, Article>();
  const articleByFile = new Map<string, Article>();
  for (const a of content.articles) {
    const first = articleById.get(a.id);
    if (first)
      report('error', a.file, {line: 1, column: 1}, `duplicate article id "${a.id}" (also ${first.file})`);
    else articleById.set(a.id, a);
    articleByFile.set(a.file, a);
  }

  for (const a of content.articles) {
    checkArticle(a, articleById, articleByFile, unparsed, options, report);
    if (a.category && categories.length > 0 && !categories.some((c) => c.id === a.category)) {
      report(
        'error',
        a.file,
        a.categoryPos,
        notDeclared('category', a.category, categories, 'categories.yaml')
      );
    }
  }

  const checklistById = new Map<string, Checklist>();
  const itemOwner = new Map<string, Checklist>();
  for (const c of content.checklists) {
    const first = checklistById.get(c.id);
    if (first)
      report('error', c.file, {line: 1, column: 1}, `duplicate checklist id "${c.id}" (also ${first.file})`);
    else checklistById.set(c.id, c);
    for (const item of c.items) {
      const owner = itemOwner.get(item.id);
      if (owner)
        report('error', c.file, item.pos, `duplicate checklist item id "${item.id}" (also in ${owner.file})`);
      else itemOwner.set(item.id, c);
    }
  }

  const scriptById = new Map<string, CallScript>();
  const defaultFor = new Map<string, CallScript>();
  for (const s of content.scripts) {
    const first = scriptById.get(s.id);
    if (first)
      report('error', s.file, {line: 1, column: 1}, `duplicate script id "${s.id}" (also ${first.file})`);
    else scriptById.set(s.id, s);
    s.queues.forEach((q, i) => {
      if (queues.length > 0 && !queues.some((x) => x.id === q))
        report(
          'error',
          s.file,
          s.queuePos[i] ?? {line: 1, column: 1},
          notDeclared('queue', q, queues, 'queues.yaml')
        );
    });
    for (const q of s.queues) {
      const key = `${q}\u0000${s.lang}`;
      const other = defaultFor.get(key);
      if (other) {
        report(
          'error',
          s.file,
          {line: 1, column: 1},
          `queue "${q}" (${s.lang}) already has a default script: ${other.file}`
        );
      } else defaultFor.set(key, s);
    }
    checkScript(s, articleById, checklistById, itemOwner, unparsed, report);
  }

  // A checklist's step bindings must name steps of the scripts that use it (any script if none does).
  for (const c of unparsed.anyScript ? [] : content.checklists) {
    const users = content.scripts.filter((s) => s.checklists.some((x) => x.id === c.id));
    const pool = users.length > 0 ? users : content.scripts;
    const steps = new Set(pool.flatMap((s) => s.steps.map((st) => st.id)));
    const where = users.length > 0 ? `the scripts that use checklist "${c.id}"` : 'any script';
    for (const item of c.items) {
      for (const a of item.appliesTo) {
        if (!steps.has(a.id))
          report(
            'error',
            c.file,
            a.pos,
            `item "${item.id}" applies to step "${a.id}", which is not in ${where}`
          );
      }
      if (item.deadline && 'beforeStep' in item.deadline && !steps.has(item.deadline.beforeStep)) {
        report(
          'error',
          c.file,
          item.deadline.pos,
          `item "${item.id}" is due before step "${item.deadline.beforeStep}", which is not in ${where}`
        );
      }
    }
  }
  return out;
}

type Report = (
  severity: Diagnostic['severity'],
  file: string,
  pos: SourcePos,
  message: string,
  code?: string
) => void;

function notDeclared(what: string, id: string, declared: readonly TaxonomyEntry[], file: string): string {
  const list = declared.map((d) => `"${d.id}"`).join(', ');
  return `${what} "${id}" is not declared in ${file}; declared: ${list} (add it there, or fix the spelling)`;
}

function checkArticle(
  a: Article,
  byId: Map<string, Article>,
  byFile: Map<string, Article>,
  unparsed: Unparsed,
  options: ValidateOptions,
  report: Report
): void {
  if (a.reviewBy && a.reviewBy < options.today) {
    report(
      'warning',
      a.file,
      a.reviewByPos,
      `overdue for review since ${a.reviewBy} (owner: ${a.owner || 'none'})`,
      OVERDUE_REVIEW
    );
  }
  if (a.body.length > MAX_ARTICLE_CHARS) {
    report(
      'warning',
      a.file,
      {line: a.bodyLine, column: 1},
      `article is ${a.body.length} characters, over the limit of ${MAX_ARTICLE_CHARS}; split it`
    );
  }
  if (a.body.trim() === '') report('warning', a.file, {line: a.bodyLine, column: 1}, 'article body is empty');
  for (const link of a.links) {
    const href = link.href;
    if (href.startsWith('#')) continue;
    if (href.startsWith('article:')) {
      const id = href.slice('article:'.length).split('#')[0]!;
      if (!byId.has(id) && !unparsed.articleIds.has(id))
        report('error', a.file, link, `link to missing article "${id}"`);
      continue;
    }
    const scheme = /^([a-z][a-z0-9+.-]*:)/i.exec(href)?.[1]?.toLowerCase();
    if (scheme) {
      if (scheme === 'http:')
        report('warning', a.file, link, `link "${href}" is not https; use https:// so it opens safely`);
      else if (!SAFE_SCHEMES.includes(scheme)) {
        report(
          'error',
          a.file,
          link,
          `link "${href}" uses ${scheme}, which the widget will not open; use https:, mailto: or tel:`
        );
      }
      continue;
    }
    if (/\.md(#.*)?$/i.test(href)) {
      const target = resolveRelative(a.file, href);
      if (!byFile.has(target) && !unparsed.files.has(target))
        report('error', a.file, link, `link to missing article file "${href}" (${target})`);
      continue;
    }
    report(
      'error',
      a.file,
      link,
      `link "${href}" is neither an article (.md path or article:id) nor an https: URL`
    );
  }
}

function checkScript(
  s: CallScript,
  articles: Map<string, Article>,
  checklists: Map<string, Checklist>,
  itemOwner: Map<string, Checklist>,
  unparsed: Unparsed,
  report: Report
): void {
  const stepIds = new Map<string, SourcePos>();
  for (const step of s.steps) {
    const first = stepIds.get(step.id);
    if (first) report('error', s.file, step.pos, `duplicate step id "${step.id}" (also line ${first.line})`);
    else stepIds.set(step.id, step.pos);
  }
  for (const c of s.checklists) {
    if (!checklists.has(c.id) && !unparsed.checklistIds.has(c.id))
      report('error', s.file, c.pos, `checklist "${c.id}" does not exist`);
  }
  for (const step of s.steps) {
    for (const b of step.branches) {
      if (!stepIds.has(b.target))
        report(
          'error',
          s.file,
          b.pos,
          `branch "${b.label}" leads to step "${b.target}", which does not exist`
        );
    }
    if (step.next !== null && step.next !== 'end' && !stepIds.has(step.next)) {
      report(
        'error',
        s.file,
        step.nextPos ?? step.pos,
        `Next: leads to step "${step.next}", which does not exist`
      );
    }
    if (step.next !== null && step.branches.length > 0) {
      report(
        'warning',
        s.file,
        step.nextPos ?? step.pos,
        `Next: is ignored on step "${step.id}" because it has branches`
      );
    }
    for (const art of step.articles) {
      if (!articles.has(art.id) && !unparsed.articleIds.has(art.id))
        report('error', s.file, art.pos, `article "${art.id}" does not exist`);
    }
    for (const it of step.checklistItems) {
      const owner = itemOwner.get(it.id);
      if (!owner) {
        if (!unparsed.anyChecklist)
          report('error', s.file, it.pos, `checklist item "${it.id}" does not exist`);
      } else if (!s.checklists.some((c) => c.id === owner.id)) {
        report(
          'warning',
          s.file,
          it.pos,
          `checklist item "${it.id}" is in checklist "${owner.id}", which this script does not list`
        );
      }
    }
  }
  // Flow checks only make sense once every target exists: a missing target would also show up as a
  // "loop with no way out" and unreachable steps, burying the real error.
  const brokenTarget = s.steps.some(
    (st) =>
      st.branches.some((b) => !stepIds.has(b.target)) ||
      (st.next !== null && st.next !== 'end' && !stepIds.has(st.next))
  );
  if (!brokenTarget) checkFlow(s, report);
  const declared = new Set<string>([...KNOWN_VARIABLES, ...s.variables]);

  for (const use of s.variableUses) {
    if (!isVariableName(use.name))
      report('error', s.file, use, `"{{${use.name}}}" is not a variable name (e.g. {{customer.name}})`);
    else if (!declared.has(use.name)) {
      report(
        'error',
        s.file,
        use,
        `unknown variable "${use.name}"; known: ${[...declared].join(', ')} (declare more under variables: in front matter)`
      );
    }
  }
}

function checkFlow(s: CallScript, report: Report): void {
  const reachable = reachableSteps(s);
  const canEnd = stepsThatCanEnd(s);
  for (const step of s.steps) {
    if (!reachable.has(step.id)) {
      report(
        'error',
        s.file,
        step.pos,
        `step "${step.id}" cannot be reached: no branch or Next: leads to it, and the step before it jumps elsewhere`
      );
    } else if (!canEnd.has(step.id)) {
      report(
        'error',
        s.file,
        step.pos,
        `step "${step.id}" is in a loop with no way out: add a branch or Next: that leads towards the end`
      );
    }
  }
}
