import type { Core } from '@strapi/strapi';

/** Dialect-aware raw SQL helpers shared by the foundation and the plugins. */
export function isPostgres(strapi: Core.Strapi): boolean {
  return strapi.db.dialect.client === 'postgres';
}

/** Rows of a raw query for both pg ({ rows }) and better-sqlite3 (array). */
export function rowsOf<T = Record<string, any>>(result: any): T[] {
  if (Array.isArray(result)) return result as T[];
  if (result && Array.isArray(result.rows)) return result.rows as T[];
  return [];
}

/** The knex connection, or the current transaction when called inside strapi.db.transaction(). */
export function knexOf(strapi: Core.Strapi, trx?: any) {
  return trx ?? strapi.db.connection;
}
