import type { Core } from '@strapi/strapi';
import { ddlStatementsOnce } from '../../../../src/foundation/sql';

/** The audit table refuses UPDATE and DELETE at the database level (append-only, 留痕). */
export async function ensureAppendOnly(strapi: Core.Strapi) {
  const knex = strapi.db.connection;
  if (strapi.db.dialect.client === 'postgres') {
    // once per change (ddlOnce): DROP TRIGGER locks the table the reviewers of other nodes are writing
    const statements = [
      `CREATE OR REPLACE FUNCTION review_audit_append_only() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION '审核记录只能追加，不能修改或删除'; END; $$ LANGUAGE plpgsql`,
      'DROP TRIGGER IF EXISTS review_audit_no_change ON review_audit_entries',
      'CREATE TRIGGER review_audit_no_change BEFORE UPDATE OR DELETE ON review_audit_entries FOR EACH ROW EXECUTE FUNCTION review_audit_append_only()',
    ];
    await ddlStatementsOnce(knex, true, 'review-audit-append-only', 'auditTriggers', statements, ['review_audit_no_change']);
  } else {
    await knex.raw(`CREATE TRIGGER IF NOT EXISTS review_audit_no_update BEFORE UPDATE ON review_audit_entries BEGIN SELECT RAISE(ABORT, '审核记录只能追加，不能修改或删除'); END`);
    await knex.raw(`CREATE TRIGGER IF NOT EXISTS review_audit_no_delete BEFORE DELETE ON review_audit_entries BEGIN SELECT RAISE(ABORT, '审核记录只能追加，不能修改或删除'); END`);
  }
}
