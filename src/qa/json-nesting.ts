/**
 * How deeply a JSON text nests, found by scanning its characters before it is parsed: a file nested
 * 100,000 levels parses, but then overflows the stack of whatever walks it ("Maximum call stack size
 * exceeded"). One pass, no recursion, strings skipped (brackets inside them do not count).
 */

/** Where a JSON text first nests deeper than `max` levels, as a 1-based line and column; null if never. */
export function nestingTooDeep(text: string, max: number): {line: number; column: number} | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > max) return position(text, i);
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    }
  }
  return null;
}

function position(text: string, index: number): {line: number; column: number} {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return {line, column: index - lineStart + 1};
}
