import type { z } from 'zod';
import { MembersFile } from '../../model/members-file.js';
import { DecodeError, readUtf8 } from '../../util/text.js';
import { YamlSource } from '../../util/yaml-source.js';
import type { FormatLoader, LoadContext } from '../load-context.js';
import { readMembersInParts } from './members-stream.js';

/**
 * YAML members files (design §4.1). The common shape (a `members:` block sequence of small mappings) is
 * read entry by entry ({@link readMembersInParts}), so a million members fit in memory; any other file,
 * and any file with a problem, is read as one YAML document, which locates every problem.
 */
export const loadYaml: FormatLoader = async (path, ctx) => {
  const text = await readText(path, ctx);
  if (text === undefined) return;
  const roleNames = ctx.roles.defined ? undefined : ctx.roleNames;
  const parts = readMembersInParts(ctx.file, text, (roles) =>
    roleNames ? roles.every((r) => r.startsWith('@') || roleNames.test(r)) : true,
  );
  if (!parts) return loadWhole(text, ctx);
  if (parts.reportProblems) return parts.reportProblems(ctx.diags);
  for (let i = 0; i < parts.count; i++) {
    const { entry, at, rolesAt, roleAt } = parts.take(i);
    let keep = true;
    // As the whole-document path does: each malformed role at its place, and the member not kept.
    if (roleAt && roleNames)
      (entry.roles ?? []).forEach((r, j) => {
        if (r.startsWith('@') || roleNames.test(r)) return;
        ctx.diags.error(roleAt(j), `malformed role "${r}": ${roleNames.hint}`);
        keep = false;
      });
    ctx.member(entry, at, { defaults: parts.defaults, rolesAt, keep });
  }
};

/** The file as one YAML document, whatever its shape: what the tests compare {@link loadYaml} against. */
export const loadYamlWhole: FormatLoader = async (path, ctx) => {
  const text = await readText(path, ctx);
  if (text !== undefined) loadWhole(text, ctx);
};

/** The file's text with LF line ends, or undefined when it cannot be read as YAML (reported). */
async function readText(path: string, { file, diags }: LoadContext): Promise<string | undefined> {
  let text: string;
  try {
    text = await readUtf8(path);
  } catch (e) {
    if (e instanceof DecodeError) {
      diags.error({ file, line: e.line, column: e.column }, e.message);
      return undefined;
    }
    throw e;
  }
  if (text.trim() === '') {
    diags.error({ file, line: 1, column: 1 }, 'file is empty: expected "members:"');
    return undefined;
  }
  // YAML ends lines with LF, CRLF or a lone CR (old Mac editors); the parser knows only the first two.
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

function loadWhole(text: string, ctx: LoadContext): void {
  const { file, diags } = ctx;
  const parsed = YamlSource.parse(file, text, diags);
  if (!parsed) return;
  const { source, value } = parsed;
  const result = MembersFile.safeParse(value);
  if (!result.success) {
    source.reportIssues(result.error.issues, diags, MembersFile as unknown as z.ZodType);
    return;
  }
  const { defaults = {}, members } = result.data;
  const roleNames = ctx.roles.defined ? undefined : ctx.roleNames;
  /** Without a catalog nothing else checks the platform's role-id shape: reports each malformed one. */
  const wellFormed = (roles: readonly string[] | undefined, path: (string | number)[]): boolean => {
    let ok = true;
    if (roleNames)
      (roles ?? []).forEach((r, j) => {
        if (r.startsWith('@') || roleNames.test(r)) return;
        diags.error(source.locate([...path, j]), `malformed role "${r}": ${roleNames.hint}`);
        ok = false;
      });
    return ok;
  };
  const defaultRolesOk = wellFormed(defaults.roles, ['defaults', 'roles']);
  members.forEach((entry, i) => {
    const at = source.locate(['members', i]);
    const ok = entry.roles === undefined ? defaultRolesOk : wellFormed(entry.roles, ['members', i, 'roles']);
    ctx.member(entry, at, { defaults, rolesAt: source.locate(['members', i, 'roles']), keep: ok });
  });
}
