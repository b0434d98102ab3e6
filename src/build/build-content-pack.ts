/**
 * Builds a content pack from content files. Pure (no file system, no clock): files and the build time
 * come in, the pack's files come out, so the same content always gives the same bytes. The file-system
 * shells (the Vite plugin, the `pack` command) are thin wrappers around this.
 */
import MiniSearch from 'minisearch';
import {htmlToText} from '../content/html-to-text.js';
import {articleLinkResolver, createArticleRenderer} from '../content/render-article.js';
import {parseContent} from '../content/parse-content.js';
import {encodeArticleColumns} from '../content/article-columns.js';
import {PACK_FORMAT_VERSION} from '../content/pack-types.js';
import type {
  PackArticle,
  PackChecklist,
  PackFileRef,
  PackManifest,
  PackScript,
} from '../content/pack-types.js';
import type {Diagnostic, ParsedContent, SourceFile} from '../content/types.js';
import {sha256Hex} from '../internal/sha256.js';
import {encodeCompactIndex} from '../search/compact-index.js';
import type {MiniSearchJson} from '../search/compact-index.js';
import {termTreeOf} from '../search/compact-mini-search.js';
import {searchOptions, SEARCH_INDEX_VERSION} from '../search/search-options.js';
import type {SearchDocument} from '../search/search-options.js';

/** One output file of a pack. */
export interface PackOutputFile {
  path: string;
  /** Text (the JSON files) or bytes (the search index). */
  source: string | Uint8Array;
}

/** The result of a build: the diagnostics, and the pack unless there were errors. */
export interface PackBuild {
  diagnostics: Diagnostic[];
  content: ParsedContent;
  /** Null when any diagnostic is an error: a broken pack is never written. */
  files: PackOutputFile[] | null;
  manifest: PackManifest | null;
}

export interface BuildPackOptions {
  /** ISO time recorded in the manifest. */
  builtAt: string;
  /** `YYYY-MM-DD`, for review-date warnings. */
  today: string;
}

const encoder = new TextEncoder();

/** Serializes with sorted object keys, so key order never changes the bytes. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        )
      : v
  );
}

async function fileRef(
  name: string,
  source: string | Uint8Array,
  extension = 'json'
): Promise<{ref: PackFileRef; file: PackOutputFile}> {
  const bytes = typeof source === 'string' ? encoder.encode(source) : source;
  const sha256 = await sha256Hex(bytes);
  const path = `${name}.${sha256.slice(0, 12)}.${extension}`;
  return {ref: {path, sha256, bytes: bytes.length}, file: {path, source}};
}

/** Parses, validates and (when there are no errors) builds the pack's files and manifest. */
export async function buildContentPack(
  files: readonly SourceFile[],
  options: BuildPackOptions
): Promise<PackBuild> {
  const content = parseContent(files, {today: options.today});
  const diagnostics = content.diagnostics;
  if (diagnostics.some((d) => d.severity === 'error'))
    return {diagnostics, content, files: null, manifest: null};

  const idByFile = new Map(content.articles.map((a) => [a.file, a.id]));
  const ids = new Set(idByFile.values());
  const renderArticle = createArticleRenderer();
  const articles: PackArticle[] = [];
  const docs: SearchDocument[] = [];
  for (const a of [...content.articles].sort((x, y) => (x.id < y.id ? -1 : 1))) {
    const {html, links} = renderArticle(a.body, articleLinkResolver(a.file, idByFile, ids));
    articles.push({
      id: a.id,
      title: a.title,
      category: a.category,
      tags: a.tags,
      aliases: a.aliases,
      lang: a.lang,
      owner: a.owner,
      updated: a.updated,
      reviewBy: a.reviewBy,
      summary: a.summary,
      html,
      links,
    });
    docs.push({
      id: a.id,
      title: a.title,
      aliases: a.aliases.join(' '),
      tags: a.tags.join(' '),
      summary: a.summary,
      body: htmlToText(html),
      category: a.category,
      lang: a.lang,
    });
  }

  const scripts: PackScript[] = [];
  for (const s of [...content.scripts].sort((x, y) => (x.id < y.id ? -1 : 1))) {
    const body = {
      id: s.id,
      title: s.title,
      lang: s.lang,
      queues: s.queues,
      checklists: s.checklists.map((c) => c.id),
      variables: s.variables,
      steps: s.steps.map((st) => ({
        id: st.id,
        title: st.title,
        phase: st.phase,
        say: st.say,
        guidance: st.guidance,
        required: st.required,
        branches: st.branches.map((b) => ({label: b.label, target: b.target})),
        next: st.next,
        articles: st.articles.map((x) => x.id),
        checklistItems: st.checklistItems.map((x) => x.id),
      })),
    };
    scripts.push({...body, version: (await sha256Hex(stableJson(body))).slice(0, 16)});
  }

  const checklists: PackChecklist[] = [];
  for (const c of [...content.checklists].sort((x, y) => (x.id < y.id ? -1 : 1))) {
    const body = {
      id: c.id,
      title: c.title,
      lang: c.lang,
      items: c.items.map((it) => ({
        id: it.id,
        text: it.text,
        weight: it.weight,
        category: it.category,
        critical: it.critical,
        deadline:
          it.deadline === null
            ? null
            : 'seconds' in it.deadline
              ? {seconds: it.deadline.seconds}
              : {beforeStep: it.deadline.beforeStep},
        appliesTo: it.appliesTo.map((x) => x.id),
        skippable: it.skippable,
        skipReasons: it.skipReasons,
      })),
    };
    checklists.push({...body, version: (await sha256Hex(stableJson(body))).slice(0, 16)});
  }

  const index = new MiniSearch<SearchDocument>(searchOptions);
  index.addAll(docs);
  // The compact binary form (see compact-index.ts): the widget reads it without parsing every posting.
  const json = index.toJSON() as unknown as MiniSearchJson;
  const tree = termTreeOf(json.index.map(([term]) => term));
  const searchIndex = encodeCompactIndex(json, SEARCH_INDEX_VERSION, tree);

  const outputs = await Promise.all([
    // Binary columns, not an object per article (see article-columns.ts).
    fileRef('articles', encodeArticleColumns(articles), 'bin'),
    fileRef('scripts', stableJson(scripts)),
    fileRef('checklists', stableJson(checklists)),
    fileRef('search-index', searchIndex, 'bin'),
  ]);
  const [articlesOut, scriptsOut, checklistsOut, indexOut] = outputs;
  // The taxonomy rides in the manifest (a few labels); the content hash covers it like a file.
  const taxonomy = content.taxonomy;
  const hashed = [...outputs.map((o) => o.ref.sha256), await sha256Hex(stableJson(taxonomy))];
  const manifest: PackManifest = {
    formatVersion: PACK_FORMAT_VERSION,
    contentHash: await sha256Hex(hashed.join('\n')),
    builtAt: options.builtAt,
    counts: {articles: articles.length, scripts: scripts.length, checklists: checklists.length},
    langs: [...new Set(articles.map((a) => a.lang))].sort(),
    files: {
      articles: articlesOut.ref,
      scripts: scriptsOut.ref,
      checklists: checklistsOut.ref,
      searchIndex: indexOut.ref,
    },
    taxonomy,
  };
  return {
    diagnostics,
    content,
    files: [
      ...outputs.map((o) => o.file),
      {path: 'manifest.json', source: `${JSON.stringify(manifest, null, 2)}\n`},
    ],
    manifest,
  };
}
