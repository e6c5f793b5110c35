import { MANAGED_FIELDS, type ManagedField } from './member.js';
import type { ChangeAction } from './plan.js';

/** What a platform can do; the planner blocks what it cannot (`unsupported`), the executor paces writes. */
export interface Capabilities {
  pseudonymize: boolean;
  hardDelete: boolean;
  /** Roles can be locked after use and then cannot be revoked; holders cannot be removed. */
  lockedLicenses: boolean;
  /** Fields the platform lets an administrator change in place. */
  updatableFields: readonly ManagedField[];
  /** Fields a new member must have to be invited (Deepomatic, Anaplan: first and last name). */
  inviteNeeds?: readonly ManagedField[];
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
