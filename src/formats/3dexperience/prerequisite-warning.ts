import type { Diagnostics, SourceLocation } from '../../model/diagnostic.js';

const SHOWN = 10;
const counts = new WeakMap<Diagnostics, number>();

/**
 * A 3DEXPERIENCE row lists roles without their prerequisites: the import doc asks for "Roles trigrams along
 * with their prerequisite roles when needed", so the row as written would be KO on the platform. rollcall
 * adds them to what it writes, and says so (the first few rows, then how to find the rest).
 */
export function warnMissingPrerequisites(
  diags: Diagnostics,
  at: SourceLocation,
  listed: readonly string[],
  expanded: readonly string[],
): void {
  const shown = counts.get(diags) ?? 0;
  if (shown >= SHOWN) return; // past the first few, nothing more is said: no need to work out what is missing
  const have = new Set(listed);
  const added = expanded.filter((r) => !have.has(r));
  if (added.length === 0) return;
  const n = shown + 1;
  counts.set(diags, n);
  diags.warn(
    at,
    n === SHOWN
      ? `roles lack their prerequisite ${added.join(', ')} (and maybe more rows after this one): uploaded as is, such rows would be KO; rollcall adds the prerequisites to the files it writes`
      : `roles ${listed.join(', ')} lack their prerequisite ${added.join(', ')}: uploaded as is, this row would be KO; rollcall adds ${added.length > 1 ? 'them' : 'it'} to the files it writes`,
  );
}
