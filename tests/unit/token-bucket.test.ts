/**
 * The one token-bucket rule (src/foundation/token-bucket.ts), used as is by gov-api's in-memory limiter and
 * as the verdict of the database limiter of the 依申请公开 routes.
 */
import { refilled, takeToken, verdictOf } from '../../src/foundation/token-bucket';

describe('token bucket rule', () => {
  it('takes whole tokens, refills at the rate, caps at the capacity', () => {
    const b = { tokens: 2, at: 0 };
    expect(takeToken(b, 0, 2, 1)).toEqual({ allowed: true, remaining: 1, retryAfter: 0 });
    expect(takeToken(b, 0, 2, 1)).toEqual({ allowed: true, remaining: 0, retryAfter: 0 });
    expect(takeToken(b, 500, 2, 1)).toEqual({ allowed: false, remaining: 0, retryAfter: 1 });
    expect(takeToken(b, 1000, 2, 1).allowed).toBe(true);
    expect(refilled(b, 60_000, 2, 1)).toBe(2);
  });
  it('never refills backwards when the clock steps back', () => {
    const b = { tokens: 0.5, at: 10_000 };
    expect(refilled(b, 5_000, 3, 1)).toBe(0.5);
    expect(takeToken(b, 5_000, 3, 1).allowed).toBe(false);
    expect(b.at).toBe(10_000);
  });
  it('counts a floating-point shortfall below 1e-9 as a whole token', () => {
    expect(takeToken({ tokens: 1 - 1e-12, at: 0 }, 0, 5, 0.1).allowed).toBe(true);
  });
  it('tells a refused client the seconds until one token is back (at least 1)', () => {
    expect(verdictOf(0, false, 5 / 3600).retryAfter).toBe(720);
    expect(verdictOf(0.99, false, 100).retryAfter).toBe(1);
  });
});
