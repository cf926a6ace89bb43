import type { Core } from '@strapi/strapi';
import { ddlStatementsOnce, isPostgres } from './sql';

/**
 * Database objects Strapi's schema sync does not manage (it leaves indexes and tables it did not
 * create alone): the 索引号 sequences, job-run bookkeeping, and partial unique indexes that make
 * duplicate 索引号 impossible at the database level (one draft row and one published row per document).
 * Idempotent; on PostgreSQL run once per change of the statements (ddlOnce: a booting node takes no table lock).
 */
const STATEMENTS = (pg: boolean) => [
  `CREATE TABLE IF NOT EXISTS gov_sequences (
     scope VARCHAR(64) NOT NULL,
     year INTEGER NOT NULL,
     last_seq INTEGER NOT NULL,
     PRIMARY KEY (scope, year)
   )`,
  `CREATE TABLE IF NOT EXISTS gov_job_runs (
     name VARCHAR(100) NOT NULL PRIMARY KEY,
     last_run_key VARCHAR(40) NOT NULL,
     ran_at ${pg ? 'TIMESTAMPTZ' : 'TEXT'} NOT NULL,
     node VARCHAR(100)
   )`,
  `CREATE UNIQUE INDEX IF NOT EXISTS disclosure_items_index_no_draft_uq ON disclosure_items (index_no) WHERE published_at IS NULL AND index_no IS NOT NULL`,
  `CREATE UNIQUE INDEX IF NOT EXISTS disclosure_items_index_no_published_uq ON disclosure_items (index_no) WHERE published_at IS NOT NULL AND index_no IS NOT NULL`,
  `CREATE UNIQUE INDEX IF NOT EXISTS organizations_code_uq ON organizations (code)`,
  // hot filters of the public API and the statistics: published rows only
  `CREATE INDEX IF NOT EXISTS disclosure_items_published_date_idx ON disclosure_items (publish_date, id) WHERE published_at IS NOT NULL`,
  `CREATE INDEX IF NOT EXISTS disclosure_items_published_expiry_idx ON disclosure_items (expiry_date) WHERE published_at IS NOT NULL AND expiry_date IS NOT NULL`,
  // one 机构成员 record per admin user (plugins/site-groups), also under concurrent writes from several nodes
  `CREATE UNIQUE INDEX IF NOT EXISTS site_group_memberships_one_per_user_uq ON site_group_memberships_user_lnk (user_id)`,
  `CREATE UNIQUE INDEX IF NOT EXISTS disclosure_requests_tracking_no_uq ON disclosure_requests (tracking_no) WHERE tracking_no IS NOT NULL`,
];

export async function ensureSchema(strapi: Core.Strapi): Promise<void> {
  const pg = isPostgres(strapi);
  await ddlStatementsOnce(strapi.db.connection, pg, 'foundation', 'schema', STATEMENTS(pg));
}
