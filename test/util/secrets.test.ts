import { afterEach, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/model/diagnostic.js';
import { clearSecrets, holdsSecret, redact, registerSecret } from '../../src/util/secrets.js';

afterEach(() => clearSecrets());

describe('redact', () => {
  it('masks a secret in the forms it takes inside JSON and URLs', () => {
    const secret = 'p@ss"w\\rd/ü';
    registerSecret(secret);
    const json = JSON.stringify({ error: `refused ${secret}` });
    expect(json).not.toContain(secret); // escaped: the raw form alone would not be found
    expect(redact(json)).toBe('{"error":"refused ***"}');
    expect(redact(`https://host/x?t=${encodeURIComponent(secret)}`)).toBe('https://host/x?t=***');
    expect(redact(`https://host/${encodeURI(secret)}`)).toBe('https://host/***');
  });

  it('masks a secret that contains another one whole', () => {
    registerSecret('abcd');
    registerSecret('xxabcdyy');
    expect(redact('token xxabcdyy')).toBe('token ***');
  });

  it('holdsSecret says whether a text holds a registered secret', () => {
    registerSecret('s3cr3t');
    expect(holdsSecret('https://host/s3cr3t/scim')).toBe(true);
    expect(holdsSecret('https://host/scim')).toBe(false);
  });
});

describe('redact and one-line messages', () => {
  it('masks a multi-line secret (a PEM key) once a message shows its line breaks escaped', () => {
    const key = '-----BEGIN KEY-----\nMIIEpAIBAAKCAQEA\n-----END KEY-----';
    registerSecret(key);
    const line = formatDiagnostic({
      severity: 'error',
      file: 'x.yaml',
      line: 1,
      message: `bad value "${key}"`,
    });
    expect(line).toBe('x.yaml:1: bad value "-----BEGIN KEY-----\\nMIIEpAIBAAKCAQEA\\n-----END KEY-----"');
    expect(redact(line)).toBe('x.yaml:1: bad value "***"');
    expect(redact(`detail: ${key.replace(/\s+/g, ' ')}`)).toBe('detail: ***');
  });
});
