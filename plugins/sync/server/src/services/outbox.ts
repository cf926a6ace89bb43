import type { Core } from '@strapi/strapi';
import { ddlStatementsOnce, xactLock } from '../../../../../src/foundation/sql';

export type ChangeOp = 'upsert' | 'tombstone';
export interface ChangeEvent { uid: string; documentId: string; op: ChangeOp }

/**
 * Transactional outbox: every public change (publish, unpublish, delete of a published document,
 * imports) is recorded in the SAME database transaction as the change itself. On PostgreSQL the
 * insert takes a transaction-scoped advisory lock first, so outbox ids are assigned in commit order:
 * a reader resuming after its last id never misses or reorders an event, even with concurrent writers
 * on several nodes. (SQLite has a single writer, so ids follow commit order by construction.)
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async ensureTable() {
    const pg = strapi.db.dialect.client === 'postgres';
    const knex = strapi.db.connection;
    if (pg) {
      // once per change (ddlOnce): CREATE INDEX IF NOT EXISTS locks the outbox every publish writes to
      const statements = [
        `CREATE TABLE IF NOT EXISTS sync_outbox (
          id BIGSERIAL PRIMARY KEY, uid VARCHAR(120) NOT NULL, document_id VARCHAR(64) NOT NULL, op VARCHAR(12) NOT NULL,
          created_at TIMESTAMPTZ NOT NULL DEFAULT now())`,
        'CREATE INDEX IF NOT EXISTS sync_outbox_document_idx ON sync_outbox (document_id, id)',
      ];
      await ddlStatementsOnce(knex, true, 'sync-outbox', 'syncSchema', statements);
    } else {
      await knex.raw(`CREATE TABLE IF NOT EXISTS sync_outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT, uid VARCHAR(120) NOT NULL, document_id VARCHAR(64) NOT NULL, op VARCHAR(12) NOT NULL,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))`);
      await knex.raw('CREATE INDEX IF NOT EXISTS sync_outbox_document_idx ON sync_outbox (document_id, id)');
    }
  },

  /** Record events inside the caller's transaction (trx), after taking the ordering lock. */
  async recordBulk(trx: any, events: ChangeEvent[]) {
    if (!events.length) return;
    await xactLock(trx, 'outboxOrder', strapi.db.dialect.client === 'postgres');
    for (let i = 0; i < events.length; i += 500) {
      await trx('sync_outbox').insert(events.slice(i, i + 500).map((e) => ({ uid: e.uid, document_id: e.documentId, op: e.op })));
    }
  },

  async read(since: number, limit: number) {
    return strapi.db.connection('sync_outbox').where('id', '>', since).orderBy('id', 'asc').limit(limit).select('id', 'uid', 'document_id', 'op', 'created_at');
  },

  async lastId(): Promise<number> {
    const row: any = await strapi.db.connection('sync_outbox').max({ m: 'id' }).first();
    return Number(row?.m ?? 0);
  },
});
