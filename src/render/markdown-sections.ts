import type { Blocked, Change, ChangeAction, TargetPlan } from '../model/plan.js';
import { ACTION_SYMBOL, changesByAction, formatCount, phaseCount } from './counts.js';
import { fieldNames } from './fields.js';
import type { SectionBlock } from './markdown-fit.js';
import { type Inline, MAX_SENTENCE } from './markdown-inline.js';

const TITLE: Record<ChangeAction, string> = {
  invite: 'Invite',
  update: 'Update',
  grant: 'Grant',
  revoke: 'Revoke',
  remove: 'Remove',
  pseudonymize: 'Pseudonymize',
  delete: 'Delete',
};

const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;

function table(title: string, count: number, columns: readonly string[], open = false): string[] {
  return [
    `<details${open ? ' open' : ''}><summary>${title} (${formatCount(count)})</summary>`,
    '',
    row(columns),
    row(columns.map(() => '---')),
  ];
}

const TAIL = ['', '</details>', ''];

/** The blocked list first (open), then one collapsed section per action, in CHANGE_ACTIONS order. */
export function targetSections(t: TargetPlan, md: Inline): SectionBlock[] {
  const sections: SectionBlock[] = [];
  if (t.blocked.length > 0) {
    sections.push({
      kind: 'section',
      unit: 'blocked',
      head: table('⛔ Blocked', t.blocked.length, ['action', 'key', 'reason', 'message'], true),
      items: t.blocked.map((b) => [blockedRow(b, md)]),
      tail: TAIL,
    });
  }
  const phased = phaseCount(t.changes) > 1;
  for (const [action, changes] of changesByAction(t.changes)) {
    if (changes.length === 0) continue;
    const columns = [...(phased ? ['phase'] : []), 'key', ...COLUMNS[action]];
    sections.push({
      kind: 'section',
      unit: 'change',
      head: table(`${ACTION_SYMBOL[action]} ${TITLE[action]}`, changes.length, columns),
      items: changes.map((c) =>
        changeRows(c, md).map((cells) => row(phased ? [String(c.phase), ...cells] : cells)),
      ),
      tail: TAIL,
    });
  }
  return sections;
}

const COLUMNS: Record<ChangeAction, string[]> = {
  invite: ['roles', 'fields'],
  update: ['field', 'before', 'after'],
  grant: ['roles'],
  revoke: ['roles'],
  remove: ['reason'],
  pseudonymize: ['reason'],
  delete: ['reason'],
};

/** The cells of one change (without the phase); an update has one row per field. */
function changeRows(c: Change, md: Inline): string[][] {
  const key = md.text(c.key);
  switch (c.action) {
    case 'invite':
      return [[key, md.list(c.roles), inviteFields(c, md)]];
    case 'update': {
      const names = fieldNames(c.before, c.after);
      if (names.length === 0) return [[key, '_none_', '', '']];
      return names.map((f) => [key, md.text(f), md.value(c.before?.[f]), md.value(c.after?.[f])]);
    }
    case 'grant':
    case 'revoke':
      return [[key, md.list(c.roles)]];
    default:
      return [[key, c.reason ? md.text(c.reason, MAX_SENTENCE) : '']];
  }
}

function inviteFields(c: Change, md: Inline): string {
  const parts = fieldNames(undefined, c.after).map((f) => `${md.text(f)}: ${md.value(c.after?.[f])}`);
  for (const [k, v] of Object.entries(c.options ?? {})) {
    if (typeof v === 'boolean') parts.push(`${md.text(k)}: ${v}`);
  }
  if (c.reason) parts.push(`_${md.text(c.reason, MAX_SENTENCE)}_`);
  return parts.join(' · ');
}

function blockedRow(b: Blocked, md: Inline): string {
  const roles = b.roles && b.roles.length > 0 ? ` (${md.list(b.roles)})` : '';
  return row([
    md.text(b.action),
    md.text(b.key),
    md.text(b.reason) + roles,
    md.text(b.message, MAX_SENTENCE),
  ]);
}
