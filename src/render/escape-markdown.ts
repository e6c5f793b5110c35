/**
 * Makes text from desired-state files or platforms inert in GitHub-flavored Markdown, for inline use
 * (a table cell, a list item, a heading — never at the start of a line):
 * - no HTML: `&`, `<`, `>` become entities (which also rules out `<http://…>` autolinks);
 * - no @-mentions, no e-mail autolinks: a zero-width joiner follows every `@`;
 * - no issue references (`#12`): a zero-width joiner follows `#` before a digit;
 * - no URL autolinks: a zero-width joiner breaks `://` and `www.`;
 * - no links, images, emphasis, code, math or table breakage: `\ ` * _ [ ] ( ) | ~ $ #` are
 *   backslash-escaped (`\|` is how GFM tables take a literal pipe);
 * - no line breaks: CR, LF and the other line separators become `↵`; other control characters
 *   and bidirectional overrides are dropped.
 */
export const ZWJ = '\u200d';

const LINE_BREAK = /\r\n|[\n\r\u000b\u000c\u0085\u2028\u2029]/g;
const INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const SPECIAL = /[&<>@]|#(?=\d)|:(?=\/\/)|(?<=www)\.|[\\`*_[\]()|~$#]/gi;

const REPLACEMENT: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '@': '@' + ZWJ,
  '.': ZWJ + '.',
};

export function escapeMarkdown(text: string): string {
  // Line breaks and control characters go first, so that removing them cannot join a `www.` or `://`.
  const flat = text.replace(LINE_BREAK, '↵').replace(/\t/g, ' ').replace(INVISIBLE, '');
  return flat.replace(SPECIAL, (m, offset: number) => {
    if (m === ':') return ':' + ZWJ;
    // `#` before a digit would become an issue link even once backslash-escaped.
    if (m === '#') return /\d/.test(flat.charAt(offset + 1)) ? '\\#' + ZWJ : '\\#';
    return REPLACEMENT[m] ?? '\\' + m;
  });
}

/** Cuts text to at most `max` characters (adding `…`) without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end) + '…';
}
