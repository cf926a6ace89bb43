/**
 * Keyset (cursor) and page pagination over (publish_date, document_id) for the item and law lists.
 * Order: publish_date DESC NULLS LAST, document_id DESC — or the exact reverse for ascending.
 */
import type { Pagination } from '../../../../../client/src/types';
import { decodeCursor, encodeCursor, type Cursor, type SortDir } from '../validation/cursor';
import { badCursor, type Parsed } from '../validation/params';
import { isoDate, type Sql } from '../sql';

export interface PageRequest {
  list: 'items' | 'laws';
  dir: SortDir;
  limit: number;
  page: number | null;
  cursor: Cursor | null;
}

export function pageRequest(list: 'items' | 'laws', p: Parsed): PageRequest {
  const dir: SortDir = p.sort === 'publishDate:asc' ? 'asc' : 'desc';
  let cursor: Cursor | null = null;
  if (typeof p.cursor === 'string') cursor = decodeCursor(p.cursor, list, dir) ?? badCursor();
  return { list, dir, limit: Number(p.limit), page: typeof p.page === 'number' ? p.page : null, cursor };
}

export function orderBy(alias: string, dir: SortDir): string {
  return dir === 'desc'
    ? `${alias}.publish_date DESC NULLS LAST, ${alias}.document_id DESC`
    : `${alias}.publish_date ASC NULLS FIRST, ${alias}.document_id ASC`;
}

/** Rows strictly after the cursor in the list's order. */
export function afterCursor(alias: string, c: Cursor): Sql {
  const pd = `${alias}.publish_date`;
  const id = `${alias}.document_id`;
  if (c.dir === 'desc') {
    return c.date !== null
      ? { text: `(${pd} < ? OR (${pd} = ? AND ${id} < ?) OR ${pd} IS NULL)`, bindings: [c.date, c.date, c.documentId] }
      : { text: `(${pd} IS NULL AND ${id} < ?)`, bindings: [c.documentId] };
  }
  return c.date !== null
    ? { text: `(${pd} > ? OR (${pd} = ? AND ${id} > ?))`, bindings: [c.date, c.date, c.documentId] }
    : { text: `(${pd} IS NOT NULL OR ${id} > ?)`, bindings: [c.documentId] };
}

/** LIMIT/OFFSET of the page query (one extra row tells whether a next page exists). */
export function limitOffset(req: PageRequest): { limit: number; offset: number } {
  return { limit: req.limit + 1, offset: req.page ? (req.page - 1) * req.limit : 0 };
}

export function pagination(req: PageRequest, rows: Array<Record<string, any>>, total: number): { rows: Array<Record<string, any>>; pagination: Pagination } {
  const more = rows.length > req.limit;
  const page = rows.slice(0, req.limit);
  const last = page[page.length - 1];
  const nextCursor = !req.page && more && last
    ? encodeCursor({ list: req.list, dir: req.dir, date: isoDate(last.publish_date), documentId: String(last.document_id) })
    : null;
  return {
    rows: page,
    pagination: { limit: req.limit, total, page: req.page, pageCount: Math.ceil(total / req.limit), nextCursor },
  };
}
