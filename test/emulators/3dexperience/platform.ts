import {
  type BatchLine,
  callsPassport,
  forcesSync,
  isAdmin,
  isContractor,
  LOCATIONS,
  readBatchFile,
  removeOption,
  sendsMail,
} from './batch-file.js';
import {
  type EmulatedMember,
  type Passport,
  type PlatformSetup,
  present,
  type RowResult,
  type Transaction,
} from './types.js';

export type { EmulatedMember, PlatformSetup, Status, Transaction } from './types.js';

/**
 * A 3DEXPERIENCE platform's Members Control Center, emulated from the vendor documents only
 * (platform-docs/3dexperience-*.txt), to check the files rollcall writes against the platform's rules:
 *
 * - An imported batch file becomes an asynchronous transaction: Not Started, then, once processed, OK when
 *   every row went through or KO, each row with its reason.
 * - Inviting adds the user as Pending, granting the row's roles; the user shows by e-mail until it accepts,
 *   then by name (from its 3DPassport).
 * - A role takes a license: "Used: 81/200"; no row may take more than the total (unless the platform lets
 *   administrators grant roles without a license).
 * - remove 1, 2, 3: remove, pseudonymize, delete, in that order; only pseudonymized users can be deleted;
 *   a user holding a locked license cannot be removed.
 * - Unknown roles and locations are refused.
 *
 * Where the documents are silent, the choice is written next to the code.
 */
export class Emulated3dx {
  readonly members: EmulatedMember[] = [];
  readonly transactions: Transaction[] = [];
  /** Getting started e-mails sent. */
  readonly mails: string[] = [];
  private readonly passports: Passport[];

  constructor(readonly setup: PlatformSetup) {
    this.passports = [...(setup.passports ?? [])];
  }

  /** The "Used: N/M" of a role: licenses held by pending and active members. */
  used(role: string): number {
    return this.members.filter((m) => present(m) && m.roles.has(role)).length;
  }

  find(user: string): EmulatedMember | undefined {
    const u = user.trim().toLowerCase();
    return this.members.find((m) => m.email.toLowerCase() === u || m.id?.toLowerCase() === u);
  }

  /** A member as it stands before any file (the starting point of a test). */
  seed(
    m: Omit<Partial<EmulatedMember>, 'roles' | 'locked'> & {
      email: string;
      roles?: Iterable<string>;
      locked?: Iterable<string>;
    },
  ): EmulatedMember {
    const member: EmulatedMember = {
      admin: false,
      contractor: false,
      status: 'Active',
      location: '',
      ...m,
      roles: new Set(m.roles ?? []),
      locked: new Set(m.locked ?? []),
    };
    this.members.push(member);
    return member;
  }

  /** The user accepts the invitation: Active, its name from its 3DPassport. */
  accept(user: string): void {
    const m = this.find(user);
    if (m?.status !== 'Pending') throw new Error(`${user} has no pending invitation`);
    m.status = 'Active';
    this.refreshFromPassport(m);
  }

  /** The platform locks a license once it has been used. */
  lock(user: string, role: string): void {
    const m = this.find(user);
    if (!m?.roles.has(role)) throw new Error(`${user} does not hold ${role}`);
    m.locked.add(role);
  }

  /** Import Members > Invite Members: the transaction is created, Not Started. */
  submit(name: string, text: string): Transaction {
    const t: Transaction = {
      id: this.transactions.length + 1,
      name,
      status: 'Not Started',
      rows: [],
      lines: readBatchFile(text),
    };
    this.transactions.push(t);
    return t;
  }

  /** Runs the transactions not started yet, in the order they were submitted (the Refresh of the report). */
  process(): void {
    for (const t of this.transactions) {
      if (t.status !== 'Not Started') continue;
      t.rows = t.lines.map((l) => this.row(l));
      t.status = t.rows.every((r) => r.status === 'OK') ? 'OK' : 'KO';
    }
  }

  /** submit + process. */
  import(name: string, text: string): Transaction {
    const t = this.submit(name, text);
    this.process();
    return t;
  }

  private row(l: BatchLine): RowResult {
    const user = l.values?.user ?? '';
    const ko = (reason: string): RowResult => ({ line: l.line, user, status: 'KO', reason });
    if (!l.values) return ko(l.problem!);
    const v = l.values;
    if (user === '') return ko('user is empty');
    const remove = removeOption(v.remove);
    if (!remove) return ko(`unknown remove value "${v.remove}"`);
    const m = this.find(user);
    if (remove !== 'none') {
      const problem = this.offboard(m, remove);
      return problem ? ko(problem) : { line: l.line, user, status: 'OK' };
    }
    // "null - default": the platform's default site, shown as no location.
    const location = v.location.toUpperCase() === 'NULL' ? 'null' : v.location.toUpperCase();
    if (location !== '' && location !== 'null' && !LOCATIONS.includes(location))
      return ko(`invalid location "${v.location}"`);
    const roles = v.roles
      .split(',')
      .map((r) => r.trim().toUpperCase())
      .filter(Boolean);
    const unknown = roles.filter((r) => !Object.hasOwn(this.setup.roles, r));
    if (unknown.length) return ko(`unknown role ${unknown.join(', ')}`);
    for (const r of roles)
      for (const p of this.setup.prerequisites?.[r] ?? [])
        if (!roles.includes(p) && !(m && present(m) && m.roles.has(p)))
          return ko(`role ${r} needs its prerequisite ${p}`);
    const problem =
      m && present(m) ? this.update(m, v, roles, location) : this.invite(m, user, v, roles, location);
    return problem ? ko(problem) : { line: l.line, user, status: 'OK' };
  }

  private offboard(
    m: EmulatedMember | undefined,
    option: 'remove' | 'pseudonymize' | 'delete',
  ): string | undefined {
    if (!m) return 'unknown user';
    if (option === 'remove') {
      if (!present(m)) return `user is ${m.status}, not a member`;
      if (m.locked.size)
        return `locked license ${[...m.locked].sort().join(', ')}: the user cannot be removed`;
      m.status = 'No access';
      m.roles.clear(); // its licenses are freed
      return undefined;
    }
    if (option === 'pseudonymize') {
      // "use option 1 and 2 before using option 3": 2 comes after 1.
      if (m.status !== 'No access') return `user is ${m.status}: remove it before pseudonymizing`;
      m.status = 'Pseudonymized';
      delete m.firstName;
      delete m.lastName;
      return undefined;
    }
    if (m.status !== 'Pseudonymized') return `user is ${m.status}: only pseudonymized users can be deleted`;
    this.members.splice(this.members.indexOf(m), 1);
    return undefined;
  }

  private seatProblem(add: readonly string[]): string | undefined {
    if (this.setup.grantWithoutLicense) return undefined;
    const full = add.filter((r) => this.used(r) + 1 > this.setup.roles[r]!);
    return full.length
      ? `no seats: ${full.map((r) => `${r} Used: ${this.used(r)}/${this.setup.roles[r]}`).join(', ')}`
      : undefined;
  }

  private invite(
    existing: EmulatedMember | undefined,
    user: string,
    v: Record<string, string>,
    roles: string[],
    location: string,
  ): string | undefined {
    // A removed or pseudonymized user is invited again (the documents do not say otherwise).
    let email = user.toLowerCase();
    let id: string | undefined;
    if (!user.includes('@')) {
      const p = this.passports.find((x) => x.id.toLowerCase() === user.toLowerCase());
      if (!p) return 'unknown 3DPassport id';
      email = p.email.toLowerCase();
      id = p.id;
    } else if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(user)) return `invalid e-mail address "${user}"`;
    const problem = this.seatProblem([...new Set(roles)]);
    if (problem) return problem;
    const m: EmulatedMember = existing ?? {
      email,
      admin: false,
      contractor: false,
      roles: new Set(),
      locked: new Set(),
      status: 'Pending',
      location: '',
    };
    if (id) m.id = id;
    m.status = 'Pending';
    m.admin = isAdmin(v.rights!);
    m.contractor = isContractor(v.agreement!);
    m.roles = new Set(roles);
    m.locked = new Set();
    m.location = location === 'null' ? '' : location;
    delete m.firstName; // only the e-mail shows until the user accepts
    delete m.lastName;
    if (!existing) this.members.push(m);
    // The Passport service gives the user's 3DPassport id; its name shows only once it accepts.
    if (callsPassport(v.passport!)) {
      const p = this.passports.find((x) => x.email.toLowerCase() === m.email.toLowerCase());
      if (p) m.id = p.id;
    }
    if (sendsMail(v.mail!)) this.mails.push(m.email);
    return undefined;
  }

  private update(
    m: EmulatedMember,
    v: Record<string, string>,
    roles: string[],
    location: string,
  ): string | undefined {
    const force = forcesSync(v.force!);
    const add = roles.filter((r) => !m.roles.has(r));
    // Only the opt-in reading has a force row take roles away (see PlatformSetup.forceRevokes).
    const drop = force && this.setup.forceRevokes ? [...m.roles].filter((r) => !roles.includes(r)) : [];
    const locked = drop.filter((r) => m.locked.has(r));
    if (locked.length) return `locked license ${locked.join(', ')} cannot be revoked`;
    // Licenses a forced row gives back are free for the roles it adds.
    for (const r of drop) m.roles.delete(r);
    const problem = this.seatProblem(add);
    if (problem) {
      for (const r of drop) m.roles.add(r);
      return problem;
    }
    for (const r of add) m.roles.add(r);
    m.admin = isAdmin(v.rights!);
    m.contractor = isContractor(v.agreement!);
    // Empty: not said, the current site is kept; "null - default": back to the default site.
    if (location === 'null') m.location = '';
    else if (location !== '') m.location = location;
    if (callsPassport(v.passport!)) this.refreshFromPassport(m);
    return undefined;
  }

  private refreshFromPassport(m: EmulatedMember): void {
    const p = this.passports.find((x) => x.email.toLowerCase() === m.email.toLowerCase());
    if (!p) return;
    m.id = p.id;
    m.firstName = p.firstName;
    m.lastName = p.lastName;
  }
}
