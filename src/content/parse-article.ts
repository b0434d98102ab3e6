/**
 * Parses one article file (front matter + GitHub-flavoured markdown body) into an {@link Article}, with
 * diagnostics for every bad field. Links are collected with positions; whether they resolve is checked
 * across files by validateContent.
 */
import {FieldReader, readFrontMatter} from './front-matter.js';
import {isValidId} from './ids.js';
import {isTaxonomyId} from './parse-taxonomy.js';
import type {Article, ArticleLink, Diagnostic, SourceFile} from './types.js';

const LANGS = ['en', 'zh-CN'] as const;

/** The id an article gets from its path: `articles/billing/refunds.md` → `billing/refunds`. */
export function articleIdFromPath(path: string): string {
  return path.replace(/^articles\//, '').replace(/\.md$/i, '');
}

/**
 * Markdown link targets with their positions: `[text](target)` and `[text](target "title")`.
 * Code spans and fenced code are skipped, since links there are just text.
 */
export function findLinks(body: string, firstLine: number): ArticleLink[] {
  const links: ArticleLink[] = [];
  let fenced = false;
  body.split('\n').forEach((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      return;
    }
    if (fenced) return;
    const withoutCode = line.replace(/`[^`]*`/g, (m) => ' '.repeat(m.length));
    for (const m of withoutCode.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      links.push({href: m[1]!, line: firstLine + i, column: m.index! + m[0].indexOf(m[1]!) + 1});
    }
  });
  return links;
}

/** Parses an article; returns null for the article when its front matter is unusable. */
export function parseArticle(file: SourceFile): {article: Article | null; diagnostics: Diagnostic[]} {
  const fm = readFrontMatter(file.path, file.text);
  const f = new FieldReader(fm);
  const id = f.string('id') ?? articleIdFromPath(file.path);
  if (!isValidId(id)) f.error(f.posOf('id'), `id "${id}" may only use letters, digits, "-", "_" and "/"`);
  const title = f.string('title', true);
  // Any slug here: whether the content declares it is a cross-file check (validateContent).
  const category = (f.string('category', true) ?? '').toLowerCase();
  const categoryPos = f.posOf('category');
  if (category && !isTaxonomyId(category))
    f.error(categoryPos, `"category" is "${category}"; a category is one word or words-joined-by-dashes`);
  const lang = f.oneOf('lang', LANGS, true, 'en');
  const owner = f.string('owner', true);
  const updated = f.date('updated', true);
  const reviewBy = f.date('review_by', true);
  const article: Article = {
    id,
    file: file.path,
    title: title ?? '',
    category,
    categoryPos,
    tags: f.list('tags').map((t) => t.value),
    aliases: f.list('aliases').map((t) => t.value),
    lang,
    owner: owner ?? '',
    updated: updated ?? '',
    reviewBy: reviewBy ?? '',
    reviewByPos: f.posOf('review_by'),
    summary: f.string('summary') ?? '',
    body: fm.body,
    bodyLine: fm.bodyLine,
    links: findLinks(fm.body, fm.bodyLine),
  };
  f.reportUnknownKeys();
  return {article: fm.doc ? article : null, diagnostics: fm.diagnostics};
}
