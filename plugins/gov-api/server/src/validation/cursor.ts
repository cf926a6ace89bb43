/**
 * Opaque keyset cursors. A cursor is the position after the last entry of a page in the list's order
 * (发布日期, documentId) — not an offset — so publishing or unpublishing other documents while a client
 * pages through never makes it skip or repeat an entry that stays listed. documentId (not the row id)
 * is the tie-breaker because Strapi gives a document a new published row each time it is re-published.
 *
 * Format: "c1." + base64url(JSON [list, sort, publishDate | null, documentId]). Anything else → 400.
 */
export type SortDir = 'desc' | 'asc';

export interface Cursor {
  list: string;
  dir: SortDir;
  date: string | null;
  documentId: string;
}

const PREFIX = 'c1.';

export function encodeCursor(c: Cursor): string {
  return PREFIX + Buffer.from(JSON.stringify([c.list, c.dir, c.date, c.documentId]), 'utf8').toString('base64url');
}

/** Returns the cursor, or null when it is not one of ours for this list and order. */
export function decodeCursor(raw: string, list: string, dir: SortDir): Cursor | null {
  if (typeof raw !== 'string' || !raw.startsWith(PREFIX) || raw.length > 300) return null;
  const body = raw.slice(PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(body)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) return null;
  const [l, d, date, documentId] = parsed;
  if (l !== list || d !== dir) return null;
  if (date !== null && (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date))) return null;
  if (typeof documentId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(documentId)) return null;
  return { list: l, dir: d, date, documentId };
}
