import type { Core } from '@strapi/strapi';

/**
 * Dialect-aware raw SQL helpers shared by the foundation and the plugins: rows of a raw query on both drivers,
 * the dialect test, and the registry of PostgreSQL advisory-lock keys.
 */
export function isPostgres(strapi: Core.Strapi): boolean {
  return strapi.db.dialect.client === 'postgres';
}

/** Rows of a raw query for both pg ({ rows }) and better-sqlite3 (array). */
export function rowsOf<T = Record<string, any>>(result: any): T[] {
  if (Array.isArray(result)) return result as T[];
  if (result && Array.isArray(result.rows)) return result.rows as T[];
  return [];
}

/** YYYY-MM-DD from a date column (text on both drivers as Strapi configures them). */
export function isoDate(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const s = String(v);
  return /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : null;
}

/** The knex connection, or the current transaction when called inside strapi.db.transaction(). */
export function knexOf(strapi: Core.Strapi, trx?: any) {
  return trx ?? strapi.db.connection;
}

/**
 * Every PostgreSQL advisory-lock key the platform takes, in one place: two features must never share a key by
 * accident (a shared key serialises unrelated work, or worse, lets one feature release another's lock).
 */
export const ADVISORY_LOCKS = {
  /** DDL of the platform's own tables and indexes at boot (foundation schema, rate-limit table) */
  schema: 724001,
  /** the audit trail's append-only triggers (review-workflow) */
  auditTriggers: 724002,
  /** DDL of the sync plugin's tables (outbox, targets, deliveries) */
  syncSchema: 724003,
  /** DDL of the search index (gov-api) */
  searchSchema: 724004,
  /** a full rebuild of the search index (npm run reindex) */
  searchReindex: 724005,
  /** outbox ids assigned in commit order (each outbox insert) */
  outboxOrder: 724100,
  /** one import per organisation at a time (session lock, second key: the organisation id) */
  importOrganization: 724200,
  /** the public read model (gov-api): DDL at boot */
  readModelSchema: 724006,
  /** the public read model: writers take it shared, a full rebuild (npm run rebuild-read-model, boot fill) exclusive */
  readModelRebuild: 724007,
  /** the statistics roll-ups (catalogue_node_stats, item_daily_stats, item_node_daily_stats) */
  rollups: 724301,
  /** DDL and append-only triggers of the security log (plugins/security) */
  securitySchema: 724400,
  /** encryption of plaintext applicant data at boot, batch by batch (src/requests/personal-data/migrate.ts) */
  personalDataMigration: 724500,
  /** the daily anonymisation of closed requests past retention (src/requests/personal-data/retention.ts) */
  personalDataRetention: 724501,
} as const;

export type AdvisoryLock = keyof typeof ADVISORY_LOCKS;

/** Take a transaction-scoped advisory lock in shared mode (many holders at once, none while an exclusive holder has it). */
export async function xactLockShared(trx: any, lock: AdvisoryLock, pg = true): Promise<void> {
  if (pg) await trx.raw('SELECT pg_advisory_xact_lock_shared(?)', [ADVISORY_LOCKS[lock]]);
}

/** Take a transaction-scoped advisory lock (PostgreSQL; a no-op on SQLite, where writes are serialised anyway). */
export async function xactLock(trx: any, lock: AdvisoryLock, pg = true): Promise<void> {
  if (pg) await trx.raw('SELECT pg_advisory_xact_lock(?)', [ADVISORY_LOCKS[lock]]);
}
