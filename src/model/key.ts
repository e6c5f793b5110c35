/**
 * Member keys: an e-mail (trimmed, lower-cased, NFC) or a platform id (trimmed, NFC, case kept).
 */
/** Letters and digits of any script, as internationalized addresses (RFC 6531) and domains (IDN) allow. */
const EMAIL =
  /^[\p{L}\p{M}\p{N}.!#$%&'*+/=?^_`{|}~-]+@[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}-]{0,61}[\p{L}\p{M}\p{N}])?(?:\.[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}-]{0,61}[\p{L}\p{M}\p{N}])?)+$/u;

export function isEmail(value: string): boolean {
  if (value.length > 254) return false;
  if (!EMAIL.test(value)) return false;
  const local = value.slice(0, value.indexOf('@'));
  return local.length <= 64 && !local.startsWith('.') && !local.endsWith('.') && !local.includes('..');
}

export function looksLikeEmail(value: string): boolean {
  return value.includes('@');
}

export function normalizeEmail(value: string): string {
  return value.trim().normalize('NFC').toLowerCase();
}

export function normalizeId(value: string): string {
  return value.trim().normalize('NFC');
}

/** Normalizes an identity: e-mails are case-folded, platform ids are not. */
export function normalizeKey(value: string): string {
  return looksLikeEmail(value) ? normalizeEmail(value) : normalizeId(value);
}

/** 3DPassport ids and similar platform logins: letters, digits and . _ - (no spaces). */
const PLATFORM_ID = /^[\p{L}\p{N}._-]{1,128}$/u;

export function isPlatformId(value: string): boolean {
  return PLATFORM_ID.test(value);
}
