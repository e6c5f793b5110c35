import type { z } from 'zod';
import type { Diagnostics } from '../model/diagnostic.js';
import { fileSystemReason, isFileSystemError } from '../util/fs-errors.js';
import { DecodeError, readUtf8 } from '../util/text.js';
import { YamlSource } from '../util/yaml-source.js';

/**
 * Reads a small YAML file checked by `schema`; every problem goes to `diags` located (file:line:column).
 * Returns the value and its source for locating entries, or undefined when the file cannot be used.
 */
export async function readYamlFile<S extends z.ZodType>(
  file: string,
  shown: string,
  schema: S,
  diags: Diagnostics,
): Promise<{ value: z.infer<S>; source: YamlSource } | undefined> {
  let text: string;
  try {
    text = await readUtf8(file);
  } catch (e) {
    if (e instanceof DecodeError) diags.error({ file: shown, line: e.line, column: e.column }, e.message);
    else
      diags.error(
        { file: shown },
        `cannot read: ${isFileSystemError(e) ? fileSystemReason(e) : (e as Error).message}`,
      );
    return undefined;
  }
  const parsed = YamlSource.parse(shown, text, diags);
  if (!parsed) return undefined;
  const result = schema.safeParse(parsed.value ?? {});
  if (!result.success) {
    parsed.source.reportIssues(result.error.issues, diags, schema as unknown as z.ZodType);
    return undefined;
  }
  return { value: result.data, source: parsed.source };
}
