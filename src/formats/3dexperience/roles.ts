/**
 * 3DEXPERIENCE role ids (platform-docs/3dexperience-invite-members-csv.txt): a trigram (`CSV`, `XEN`) or a
 * custom role / third-party app id (`RAP-XXXXXXXX`, `MAP-XXXXXXXX`).
 */
export const THREEDX_ROLE = /^(?:[A-Z0-9]{3}|(?:RAP|MAP)-[A-Z0-9]{8})$/;

export function is3dxRole(value: string): boolean {
  return THREEDX_ROLE.test(value);
}
