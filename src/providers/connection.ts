import type { z } from 'zod';
import type { Target } from '../config/load.js';
import { formatLocation } from '../model/diagnostic.js';
import { ConfigError } from '../model/errors.js';
import { didYouMean } from '../util/suggest.js';
import { keysAt } from '../util/zod-keys.js';

/**
 * Checks a target's `connection` against its provider's schema. Unknown keys are reported first (with a
 * "did you mean"), since a misspelt key also makes the right one look missing. Values are never printed.
 */
export function parseConnection<T extends z.ZodType>(schema: T, target: Target): z.infer<T> {
  const parsed = schema.safeParse(target.connection);
  if (parsed.success) return parsed.data;
  const issues = [...parsed.error.issues].sort(
    (a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'),
  );
  const issue = issues[0]!;
  const detail =
    issue.code === 'unrecognized_keys'
      ? `unknown key "${issue.keys[0]}"${didYouMean(issue.keys[0]!, keysAt(schema, []))}`
      : `${issue.path.join('.') || 'connection'}: ${issue.message}`;
  throw new ConfigError(
    `${formatLocation(target.connectionAt)}: target "${target.name}": connection: ${detail}`,
  );
}
