/**
 * An article as the knowledge-health report needs it: its metadata and the terms search knows it by
 * (title, aliases, tags, summary and body, analyzed as the index is). Made from a pack article, so the
 * command (which builds the pack from the content folder) and the collector (which loads a built pack)
 * read the same thing.
 */
import {htmlToText} from '../content/html-to-text.js';
import type {PackArticle} from '../content/pack-types.js';
import {analyze} from '../search/analyze.js';

export interface HealthArticle {
  id: string;
  title: string;
  lang: string;
  owner: string;
  updated: string;
  /** `YYYY-MM-DD`, or '' when none. */
  reviewBy: string;
  aliases: string[];
  /** Every index term of the article (what a query word must be, after analysis, to match it). */
  terms: ReadonlySet<string>;
}

/** The report's view of a pack article. */
export function healthArticle(a: PackArticle): HealthArticle {
  const text = [a.title, a.aliases.join(' '), a.tags.join(' '), a.summary, htmlToText(a.html)].join(' ');
  return {
    id: a.id,
    title: a.title,
    lang: a.lang,
    owner: a.owner,
    updated: a.updated,
    reviewBy: a.reviewBy,
    aliases: a.aliases,
    terms: new Set(analyze(text)),
  };
}
