/** What one read of a GitHub organization found: the provider's own view, richer than ActualState. */
export interface OrgMember {
  id: number;
  login: string;
  /** Organization owner. */
  admin: boolean;
  /** Team slug → role in it. */
  teams: Map<string, 'member' | 'maintainer'>;
}

export interface PendingInvitation {
  /** The invitation's id (for DELETE /orgs/{org}/invitations/{id}). */
  id: number;
  /** The invitee's user id, when known (resolved from the login). */
  inviteeId?: number;
  login?: string;
  email?: string;
  admin: boolean;
  teams: string[];
  createdAt: string;
}

export interface FailedInvitation {
  login?: string;
  email?: string;
  reason: string;
  failedAt?: string;
  createdAt?: string;
}

export interface Team {
  id: number;
  slug: string;
  name: string;
}

export interface OrgSnapshot {
  /** The token's user: never removed nor demoted. Absent for an app installation token. */
  self?: { id: number; login: string };
  members: Map<number, OrgMember>;
  /** Lower-cased login → member id. */
  logins: Map<string, number>;
  invitations: PendingInvitation[];
  failed: FailedInvitation[];
  teams: Map<string, Team>;
  /** Paid seats, when the organization reports them to this token. */
  seats?: { total: number; filled: number };
  /** Invitations the organization may still send in the current 24 hours. */
  inviteQuota: number;
  /** Requests this read used. */
  requests: number;
}

/** The key of a pending invitation: its invitee's id, else its e-mail. */
export function invitationKey(inv: PendingInvitation): string | undefined {
  if (inv.inviteeId !== undefined) return String(inv.inviteeId);
  return inv.email?.trim().toLowerCase() || undefined;
}
