/**
 * The database token buckets of the public 依申请公开 routes (src/requests/rate-limit.ts) on an
 * in-memory SQLite (better-sqlite3, as in production); the same statements on PostgreSQL and across
 * connections are exercised by tests/integration/requests-public.test.ts.
 */
import knexFactory, { type Knex } from 'knex';
import { ensureRateLimitTable, giveBackToken, RATE_LIMIT_TABLE, sweepFullBuckets, takeToken } from '../../src/requests/rate-limit';

let knex: Knex;
/** Lets `ms` pass for a bucket: its last update and the moment it is full again move back by `ms`. */
const elapse = (bucket: string, ms: number) =>
  knex(RATE_LIMIT_TABLE).where({ bucket }).update({ updated_ms: knex.raw('updated_ms - ?', [ms]), full_at_ms: knex.raw('full_at_ms - ?', [ms]) });

beforeEach(async () => {
  knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
  await ensureRateLimitTable(knex, false);
  await ensureRateLimitTable(knex, false); // idempotent
});
afterEach(() => knex.destroy());

it('allows exactly `points` at once, then refuses with the seconds until the next token', async () => {
  const conf = { points: 5, windowSeconds: 3600 };
  const verdicts = [];
  for (let i = 0; i < 7; i++) verdicts.push(await takeToken(knex, false, 'submit', '203.0.113.7', conf));
  expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, true, true, false, false]);
  expect(verdicts.map((v) => v.remaining)).toEqual([4, 3, 2, 1, 0, 0, 0]);
  // one token per 720 s
  expect(verdicts[5].retryAfter).toBeGreaterThan(715);
  expect(verdicts[5].retryAfter).toBeLessThanOrEqual(720);
  // other clients and other buckets are independent
  expect((await takeToken(knex, false, 'submit', '203.0.113.8', conf)).allowed).toBe(true);
  expect((await takeToken(knex, false, 'query', '203.0.113.7', conf)).allowed).toBe(true);
});

it('refills continuously over the window (the database clock)', async () => {
  // one token per 30 min: the real time between statements never adds a token; time passes by moving the
  // bucket's last update back (no sleeps, so a loaded machine cannot change the outcome)
  const conf = { points: 2, windowSeconds: 3600 };
  const TOKEN_MS = 1800 * 1000;
  expect((await takeToken(knex, false, 'b', 'c', conf)).allowed).toBe(true);
  expect((await takeToken(knex, false, 'b', 'c', conf)).allowed).toBe(true);
  const refused = await takeToken(knex, false, 'b', 'c', conf);
  expect(refused).toMatchObject({ allowed: false, retryAfter: 1800 });
  await elapse('b', 1.2 * TOKEN_MS);
  expect((await takeToken(knex, false, 'b', 'c', conf)).allowed).toBe(true);
  expect((await takeToken(knex, false, 'b', 'c', conf)).allowed).toBe(false);
  await elapse('b', 10 * TOKEN_MS);
  // never more than `points`, however long the pause
  expect((await takeToken(knex, false, 'b', 'c', conf)).allowed).toBe(true);
  expect((await takeToken(knex, false, 'b', 'c', conf)).allowed).toBe(true);
  expect((await takeToken(knex, false, 'b', 'c', conf)).allowed).toBe(false);
});

it('a lower allowance applies at once to an existing bucket', async () => {
  for (let i = 0; i < 3; i++) await takeToken(knex, false, 'b', 'c', { points: 1000, windowSeconds: 3600 });
  const conf = { points: 2, windowSeconds: 3600 };
  expect((await takeToken(knex, false, 'b', 'c', conf)).allowed).toBe(true);
  expect((await takeToken(knex, false, 'b', 'c', conf)).allowed).toBe(true);
  expect((await takeToken(knex, false, 'b', 'c', conf)).allowed).toBe(false);
});

it('a token given back can be taken again, never beyond `points`', async () => {
  const conf = { points: 2, windowSeconds: 3600 };
  await takeToken(knex, false, 'w', 'c', conf);
  await takeToken(knex, false, 'w', 'c', conf);
  expect((await takeToken(knex, false, 'w', 'c', conf)).allowed).toBe(false);
  await giveBackToken(knex, false, 'w', 'c', conf);
  expect((await takeToken(knex, false, 'w', 'c', conf)).allowed).toBe(true);
  for (let i = 0; i < 5; i++) await giveBackToken(knex, false, 'w', 'c', conf);
  const row = await knex(RATE_LIMIT_TABLE).where({ bucket: 'w', client: 'c' }).first();
  expect(row.tokens).toBe(2);
});

it('the sweep deletes full buckets only (bounded storage without forgetting a limit)', async () => {
  await takeToken(knex, false, 'fast', 'a', { points: 10, windowSeconds: 3600 }); // full again after 6 min
  await takeToken(knex, false, 'slow', 'b', { points: 5, windowSeconds: 3600 }); // full again after 12 min
  expect(await sweepFullBuckets(knex, false)).toBe(0);
  await elapse('fast', 7 * 60 * 1000);
  expect(await sweepFullBuckets(knex, false)).toBe(1);
  expect((await knex(RATE_LIMIT_TABLE).select('bucket')).map((r: any) => r.bucket)).toEqual(['slow']);
  // the refused take of an empty bucket keeps its row too
  const conf = { points: 1, windowSeconds: 3600 };
  await takeToken(knex, false, 'one', 'c', conf);
  expect((await takeToken(knex, false, 'one', 'c', conf)).allowed).toBe(false);
  expect(await sweepFullBuckets(knex, false)).toBe(0);
  expect((await takeToken(knex, false, 'one', 'c', conf)).allowed).toBe(false);
});
