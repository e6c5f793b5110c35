import { oneLine } from '../model/diagnostic.js';

/**
 * Secret values seen by this process (from `${env:…}` interpolation, tokens). Every output path
 * (terminal, plan files, comments, journals, logs) passes text through `redact` before it leaves.
 */
const secrets = new Set<string>();

/** Secrets shorter than this are not masked: masking "1" would destroy every number. */
const MIN_SECRET_LENGTH = 4;

export function registerSecret(value: string): void {
  if (value.length < MIN_SECRET_LENGTH) return;
  secrets.add(value);
  // The forms it takes inside JSON (journals, plans, outputs), inside URLs, and in one-line messages (a PEM
  // key's line breaks shown escaped), where they differ.
  const forms = [
    JSON.stringify(value).slice(1, -1),
    encodeURIComponent(value),
    encodeURI(value),
    oneLine(value),
    value.replace(/\s+/g, ' ').trim(), // as messages that collapse whitespace to one line show it
  ];
  for (const form of forms) if (form !== value) secrets.add(form);
}

/** The text holds a registered secret (then what is derived from it, such as a normalized URL, is one too). */
export function holdsSecret(text: string): boolean {
  for (const s of secrets) if (text.includes(s)) return true;
  return false;
}

export function redact(text: string): string {
  let out = text;
  // Longest first: a secret that contains another is masked whole.
  for (const s of bySize()) if (out.includes(s)) out = out.split(s).join('***');
  return out;
}

let sorted: string[] | undefined;
let sortedCount = -1;
function bySize(): string[] {
  if (!sorted || sortedCount !== secrets.size) {
    sorted = [...secrets].sort((a, b) => b.length - a.length);
    sortedCount = secrets.size;
  }
  return sorted;
}

/** For tests. */
export function clearSecrets(): void {
  secrets.clear();
}
