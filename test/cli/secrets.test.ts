import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runCli, STACK_LINE } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

/** A port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const scimConfig = (url: string) =>
  [
    'version: 1',
    'targets:',
    '  - name: t',
    '    provider: scim',
    '    members: [members.yaml]',
    `    connection: { url: "${url}", token: "\${env:SCIM_TOKEN}" }`,
  ].join('\n');

describe('a SCIM service that cannot be read', () => {
  it('unreachable: exit 1, one line naming the service, not an internal error', async () => {
    const port = await closedPort();
    const dir = tmpDir({
      'rollcall.yaml': scimConfig(`http://127.0.0.1:${port}/scim/v2`),
      'members.yaml': 'members:\n  - email: ada@acme.com\n',
    });
    const r = runCli(['plan'], { cwd: dir, env: { SCIM_TOKEN: 'tok-123456' } });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stderr).toMatch(
      new RegExp(
        `^rollcall: http://127\\.0\\.0\\.1:${port}/scim/v2: cannot read the SCIM service: GET /ServiceProviderConfig: network error`,
        'm',
      ),
    );
  });

  it('a secret in its URL is not printed, not even as the URL normalizes it', async () => {
    const port = await closedPort();
    // Percent-encoded (") and turned into "/" (\) by URL normalization: not the value as registered.
    const secret = 'tok"en\\s3cr3t';
    const dir = tmpDir({
      'rollcall.yaml': scimConfig(`http://127.0.0.1:${port}/tenants/\${env:SCIM_TOKEN}/scim`),
      'members.yaml': 'members:\n  - email: ada@acme.com\n',
    });
    const r = runCli(['plan'], { cwd: dir, env: { SCIM_TOKEN: secret } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^rollcall: \*\*\*: cannot read the SCIM service/m);
    for (const leak of ['s3cr3t', 'tok%22en', 'tok"en']) {
      expect(r.stderr).not.toContain(leak);
      expect(r.stdout).not.toContain(leak);
    }
  });
});
