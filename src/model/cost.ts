import { z } from 'zod';

/** A catalog role's license cost (design §3, §6.1). A year counts as amount/12 per month. */
export const RoleCost = z.strictObject({
  amount: z.number().min(0).describe('Price of one seat'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code such as EUR')
    .describe('ISO 4217 code; one currency per target'),
  per: z.enum(['month', 'year']).describe('The period the amount pays for'),
});
export type RoleCost = z.infer<typeof RoleCost>;

/** A target's seat prices per month, by role, in its one currency. */
export interface RoleCosts {
  currency: string;
  monthly: Readonly<Record<string, number>>;
}

export function monthly(cost: RoleCost): number {
  return cost.per === 'year' ? cost.amount / 12 : cost.amount;
}

/** Money as plans show it: rounded to cents. */
export function roundMoney(x: number): number {
  return Math.round(x * 100) / 100;
}
