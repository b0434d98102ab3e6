/**
 * The knowledge-health report as text: a table for the terminal, markdown and CSV for an editor to
 * attach to a pull request. Every section is written even when empty ("none"), so a reader knows it
 * was looked at.
 */
import type {HealthReport} from './health-report.js';

interface Section {
  title: string;
  columns: string[];
  rows: (string | number)[][];
}

/** The report's sections as columns and rows, in reading order. */
export function reportSections(r: HealthReport): Section[] {
  return [
    {
      title: 'Flagged articles',
      columns: ['article', 'title', 'owner', 'outdated', 'wrong', 'missing', 'helpful', 'comments'],
      rows: r.flagged.map((f) => [
        f.articleId,
        f.title,
        f.owner,
        f.outdated,
        f.wrong,
        f.missing,
        f.helpful,
        f.comments.map((c) => `${c.rating}: ${c.comment}`).join(' | '),
      ]),
    },
    {
      title: 'Searches with no result',
      columns: ['query', 'searches', 'agents'],
      rows: r.zeroResult.map((q) => [q.query, q.count, q.agents]),
    },
    {
      title: 'Searches whose results were not opened',
      columns: ['query', 'searches', 'agents'],
      rows: r.abandoned.map((q) => [q.query, q.count, q.agents]),
    },
    {
      title: 'Suggested aliases',
      columns: ['article', 'title', 'lang', 'alias', 'sessions', 'agents'],
      rows: r.suggestedAliases.map((s) => [s.articleId, s.title, s.lang, s.alias, s.count, s.agents]),
    },
    {
      title: 'Past review date, by owner',
      columns: ['owner', 'article', 'title', 'review by'],
      rows: r.overdue.map((o) => [o.owner, o.articleId, o.title, o.reviewBy]),
    },
    {
      title: 'Never opened in the period',
      columns: ['article', 'title', 'owner'],
      rows: r.neverOpened.map((a) => [a.articleId, a.title, a.owner]),
    },
    {
      title: 'Most opened',
      columns: ['article', 'title', 'owner', 'opens', 'agents'],
      rows: r.mostOpened.map((a) => [a.articleId, a.title, a.owner, a.opens, a.agents]),
    },
  ];
}

function period(r: HealthReport): string {
  return `${r.from ?? 'first event'} to ${r.to ?? 'last event'}; ${r.events} events from ${r.agents} agents; today ${r.today}`;
}

/** Display width: CJK characters take two terminal columns. */
function width(text: string): number {
  let w = 0;
  for (const ch of text)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch
      )
        ? 2
        : 1;
  return w;
}

const clip = (text: string, max: number) =>
  width(text) <= max ? text : [...text].slice(0, max - 1).join('') + '…';

/** Plain-text tables for a terminal (long cells cut to 48 columns). */
export function reportToTerminal(r: HealthReport): string {
  const out = [`Knowledge health: ${period(r)}`, ''];
  for (const s of reportSections(r)) {
    out.push(`${s.title} (${s.rows.length})`);
    if (s.rows.length === 0) {
      out.push('  none', '');
      continue;
    }
    const cells = [s.columns, ...s.rows.map((row) => row.map((c) => clip(String(c), 48)))];
    const widths = s.columns.map((_, i) => Math.max(...cells.map((row) => width(row[i]!))));
    const line = (row: string[]) =>
      '  ' +
      row
        .map((c, i) => c + ' '.repeat(widths[i]! - width(c)))
        .join('  ')
        .trimEnd();
    out.push(line(cells[0]!), '  ' + widths.map((w) => '-'.repeat(w)).join('  '));
    for (const row of cells.slice(1)) out.push(line(row));
    out.push('');
  }
  return out.join('\n');
}

const mdCell = (c: string | number) => String(c).replace(/\|/g, '\\|').replace(/\s+/g, ' ');

/** Markdown: one heading and table per section. */
export function reportToMarkdown(r: HealthReport): string {
  const out = ['# Knowledge health', '', period(r), ''];
  for (const s of reportSections(r)) {
    out.push(`## ${s.title} (${s.rows.length})`, '');
    if (s.rows.length === 0) out.push('None.', '');
    else {
      out.push(`| ${s.columns.join(' | ')} |`, `| ${s.columns.map(() => '---').join(' | ')} |`);
      for (const row of s.rows) out.push(`| ${row.map(mdCell).join(' | ')} |`);
      out.push('');
    }
  }
  return out.join('\n');
}

/** One CSV cell; text a spreadsheet would run as a formula is defused with `'`. */
function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV (RFC 4180): one row per report row, its section first, then every section's columns (a row fills
 * its own section's), so one file sorts and filters in a spreadsheet.
 */
export function reportToCsv(r: HealthReport): string {
  const sections = reportSections(r);
  const columns = [...new Set(sections.flatMap((s) => s.columns))];
  const lines = [['section', ...columns].map(csvCell).join(',')];
  for (const s of sections)
    for (const row of s.rows) {
      const cells = columns.map((c) => (s.columns.includes(c) ? row[s.columns.indexOf(c)]! : ''));
      lines.push([s.title, ...cells].map(csvCell).join(','));
    }
  return lines.join('\r\n') + '\r\n';
}
