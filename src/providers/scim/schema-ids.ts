/** SCIM schema URNs (RFC 7643, RFC 7644). */
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';

export interface PatchOperation {
  op: 'add' | 'remove' | 'replace';
  path?: string;
  value?: unknown;
}

export function patchBody(operations: PatchOperation[]): { schemas: string[]; Operations: PatchOperation[] } {
  return { schemas: [PATCH_OP], Operations: operations };
}

/** A string inside a SCIM filter: quoted, with `"` and `\` escaped (RFC 7644 §3.4.2.2, JSON string rules). */
export function filterString(value: string): string {
  return JSON.stringify(value);
}
