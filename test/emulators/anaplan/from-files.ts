import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { ScimStore } from '../../scim-server/store.js';
import { scimAccounts } from './accounts.js';
import { EmulatedAnaplanModel, type ModelSetup } from './model.js';

/**
 * A tenant in the state a model's users export describes (an example's file): each user an account of
 * the SCIM server, with the given workspaces, and a user of the model with its role, access and SSO.
 */
export function tenantFromExport(
  file: string,
  store: ScimStore,
  setup: Omit<ModelSetup, 'accounts'> & { workspaces: { value: string; display: string }[] },
): EmulatedAnaplanModel {
  const model = new EmulatedAnaplanModel({ ...setup, accounts: scimAccounts(store) });
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, trim: true }) as Record<string, string>[];
  for (const r of rows) {
    const email = r.Email!;
    store.addUser({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: email,
      name: { givenName: r['First Name'], familyName: r['Last Name'] },
      emails: [{ value: email, type: 'work', primary: true }],
      entitlements: setup.workspaces.map((w) => ({ type: 'WORKSPACE', ...w })),
    });
    model.seed({
      email,
      role: r['Model Role'] || 'No Access',
      access: (r['Selective Access'] ?? '')
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
      sso: r.SSO === 'true',
    });
  }
  return model;
}
