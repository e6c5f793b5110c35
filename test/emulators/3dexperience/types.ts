import type { BatchLine } from './batch-file.js';

/** The emulated 3DEXPERIENCE platform's data (see platform.ts). */
export type Status = 'Pending' | 'Active' | 'No access' | 'Pseudonymized';

export interface EmulatedMember {
  /** 3DPassport id, once the user has one. */
  id?: string;
  email: string;
  firstName?: string;
  lastName?: string;
  admin: boolean;
  contractor: boolean;
  roles: Set<string>;
  locked: Set<string>;
  status: Status;
  location: string;
}

export interface Passport {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
}

export interface RowResult {
  line: number;
  user: string;
  status: 'OK' | 'KO';
  reason?: string;
}

export interface Transaction {
  id: number;
  name: string;
  status: 'Not Started' | 'OK' | 'KO';
  rows: RowResult[];
  lines: BatchLine[];
}

export interface PlatformSetup {
  /**
   * A `force` row takes away the roles it does not list. The doc never says so ("force synchronization of
   * all mandatory parameters (… role …)"): off by default, on only where a test checks rollcall's opt-in
   * `revokeByForceRow` reading.
   */
  forceRevokes?: boolean;
  /** Licenses per role; every role the platform offers. */
  roles: Record<string, number>;
  /** Prerequisite roles a row must list along with a role ("along with their prerequisite roles"). */
  prerequisites?: Record<string, string[]>;
  /** The option "Allow administrators to grant roles without assigning the associated license". */
  grantWithoutLicense?: boolean;
  /** The 3DPassport accounts that exist, by e-mail. */
  passports?: Passport[];
}

export function present(m: EmulatedMember): boolean {
  return m.status === 'Pending' || m.status === 'Active';
}
