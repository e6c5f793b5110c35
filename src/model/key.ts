import type { Diagnostics, SourceLocation } from './diagnostic.js';

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

/** Reports a bad identity and returns the normalized key, or undefined. */
export function memberKey(
  input: { email?: string; id?: string },
  at: SourceLocation,
  diags: Diagnostics,
): { key: string; email?: string; id?: string } | undefined {
  if (input.email !== undefined && input.email.trim() !== '') {
    const email = normalizeEmail(input.email);
    if (!isEmail(email)) {
      diags.error(at, `invalid e-mail address "${input.email.trim()}"`);
      return undefined;
    }
    return { key: email, email, id: input.id?.trim() || undefined };
  }
  if (input.id !== undefined && input.id.trim() !== '') {
    const id = normalizeId(input.id);
    if (looksLikeEmail(id)) return memberKey({ email: id }, at, diags);
    if (!isPlatformId(id)) {
      diags.error(at, `invalid platform id "${id}": use letters, digits, ".", "_" or "-"`);
      return undefined;
    }
    return { key: id, id };
  }
  diags.error(at, 'member has neither an e-mail nor an id');
  return undefined;
}
