/**
 * Small raw-SQL helpers for both dialects (better-sqlite3 and pg through Strapi's knex), and the
 * normalisation of values the two drivers return differently (dates as epoch ms or Date, booleans
 * as 0/1, JSON as text).
 */
import { isoDate, isPostgres, rowsOf } from '../../../../src/foundation/sql';

export { isoDate, isPostgres, rowsOf };

export type Knex = any;

export interface Sql {
  text: string;
  bindings: unknown[];
}

/** Run a raw query on the connection or a transaction and return its rows. */
export async function query<T = Record<string, any>>(knex: Knex, text: string, bindings: unknown[] = []): Promise<T[]> {
  return rowsOf<T>(await knex.raw(text, bindings));
}

/**
 * PostgreSQL: a read as a named prepared statement on a pooled connection ($1… placeholders): parsed and planned
 * once per connection, no knex query builder on the hot path. Emitted as knex's `query` event like any query
 * (debug logs, the bench's statement capture).
 */
export async function pgPrepared<T = Record<string, any>>(knex: Knex, name: string, text: string, values: unknown[]): Promise<T[]> {
  const client: any = (knex as any).client;
  const conn = await client.acquireConnection();
  try {
    client.emit('query', { method: 'raw', sql: text, bindings: values, __knexUid: conn.__knexUid });
    return (await conn.query({ name, text, values })).rows as T[];
  } finally {
    await client.releaseConnection(conn);
  }
}

/** `?, ?, ?` for an IN list (never empty: callers check). */
export const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** ISO 8601 timestamp from whatever the driver returned (epoch ms on SQLite, Date on pg, text). */
export function isoTime(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (typeof v === 'number') return new Date(v).toISOString();
  if (typeof v === 'string') {
    if (/^\d+$/.test(v)) return new Date(Number(v)).toISOString();
    const d = new Date(v.includes('T') || v.includes('Z') ? v : v.replace(' ', 'T') + 'Z');
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  }
  return null;
}


export const bool = (v: unknown): boolean => v === true || v === 1 || v === '1' || v === 't' || v === 'true';

export function json<T = unknown>(v: unknown): T | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') {
    try {
      return JSON.parse(v) as T;
    } catch {
      return null;
    }
  }
  return v as T;
}

export const num = (v: unknown): number | null => {
  if (v === null || v === undefined) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

export const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
