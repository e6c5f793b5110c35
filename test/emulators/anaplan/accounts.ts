import type { ScimStore } from '../../scim-server/store.js';

/** A user account of the tenant: what "a user already has an account" means. */
export interface Account {
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
}

/** The tenant's accounts, as the model's import sees them. */
export interface Accounts {
  byEmail(email: string): Account | undefined;
  byId(userId: string): Account | undefined;
  /** A new user, added by the import. */
  create(a: Omit<Account, 'userId'>): Account;
}

/** Accounts of the emulated model alone (the emulator's own unit tests). */
export function localAccounts(): Accounts & { all: Account[] } {
  const all: Account[] = [];
  let seq = 0;
  return {
    all,
    byEmail: (email) => all.find((a) => a.email.toLowerCase() === email.toLowerCase()),
    byId: (id) => all.find((a) => a.userId === id),
    create: (a) => {
      const account = { ...a, userId: `8a8196a2${String(++seq).padStart(8, '0')}` };
      all.push(account);
      return account;
    },
  };
}

type Rec = Record<string, unknown> & { id: string };

function fromScim(u: Rec | undefined): Account | undefined {
  if (!u) return undefined;
  const name = (u.name ?? {}) as { givenName?: string; familyName?: string };
  return {
    userId: u.id,
    email: String(u.userName),
    firstName: name.givenName ?? '',
    lastName: name.familyName ?? '',
  };
}

/**
 * The accounts of the SCIM test server's tenant (the same users Anaplan's SCIM API lists): the user ID
 * is the SCIM id, the e-mail its userName. A user the import adds becomes a SCIM user too.
 */
export function scimAccounts(store: ScimStore): Accounts {
  return {
    byEmail: (email) => fromScim(store.userByName(email)),
    byId: (id) => fromScim(store.users.get(id)),
    create: (a) =>
      fromScim(
        store.addUser({
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
          userName: a.email,
          name: { givenName: a.firstName, familyName: a.lastName },
          emails: [{ value: a.email, type: 'work', primary: true }],
        }),
      )!,
  };
}
