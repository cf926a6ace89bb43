import crypto from 'crypto';

/**
 * Push signatures (documented in plugins/sync/README.md):
 *   X-Gov-Timestamp: <unix time in milliseconds>
 *   X-Gov-Signature: sha256=<hex HMAC-SHA256(secret, `${timestamp}.${body}`)>
 * where body is the exact bytes of the request body. Receivers verify with verifySignature() (or the
 * same three lines in their own language) over the RAW body, before parsing it.
 */
export const SIGNATURE_PREFIX = 'sha256=';
export const DEFAULT_TOLERANCE_MS = 5 * 60 * 1000;

export function sign(secret: string, timestamp: string | number, body: string | Buffer): string {
  const mac = crypto.createHmac('sha256', secret);
  mac.update(`${timestamp}.`);
  mac.update(body);
  return SIGNATURE_PREFIX + mac.digest('hex');
}

/**
 * True when `header` is a valid signature of `body` at `timestamp` with `secret`, and the timestamp is
 * within `toleranceMs` of the receiver's clock (replay protection; pair it with Idempotency-Key dedup).
 * Constant-time comparison; any malformed input gives false, never an exception.
 */
export function verifySignature(
  secret: string,
  timestamp: string | number | string[] | undefined | null,
  body: string | Buffer,
  header: string | string[] | undefined | null,
  toleranceMs: number = DEFAULT_TOLERANCE_MS,
  now: number = Date.now()
): boolean {
  if (!secret || Array.isArray(timestamp) || Array.isArray(header) || timestamp == null || header == null) return false;
  const ts = String(timestamp);
  if (!/^\d{1,16}$/.test(ts)) return false;
  if (!(toleranceMs >= 0) || Math.abs(now - Number(ts)) > toleranceMs) return false;
  const got = String(header).trim();
  if (!got.startsWith(SIGNATURE_PREFIX) || !/^[0-9a-f]{64}$/i.test(got.slice(SIGNATURE_PREFIX.length))) return false;
  const expected = Buffer.from(sign(secret, ts, body).slice(SIGNATURE_PREFIX.length), 'hex');
  const actual = Buffer.from(got.slice(SIGNATURE_PREFIX.length).toLowerCase(), 'hex');
  return expected.length === actual.length && crypto.timingSafeEqual(expected, actual);
}
