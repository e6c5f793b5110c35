import { MANAGED_FIELDS, type ManagedField } from './member.js';
import type { ChangeAction } from './plan.js';

/** What a platform can do; the planner blocks what it cannot (`unsupported`), the executor paces writes. */
export interface Capabilities {
  pseudonymize: boolean;
  hardDelete: boolean;
  /**
   * Seat pools are shown but not enforced: the tenant lets administrators grant roles without a license
   * (3DEXPERIENCE "Allow administrators to grant roles without assigning the associated license").
   */
  seatsAdvisory?: boolean;
  /** Roles can be locked after use and then cannot be revoked; holders cannot be removed. */
  lockedLicenses: boolean;
  /** Fields the platform lets an administrator change in place. */
  updatableFields: readonly ManagedField[];
  /** Fields a new member must have to be invited (Deepomatic, Anaplan: first and last name). */
  inviteNeeds?: readonly ManagedField[];
  /** A new member must be given a role (Deepomatic: "setting permissions … is necessary"). */
  inviteNeedsRole?: boolean;
  /** A new member must be named by an e-mail address (Anaplan, Deepomatic): an invite by id is blocked. */
  inviteNeedsEmail?: boolean;
  /** A member holds at most one role of this kind (Anaplan: one model role per model); more is blocked. */
  exclusiveRole?: { is(role: string): boolean; message(key: string, roles: readonly string[]): string };
  /** Fields an update cannot clear, each with the sentence saying where to do it by hand. */
  cannotClear?: Partial<Record<ManagedField, (key: string) => string>>;
  /** Actions this platform cannot carry out, each with a sentence saying why and where to do it by hand. */
  unsupportedActions?: Partial<Record<ChangeAction, string>>;
  /** Changes go in one import file per phase, processed as an asynchronous job. */
  batchOnly: boolean;
  maxBatchSize?: number;
  /** Changes the executor may run at once inside a phase. */
  concurrency: number;
  /** Minimum time between two writes (GitHub: 1 s). */
  minWriteIntervalMs: number;
}

/** Every managed field: for platforms that let an administrator change all of them. */
export const ALL_FIELDS: readonly ManagedField[] = MANAGED_FIELDS;
