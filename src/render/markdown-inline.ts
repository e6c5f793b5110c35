import { redact as redactSecrets } from '../util/secrets.js';
import { escapeMarkdown, truncate } from './escape-markdown.js';
import { maskEmails } from './redact-emails.js';

export type Redaction = 'none' | 'emails';

/** Longest piece of input text shown in one place; the rest is cut with `…`. */
export const MAX_NAME = 200;
export const MAX_SENTENCE = 500;

/**
 * Turns input text into inert Markdown: e-mails masked first (when asked), then cut to a bounded
 * length (so a single row can never exceed the comment), then escaped.
 */
export interface Inline {
  text(value: string, max?: number): string;
  value(value: string | boolean | readonly string[] | undefined): string;
  list(values: readonly string[] | undefined): string;
}

export function inline(redact: Redaction): Inline {
  const text = (value: string, max = MAX_NAME) =>
    // Secrets masked before the cut and the escaping, either of which would hide them from a later `redact`.
    escapeMarkdown(truncate(redactSecrets(redact === 'emails' ? maskEmails(value) : value), max));
  return {
    text,
    value(value) {
      if (value === undefined) return '_unset_';
      if (typeof value === 'boolean') return String(value);
      if (typeof value === 'string') return value === '' ? '_empty_' : text(value);
      return value.length === 0 ? '_none_' : text(value.join(', '), MAX_SENTENCE);
    },
    list(values) {
      return values && values.length > 0 ? text(values.join(', '), MAX_SENTENCE) : '_none_';
    },
  };
}
