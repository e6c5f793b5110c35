/**
 * Masks every e-mail address in a text, keeping the first character and the domain:
 * `ada@acme.com` → `a•••@acme.com`. Any `local@domain` counts, with or without a dot in the domain,
 * so nothing that may be an address gets through. Linear time: it scans outward from each `@`
 * instead of using a backtracking pattern.
 */
const LOCAL = /[\p{L}\p{N}\p{M}.!#$%&'*+/=?^_`{|}~-]/u;
const DOMAIN = /[\p{L}\p{N}\p{M}.-]/u;

export const MASK = '•••';

export function maskEmails(text: string): string {
  if (!text.includes('@')) return text;
  let out = '';
  let copied = 0;
  let at = text.indexOf('@');
  while (at !== -1) {
    let start = at;
    while (start > copied && LOCAL.test(text.charAt(start - 1))) start--;
    let end = at + 1;
    while (end < text.length && DOMAIN.test(text.charAt(end))) end++;
    // A domain ends with a letter or digit, not with the dot of the sentence around it.
    while (end > at + 1 && /[.-]/.test(text.charAt(end - 1))) end--;
    if (start < at && end > at + 1) {
      const first = String.fromCodePoint(text.codePointAt(start)!);
      out += text.slice(copied, start) + first + MASK + text.slice(at, end);
      copied = end;
    }
    at = text.indexOf('@', Math.max(at + 1, copied));
  }
  return out + text.slice(copied);
}
