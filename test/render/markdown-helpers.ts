/** Pipes that separate cells: every `|` not escaped by a backslash. */
export function cellSeparators(line: string): number {
  let n = 0;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '|') n++;
  }
  return n;
}

/** Each Markdown table (consecutive lines starting with `|`) as its lines. */
export function tables(markdown: string): string[][] {
  const out: string[][] = [];
  let current: string[] | undefined;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('|')) {
      if (!current) {
        current = [];
        out.push(current);
      }
      current.push(line);
    } else current = undefined;
  }
  return out;
}

/** The text a reader sees, with the zero-width joiners and backslash escapes taken out. */
export function visible(markdown: string): string {
  return markdown.replace(/\u200d/g, '').replace(/\\(.)/g, '$1');
}
