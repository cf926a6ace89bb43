import type { Core } from '@strapi/strapi';
import { withDescendants } from '../../../../site-groups/server/src/scope';
import { UID } from '../../../../../src/foundation/constants';

/** Dialect helpers for the statistics SQL (PostgreSQL and SQLite). */
export function sqlHelpers(strapi: Core.Strapi) {
  const pg = strapi.db.dialect.client === 'postgres';
  const knex: any = strapi.db.connection;
  return {
    pg,
    knex,
    /** YYYY-MM / YYYY-Qn / YYYY of a DATE column */
    period(col: string, granularity: 'month' | 'quarter' | 'year') {
      if (pg) {
        if (granularity === 'month') return `to_char(${col}, 'YYYY-MM')`;
        if (granularity === 'quarter') return `to_char(${col}, 'YYYY') || '-Q' || to_char(${col}, 'Q')`;
        return `to_char(${col}, 'YYYY')`;
      }
      if (granularity === 'month') return `substr(${col}, 1, 7)`;
      if (granularity === 'quarter') return `substr(${col}, 1, 4) || '-Q' || ((CAST(substr(${col}, 6, 2) AS INTEGER) + 2) / 3)`;
      return `substr(${col}, 1, 4)`;
    },
    /** a DATE column compared with a 'YYYY-MM-DD' parameter */
    date(col: string) {
      return pg ? `${col}` : col;
    },
    /** whole days between two DATE expressions (b - a) */
    daysBetween(a: string, b: string) {
      return pg ? `(${b}::date - ${a}::date)` : `CAST(julianday(${b}) - julianday(${a}) AS INTEGER)`;
    },
    /** a DATETIME column as epoch milliseconds */
    epochMs(col: string) {
      return pg ? `(EXTRACT(EPOCH FROM ${col}) * 1000)` : `${col}`;
    },
    rows<T = any>(res: any): T[] {
      return Array.isArray(res) ? res : res?.rows ?? [];
    },
  };
}

/** The organisation and, optionally, all its descendants (the one recursive walk of plugins/site-groups). */
export async function organisationIds(strapi: Core.Strapi, orgDocumentId: string | undefined, includeDescendants = true): Promise<number[] | null> {
  if (!orgDocumentId) return null;
  const org: any = await strapi.db.query(UID.organization).findOne({ where: { documentId: orgDocumentId }, select: ['id'] });
  if (!org) return [];
  return includeDescendants ? withDescendants(strapi, [Number(org.id)]) : [Number(org.id)];
}

export function inList(ids: number[]): string {
  return ids.length ? ids.map((n) => Number(n)).join(',') : 'NULL';
}
