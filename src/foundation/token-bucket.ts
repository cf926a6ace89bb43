/**
 * The token-bucket rule, once: a bucket holds at most `capacity` tokens and is refilled continuously at
 * `perSecond` tokens a second (never backwards, should the clock step back); a request takes one whole
 * token (with 1e-9 of slack, refilled amounts being floating point); a refused request is told how many
 * seconds until a whole token is back (at least 1).
 *
 * Two limiters follow it:
 *  - plugins/gov-api/server/src/http/rate-limit.ts keeps its buckets in memory, per node, and runs
 *    `takeToken` below as is;
 *  - src/requests/rate-limit.ts keeps its buckets in the database (shared by every node) and must refill
 *    and take in ONE atomic SQL statement, so it states refill/take in SQL — the same arithmetic, with
 *    `TOKEN_SLACK` — and shares the verdict (`verdictOf`) from here.
 */

export interface TokenVerdict {
  allowed: boolean;
  /** Whole tokens left after this take. */
  remaining: number;
  /** Seconds until one token is available again (0 when allowed). */
  retryAfter: number;
}

/** Slack of a take: refilled amounts are floating point; a take of whole tokens stays exact. */
export const TOKEN_SLACK = 1e-9;

/** A bucket: tokens held at the moment `at` (milliseconds). */
export interface TokenBucket {
  tokens: number;
  at: number;
}

/** Tokens of a bucket at `now` (ms): refilled since `at`, capped at `capacity`. */
export function refilled(bucket: TokenBucket, now: number, capacity: number, perSecond: number): number {
  return Math.min(capacity, bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * perSecond);
}

/** The verdict of a take that left `tokens` in the bucket. */
export function verdictOf(tokens: number, allowed: boolean, perSecond: number): TokenVerdict {
  return {
    allowed,
    remaining: Math.max(0, Math.floor(tokens + TOKEN_SLACK)),
    retryAfter: allowed ? 0 : Math.max(1, Math.ceil((1 - tokens) / perSecond)),
  };
}

/** Refills `bucket` to `now` and takes one token if there is one (the bucket is updated in place). */
export function takeToken(bucket: TokenBucket, now: number, capacity: number, perSecond: number): TokenVerdict {
  const tokens = refilled(bucket, now, capacity, perSecond);
  const allowed = tokens >= 1 - TOKEN_SLACK;
  bucket.tokens = allowed ? Math.max(0, tokens - 1) : tokens;
  bucket.at = Math.max(bucket.at, now);
  return verdictOf(bucket.tokens, allowed, perSecond);
}
