/**
 * The data contracts of knowledge content: what the parsers produce from markdown, and what the content
 * pack carries to the widget. Plain JSON-serialisable objects, no classes.
 */

/** UI and content languages. */
export type ContentLang = 'en' | 'zh-CN';

/**
 * A category or queue the content declares (`categories.yaml`, `queues.yaml`): its id and its label in
 * each language it has one for. The product knows none of its own: the taxonomy belongs to the content.
 */
export interface TaxonomyEntry {
  id: string;
  labels: Partial<Record<ContentLang, string>>;
}

/** The content's declared taxonomy, each list in the editors' order; empty lists when undeclared. */
export interface Taxonomy {
  categories: TaxonomyEntry[];
  queues: TaxonomyEntry[];
}

/** Scoring categories of checklist items and script steps. */
export const ITEM_CATEGORIES = ['etiquette', 'knowledge', 'procedure'] as const;
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];

/** A position in a source file, 1-based. */
export interface SourcePos {
  line: number;
  column: number;
}

/** One problem found in content, reported as `file:line:column message`. */
export interface Diagnostic extends SourcePos {
  file: string;
  severity: 'error' | 'warning';
  message: string;
  /** A stable name for the kinds of problem tools act on (`overdue-review`: `--strict` fails on it). */
  code?: string;
}

/** A source file: its path relative to the content root (always with `/`), and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

/** A link found in an article body, before it is resolved. */
export interface ArticleLink extends SourcePos {
  /** As written: `article:id`, a relative `.md` path, or a URL. */
  href: string;
}

/** A knowledge article, parsed. */
export interface Article {
  id: string;
  file: string;
  title: string;
  /** A category id: one `categories.yaml` declares, or any slug when the content declares none. */
  category: string;
  categoryPos: SourcePos;
  tags: string[];
  aliases: string[];
  lang: ContentLang;
  owner: string;
  /** ISO date `YYYY-MM-DD`. */
  updated: string;
  /** ISO date after which the article is overdue for review. */
  reviewBy: string;
  reviewByPos: SourcePos;
  summary: string;
  /** The markdown body, after the front matter. */
  body: string;
  /** Line of the body's first line in the file. */
  bodyLine: number;
  links: ArticleLink[];
}

/** A `{{name|fallback}}` use in a script. */
export interface VariableUse extends SourcePos {
  name: string;
  fallback?: string;
}

/** The three phases of a call, in order. */
export const SCRIPT_PHASES = ['opening', 'body', 'closing'] as const;
export type ScriptPhase = (typeof SCRIPT_PHASES)[number];

/** A branch: the customer's answer and the step it leads to. */
export interface ScriptBranch {
  label: string;
  target: string;
  pos: SourcePos;
}

/** One step of a call script. */
export interface ScriptStep {
  id: string;
  title: string;
  phase: ScriptPhase;
  /** The words to say, one entry per paragraph, with `{{variables}}` left in. */
  say: string[];
  /** Guidance for the agent (markdown), one entry per paragraph or bullet. */
  guidance: string[];
  required: boolean;
  branches: ScriptBranch[];
  /** `Next:` target: a step id, `end`, or null to fall through to the following step. */
  next: string | null;
  nextPos?: SourcePos;
  articles: {id: string; pos: SourcePos}[];
  checklistItems: {id: string; pos: SourcePos}[];
  pos: SourcePos;
}

/** A call script, parsed. */
export interface CallScript {
  id: string;
  file: string;
  title: string;
  lang: ContentLang;
  queues: string[];
  /** Where each queue is written, for the check against `queues.yaml`. */
  queuePos: SourcePos[];
  checklists: {id: string; pos: SourcePos}[];
  /** Extra variable names declared in front matter. */
  variables: string[];
  steps: ScriptStep[];
  variableUses: VariableUse[];
}

/** When a checklist item is due. */
export type ItemDeadline = {seconds: number} | {beforeStep: string; pos: SourcePos};

/** One checklist item. */
export interface ChecklistItem {
  id: string;
  text: string;
  weight: number;
  category: ItemCategory;
  critical: boolean;
  deadline: ItemDeadline | null;
  /** Step ids this item applies to; empty means every call. */
  appliesTo: {id: string; pos: SourcePos}[];
  /** Whether the agent may skip it (the checklist's `skippable`; by default every non-critical item). */
  skippable: boolean;
  /** The only reasons a skip may give (the checklist's `skip_reasons`); empty: any reason. */
  skipReasons: string[];
  pos: SourcePos;
}

/** A compliance checklist, parsed. */
export interface Checklist {
  id: string;
  file: string;
  title: string;
  lang: ContentLang;
  category: ItemCategory;
  items: ChecklistItem[];
}

/** Everything parsed from a content folder. */
export interface ParsedContent {
  taxonomy: Taxonomy;
  articles: Article[];
  scripts: CallScript[];
  checklists: Checklist[];
  diagnostics: Diagnostic[];
}
