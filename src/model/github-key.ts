/**
 * GitHub identities in members files (design §5.2): `github: LOGIN` (case-insensitive) and/or
 * `githubId: NUMBER`. The key is the numeric user id; a member named only by login carries the key
 * `github:<login>` until the github provider resolves it to the id (before planning).
 */
export const UNRESOLVED_LOGIN_PREFIX = 'github:';

/** GitHub logins: letters, digits and single hyphens inside, at most 39 characters. */
const LOGIN = /^[A-Za-z\d](?:[A-Za-z\d]|-(?=[A-Za-z\d])){0,38}$/;

export function isGitHubLogin(value: string): boolean {
  return LOGIN.test(value);
}

/** The member key for a GitHub identity, or a sentence saying what is wrong with it. */
export function githubKey(input: {
  github?: string;
  githubId?: number;
}): { key: string; id?: string; github?: string } | { error: string } {
  const login = input.github?.trim();
  if (login !== undefined && !isGitHubLogin(login))
    return {
      error: `invalid GitHub login "${login}": letters, digits and single hyphens inside, at most 39 characters`,
    };
  if (input.githubId !== undefined) {
    const id = String(input.githubId);
    return login === undefined ? { key: id, id } : { key: id, id, github: login };
  }
  if (login !== undefined) return { key: `${UNRESOLVED_LOGIN_PREFIX}${login.toLowerCase()}`, github: login };
  return { error: 'member has neither a GitHub login nor a GitHub id' };
}
