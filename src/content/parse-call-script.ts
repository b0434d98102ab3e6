/**
 * Parses a call script file: `##` sections Opening / Body / Closing (开场 / 正文 / 结束), `###` steps, `>`
 * lines to say, plain paragraphs of guidance, `- answer → step` branches and keyword lines (Next:,
 * Optional., Articles:, Checklist:). Line-based, so every problem carries its line and column. Checks
 * that need the whole step graph or other files live in validateContent.
 */
import {FieldReader, readFrontMatter} from './front-matter.js';
import {isValidId, slugify, splitExplicitId} from './ids.js';
import {findVariableUses} from './variables.js';
import type {CallScript, Diagnostic, ScriptPhase, ScriptStep, SourceFile, SourcePos} from './types.js';

const LANGS = ['en', 'zh-CN'] as const;

const PHASE_NAMES: Record<string, ScriptPhase> = {
  opening: 'opening',
  开场: 'opening',
  body: 'body',
  正文: 'body',
  closing: 'closing',
  结束: 'closing',
};

/** Words that mean "the script ends here" in a `Next:` line. */
export const END_TARGETS = ['end', '结束'];

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const QUOTE = /^\s*>\s?(.*)$/;
const BULLET = /^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$/;
const ARROW = /\s*(?:→|->|=>)\s*/;
const KEYWORD = /^(next|下一步|articles?|文章|checklists?(?: items?)?|检查项|required|必需)\s*[:：]\s*(.*)$/i;
const OPTIONAL = /^(optional|可选)\s*[.。]?$/i;

/** Splits an `a, b，c、d` list and positions each entry. */
function splitIds(value: string, line: number, column: number): {id: string; pos: SourcePos}[] {
  const out: {id: string; pos: SourcePos}[] = [];
  const re = /[^,，、\s][^,，、]*/g;
  for (const m of value.matchAll(re)) {
    out.push({id: m[0].trim(), pos: {line, column: column + m.index!}});
  }
  return out;
}

/** The id a script gets from its path: `scripts/billing-inbound.md` → `billing-inbound`. */
export function scriptIdFromPath(path: string): string {
  return path.replace(/^scripts\//, '').replace(/\.md$/i, '');
}

/** Parses a call script; returns null for the script when its front matter is unusable. */
export function parseCallScript(file: SourceFile): {script: CallScript | null; diagnostics: Diagnostic[]} {
  const fm = readFrontMatter(file.path, file.text);
  const f = new FieldReader(fm);
  const diagnostics = fm.diagnostics;
  const error = (pos: SourcePos, message: string) =>
    diagnostics.push({file: file.path, ...pos, severity: 'error', message});

  // Read in this order: the "unknown key" message lists the known keys in the order they were read.
  const id = f.string('id') ?? scriptIdFromPath(file.path);
  const title = f.string('title', true) ?? '';
  const lang = f.oneOf('lang', LANGS, true, 'en');
  const queues = f.list('queues');
  const script: CallScript = {
    id,
    file: file.path,
    title,
    lang,
    queues: queues.map((q) => q.value),
    queuePos: queues.map((q) => q.pos),
    checklists: f.list('checklists').map((c) => ({id: c.value, pos: c.pos})),
    variables: f.list('variables').map((v) => v.value),
    steps: [],
    variableUses: [],
  };
  if (!isValidId(script.id))
    error(f.posOf('id'), `id "${script.id}" may only use letters, digits, "-" and "_"`);
  f.reportUnknownKeys();

  let phase: ScriptPhase | null = null;
  let step: ScriptStep | null = null;
  // Which paragraph the previous line belonged to, so consecutive lines join into one paragraph.
  let open: 'say' | 'guidance' | null = null;

  const lines = fm.body.split('\n');
  lines.forEach((raw, i) => {
    const line = fm.bodyLine + i;
    const text = raw.trimEnd();
    if (text.trim() === '') {
      open = null;
      return;
    }
    const heading = HEADING.exec(text);
    if (heading) {
      open = null;
      const level = heading[1]!.length;
      const title = heading[2]!;
      if (level === 1) return; // A document title: allowed, not part of the flow.
      if (level === 2) {
        const name = title
          .replace(/[:：]$/, '')
          .trim()
          .toLowerCase();
        phase = PHASE_NAMES[name] ?? null;
        step = null;
        if (!phase) {
          error(
            {line, column: 4},
            `unknown section "${title}"; expected Opening, Body or Closing (开场, 正文, 结束)`
          );
        }
        return;
      }
      if (level === 3) {
        const {text: stepTitle, id: explicit, idColumn} = splitExplicitId(title);
        const id = explicit ?? slugify(stepTitle);
        const idPos = {line, column: explicit ? 4 + idColumn : 5};
        if (!phase) {
          error(
            {line, column: 1},
            `step "${stepTitle}" is outside a section; put it under ## Opening, ## Body or ## Closing`
          );
        }
        if (!isValidId(id) || id.includes('/')) {
          error(idPos, `step id "${id}" may only use letters, digits, "-" and "_"`);
        }
        step = {
          id,
          title: stepTitle,
          phase: phase ?? 'body',
          say: [],
          guidance: [],
          required: true,
          branches: [],
          next: null,
          articles: [],
          checklistItems: [],
          pos: idPos,
        };
        script.steps.push(step);
        return;
      }
      // Deeper headings inside a step are guidance.
    }

    if (!step) {
      // Text before the first step (an introduction) is allowed but not shown during calls.
      return;
    }

    const quote = QUOTE.exec(text);
    if (quote) {
      const words = quote[1]!.trim();
      const column = text.indexOf(quote[1]!) + 1;
      if (words === '') {
        open = null;
        return;
      }
      script.variableUses.push(...findVariableUses(words, {line, column}));
      if (open === 'say') step.say[step.say.length - 1] += ` ${words}`;
      else step.say.push(words);
      open = 'say';
      return;
    }

    const keyword = KEYWORD.exec(text.trim());
    if (keyword) {
      open = null;
      const key = keyword[1]!.toLowerCase();
      const value = keyword[2]!.trim();
      const column = text.indexOf(keyword[2]!) + 1;
      if (key === 'next' || key === '下一步') {
        if (value === '') error({line, column: 1}, 'Next: needs a step id, or "end"');
        step.next = END_TARGETS.includes(value.toLowerCase()) ? 'end' : value;
        step.nextPos = {line, column};
      } else if (key.startsWith('article') || key === '文章') {
        step.articles.push(...splitIds(value, line, column));
      } else if (key === 'required' || key === '必需') {
        const v = value.toLowerCase().replace(/[.。]$/, '');
        if (['yes', 'true', '是'].includes(v)) step.required = true;
        else if (['no', 'false', '否'].includes(v)) step.required = false;
        else error({line, column}, `Required: is "${value}"; expected yes or no`);
      } else {
        step.checklistItems.push(...splitIds(value, line, column));
      }
      return;
    }

    if (OPTIONAL.test(text.trim())) {
      open = null;
      step.required = false;
      return;
    }

    const bullet = BULLET.exec(text);
    if (bullet && ARROW.test(bullet[2]!)) {
      open = null;
      const content = bullet[2]!;
      const parts = content.split(ARROW);
      const target = parts.pop()!.trim();
      const label = parts.join(' → ').trim();
      const column = text.lastIndexOf(target) + 1;
      if (label === '') error({line, column: bullet[1]!.length + 3}, 'branch has no answer before the arrow');
      if (target === '' || /\s/.test(target)) {
        error({line, column}, `branch target "${target}" must be one step id`);
      }
      step.branches.push({label, target, pos: {line, column}});
      return;
    }

    // Anything else is guidance for the agent.
    const guidance = text.trim();
    script.variableUses.push(...findVariableUses(guidance, {line, column: text.indexOf(guidance) + 1}));
    if (open === 'guidance' && !bullet) step.guidance[step.guidance.length - 1] += ` ${guidance}`;
    else step.guidance.push(guidance);
    open = 'guidance';
  });

  if (fm.doc && script.steps.length === 0) {
    error(
      {line: fm.bodyLine, column: 1},
      'the script has no steps; add "### Step title {#step-id}" under ## Opening'
    );
  }
  return {script: fm.doc ? script : null, diagnostics};
}
