import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Target } from '../config/load.js';
import { MemberCollector } from '../desired/collector.js';
import { loadContext } from '../desired/index.js';
import { type FormatWriter, loaderFor } from '../formats/index.js';
import type { Capabilities } from '../model/capabilities.js';
import { type Diagnostic, Diagnostics } from '../model/diagnostic.js';
import type { ActualState } from '../model/member.js';
import type { Change } from '../model/plan.js';
import { planTarget } from '../plan/plan.js';

export interface RoundTrip {
  /** Problems the loader finds in the written text (located at `shownFile`): the file would not load. */
  errors: Diagnostic[];
  /** What a plan of the target against the written file alone would still do, one line each. */
  differences: string[];
}

/**
 * Reads `text` back through rollcall's own loader of the writer's format, with the target's defaults,
 * bundles and catalog, and plans the target against it: an exact import plans nothing. The text goes to
 * a private temporary file, because loaders read files (and stream the large ones).
 */
export async function checkRoundTrip(
  text: string,
  writer: FormatWriter,
  target: Target,
  capabilities: Capabilities,
  actual: ActualState,
  shownFile: string,
): Promise<RoundTrip> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rollcall-import-'));
  try {
    const file = path.join(dir, `members${writer.extension}`);
    await writeFile(file, text);
    const loader = loaderFor(writer.format, file);
    if (typeof loader === 'string') throw new Error(loader); // a writer without a loader: a bug
    const diags = new Diagnostics();
    const collector = new MemberCollector(diags);
    await loader(file, loadContext(target, shownFile, diags, collector));
    const errors = diags.items.filter((d) => d.severity === 'error');
    if (errors.length > 0) return { errors, differences: [] };
    const plan = planTarget({
      name: target.name,
      provider: target.provider,
      policy: target.policy,
      capabilities,
      desired: collector.members,
      actual,
    });
    return {
      errors,
      differences: [
        ...plan.changes.map(describe),
        ...plan.blocked.map((b) => `${b.action} ${b.key} (blocked: ${b.reason})`),
      ],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function describe(c: Change): string {
  const parts = [`${c.action} ${c.key}`];
  if (c.roles?.length) parts.push(`roles ${c.roles.join(', ')}`);
  if (c.after && Object.keys(c.after).length > 0)
    parts.push(
      Object.entries(c.after)
        .map(([k, v]) => `${k} ${JSON.stringify(c.before?.[k] ?? null)} → ${JSON.stringify(v)}`)
        .join(', '),
    );
  return parts.join(': ');
}
