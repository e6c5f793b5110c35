import { redact } from './secrets.js';

/** A quoted value longer than this is shortened in messages, with its length. */
export const MAX_QUOTED = 80;
/** No message is longer than this (whatever it quotes). */
export const MAX_MESSAGE = 1000;

/** A quoted string in a message: `"…"` with backslash escapes. */
const QUOTED = /"((?:[^"\\\n]|\\.)*)"/g;

/** Cuts at most `max` characters without splitting a surrogate pair or a backslash escape. */
function head(text: string, max: number): string {
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  const backslash = text.lastIndexOf('\\', end - 1);
  if (backslash >= 0 && backslash > end - 6) end = backslash; // "\u001b" and the like stay whole or go
  return text.slice(0, end);
}

/**
 * A message of bounded length: secrets masked first (a cut could leave part of one), then each quoted
 * value longer than MAX_QUOTED shortened to its start and its length (`"aaaa…" (200000 characters)`),
 * then the whole cut at MAX_MESSAGE.
 */
export function boundMessage(message: string): string {
  if (message.length <= MAX_QUOTED) return message;
  let out = redact(message).replace(QUOTED, (whole, inner: string) =>
    inner.length <= MAX_QUOTED ? whole : `"${head(inner, MAX_QUOTED - 20)}…" (${inner.length} characters)`,
  );
  if (out.length > MAX_MESSAGE) out = `${head(out, MAX_MESSAGE - 30)}… (${out.length} characters)`;
  return out;
}
