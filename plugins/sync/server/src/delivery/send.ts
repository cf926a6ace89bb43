import type { Target } from '../config';
import { applyMapping, serialize, tombstoneBody } from '../payload';
import { sign } from '../signature';
import { TYPE_OF, type ClaimedDelivery, type Rep } from './model';
import { matches, type Scope } from './scope';

/**
 * One signed HTTP push: builds the body of a claimed delivery and POSTs it to the target. No database access
 * — the worker (worker.ts) records the outcome.
 *
 * The body is built AT SEND TIME from the document's current public representation (mapped and serialised
 * for the target), not from a copy taken at fan-out: a delivery that waited (retries, a dead letter replayed
 * days later) never sends stale or since-withdrawn content. If the document is no longer public or no longer
 * in the target's scope, a tombstone goes instead of the upsert.
 *
 * The signature (signature.ts) covers the timestamp and the exact body bytes, so receivers can check origin
 * and freshness; Idempotency-Key lets them drop repeats (delivery is at-least-once, see queue.ts). Redirects are
 * not followed (the signed request would go elsewhere), the request is aborted after the target's timeoutMs
 * (the claim's lease is longer than that, so a slow target cannot make two workers send at once), and at most
 * 2 KiB of the answer is read (for the error message).
 */
export interface PushOutcome {
  /** the HTTP status, null when no answer arrived */
  status: number | null;
  /** null on a 2xx answer; otherwise why the push failed (kept as last_error) */
  error: string | null;
}

/** the first `max` bytes of a response body (the rest is not downloaded) */
async function readLimited(res: Response, max = 2048): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < max) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      size += value.length;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(parts).toString('utf8').slice(0, max);
}

/** the signed request for a claimed delivery: an upsert only if the document still qualifies, else a tombstone */
export function buildRequest(row: ClaimedDelivery, t: Target, rep: Rep | undefined, scope: Scope | undefined): { body: string; headers: Record<string, string> } {
  const type = TYPE_OF[row.uid] ?? row.uid;
  let op: 'upsert' | 'tombstone' = row.op;
  let payload: Record<string, unknown>;
  // the document is re-checked now: never send one that is no longer public or no longer in scope
  if (op === 'upsert' && rep && scope?.public && matches(t, scope)) payload = applyMapping(rep, t.mapping);
  else {
    payload = applyMapping(tombstoneBody(row.document_id, type, op === 'upsert'), { fields: t.mapping.fields });
    op = 'tombstone';
  }
  const { body, contentType } = serialize(payload, t.format, op);
  const timestamp = String(Date.now());
  const headers: Record<string, string> = {
    'content-type': contentType,
    'user-agent': 'gov-disclosure-sync/1',
    'x-gov-timestamp': timestamp,
    'x-gov-signature': sign(t.secret, timestamp, body, t.signatureAlgorithm ?? 'hmac-sha256'),
    'idempotency-key': row.idempotency_key,
    'x-gov-event': op,
    'x-gov-event-id': String(row.event_id),
    'x-gov-document-id': row.document_id,
    'x-gov-document-type': type,
    'x-gov-attempt': String(row.attempts),
  };
  return { body, headers };
}

/** builds, signs and POSTs one delivery; a 2xx answer is success, anything else (or no answer in time) an error */
export async function push(row: ClaimedDelivery, t: Target, rep: Rep | undefined, scope: Scope | undefined): Promise<PushOutcome> {
  const { body, headers } = buildRequest(row, t, rep, scope);
  let status: number | null = null;
  let error: string | null = null;
  if (!t.secret) error = 'secret 无法解密（ENCRYPTION_KEY 变更？）：请在管理界面重新设置';
  else {
    try {
      const res = await fetch(t.url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(t.timeoutMs) });
      status = res.status;
      const text = await readLimited(res);
      if (status < 200 || status >= 300) error = `HTTP ${status}${text ? `：${text.replace(/\s+/g, ' ').slice(0, 300)}` : ''}`;
    } catch (e: any) {
      error = e?.name === 'TimeoutError' || e?.name === 'AbortError' ? `超时（${t.timeoutMs} ms 内无应答）` : `${e?.cause?.code ?? e?.name ?? 'Error'}：${e?.cause?.message ?? e?.message ?? e}`;
    }
  }
  return { status, error };
}
