/**
 * YAML scalars that parse back to exactly the string written. Plain (unquoted) when the string is a run of
 * letters, digits, spaces and `._@'+-` that starts with a letter, ends with no space and is not a word
 * YAML 1.1 or 1.2 reads as a boolean or null; double-quoted otherwise, with JSON escapes (valid in YAML)
 * and every character YAML does not allow raw escaped as \uXXXX.
 */
const PLAIN = /^\p{L}(?:[\p{L}\p{M}\p{N} ._@'+-]*[\p{L}\p{M}\p{N}._@'+-])?$/u;
const RESERVED = new Set(['true', 'false', 'null', 'yes', 'no', 'on', 'off', 'y', 'n']);
/** DEL, C1 controls (NEL among them), line and paragraph separators, BOM, non-characters. */
const NOT_RAW = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;

export function yamlScalar(value: string): string {
  if (PLAIN.test(value) && !RESERVED.has(value.toLowerCase())) return value;
  return JSON.stringify(value).replace(NOT_RAW, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A flow sequence of scalars: `[CSV, XEN]`, `[]`. Plain scalars never hold `,[]{}`. */
export function yamlFlowList(values: readonly string[]): string {
  return `[${values.map(yamlScalar).join(', ')}]`;
}
