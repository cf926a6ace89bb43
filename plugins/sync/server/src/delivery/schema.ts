import type { Core } from '@strapi/strapi';
import { ddlStatementsOnce, isPostgres } from '../../../../../src/foundation/sql';

/**
 * DDL of the push-delivery tables, run at every bootstrap (idempotent: IF NOT EXISTS throughout):
 *
 * - sync_deliveries — the delivery queue: one row per (target, outbox event), unique idempotency_key
 *   `${target}:${eventId}` (so a repeated fan-out never duplicates a delivery, and receivers can dedupe);
 *   status, attempts, next_attempt_at (retry time), lease_until / claim_token / claimed_by (the claim).
 *   Indexes: due rows (status, next_attempt_at); per-document order (target_key, document_id, event_id),
 *   which the claim's “no earlier undelivered event of this document” test reads; per-target figures.
 * - sync_target_cursors — per target, the last outbox id already fanned out.
 * - sync_target_documents — which documents a target holds, so tombstones go exactly where the document went.
 *
 * On PostgreSQL the statements run in one transaction under the advisory lock `syncSchema` (shared with the
 * outbox's DDL): several nodes booting at once would otherwise race on CREATE … IF NOT EXISTS, which is not
 * safe against concurrent creators (duplicate-key errors in the catalogue); and only when they changed (ddlOnce):
 * CREATE INDEX IF NOT EXISTS locks sync_deliveries, which the other nodes' workers write. SQLite has a single writer.
 */
export async function ensureTables(strapi: Core.Strapi): Promise<void> {
  const pg = isPostgres(strapi);
  const knex = strapi.db.connection as any;
  const id = pg ? 'id BIGSERIAL PRIMARY KEY' : 'id INTEGER PRIMARY KEY AUTOINCREMENT';
  const statements = [
    `CREATE TABLE IF NOT EXISTS sync_deliveries (
      ${id}, target_key VARCHAR(64) NOT NULL, event_id BIGINT NOT NULL, uid VARCHAR(120) NOT NULL, document_id VARCHAR(64) NOT NULL,
      op VARCHAR(12) NOT NULL, idempotency_key VARCHAR(100) NOT NULL UNIQUE, status VARCHAR(12) NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at BIGINT NOT NULL, lease_until BIGINT, claim_token VARCHAR(40), claimed_by VARCHAR(120),
      last_status INTEGER, last_error TEXT, last_failure_at BIGINT, created_at BIGINT NOT NULL, delivered_at BIGINT, updated_at BIGINT NOT NULL)`,
    'CREATE INDEX IF NOT EXISTS sync_deliveries_due_idx ON sync_deliveries (status, next_attempt_at)',
    'CREATE INDEX IF NOT EXISTS sync_deliveries_doc_idx ON sync_deliveries (target_key, document_id, event_id)',
    'CREATE INDEX IF NOT EXISTS sync_deliveries_target_idx ON sync_deliveries (target_key, status)',
    'CREATE TABLE IF NOT EXISTS sync_target_cursors (target_key VARCHAR(64) PRIMARY KEY, last_event_id BIGINT NOT NULL, updated_at BIGINT NOT NULL)',
    `CREATE TABLE IF NOT EXISTS sync_target_documents (target_key VARCHAR(64) NOT NULL, document_id VARCHAR(64) NOT NULL, uid VARCHAR(120) NOT NULL,
      PRIMARY KEY (target_key, document_id))`,
  ];
  await ddlStatementsOnce(knex, pg, 'sync-delivery', 'syncSchema', statements);
}
