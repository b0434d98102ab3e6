/**
 * The articles of the collector's content pack, as the knowledge-health report reads them (the same
 * pack it scores calls against), loaded with the widget's own pack loader.
 */
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {loadPack} from '../../content/load-pack.js';
import {healthArticle} from '../../health/health-article.js';
import type {HealthArticle} from '../../health/health-article.js';

/** `fetch` for `file:` URLs, which is all loadPack needs here. */
const fetchFile = (async (input: string | URL) =>
  new Response(await readFile(new URL(String(input))))) as unknown as typeof fetch;

/** Reads the articles of the pack in `packDir`. */
export async function articlesFromPack(packDir: string): Promise<HealthArticle[]> {
  const pack = await loadPack(pathToFileURL(join(packDir, 'manifest.json')).href, fetchFile);
  return pack.articles.map(healthArticle);
}
