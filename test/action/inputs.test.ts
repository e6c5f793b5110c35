import { afterEach, describe, expect, it } from 'vitest';
import { ApplyFailedError, failureReason } from '../../src/action/failure.js';
import { InputError, readInputs } from '../../src/action/inputs.js';
import {
  ConfigError,
  PolicyError,
  ProviderError,
  StalePlanError,
  ValidationError,
} from '../../src/model/errors.js';

const set = (inputs: Record<string, string>) => {
  for (const [k, v] of Object.entries(inputs)) process.env[`INPUT_${k.toUpperCase()}`] = v;
};
afterEach(() => {
  for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_')) delete process.env[k];
});

describe('the inputs', () => {
  it('take the defaults of action.yml when empty, and split targets on commas and new lines', () => {
    set({ targets: 'acme-3dx, acme-anaplan\nacme-gh\n' });
    expect(readInputs()).toEqual({
      command: 'plan',
      config: 'rollcall.yaml',
      targets: ['acme-3dx', 'acme-anaplan', 'acme-gh'],
      token: '',
      comment: 'always',
      redact: 'none',
      allowRemovals: undefined,
      planFile: undefined,
      applyBranches: [],
      planFiles: [],
    });
  });

  it('take plan-files one per line: a name may hold spaces and commas', () => {
    set({ command: 'show', 'plan-files': 'plans\n  saved plans/a, b.json  \n\n' });
    expect(readInputs()).toMatchObject({ command: 'show', planFiles: ['plans', 'saved plans/a, b.json'] });
  });

  it('refuse values they do not know, naming the input and the choices', () => {
    set({ comment: 'sometimes' });
    expect(() => readInputs()).toThrow(
      new InputError('input comment: expected one of always, changes-only, off, got "sometimes"'),
    );
    set({ comment: 'off', 'allow-removals': '-1' });
    expect(() => readInputs()).toThrow(/input allow-removals: expected a whole number, got "-1"/);
    set({
      'allow-removals': '12',
      command: 'apply',
      redact: 'emails',
      'plan-file': 'plan.json',
      'apply-branches': 'main,\nrelease',
    });
    expect(readInputs()).toMatchObject({
      applyBranches: ['main', 'release'],
      command: 'apply',
      allowRemovals: 12,
      redact: 'emails',
      planFile: 'plan.json',
    });
  });
});

describe('failure-reason', () => {
  it('names each refusal and each kind of failure', () => {
    expect(failureReason(new PolicyError('x', 'held'))).toBe('held');
    expect(failureReason(new PolicyError('x', 'not-confirmed'))).toBe('not-confirmed');
    expect(failureReason(new StalePlanError('x', 'stale'))).toBe('stale');
    expect(failureReason(new StalePlanError('x', 'tampered'))).toBe('tampered');
    expect(failureReason(new InputError('x'))).toBe('invalid-input');
    expect(failureReason(new ConfigError('x'))).toBe('invalid-config');
    expect(failureReason(new ValidationError('x'))).toBe('invalid-config');
    expect(failureReason(new ProviderError('x'))).toBe('provider-error');
    expect(failureReason(new ApplyFailedError('x'))).toBe('apply-failed');
    expect(failureReason(new TypeError('x'))).toBe('error');
  });
});
