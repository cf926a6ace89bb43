import { createHash } from 'crypto';
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
  /** creation of gov_schema_state, the fingerprints of the DDL sets ddlOnce applied */
  schemaState: 724008,
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

/** PostgreSQL: per DDL set (ddlOnce), the fingerprint of the statements last applied. */
export const SCHEMA_STATE_TABLE = 'gov_schema_state';

async function appliedFingerprint(knex: any, name: string): Promise<string | null> {
  const [t] = rowsOf(await knex.raw('SELECT to_regclass(?) AS t', [SCHEMA_STATE_TABLE]));
  if (!t?.t) return null;
  const [r] = rowsOf(await knex.raw(`SELECT fingerprint FROM ${SCHEMA_STATE_TABLE} WHERE name = ?`, [name]));
  return r ? String(r.fingerprint) : null;
}

export interface DdlSet {
  /** the set's name in gov_schema_state */
  name: string;
  /** the advisory lock serialising the set across nodes */
  lock: AdvisoryLock;
  /** what the set installs: its statements, plus anything else run() depends on (a configured value, a version tag) */
  fingerprint: ReadonlyArray<string>;
  /** the DDL (inside the set's transaction on PostgreSQL) */
  run: (trx: any) => Promise<void>;
  /** triggers the set creates: when one is missing (a table restored without it), the set runs again */
  triggers?: ReadonlyArray<string>;
}

/** ddlOnce of statements run in order (the set's fingerprint is the statements). */
export function ddlStatementsOnce(knex: any, pg: boolean, name: string, lock: AdvisoryLock, statements: ReadonlyArray<string>, triggers?: ReadonlyArray<string>): Promise<boolean> {
  return ddlOnce(knex, pg, {
    name,
    lock,
    fingerprint: statements,
    triggers,
    run: async (trx) => {
      for (const sql of statements) await trx.raw(sql);
    },
  });
}

async function triggersPresent(knex: any, names: ReadonlyArray<string> | undefined): Promise<boolean> {
  if (!names?.length) return true;
  const [r] = rowsOf(await knex.raw(`SELECT COUNT(DISTINCT tgname) AS n FROM pg_trigger WHERE NOT tgisinternal AND tgname IN (${names.map(() => '?').join(', ')})`, [...names]));
  return Number(r?.n ?? 0) === new Set(names).size;
}

/**
 * Boot-time DDL that takes no lock when nothing changed. On PostgreSQL, `CREATE INDEX IF NOT EXISTS`, `DROP/CREATE
 * TRIGGER` and `ALTER TABLE … IF NOT EXISTS` lock their table even when they end up doing nothing: a node booting
 * beside nodes that write (a rolling restart, a sync worker, CI's multi-node tests) waits for their transactions,
 * and once it holds one table's lock, a writer that needs that table next closes a cycle — a deadlock. So a set
 * runs, under its advisory lock and in one transaction, only when its fingerprint differs from the one recorded in
 * gov_schema_state (first boot, an upgrade that changed it); every later boot reads one row and returns.
 * SQLite (one process per file, DDL cheap and serialised): run() every time. Returns whether run() ran.
 */
export async function ddlOnce(knex: any, pg: boolean, set: DdlSet): Promise<boolean> {
  if (!pg) {
    await set.run(knex);
    return true;
  }
  const fingerprint = createHash('sha1').update(set.fingerprint.join('\n')).digest('hex');
  if ((await appliedFingerprint(knex, set.name)) === fingerprint && (await triggersPresent(knex, set.triggers))) return false;
  await knex.transaction(async (trx: any) => {
    await xactLock(trx, 'schemaState');
    await trx.raw(`CREATE TABLE IF NOT EXISTS ${SCHEMA_STATE_TABLE} (name VARCHAR(64) PRIMARY KEY, fingerprint VARCHAR(40) NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
  });
  let ran = false;
  await knex.transaction(async (trx: any) => {
    await xactLock(trx, set.lock);
    if ((await appliedFingerprint(trx, set.name)) === fingerprint && (await triggersPresent(trx, set.triggers))) return; // another node did it meanwhile
    await set.run(trx);
    await trx.raw(
      `INSERT INTO ${SCHEMA_STATE_TABLE} (name, fingerprint, applied_at) VALUES (?, ?, now())
       ON CONFLICT (name) DO UPDATE SET fingerprint = excluded.fingerprint, applied_at = excluded.applied_at`,
      [set.name, fingerprint],
    );
    ran = true;
  });
  return ran;
}
