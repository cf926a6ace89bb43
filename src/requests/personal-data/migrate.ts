/**
 * Boot-time migration (issue 14): rows written before encryption (or around it, with raw SQL) hold
 * plaintext applicant data; they are encrypted in batches of BATCH rows. Idempotent: only values that
 * are not `enc:` (nor empty, nor the anonymisation marker) are selected, so a second boot changes
 * nothing. Two nodes booting together: each batch runs in a transaction holding the advisory lock
 * `personalDataMigration` (PostgreSQL), so the second node's batch only sees what is still plaintext.
 */
import type { Core } from '@strapi/strapi';
import { isPostgres, rowsOf, xactLock } from '../../foundation/sql';
import { REQUEST_UID } from '../config';
import { encryptValue } from './crypto';
import { ANONYMISED, PERSONAL_FIELDS } from './mask';
import { personalDataKeys } from './store';

const BATCH = 200;
const q = (id: string) => `"${id.replace(/"/g, '""')}"`;

export function personalColumns(strapi: Core.Strapi): Record<string, string> {
  const meta: any = strapi.db.metadata.get(REQUEST_UID as any);
  return Object.fromEntries(PERSONAL_FIELDS.map((f) => [f, meta.attributes[f].columnName ?? f]));
}

export async function migratePlaintextPersonalData(strapi: Core.Strapi): Promise<number> {
  const keys = personalDataKeys(strapi);
  const meta: any = strapi.db.metadata.get(REQUEST_UID as any);
  const table = q(meta.tableName);
  const cols = personalColumns(strapi);
  const pg = isPostgres(strapi);
  const plain = Object.values(cols)
    .map((c) => `(${q(c)} IS NOT NULL AND ${q(c)} <> '' AND ${q(c)} <> ? AND ${q(c)} NOT LIKE 'enc:%')`)
    .join(' OR ');
  const plainBindings = Object.values(cols).map(() => ANONYMISED);
  let total = 0;
  for (;;) {
    const n: number = await strapi.db.connection.transaction(async (trx: any) => {
      await xactLock(trx, 'personalDataMigration', pg);
      const rows = rowsOf(
        await trx.raw(`SELECT id, ${Object.values(cols).map(q).join(', ')} FROM ${table} WHERE ${plain} ORDER BY id LIMIT ?`, [...plainBindings, BATCH]),
      );
      for (const row of rows) {
        const set: Record<string, string> = {};
        for (const c of Object.values(cols)) {
          const v = row[c];
          if (typeof v === 'string' && v !== '' && v !== ANONYMISED && !v.startsWith('enc:')) set[c] = encryptValue(keys, v);
        }
        if (Object.keys(set).length) await trx(meta.tableName).where({ id: row.id }).update(set);
      }
      return rows.length;
    });
    total += n;
    if (n < BATCH) break;
  }
  if (total) strapi.log.info(`[个人信息] 已将 ${total} 件申请的明文申请人信息加密存储`);
  return total;
}
