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

/**
 * Per target (signatureAlgorithm): hmac-sha256 (default) or hmac-sm3 (国密, GB/T 32905 SM3 in HMAC,
 * only where the platform's OpenSSL offers sm3). With hmac-sm3 the header reads `sm3=<hex>`; the signed
 * string is the same.
 */
export const SIGNATURE_ALGORITHMS = ['hmac-sha256', 'hmac-sm3'] as const;
export type SignatureAlgorithm = (typeof SIGNATURE_ALGORITHMS)[number];
const HASH: Record<SignatureAlgorithm, { hash: string; prefix: string }> = {
  'hmac-sha256': { hash: 'sha256', prefix: SIGNATURE_PREFIX },
  'hmac-sm3': { hash: 'sm3', prefix: 'sm3=' },
};

export function sm3Available(): boolean {
  return crypto.getHashes().includes('sm3');
}

export function sign(secret: string, timestamp: string | number, body: string | Buffer, algorithm: SignatureAlgorithm = 'hmac-sha256'): string {
  const { hash, prefix } = HASH[algorithm] ?? HASH['hmac-sha256'];
  const mac = crypto.createHmac(hash, secret);
  mac.update(`${timestamp}.`);
  mac.update(body);
  return prefix + mac.digest('hex');
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
  now: number = Date.now(),
  algorithm: SignatureAlgorithm = 'hmac-sha256'
): boolean {
  const spec = HASH[algorithm];
  if (!spec || (algorithm === 'hmac-sm3' && !sm3Available())) return false;
  if (!secret || Array.isArray(timestamp) || Array.isArray(header) || timestamp == null || header == null) return false;
  const ts = String(timestamp);
  if (!/^\d{1,16}$/.test(ts)) return false;
  if (!(toleranceMs >= 0) || Math.abs(now - Number(ts)) > toleranceMs) return false;
  const got = String(header).trim();
  if (!got.startsWith(spec.prefix) || !/^[0-9a-f]{64}$/i.test(got.slice(spec.prefix.length))) return false;
  const expected = Buffer.from(sign(secret, ts, body, algorithm).slice(spec.prefix.length), 'hex');
  const actual = Buffer.from(got.slice(spec.prefix.length).toLowerCase(), 'hex');
  return expected.length === actual.length && crypto.timingSafeEqual(expected, actual);
}
