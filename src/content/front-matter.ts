/**
 * Splits a markdown file into YAML front matter and body, and reads typed fields from the front matter
 * with their positions, so every problem is reported at the `file:line:column` where the editor can fix it.
 */
import {isMap, isScalar, isSeq, LineCounter, parseDocument} from 'yaml';
import type {Document, Node} from 'yaml';
import type {Diagnostic, SourcePos} from './types.js';

/** A file's front matter, ready for field reads. */
export interface FrontMatter {
  file: string;
  /** The parsed YAML document, or null when it could not be parsed. */
  doc: Document | null;
  body: string;
  /** Line number (1-based) of the body's first line. */
  bodyLine: number;
  /** Position of the front matter's opening `---`, for errors about the block as a whole. */
  pos: SourcePos;
  diagnostics: Diagnostic[];
  toPos(offset: number): SourcePos;
}

const FENCE = /^---\s*$/;

/** Splits `text` into front matter and body. A missing or broken block is reported, never thrown. */
export function readFrontMatter(file: string, text: string): FrontMatter {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const diagnostics: Diagnostic[] = [];
  const start: SourcePos = {line: 1, column: 1};
  const empty = (message: string): FrontMatter => {
    diagnostics.push({file, ...start, severity: 'error', message});
    return {
      file,
      doc: null,
      body: lines.join('\n'),
      bodyLine: 1,
      pos: start,
      diagnostics,
      toPos: () => start,
    };
  };
  if (!FENCE.test(lines[0] ?? '')) {
    return empty(
      'missing front matter: the file must start with a line "---", then key: value lines, then "---"'
    );
  }
  const end = lines.findIndex((l, i) => i > 0 && FENCE.test(l));
  if (end < 0) return empty('front matter is not closed: add a line "---" after the last key: value line');

  const yamlText = lines.slice(1, end).join('\n');
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, {lineCounter, prettyErrors: false, uniqueKeys: true});
  // YAML line 1 is file line 2.
  const toPos = (offset: number): SourcePos => {
    const p = lineCounter.linePos(offset);
    return {line: p.line + 1, column: p.col};
  };
  for (const err of doc.errors) {
    // An unclosed `[a, b` list is reported by the parser where it gives up, on the next line; the
    // mistake is on the line that opened it, which is where the editor has to add the `]`.
    const closer = /end with an? ([\]}])/.exec(err.message)?.[1];
    const opener = closer ? unclosedOpener(yamlText, err.pos[0], closer === ']' ? '[' : '{') : -1;
    if (opener >= 0) {
      diagnostics.push({
        file,
        ...toPos(opener),
        severity: 'error',
        message: `front matter: this list is not closed: end it with "${closer}" on the same line`,
      });
      continue;
    }
    const p = toPos(err.pos[0]);
    diagnostics.push({file, ...p, severity: 'error', message: `front matter: ${firstLine(err.message)}`});
  }
  const ok = doc.errors.length === 0 && (doc.contents === null || isMap(doc.contents));
  if (doc.errors.length === 0 && !ok) {
    diagnostics.push({
      file,
      line: 2,
      column: 1,
      severity: 'error',
      message: 'front matter must be key: value lines',
    });
  }
  return {
    file,
    doc: ok ? doc : null,
    body: lines.slice(end + 1).join('\n'),
    bodyLine: end + 2,
    pos: start,
    diagnostics,
    toPos,
  };
}

/** Offset of the last `open` bracket before `end` that no closing bracket matches, or -1 (quotes skipped). */
function unclosedOpener(text: string, end: number, open: '[' | '{'): number {
  const stack: {char: string; at: number}[] = [];
  let quote: string | null = null;
  for (let i = 0; i < end && i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      // A quote inside a word (it's) does not start a quoted string.
      if (i === 0 || /[\s,[{:]/.test(text[i - 1]!)) quote = c;
    } else if (c === '[' || c === '{') stack.push({char: c, at: i});
    else if (c === ']' || c === '}') stack.pop();
    else if (c === '\n') quote = null;
  }
  const last = stack.at(-1);
  return last && last.char === open ? last.at : -1;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** Reads typed fields from front matter, recording a diagnostic for each bad or missing one. */
export class FieldReader {
  private readonly _fm: FrontMatter;
  private readonly _known = new Set<string>();

  constructor(fm: FrontMatter) {
    this._fm = fm;
  }

  private _node(key: string): Node | null {
    this._known.add(key);
    const map = this._fm.doc?.contents;
    if (!isMap(map)) return null;
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
    return (pair?.value as Node | null | undefined) ?? null;
  }

  /** Whether the front matter has the field at all (an empty list is not an absent one). */
  has(key: string): boolean {
    this._known.add(key);
    const map = this._fm.doc?.contents;
    return isMap(map) && map.items.some((p) => isScalar(p.key) && p.key.value === key);
  }

  /** Position of a field's value, or of the front matter when the field is absent. */
  posOf(key: string): SourcePos {
    const node = this._node(key);
    return node?.range ? this._fm.toPos(node.range[0]) : this._fm.pos;
  }

  error(pos: SourcePos, message: string): void {
    this._fm.diagnostics.push({file: this._fm.file, ...pos, severity: 'error', message});
  }

  /** A string field; `required` fields report when missing or empty. */
  string(key: string, required: true): string | null;
  string(key: string, required?: false): string | undefined;
  string(key: string, required = false): string | null | undefined {
    const node = this._node(key);
    if (node === null || (isScalar(node) && (node.value === null || node.value === ''))) {
      if (required && this._fm.doc) this.error(this._fm.pos, `missing "${key}" in front matter`);
      return required ? null : undefined;
    }
    if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')) {
      return String(node.value).trim();
    }
    this.error(this.posOf(key), `"${key}" must be a single line of text`);
    return required ? null : undefined;
  }

  /** A string that must be one of `allowed`. */
  oneOf<T extends string>(key: string, allowed: readonly T[], required: boolean, fallback: T): T {
    const value = required ? this.string(key, true) : this.string(key);
    if (value === null || value === undefined) return fallback;
    const match = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
    if (match) return match;
    this.error(
      this.posOf(key),
      `"${key}" is "${value}"; expected one of ${allowed.map((a) => `"${a}"`).join(', ')}`
    );
    return fallback;
  }

  /** A list of strings, written `[a, b]`, as a YAML list, or as one comma-separated line. */
  list(key: string): {value: string; pos: SourcePos}[] {
    const node = this._node(key);
    if (node === null || (isScalar(node) && node.value === null)) return [];
    if (isScalar(node) && typeof node.value === 'string') {
      const pos = this._fm.toPos(node.range![0]);
      return node.value
        .split(/[,，]/)
        .map((v) => v.trim())
        .filter(Boolean)
        .map((value) => ({value, pos}));
    }
    if (isSeq(node)) {
      const out: {value: string; pos: SourcePos}[] = [];
      for (const item of node.items) {
        const pos = this._fm.toPos((item as Node).range?.[0] ?? 0);
        if (isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number')) {
          out.push({value: String(item.value).trim(), pos});
        } else {
          this.error(pos, `"${key}" must be a list of words or ids`);
        }
      }
      return out;
    }
    this.error(this.posOf(key), `"${key}" must be a list, e.g. ${key}: [a, b]`);
    return [];
  }

  /** A `YYYY-MM-DD` date (YAML may parse it as a date or a string). */
  date(key: string, required: boolean): string | null {
    const node = this._node(key);
    if (node === null) {
      if (required && this._fm.doc)
        this.error(this._fm.pos, `missing "${key}" in front matter (a date, YYYY-MM-DD)`);
      return null;
    }
    const raw = isScalar(node) ? node.value : null;
    const text =
      raw instanceof Date ? raw.toISOString().slice(0, 10) : typeof raw === 'string' ? raw.trim() : '';
    if (/^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text))) return text;
    this.error(this.posOf(key), `"${key}" must be a date written YYYY-MM-DD`);
    return null;
  }

  /** Reports keys that no read asked for, so a typo ("reviewby") does not silently do nothing. */
  reportUnknownKeys(): void {
    const map = this._fm.doc?.contents;
    if (!isMap(map)) return;
    for (const pair of map.items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      if (this._known.has(key)) continue;
      const pos = this._fm.toPos(pair.key.range![0]);
      const known = [...this._known].map((k) => `"${k}"`).join(', ');
      this.error(pos, `unknown front matter key "${key}"; expected one of ${known}`);
    }
  }
}
