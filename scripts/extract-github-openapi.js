#!/usr/bin/env node
// Extracts the GitHub REST operations the github provider uses from GitHub's published OpenAPI
// description (npm @octokit/openapi, ~385 MB, never a dependency) into a small committed fixture that
// the test fake validates every request against.
//
//   npm i --prefix /tmp/ghoapi @octokit/openapi
//   node scripts/extract-github-openapi.js /tmp/ghoapi/node_modules/@octokit/openapi
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** method, path template: every request the provider sends. */
export const OPERATIONS = [
  ['get', '/user'],
  ['get', '/users/{username}'],
  ['get', '/orgs/{org}'],
  ['get', '/orgs/{org}/members'],
  ['get', '/orgs/{org}/teams'],
  ['get', '/orgs/{org}/teams/{team_slug}/members'],
  ['get', '/orgs/{org}/invitations'],
  ['get', '/orgs/{org}/invitations/{invitation_id}/teams'],
  ['get', '/orgs/{org}/failed_invitations'],
  ['post', '/orgs/{org}/invitations'],
  ['delete', '/orgs/{org}/invitations/{invitation_id}'],
  ['put', '/orgs/{org}/memberships/{username}'],
  ['delete', '/orgs/{org}/memberships/{username}'],
  ['put', '/orgs/{org}/teams/{team_slug}/memberships/{username}'],
  ['delete', '/orgs/{org}/teams/{team_slug}/memberships/{username}'],
];

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = process.argv[2];
if (!pkg) {
  console.error('usage: node scripts/extract-github-openapi.js <path to node_modules/@octokit/openapi>');
  process.exit(1);
}
const spec = JSON.parse(readFileSync(path.join(pkg, 'generated', 'api.github.com.json'), 'utf8'));
const version = JSON.parse(readFileSync(path.join(pkg, 'package.json'), 'utf8')).version;

function deref(node, seen = new Set()) {
  if (Array.isArray(node)) return node.map((n) => deref(n, seen));
  if (!node || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string') {
    if (seen.has(node.$ref)) return {}; // recursive schema: accept anything below
    const target = node.$ref
      .slice(2)
      .split('/')
      .reduce((o, k) => o[k.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
    return deref(target, new Set([...seen, node.$ref]));
  }
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'description' || k === 'examples' || k === 'example') continue;
    out[k] = deref(v, seen);
  }
  return out;
}

const operations = OPERATIONS.map(([method, template]) => {
  const op = spec.paths[template]?.[method];
  if (!op) throw new Error(`${method.toUpperCase()} ${template} is not in the description`);
  const parameters = deref(op.parameters ?? [])
    .filter((p) => p.in === 'path' || p.in === 'query')
    .map((p) => ({ name: p.name, in: p.in, required: p.required === true, schema: p.schema }));
  const body = op.requestBody ? deref(op.requestBody.content?.['application/json']?.schema ?? {}) : undefined;
  const entry = { method: method.toUpperCase(), path: template, operationId: op.operationId, parameters };
  if (body) {
    entry.requestBody = { required: op.requestBody.required === true, schema: body };
  }
  return entry;
});

const out = path.join(root, 'test/github/fixtures/openapi-subset.json');
writeFileSync(
  out,
  `${JSON.stringify({ source: `@octokit/openapi ${version}, generated/api.github.com.json`, operations }, null, 2)}\n`,
);
console.log(`wrote ${operations.length} operations to ${path.relative(root, out)}`);
