import * as core from '@actions/core';
import { formatDiagnostic } from '../model/diagnostic.js';
import { ConfigError, ValidationError } from '../model/errors.js';
import { escapeMarkdown } from '../render/escape-markdown.js';
import { validateRun } from '../run/validate.js';
import { plural } from '../util/plural.js';
import { redact } from '../util/secrets.js';
import { commentMarker } from './comment-body.js';
import type { RunContext } from './context.js';
import { gitHub } from './github.js';
import type { ActionInputs } from './inputs.js';
import { upsertComment } from './sticky-comment.js';
import { writeSummary } from './summary.js';

/** The variables a configuration error says are not set (`environment variable NAME is not set`). */
export function unsetVariables(e: unknown): string[] {
  if (!(e instanceof ConfigError)) return [];
  const names = new Set<string>();
  for (const d of e.diagnostics) {
    const m = /environment variable (\w+) is not set/.exec(d.message);
    if (m) names.add(m[1]!);
  }
  return [...names];
}

/**
 * A pull request from a fork gets no secrets, so no live plan can be made: instead of failing with
 * invalid-config, check the files (validate, with a stand-in for each unset variable, which no check of
 * the files reads), say why there is no plan in the job summary and the sticky comment, and succeed. The
 * files' own errors still fail the step.
 */
export async function forkValidateStep(
  inputs: ActionInputs,
  ctx: RunContext,
  unset: readonly string[],
): Promise<void> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of unset) env[name] = 'unset-in-a-fork-pull-request';
  const outcome = await validateRun(inputs.config, { targets: inputs.targets, env });
  // Connection settings built from the missing secrets hold stand-ins: their checks say nothing.
  const errors = outcome.diagnostics.filter(
    (d) => d.severity !== 'warning' && !/\bconnection\b/.test(d.message),
  );
  const marker = commentMarker(inputs.config, inputs.targets);
  const variables = unset.map((n) => `\`${n}\``).join(', ');
  const lines = [
    marker,
    '### rollcall plan: files checked, no live plan',
    '',
    `> [!NOTE]\n> This pull request comes from a fork, and GitHub gives a fork's workflows no secrets: ${variables} ${unset.length === 1 ? 'is' : 'are'} empty, so rollcall cannot read the platforms to plan. It checked the files instead (\`rollcall validate\`). A maintainer sees the plan when the branch is pushed to this repository, or after merging.`,
    '',
    ...outcome.targets.map(
      (t) => `- **${escapeMarkdown(t.name)}**: ${plural(t.members, 'member')} in ${plural(t.files, 'file')}`,
    ),
    '',
    errors.length === 0
      ? '**The files are valid** (connection settings not checked: they need the secrets).'
      : `**${plural(errors.length, 'error')}** in the files:`,
    ...(errors.length === 0 ? [] : ['', '```text', ...errors.map((d) => formatDiagnostic(d)), '```']),
    '',
  ];
  const body = redact(lines.join('\n'));
  await writeSummary(body.slice(marker.length + 1));
  core.setOutput('has-changes', 'false');
  let url: string | undefined;
  if (inputs.comment !== 'off' && ctx.pullRequest !== undefined && inputs.token) {
    const place = { owner: ctx.owner, repo: ctx.repo, issue: ctx.pullRequest, marker };
    const out = await upsertComment(gitHub(inputs.token, ctx.apiUrl), place, body, true);
    if (out.result === 'forbidden')
      core.warning(
        `Cannot comment on pull request #${ctx.pullRequest} (${out.message}): see the job summary.`,
      );
    else if (out.result !== 'skipped') url = out.url;
  }
  core.setOutput('comment-url', url ?? '');
  if (errors.length > 0)
    throw new ValidationError(`${plural(errors.length, 'error')} in the desired-state files`, errors);
  core.notice(
    `Pull request from a fork: ${variables} empty (no secrets for forks), so the files were validated instead of planned.`,
  );
}
