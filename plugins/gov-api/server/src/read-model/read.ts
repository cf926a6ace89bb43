/**
 * The list and detail routes' fast path: answered from the public read model (store.ts) when the query is
 * one it holds — no filter but `node` (a node's documentId, or a code: the union of the nodes with it) or `org`, the default or ascending order, page or
 * cursor, no `fields` — else null and the service reads the tables as before. The JSON is assembled from
 * the stored texts exactly as JSON.stringify would write the same objects (http/respond.ts), so the bytes,
 * the ETag and the pagination are those of the SQL path (tests/integration/read-model.test.ts compares).
 */
import type { Kind } from '../constants';
import type { Parsed } from '../validation/params';
import { newest, type Ctx, type Rendered } from '../services/context';
import { limitOffset, pageRequest, pagination } from '../services/paging';
import { scopeOf } from './store';

const JSON_TYPE = 'application/json; charset=utf-8';

/** Query parameters the read model can serve; any other one present → the SQL path. */
const SERVED = new Set(['node', 'org', 'sort', 'cursor', 'page', 'limit']);

export async function readModelList(c: Ctx, kind: Kind, p: Parsed): Promise<Rendered | null> {
  const rm = c.readModel?.();
  if (!rm) return null;
  for (const [k, v] of Object.entries(p)) if (v !== undefined && !SERVED.has(k)) return null;
  if (p.node !== undefined && p.org !== undefined) return null;
  const refs = await c.refs();
  let scope: string = scopeOf.all(kind);
  if (p.node !== undefined) {
    if (kind !== 'item') return null;
    const key = p.node as string;
    const nodes = refs.nodesFor(key);
    if (!nodes.length) return null; // unknown: the SQL path answers the 400
    // a documentId names one node; a code names the public nodes with that code in every organisation (their union)
    if (nodes.every((n) => n.code === key)) scope = scopeOf.code(key);
    else if (nodes.length === 1 && nodes[0].documentId === key) scope = scopeOf.node(nodes[0].id);
    else return null;
  } else if (p.org !== undefined) {
    const org = refs.org(p.org as string);
    if (!org) return null;
    scope = scopeOf.org(kind, org.id);
  }
  const req = pageRequest(kind === 'item' ? 'items' : 'laws', p);
  const { limit, offset } = limitOffset(req);
  const { rows, total } = await rm.pageAndTotal(scope, req.dir, req.cursor ? { pd: req.cursor.date ?? '', documentId: req.cursor.documentId } : null, limit, offset);
  const { rows: pageRows, pagination: pg } = pagination(req, rows.map((r) => ({ ...r, publish_date: r.pd || null })), total);
  return {
    body: `{"data":[${pageRows.map((r) => r.list_json).join(',')}],"meta":{"pagination":${JSON.stringify(pg)}}}`,
    contentType: JSON_TYPE,
    lastModified: newest(pageRows.map((r) => r.published_at)),
  };
}

export function readModelDetail(hit: { detail_json: string; published_at: string | null }): Rendered {
  return { body: `{"data":${hit.detail_json},"meta":{}}`, contentType: JSON_TYPE, lastModified: hit.published_at };
}
