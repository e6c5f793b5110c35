import path from 'node:path';
import { type Approval, ApprovalsFile } from '../model/approval.js';
import type { Diagnostics, SourceLocation } from '../model/diagnostic.js';
import { displayPath } from '../util/display-path.js';
import { fileKind } from '../util/fs-errors.js';
import { readYamlFile } from './yaml-file.js';

/**
 * Reads the approvals file that rollcall.yaml names (design §3.1, §6.1). An entry for a target the config
 * does not have is an error: a typo would otherwise leave a plan held with no word why.
 */
export async function loadApprovals(
  name: string,
  dir: string,
  at: SourceLocation,
  targets: readonly string[],
  diags: Diagnostics,
): Promise<Approval[]> {
  const file = path.resolve(dir, name);
  const shown = displayPath(file);
  const kind = await fileKind(file);
  if (kind !== 'file') {
    const why =
      kind === 'missing' ? 'not found' : typeof kind === 'object' ? kind.problem : `it is a ${kind}`;
    diags.error(at, `cannot read the approvals file "${name}": ${why}`);
    return [];
  }
  const before = diags.errorCount;
  const read = await readYamlFile(file, shown, ApprovalsFile, diags);
  if (!read) {
    if (diags.errorCount === before) diags.error(at, `cannot read the approvals file "${name}"`);
    return [];
  }
  const out: Approval[] = [];
  read.value.approvals.forEach((a, i) => {
    const where = read.source.locate(['approvals', i]);
    if (!targets.includes(a.target)) {
      diags.error(
        read.source.locate(['approvals', i, 'target']),
        `approval for unknown target "${a.target}"; targets in this config: ${targets.join(', ')}`,
      );
      return;
    }
    const approval: Approval = {
      target: a.target,
      reason: a.reason,
      file: path.normalize(name),
      line: where.line,
    };
    if (a.removals !== undefined) approval.removals = a.removals;
    if (a.costIncrease !== undefined) approval.costIncrease = a.costIncrease;
    out.push(approval);
  });
  return out;
}
