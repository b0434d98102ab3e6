/**
 * Parses a whole content folder (as a list of files) and validates it: the one call the checker, the
 * pack builder and the dev server's live preview share. Never throws on bad input.
 */
import {parseArticle} from './parse-article.js';
import {parseCallScript} from './parse-call-script.js';
import {parseChecklist} from './parse-checklist.js';
import {parseTaxonomy, TAXONOMY_FILES} from './parse-taxonomy.js';
import type {Diagnostic, ParsedContent, SourceFile} from './types.js';
import {validateContent} from './validate-content.js';
import type {ValidateOptions} from './validate-content.js';

/**
 * Parses and validates every markdown file and the taxonomy files (`categories.yaml`, `queues.yaml`);
 * diagnostics are sorted by file, line and column.
 */
export function parseContent(files: readonly SourceFile[], options: ValidateOptions): ParsedContent {
  const content: ParsedContent = {
    taxonomy: {categories: [], queues: []},
    articles: [],
    scripts: [],
    checklists: [],
    diagnostics: [],
  };
  // Files whose front matter could not be read: other files' references to them are not reported,
  // so the one real error is not buried under "missing article" lines that its fix makes go away.
  const unparsed: string[] = [];
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of sorted) {
    const taxonomy = TAXONOMY_FILES[file.path as keyof typeof TAXONOMY_FILES];
    if (taxonomy) {
      const {entries, diagnostics} = parseTaxonomy(file, taxonomy === 'categories' ? 'category' : 'queue');
      content.taxonomy[taxonomy] = entries;
      content.diagnostics.push(...diagnostics);
      continue;
    }
    if (!/\.md$/i.test(file.path) || /(^|\/)README\.md$/i.test(file.path)) continue;
    const kind = file.path.split('/')[0];
    try {
      if (kind === 'articles') {
        const {article, diagnostics} = parseArticle(file);
        if (article) content.articles.push(article);
        else unparsed.push(file.path);
        content.diagnostics.push(...diagnostics);
      } else if (kind === 'scripts') {
        const {script, diagnostics} = parseCallScript(file);
        if (script) content.scripts.push(script);
        else unparsed.push(file.path);
        content.diagnostics.push(...diagnostics);
      } else if (kind === 'checklists') {
        const {checklist, diagnostics} = parseChecklist(file);
        if (checklist) content.checklists.push(checklist);
        else unparsed.push(file.path);
        content.diagnostics.push(...diagnostics);
      } else {
        content.diagnostics.push({
          file: file.path,
          line: 1,
          column: 1,
          severity: 'error',
          message: 'content files go in articles/, scripts/ or checklists/',
        });
      }
    } catch (err) {
      // A parser bug must not take the checker down with it: report it against the file.
      unparsed.push(file.path);
      content.diagnostics.push({
        file: file.path,
        line: 1,
        column: 1,
        severity: 'error',
        message: `internal error while parsing: ${(err as Error).message}`,
      });
    }
  }
  content.diagnostics.push(...validateContent(content, {...options, unparsed}));
  content.diagnostics.sort(compareDiagnostics);
  return content;
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column;
}

/** `file:line:column severity message`, the format editors' tools jump from. */
export function formatDiagnostic(d: Diagnostic, prefix = ''): string {
  return `${prefix}${d.file}:${d.line}:${d.column} ${d.severity}: ${d.message}`;
}
