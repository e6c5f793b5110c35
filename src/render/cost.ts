import type { Plan, TargetCost, TargetPlan } from '../model/plan.js';

const SYMBOLS: Record<string, string> = { EUR: '€', USD: '$', GBP: '£', JPY: '¥' };

/** An amount with its currency: "€360", "1,200.50 CHF". */
export function money(amount: number, currency: string): string {
  const n = Math.abs(amount).toLocaleString('en-US', { maximumFractionDigits: 2 });
  const sign = amount < 0 ? '−' : '';
  const symbol = SYMBOLS[currency];
  return symbol ? `${sign}${symbol}${n}` : `${sign}${n} ${currency}`;
}

function signed(amount: number, currency: string): string {
  return amount > 0 ? `+${money(amount, currency)}` : money(amount, currency);
}

/** Seats gained or freed per role by the plan's changes: "+3 XEN", "−1 CSV". */
export function roleDeltas(t: TargetPlan): string[] {
  const delta = new Map<string, number>();
  for (const c of t.changes) {
    const n =
      c.action === 'invite' || c.action === 'grant'
        ? 1
        : c.action === 'revoke' || c.action === 'remove'
          ? -1
          : 0;
    if (n === 0) continue;
    for (const r of c.roles ?? []) delta.set(r, (delta.get(r) ?? 0) + n);
  }
  return [...delta]
    .filter(([, n]) => n !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([r, n]) => `${n > 0 ? '+' : '−'}${Math.abs(n)} ${r}`);
}

/** "+3 XEN, +€360/month (€1,200 → €1,560 per month)"; undefined when the target has no costs. */
export function costSummary(t: TargetPlan): string | undefined {
  const cost: TargetCost | undefined = t.cost;
  if (!cost) return undefined;
  const change = Math.round((cost.after - cost.before) * 100) / 100;
  const parts = [...roleDeltas(t), `${signed(change, cost.currency)}/month`];
  return `${parts.join(', ')} (${money(cost.before, cost.currency)} → ${money(cost.after, cost.currency)} per month)`;
}

/** One line per target with costs, as a plan's opening lines. */
export function costLines(plan: Plan): { target: string; text: string }[] {
  const out: { target: string; text: string }[] = [];
  for (const t of plan.targets) {
    const text = costSummary(t);
    if (text) out.push({ target: t.name, text });
  }
  return out;
}
