/**
 * The content pack's wire format: what `npm run build` writes to `dist/kb/` and the widget loads.
 * Bump {@link PACK_FORMAT_VERSION} on any incompatible change; the widget refuses versions not in
 * {@link READABLE_PACK_FORMATS}.
 */
import type {ArticleTable} from './article-table.js';
import type {Article, ContentLang, ItemCategory, ScriptPhase, Taxonomy} from './types.js';

/**
 * The pack format this code writes. 2: the articles file is binary columns (article-columns.ts), which
 * a widget reading format 1 cannot read. 3: the columns file's layout 2 (the ids a column, not a list in
 * the header), which a widget reading format 2 cannot read. This code reads all three.
 */
export const PACK_FORMAT_VERSION = 3;

/** The pack formats this code reads. */
export const READABLE_PACK_FORMATS: readonly number[] = [1, 2, 3];

/** A file the manifest names, with what the loader checks before trusting it. */
export interface PackFileRef {
  /** Path relative to the manifest, content-hashed (`articles.3f9c1a2b.json`). */
  path: string;
  /** SHA-256 of the file's bytes, hex. */
  sha256: string;
  bytes: number;
}

/** `manifest.json`. */
export interface PackManifest {
  formatVersion: number;
  /** SHA-256 over the files' hashes: the same content always gives the same hash. */
  contentHash: string;
  /** ISO time; from SOURCE_DATE_EPOCH or the content's last commit when available, for reproducible packs. */
  builtAt: string;
  counts: {articles: number; scripts: number; checklists: number};
  langs: ContentLang[];
  files: {articles: PackFileRef; scripts: PackFileRef; checklists: PackFileRef; searchIndex: PackFileRef};
  /**
   * The categories and queues the content declares, with their labels, in order (empty lists when it
   * declares none). Absent from packs built before it existed: the widget then labels categories from ids.
   */
  taxonomy?: Taxonomy;
}

/** An article as shipped: metadata plus HTML rendered at build time (the widget sanitizes it again). */
export interface PackArticle extends Pick<
  Article,
  'id' | 'title' | 'category' | 'tags' | 'aliases' | 'lang' | 'owner' | 'updated' | 'reviewBy' | 'summary'
> {
  html: string;
  /** Ids of the articles this one links to. */
  links: string[];
}

/**
 * An article as the page holds it: all but its HTML, which stays where the articles file was read (the
 * search worker) and is asked for when the article is opened. At 40k articles the page then holds the
 * metadata the lists and links need, not every body.
 */
export type PageArticle = Omit<PackArticle, 'html'>;

/** A script step as shipped (positions dropped). */
export interface PackStep {
  id: string;
  title: string;
  phase: ScriptPhase;
  say: string[];
  guidance: string[];
  required: boolean;
  branches: {label: string; target: string}[];
  next: string | null;
  articles: string[];
  checklistItems: string[];
}

/** A call script as shipped. */
export interface PackScript {
  id: string;
  /** Hash of this script's content: calls pin it, so a content update never changes a running call. */
  version: string;
  title: string;
  lang: ContentLang;
  queues: string[];
  checklists: string[];
  variables: string[];
  steps: PackStep[];
}

/** A checklist item as shipped. */
export interface PackChecklistItem {
  id: string;
  text: string;
  weight: number;
  category: ItemCategory;
  critical: boolean;
  deadline: {seconds: number} | {beforeStep: string} | null;
  appliesTo: string[];
  /** Whether the agent may skip it (absent in calls pinned before skip rules existed). */
  skippable?: boolean;
  /** The only reasons a skip may give; empty or absent: any reason. */
  skipReasons?: string[];
}

/** A checklist as shipped. */
export interface PackChecklist {
  id: string;
  version: string;
  title: string;
  lang: ContentLang;
  items: PackChecklistItem[];
}

/** A loaded pack, as the widget holds it (the search index lives in the search worker). */
export interface ContentPack {
  /** Absolute URL the manifest was loaded from; the files it names are relative to it. */
  manifestUrl: string;
  manifest: PackManifest;
  /** The articles, as columns (the page's without their HTML: see {@link PageArticle}). */
  articles: ArticleTable;
  scripts: PackScript[];
  checklists: PackChecklist[];
}
