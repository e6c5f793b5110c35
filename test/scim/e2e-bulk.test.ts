import { it } from 'vitest';
import { endToEnd } from './e2e-scenario.js';

it(
  '2,000 users with groups through /Bulk: plan → apply → plan is empty, onboarding then drift',
  { timeout: 900_000 }, // a bound against hangs only: the outcome is decided by counts
  () => endToEnd(true),
);
