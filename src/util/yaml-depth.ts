/** Lists or maps inside each other that a YAML file may have: rollcall's files need a handful. */
export const MAX_YAML_NESTING = 100;

/**
 * Where a YAML text first nests flow collections (`[`, `{`) or compact sequences (`- - -`) deeper than
 * `max`, as an offset; undefined when it does not. Quoted scalars, comments and block scalars are skipped.
 * Checked before parsing so the refusal and its position do not depend on the JavaScript stack (the
 * parser itself fails somewhere deep, at a place that varies with the Node version). Linear.
 */
export function tooDeepAt(text: string, max: number = MAX_YAML_NESTING): number | undefined {
  let depth = 0;
  let i = 0;
  const n = text.length;
  /** Indentation under which the lines are a block scalar's text, or -1. */
  let blockIndent = -1;
  while (i < n) {
    // at the start of a line
    let indent = 0;
    while (i + indent < n && text.charCodeAt(i + indent) === 32) indent++;
    const eol = text.indexOf('\n', i);
    const end = eol < 0 ? n : eol;
    const blank = i + indent >= end || text.slice(i + indent, end).trim() === '';
    if (blockIndent >= 0 && (blank || indent > blockIndent)) {
      i = end + 1;
      continue;
    }
    blockIndent = -1;
    let j = i + indent;
    // compact nested sequences: "- - - x"
    let dashes = 0;
    while (j + 1 < end && text[j] === '-' && (text[j + 1] === ' ' || text[j + 1] === '\t')) {
      dashes++;
      if (depth + dashes > max) return j;
      j += 2;
      while (j < end && text[j] === ' ') j++;
    }
    let prev = ' ';
    for (; j < end; j++) {
      const c = text[j] as string;
      if (c === '#' && (prev === ' ' || prev === '\t')) break;
      if ((c === '"' || c === "'") && /[\s[{,:]/.test(prev)) {
        j = quoteEnd(text, j, c);
        prev = c;
        continue;
      }
      if (c === '[' || c === '{') {
        if (++depth + dashes > max) return j;
      } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
      prev = c;
    }
    // "key: |" or "- >-": the lines below, more indented, are text
    if (/(?:^|[\s:-])[|>][-+0-9]*\s*(?:#.*)?$/.test(text.slice(i + indent, end))) blockIndent = indent;
    i = end + 1;
  }
  return undefined;
}

/** The offset of a quoted scalar's closing quote (or the end of the text). */
function quoteEnd(text: string, start: number, quote: string): number {
  for (let k = start + 1; k < text.length; k++) {
    const c = text[k];
    if (quote === '"' && c === '\\') k++;
    else if (c === quote) {
      if (quote === "'" && text[k + 1] === "'") k++;
      else return k;
    }
  }
  return text.length;
}
