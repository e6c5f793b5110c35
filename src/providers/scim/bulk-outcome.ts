import { ScimError } from './errors.js';

/**
 * Bulk requests rollcall keeps in flight at once. A service works through a Bulk request's operations in
 * order, and many (SCIMMY, anything behind one database transaction) through one Bulk request at a time:
 * more in flight only wait at the service, past the timeout, and come back as retries of work that was
 * done. One request already carries up to maxOperations changes.
 */
export const BULK_IN_FLIGHT = 1;

/**
 * A failed request whose effect is unknown: no answer (timeout, connection lost) or a gateway's 500/502/504.
 * The service may have carried out some or all of it, so nothing may be sent again before a re-read.
 * (429 and 503 say the service refused the request: nothing was done.)
 */
export function outcomeUnknown(e: unknown): boolean {
  if (!(e instanceof ScimError) || !e.transient) return false;
  const s = e.status;
  return s === undefined || s === 500 || s === 502 || s === 504;
}

/** The error for what was not sent because an earlier request's outcome is unknown. */
export function heldBack(): ScimError {
  return new ScimError(
    'not sent: an earlier Bulk request got no answer, so the service is read again before anything else is sent',
    { transient: true },
  );
}
