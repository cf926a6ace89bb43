/**
 * Token buckets kept in the database (table `gov_rate_limits`), so that every Strapi node on one
 * database shares them and "5 per hour" means 5: a bucket has `points` tokens, refilled continuously
 * over `windowSeconds`; a take is ONE atomic statement (INSERT … ON CONFLICT … DO UPDATE … RETURNING,
 * PostgreSQL and SQLite ≥ 3.35) that refills, takes a token if there is one and returns the outcome.
 * Time is the database's clock (one clock for all nodes); a statement that waited for the row lock
 * behind a later one never refills backwards.
 *
 * Rows of full buckets are deleted now and then (`full_at_ms`, the moment the bucket is full again,
 * is kept with each row): a missing row and a full bucket are the same thing, so nothing that limits
 * anybody is ever dropped.
 *
 * The rule itself (refill, take with TOKEN_SLACK, Retry-After) is src/foundation/token-bucket.ts; it is
 * restated in SQL here because refill and take must be one atomic statement, and only the verdict's
 * arithmetic (verdictOf) is shared as code.
 */
import type { Core } from '@strapi/strapi';
import type { Bucket } from './config';
import { ddlStatementsOnce, rowsOf } from '../foundation/sql';
import { TOKEN_SLACK, verdictOf, type TokenVerdict } from '../foundation/token-bucket';

export const RATE_LIMIT_TABLE = 'gov_rate_limits';

export type Verdict = TokenVerdict;

type Knex = any;

const NOW_MS = (pg: boolean) =>
  pg ? 'CAST(EXTRACT(EPOCH FROM statement_timestamp()) * 1000 AS DOUBLE PRECISION)' : "((julianday('now') - 2440587.5) * 86400000.0)";
const num = (pg: boolean, name: string) => `CAST(:${name} AS ${pg ? 'DOUBLE PRECISION' : 'REAL'})`;

export function createTableSql(pg: boolean): string {
  const real = pg ? 'DOUBLE PRECISION' : 'REAL';
  return `CREATE TABLE IF NOT EXISTS ${RATE_LIMIT_TABLE} (
     bucket VARCHAR(32) NOT NULL,
     client VARCHAR(64) NOT NULL,
     tokens ${real} NOT NULL,
     updated_ms ${real} NOT NULL,
     full_at_ms ${real} NOT NULL,
     allowed INTEGER NOT NULL,
     PRIMARY KEY (bucket, client)
   )`;
}

/** Creates the table if needed (idempotent; on PostgreSQL serialised across nodes by the schema advisory lock). */
export async function ensureRateLimitTable(knex: Knex, pg: boolean): Promise<void> {
  await ddlStatementsOnce(knex, pg, 'rate-limit', 'schema', [createTableSql(pg)]);
}


/** Takes one token from bucket `bucket` of `client`, atomically, in one statement. */
export async function takeToken(knex: Knex, pg: boolean, bucket: string, client: string, conf: Bucket): Promise<Verdict> {
  const t = RATE_LIMIT_TABLE;
  const [max, min] = pg ? ['GREATEST', 'LEAST'] : ['MAX', 'MIN'];
  const points = num(pg, 'points');
  const rate = num(pg, 'rate'); // tokens per millisecond
  const now = 'excluded.updated_ms';
  const refill = `${min}(${points}, ${t}.tokens + ${max}(0, ${now} - ${t}.updated_ms) * ${rate})`;
  // TOKEN_SLACK: refilled amounts are floating point; a take of whole tokens stays exact
  const ok = `(${refill}) >= 1 - ${TOKEN_SLACK}`;
  const after = `CASE WHEN ${ok} THEN ${max}(0, ${refill} - 1) ELSE ${refill} END`;
  const at = `${max}(${t}.updated_ms, ${now})`;
  const sql = `INSERT INTO ${t} (bucket, client, tokens, updated_ms, full_at_ms, allowed)
    VALUES (:bucket, :client, ${points} - 1, ${NOW_MS(pg)}, ${NOW_MS(pg)} + 1 / ${rate}, 1)
    ON CONFLICT (bucket, client) DO UPDATE SET
      tokens = ${after},
      allowed = CASE WHEN ${ok} THEN 1 ELSE 0 END,
      updated_ms = ${at},
      full_at_ms = ${at} + (${points} - (${after})) / ${rate}
    RETURNING tokens, allowed`;
  const rows = rowsOf(await knex.raw(sql, { bucket, client, points: conf.points, rate: conf.points / (conf.windowSeconds * 1000) }));
  if (!rows[0]) throw new Error('rate limit: no row returned');
  return verdictOf(Number(rows[0].tokens), Number(rows[0].allowed) === 1, conf.points / conf.windowSeconds);
}

/** Gives one token back (a reservation that turned out not to be needed), never above `points`. */
export async function giveBackToken(knex: Knex, pg: boolean, bucket: string, client: string, conf: Bucket): Promise<void> {
  const t = RATE_LIMIT_TABLE;
  const min = pg ? 'LEAST' : 'MIN';
  const points = num(pg, 'points');
  const rate = num(pg, 'rate');
  await knex.raw(
    `UPDATE ${t} SET tokens = ${min}(${points}, tokens + 1), full_at_ms = updated_ms + (${points} - ${min}(${points}, tokens + 1)) / ${rate}
     WHERE bucket = :bucket AND client = :client`,
    { bucket, client, points: conf.points, rate: conf.points / (conf.windowSeconds * 1000) },
  );
}

/** Deletes the rows of buckets that are full again (equivalent to no row). Returns how many. */
export async function sweepFullBuckets(knex: Knex, pg: boolean): Promise<number> {
  const result = await knex.raw(`DELETE FROM ${RATE_LIMIT_TABLE} WHERE full_at_ms <= ${NOW_MS(pg)}`);
  return Number(pg ? result?.rowCount : result?.changes) || 0;
}

// ---------------------------------------------------------------------------------------------

const SWEEP_EVERY_MS = 60_000;
const state = new WeakMap<object, { ready?: Promise<void>; lastSweep: number }>();

function stateOf(strapi: Core.Strapi) {
  let s = state.get(strapi);
  if (!s) {
    s = { lastSweep: Date.now() };
    state.set(strapi, s);
  }
  return s;
}

const pgOf = (strapi: Core.Strapi) => strapi.db.dialect.client === 'postgres';

/** The table, created once per node (also at boot, see bootstrapRequests). */
export function rateLimitsReady(strapi: Core.Strapi): Promise<void> {
  const s = stateOf(strapi);
  s.ready ??= ensureRateLimitTable(strapi.db.connection, pgOf(strapi)).catch((e) => {
    s.ready = undefined;
    throw e;
  });
  return s.ready;
}

/** The shared limiter of this Strapi (state in the database; nothing per node but the sweep timer). */
export function rateLimiter(strapi: Core.Strapi) {
  const knex = () => strapi.db.connection;
  const pg = pgOf(strapi);
  return {
    async take(bucket: string, client: string, conf: Bucket): Promise<Verdict> {
      await rateLimitsReady(strapi);
      const verdict = await takeToken(knex(), pg, bucket, client, conf);
      const s = stateOf(strapi);
      if (Date.now() - s.lastSweep >= SWEEP_EVERY_MS) {
        s.lastSweep = Date.now();
        await sweepFullBuckets(knex(), pg).catch((e) => strapi.log.warn(`[依申请公开] 清理限流记录失败：${String(e?.message ?? e)}`));
      }
      return verdict;
    },
    async giveBack(bucket: string, client: string, conf: Bucket): Promise<void> {
      await rateLimitsReady(strapi);
      await giveBackToken(knex(), pg, bucket, client, conf);
    },
    async sweep(): Promise<number> {
      await rateLimitsReady(strapi);
      stateOf(strapi).lastSweep = Date.now();
      return sweepFullBuckets(knex(), pg);
    },
    /** Forgets every bucket (tests, or an operator after a false alarm). */
    async reset(): Promise<void> {
      await rateLimitsReady(strapi);
      await knex()(RATE_LIMIT_TABLE).del();
    },
  };
}
