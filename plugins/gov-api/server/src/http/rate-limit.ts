/**
 * Per-client token bucket: each IP has `burst` tokens, refilled at `ratePerSecond`; a request takes
 * one. Without a token the answer is 429 with Retry-After (seconds until a token is back).
 * In memory, per node (a deliberate simplification: N nodes allow N× the rate).
 */
export interface Bucket {
  tokens: number;
  at: number;
}

export interface TakeResult {
  allowed: boolean;
  remaining: number;
  /** Seconds until the next token (when refused). */
  retryAfter: number;
}

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
    } else {
      b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * ratePerSecond);
      b.at = now;
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { allowed: true, remaining: Math.floor(b.tokens), retryAfter: 0 };
    }
    return { allowed: false, remaining: 0, retryAfter: Math.max(1, Math.ceil((1 - b.tokens) / ratePerSecond)) };
  }

  /** Drop buckets that are full again (idle clients); with `force`, also the oldest half. */
  sweep(now = Date.now(), force = false): void {
    const { ratePerSecond, burst } = this.settings();
    for (const [k, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * ratePerSecond >= burst) this.buckets.delete(k);
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
