/**
 * Secret values seen by this process (from `${env:…}` interpolation, tokens). Every output path
 * (terminal, plan files, comments, journals, logs) passes text through `redact` before it leaves.
 */
const secrets = new Set<string>();

/** Secrets shorter than this are not masked: masking "1" would destroy every number. */
const MIN_SECRET_LENGTH = 4;

export function registerSecret(value: string): void {
  if (value.length >= MIN_SECRET_LENGTH) secrets.add(value);
}

export function redact(text: string): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join('***');
  return out;
}

/** For tests. */
export function clearSecrets(): void {
  secrets.clear();
}
