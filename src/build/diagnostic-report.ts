/**
 * How content problems are told to an editor, in the terminal of `npm start` and by `content:check`:
 * errors first, grouped by file (the file just saved first), then warnings as one summary line, so the
 * error that blocks the pack is never buried under pages of warnings.
 */
import {formatDiagnostic} from '../content/parse-content.js';
import type {Diagnostic} from '../content/types.js';
import {OVERDUE_REVIEW} from '../content/validate-content.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The error that blocks the pack, to show in the browser overlay: the first one in `changed` (the file
 * just saved) when it has any, else the first one in file order.
 */
export function blockingError(diagnostics: readonly Diagnostic[], changed?: string): Diagnostic | undefined {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return errors.find((d) => d.file === changed) ?? errors[0];
}

/**
 * The errors, one `file:line:column error: message` line each, grouped by file with `first`'s group
 * leading, under a heading that counts them; empty when there are none.
 */
export function errorReport(diagnostics: readonly Diagnostic[], prefix: string, first?: string): string[] {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return [];
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of errors) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  const files = [...byFile.keys()].sort((a, b) =>
    a === first ? -1 : b === first ? 1 : a < b ? -1 : a > b ? 1 : 0
  );
  const lines = [
    `content: ${plural(errors.length, 'error')} in ${plural(files.length, 'file')}; the content pack was not updated:`,
  ];
  for (const file of files) for (const d of byFile.get(file)!) lines.push(`  ${formatDiagnostic(d, prefix)}`);
  return lines;
}

/** One line counting the warnings by kind, or null when there are none. */
export function warningSummary(diagnostics: readonly Diagnostic[]): string | null {
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  if (warnings.length === 0) return null;
  const overdue = warnings.filter((d) => d.code === OVERDUE_REVIEW).length;
  const kinds = [
    overdue > 0 ? `${overdue} overdue for review` : '',
    warnings.length > overdue ? `${warnings.length - overdue} other` : '',
  ].filter(Boolean);
  return `content: ${plural(warnings.length, 'warning')} (${kinds.join(', ')}); npm run content:check lists them`;
}
