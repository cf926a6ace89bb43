/**
 * Per-client token bucket: each IP has `burst` tokens, refilled at `ratePerSecond`; a request takes
 * one. Without a token the answer is 429 with Retry-After (seconds until a token is back).
 * In memory, per node (a deliberate simplification: N nodes allow N× the rate). The arithmetic (refill,
 * take, Retry-After) is the platform's one token-bucket rule, src/foundation/token-bucket.ts.
 */
import { refilled, takeToken, type TokenBucket, type TokenVerdict } from '../../../../../src/foundation/token-bucket';

export type Bucket = TokenBucket;
export type TakeResult = TokenVerdict;

export class TokenBucketLimiter {
  private buckets = new Map<string, Bucket>();

  constructor(private settings: () => { ratePerSecond: number; burst: number; maxClients: number }) {}

  take(key: string, now = Date.now()): TakeResult {
    const { ratePerSecond, burst, maxClients } = this.settings();
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: burst, at: now };
      if (this.buckets.size >= maxClients) this.sweep(now, true);
      this.buckets.set(key, b);
    }
    return takeToken(b, now, burst, ratePerSecond);
  }

  /** Drop buckets that are full again (idle clients); with `force`, also the oldest half. */
  sweep(now = Date.now(), force = false): void {
    const { ratePerSecond, burst } = this.settings();
    for (const [k, b] of this.buckets) {
      if (refilled(b, now, burst, ratePerSecond) >= burst) this.buckets.delete(k);
    }
    if (force && this.buckets.size) {
      let drop = Math.ceil(this.buckets.size / 2);
      for (const k of this.buckets.keys()) {
        if (drop-- <= 0) break;
        this.buckets.delete(k);
      }
    }
  }

  reset(): void {
    this.buckets.clear();
  }

  get clients(): number {
    return this.buckets.size;
  }
}
