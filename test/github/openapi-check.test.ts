import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkRequest } from './openapi-check.js';

const u = (p: string) => new URL(p, 'http://127.0.0.1');

describe('the fake GitHub checks requests against GitHub’s OpenAPI description', () => {
  it('holds every operation the provider sends, from @octokit/openapi', () => {
    const subset = JSON.parse(
      readFileSync(new URL('./fixtures/openapi-subset.json', import.meta.url), 'utf8'),
    );
    expect(subset.source).toMatch(/^@octokit\/openapi \d+\.\d+\.\d+/);
    expect(subset.operations.map((o: { operationId: string }) => o.operationId)).toEqual(
      expect.arrayContaining([
        'orgs/create-invitation',
        'orgs/list-members',
        'orgs/remove-membership-for-user',
      ]),
    );
  });

  it('accepts what GitHub accepts', () => {
    expect(checkRequest('GET', u('/orgs/acme/members?role=admin&per_page=100&page=2'), '').problems).toEqual(
      [],
    );
    expect(
      checkRequest(
        'POST',
        u('/orgs/acme/invitations'),
        '{"invitee_id":1,"role":"direct_member","team_ids":[2]}',
      ).problems,
    ).toEqual([]);
  });

  it('refuses unknown operations, parameters and values, and invalid bodies', () => {
    expect(checkRequest('GET', u('/orgs/acme/outside_members_v2'), '').problems[0]).toContain(
      'not an operation',
    );
    expect(checkRequest('PATCH', u('/orgs/acme/memberships/ada'), '{}').problems[0]).toContain(
      'not an operation',
    );
    expect(checkRequest('GET', u('/orgs/acme/members?role=owner'), '').problems[0]).toContain(
      'query parameter role=owner invalid',
    );
    expect(checkRequest('GET', u('/orgs/acme/members?sort=login'), '').problems[0]).toContain(
      'unknown query parameter sort',
    );
    expect(checkRequest('POST', u('/orgs/acme/invitations'), '{"role":"member"}').problems[0]).toContain(
      'request body invalid',
    );
    expect(
      checkRequest('PUT', u('/orgs/acme/teams/web/memberships/ada'), '{"role":"owner"}').problems[0],
    ).toContain('request body invalid');
  });
});
