/**
 * `JSON.parse` keeps the last of two equal keys in an object, silently (a second `members` array erases
 * the first). This pass finds the first key that appears twice in one object, in one linear scan of text
 * that JSON.parse has already accepted (so it need not check the grammar). Keys are compared decoded
 * ("a" and "\u0061" are one key).
 */
export function findDuplicateKey(text: string): { key: string; line: number; column: number } | undefined {
  /** One entry per open object (its keys so far) or array (null). */
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // a string: find its closing quote (one not escaped by an odd number of backslashes)
      let end = text.indexOf('"', i + 1);
      for (;;) {
        if (end < 0) return undefined; // not JSON after all: JSON.parse says why
        let k = end - 1;
        while (text.charCodeAt(k) === 92) k--;
        if ((end - 1 - k) % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      const keys = stack[stack.length - 1];
      if (expectKey && keys) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        if (keys.has(key)) return { key, ...lineColumn(text, i) };
        keys.add(key);
        expectKey = false;
      }
      i = end + 1;
      continue;
    }
    if (c === 123) {
      stack.push(new Set());
      expectKey = true;
    } else if (c === 91) {
      stack.push(null);
      expectKey = false;
    } else if (c === 125 || c === 93) {
      stack.pop();
      expectKey = false;
    } else if (c === 44) expectKey = stack[stack.length - 1] != null;
    i++;
  }
  return undefined;
}

/** 1-based line and column of an offset (columns count UTF-16 units, as editors mostly do for BMP text). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let nl = text.indexOf('\n'); nl >= 0 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
    line++;
    start = nl + 1;
  }
  return { line, column: offset - start + 1 };
}

/** The message for a duplicate key (the YAML reader refuses the same mistake: "Map keys must be unique"). */
export function duplicateKeyMessage(key: string): string {
  const shown =
    key.length > 40
      ? `${JSON.stringify(key.slice(0, 40)).slice(0, -1)}…" (${key.length} characters)`
      : JSON.stringify(key);
  return `invalid JSON: key ${shown} appears twice in one object; keys must be unique`;
}
