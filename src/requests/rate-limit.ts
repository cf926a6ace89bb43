/**
 * A small in-memory token bucket per key (IP): `points` tokens, refilled continuously over
 * `windowSeconds`. Per Strapi node (several nodes behind a load balancer each keep their own
 * buckets; put a shared limiter in the proxy if that matters).
 */
import type { Bucket } from './config';

interface State {
  tokens: number;
  updated: number;
}

export interface Verdict {
  allowed: boolean;
  /** Seconds until one token is available again (when not allowed). */
  retryAfter: number;
}

export class TokenBuckets {
  private states = new Map<string, State>();
  private lastSweep = Date.now();

  constructor(private readonly now: () => number = Date.now) {}

  private refill(key: string, conf: Bucket): State {
    const t = this.now();
    const rate = conf.points / (conf.windowSeconds * 1000); // tokens per ms
    const s = this.states.get(key) ?? { tokens: conf.points, updated: t };
    s.tokens = Math.min(conf.points, s.tokens + (t - s.updated) * rate);
    s.updated = t;
    this.states.set(key, s);
    this.sweep(conf);
    return s;
  }

  /** Takes one token if there is one. */
  take(key: string, conf: Bucket): Verdict {
    const s = this.refill(key, conf);
    if (s.tokens >= 1) {
      s.tokens -= 1;
      return { allowed: true, retryAfter: 0 };
    }
    return { allowed: false, retryAfter: this.wait(s, conf) };
  }

  /** Whether a token is available, without taking it. */
  peek(key: string, conf: Bucket): Verdict {
    const s = this.refill(key, conf);
    return s.tokens >= 1 ? { allowed: true, retryAfter: 0 } : { allowed: false, retryAfter: this.wait(s, conf) };
  }

  reset(): void {
    this.states.clear();
  }

  private wait(s: State, conf: Bucket): number {
    const rate = conf.points / (conf.windowSeconds * 1000);
    return Math.max(1, Math.ceil((1 - s.tokens) / rate / 1000));
  }

  /** Forget full buckets now and then (bounded memory). */
  private sweep(conf: Bucket): void {
    const t = this.now();
    if (t - this.lastSweep < 60_000) return;
    this.lastSweep = t;
    const rate = conf.points / (conf.windowSeconds * 1000);
    for (const [k, s] of this.states) if (s.tokens + (t - s.updated) * rate >= conf.points) this.states.delete(k);
  }
}
