/**
 * Turns the shared benchmark corpora (../shared/corpora) into content files: each document becomes an
 * article, so the pack builder and search run on real text at realistic sizes.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import type {SourceFile} from '../../src/content/types.js';

export interface CorpusDoc {
  id: string;
  title?: string;
  text: string;
  lang: string;
}

/** Reads a corpus's docs.jsonl. */
export function readCorpus(corporaDir: string, name: string): CorpusDoc[] {
  return readFileSync(join(corporaDir, name, 'docs.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as CorpusDoc);
}

const yamlString = (s: string) => JSON.stringify(s);

/**
 * The slug `docsToArticles` gives the `i`-th document: its file is `articles/<slug>.md`, so the pack's
 * article id is the slug. Benchmarks use it to map search hits back to corpus document ids.
 */
export function articleSlug(doc: CorpusDoc, i: number): string {
  return `${i}-${doc.id.replace(/[^\w-]+/g, '-')}`.slice(0, 80);
}

/** One article file per document; the title is the document's own, else its first words. */
export function docsToArticles(docs: readonly CorpusDoc[]): SourceFile[] {
  return docs.map((d, i) => {
    const lang = d.lang.startsWith('zh') ? 'zh-CN' : 'en';
    const title = (d.title ?? d.text.replace(/\s+/g, ' ').slice(0, 40)).trim() || d.id;
    const slug = articleSlug(d, i);
    const text = [
      '---',
      `title: ${yamlString(title)}`,
      'category: general',
      `lang: ${lang}`,
      'owner: corpus',
      'updated: 2026-01-01',
      'review_by: 2030-01-01',
      '---',
      '',
      d.text,
      '',
    ].join('\n');
    return {path: `articles/${slug}.md`, text};
  });
}

/** The document sets the benchmarks use, by approximate size. */
export function corpusSet(corporaDir: string, size: '1k' | '10k' | '40k'): CorpusDoc[] {
  const tldr = readCorpus(corporaDir, 'tldr-md');
  const en = [...readCorpus(corporaDir, 'stackfaq-en'), ...readCorpus(corporaDir, 'wikiqa-en')];
  if (size === '1k') return tldr.slice(0, 1000);
  if (size === '10k') return [...tldr, ...en];
  return [...readCorpus(corporaDir, 'atec-zh'), ...en];
}
