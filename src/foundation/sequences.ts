import type { Core } from '@strapi/strapi';
import { isPostgres, rowsOf } from './sql';

/**
 * Next value of a per-scope, per-year sequence (索引号 serials per organisation, request tracking numbers).
 * Must be called inside the transaction that writes the row using the number: the upsert takes a row
 * lock held until commit, so concurrent creates — from any number of Strapi nodes on one PostgreSQL —
 * get distinct numbers, and a rolled-back create gives its number back (no gaps).
 */
export async function nextSequence(strapi: Core.Strapi, trx: any, scope: string, year: number): Promise<number> {
  const knex = trx ?? strapi.db.connection;
  const res = await knex.raw(
    `INSERT INTO gov_sequences (scope, year, last_seq) VALUES (?, ?, 1)
     ON CONFLICT (scope, year) DO UPDATE SET last_seq = gov_sequences.last_seq + 1
     RETURNING last_seq`,
    [scope, year]
  );
  return Number(rowsOf(res)[0].last_seq);
}

/** Make sure later generated numbers stay above an imported one (imports may bring their own serials). */
export async function bumpSequence(strapi: Core.Strapi, trx: any, scope: string, year: number, atLeast: number): Promise<void> {
  const knex = trx ?? strapi.db.connection;
  const max = isPostgres(strapi) ? 'GREATEST' : 'MAX';
  await knex.raw(
    `INSERT INTO gov_sequences (scope, year, last_seq) VALUES (?, ?, ?)
     ON CONFLICT (scope, year) DO UPDATE SET last_seq = ${max}(gov_sequences.last_seq, excluded.last_seq)`,
    [scope, year, atLeast]
  );
}

/** Reserve a block of n numbers at once (bulk imports and the large seed); returns the first. */
export async function reserveSequenceBlock(strapi: Core.Strapi, trx: any, scope: string, year: number, n: number): Promise<number> {
  const knex = trx ?? strapi.db.connection;
  const res = await knex.raw(
    `INSERT INTO gov_sequences (scope, year, last_seq) VALUES (?, ?, ?)
     ON CONFLICT (scope, year) DO UPDATE SET last_seq = gov_sequences.last_seq + ?
     RETURNING last_seq`,
    [scope, year, n, n]
  );
  return Number(rowsOf(res)[0].last_seq) - n + 1;
}
