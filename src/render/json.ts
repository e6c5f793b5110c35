import type { Plan } from '../model/plan.js';
import { compareFields } from './fields.js';

/**
 * Plan JSON, format 1 (design §7): keys in the order of §7, 2-space indentation, a final newline.
 * Unknown fields are kept, after the known ones, sorted; so equal plans give byte-identical text
 * whatever order their objects were built in.
 */
export function renderJson(plan: Plan): string {
  return JSON.stringify(orderPlan(plan), null, 2) + '\n';
}

type Obj = Record<string, unknown>;
type Shape = Record<string, ((value: unknown) => unknown) | null>;

const fieldValues = (v: unknown) => (isObject(v) ? ordered(v, {}, compareFields) : canonical(v));
const list = (each: (v: unknown) => unknown) => (v: unknown) =>
  Array.isArray(v) ? v.map(each) : canonical(v);
const shaped = (shape: Shape) => (v: unknown) => (isObject(v) ? ordered(v, shape) : canonical(v));

const SUMMARY: Shape = {
  invite: null,
  update: null,
  grant: null,
  revoke: null,
  remove: null,
  pseudonymize: null,
  delete: null,
  blocked: null,
};
const OPTIONS: Shape = { notify: null, passport: null, force: null };
const CHANGE: Shape = {
  phase: null,
  action: null,
  key: null,
  roles: null,
  before: fieldValues,
  after: fieldValues,
  options: shaped(OPTIONS),
  reason: null,
};
const BLOCKED: Shape = { action: null, key: null, roles: null, reason: null, message: null };
const SEAT: Shape = { role: null, total: null, before: null, after: null, shortfall: null };
const TARGET: Shape = {
  name: null,
  provider: null,
  actualDigest: null,
  desiredDigest: null,
  held: null,
  heldReason: null,
  heldFor: null,
  removals: null,
  removalDigest: null,
  approvedBy: null,
  costApprovedBy: null,
  cost: null,
  summary: shaped(SUMMARY),
  changes: list(shaped(CHANGE)),
  blocked: list(shaped(BLOCKED)),
  seats: list(shaped(SEAT)),
};
const PLAN: Shape = {
  formatVersion: null,
  createdAt: null,
  asOf: null,
  digest: null,
  targets: list(shaped(TARGET)),
};

function orderPlan(plan: Plan): unknown {
  return ordered(plan as Obj, PLAN);
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Known keys in `shape` order, then the others sorted; values of unknown keys in canonical form. */
function ordered(value: Obj, shape: Shape, compare = byCodeUnit): Obj {
  const out: Obj = Object.create(null);
  for (const [key, each] of Object.entries(shape)) {
    if (Object.hasOwn(value, key) && value[key] !== undefined)
      out[key] = each ? each(value[key]) : canonical(value[key]);
  }
  const rest = Object.keys(value)
    .filter((k) => !Object.hasOwn(shape, k))
    .sort(compare);
  for (const key of rest) if (value[key] !== undefined) out[key] = canonical(value[key]);
  return out;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (isObject(value)) return ordered(value, {});
  return value;
}

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
