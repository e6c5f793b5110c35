import SCIMMY from 'scimmy';

/** Operations SCIMMY is handed at once when a Bulk request is applied in segments. */
export const BULK_SEGMENT = 10;

type Request = { Operations: { data?: unknown }[]; failOnErrors?: number };
type Apply = (this: Request, resourceTypes?: unknown, ctx?: unknown) => Promise<{ Operations: unknown[] }>;

let installed = false;

/**
 * SCIMMY's BulkRequest.apply costs O(k²) in the k operations of one request whatever they are: for every
 * POST it serializes the data of every other POST to find bulkId references, and every operation awaits
 * the results of all the operations before it. A Bulk request of 1,000 user creations spent ~1 s there
 * (10 M JSON.stringify calls, and their garbage), more than the creations themselves: a cost of our
 * emulator, not of SCIM or of any service it stands for. So a request no operation of which refers to a
 * bulkId (its `data` nowhere says "bulkId:") and without failOnErrors is applied by SCIMMY in segments of
 * BULK_SEGMENT operations, one after the other, and answered with one BulkResponse. That is what SCIMMY
 * does for such a request anyway (in order, each operation after the one before, an error failing its
 * operation alone), so the answer is the same, operation numbers in error details included; requests with
 * references or failOnErrors go to SCIMMY whole. Writes stay one at a time (control.ts).
 */
export function segmentBulkRequests(): void {
  if (installed) return;
  installed = true;
  const BulkRequest = SCIMMY.Messages.BulkRequest;
  const proto = BulkRequest.prototype as unknown as { apply: Apply };
  const whole = proto.apply;
  const dispatched = new WeakSet<object>();
  proto.apply = async function (resourceTypes, ctx) {
    const ops = this.Operations;
    if (
      this.failOnErrors ||
      ops.length <= BULK_SEGMENT ||
      JSON.stringify(ops.map((o) => o?.data ?? null)).includes('bulkId:')
    )
      return whole.call(this, resourceTypes, ctx);
    if (dispatched.has(this))
      throw new TypeError("BulkRequest 'apply' method must not be called more than once");
    dispatched.add(this);
    const results: unknown[] = [];
    for (let from = 0; from < ops.length; from += BULK_SEGMENT) {
      const part = new BulkRequest({
        schemas: [BulkRequest.id],
        Operations: ops.slice(from, from + BULK_SEGMENT) as never,
      });
      const response = await whole.call(part, resourceTypes, ctx);
      for (const r of response.Operations) {
        const error = (r as { response?: { detail?: unknown } }).response;
        if (from > 0 && typeof error?.detail === 'string')
          error.detail = error.detail.replace(
            /(in BulkRequest operation #)(\d+)/,
            (_, p, n) => `${p}${Number(n) + from}`,
          );
        results.push(r);
      }
    }
    return new SCIMMY.Messages.BulkResponse(results as never);
  };
}
