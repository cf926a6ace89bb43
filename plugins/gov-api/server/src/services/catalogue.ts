/**
 * 公开目录: the public catalogue tree of one organisation (or of all), each node with its code, name,
 * kind, cadence, number of public items (own and in its subtree, counted once) and last 发布日期.
 * Two aggregate queries (SQL GROUP BY), whatever the size of the tree.
 */
import type { CatalogueNode, CatalogueResponse, CatalogueTree } from '../../../../../client/src/types';
import { T } from '../constants';
import { orgRef } from '../serializers';
import { isoDate, placeholders, query } from '../sql';
import type { Parsed } from '../validation/params';
import { itemVisible } from '../visibility';
import type { Ctx, Rendered } from './context';
import { resolveOrgId } from './filters';
import type { NodeRow, RefData } from './refs';

interface Agg {
  n: number;
  last: string | null;
}

/** Largest closure sent in one query (two bindings per pair). */
const CLOSURE_CHUNK = 5000;

export class CatalogueService {
  constructor(private c: Ctx) {}

  async tree(p: Parsed): Promise<Rendered> {
    const refs = await this.c.refs();
    const orgId = resolveOrgId(refs, p.org as string | undefined);
    const roots = refs.roots(orgId);
    const nodes: NodeRow[] = [];
    const collect = (n: NodeRow) => {
      nodes.push(n);
      for (const id of n.childIds) {
        const child = refs.nodes.get(id);
        if (child?.visible) collect(child);
      }
    };
    roots.forEach(collect);
    const own = new Map<number, Agg>();
    const total = new Map<number, Agg>();
    if (nodes.length) {
      const knex = this.c.knex();
      const vis = itemVisible('d');
      const ids = nodes.map((n) => n.id);
      for (let i = 0; i < ids.length; i += CLOSURE_CHUNK) {
        const chunk = ids.slice(i, i + CLOSURE_CHUNK);
        const rows = await query(knex, `SELECT ln.${T.itemNodes.target} AS node_id, COUNT(*) AS n, MAX(d.publish_date) AS last
          FROM ${T.itemNodes.table} ln JOIN ${T.items} d ON d.id = ln.${T.itemNodes.owner}
          WHERE ${vis.text} AND ln.${T.itemNodes.target} IN (${placeholders(chunk.length)})
          GROUP BY ln.${T.itemNodes.target}`, [...vis.bindings, ...chunk]);
        for (const r of rows) own.set(Number(r.node_id), { n: Number(r.n), last: isoDate(r.last) });
      }
      // subtree totals, each item once: (ancestor, node) pairs of the tree, joined to the links
      // (an ancestor's pairs are never split between two queries, so COUNT(DISTINCT) stays exact)
      const chunks: Array<Array<[number, number]>> = [[]];
      for (const n of nodes) {
        const group = refs.subtreeIds(n.id).map((d): [number, number] => [n.id, d]);
        if (chunks[chunks.length - 1].length + group.length > CLOSURE_CHUNK && chunks[chunks.length - 1].length) chunks.push([]);
        chunks[chunks.length - 1].push(...group);
      }
      for (const chunk of chunks) {
        if (!chunk.length) continue;
        const values = chunk.map(() => '(CAST(? AS INTEGER), CAST(? AS INTEGER))').join(', ');
        const rows = await query(knex, `WITH closure(anc, node) AS (VALUES ${values})
          SELECT c.anc AS node_id, COUNT(DISTINCT d.id) AS n, MAX(d.publish_date) AS last
          FROM closure c JOIN ${T.itemNodes.table} ln ON ln.${T.itemNodes.target} = c.node JOIN ${T.items} d ON d.id = ln.${T.itemNodes.owner}
          WHERE ${vis.text} GROUP BY c.anc`, [...chunk.flat(), ...vis.bindings]);
        for (const r of rows) total.set(Number(r.node_id), { n: Number(r.n), last: isoDate(r.last) });
      }
    }
    const build = (n: NodeRow): CatalogueNode => ({
      id: n.documentId,
      code: n.code,
      provincialCode: n.provincialCode,
      name: n.name,
      kind: n.kind,
      cadence: n.cadence,
      description: n.description,
      itemCount: own.get(n.id)?.n ?? 0,
      totalItemCount: total.get(n.id)?.n ?? 0,
      lastPublishDate: total.get(n.id)?.last ?? null,
      children: n.childIds.map((id) => refs.nodes.get(id)).filter((c): c is NodeRow => !!c && c.visible).map(build),
    });
    const byOrg = new Map<number, CatalogueTree>();
    const groups = orgId !== undefined ? [orgId] : [...new Set(roots.map((r) => r.orgId).filter((x): x is number => x !== null))];
    for (const id of groups) {
      const org = orgRef(refs.orgs.get(id));
      if (org) byOrg.set(id, { organization: org, nodes: [] });
    }
    for (const r of roots) if (r.orgId !== null) byOrg.get(r.orgId)?.nodes.push(build(r));
    const sorted = [...byOrg.entries()].sort(([a], [b]) => orgOrder(refs, a, b)).map(([, t]) => t);
    const body: CatalogueResponse = { data: sorted, meta: {} };
    return { body, lastModified: null };
  }
}

function orgOrder(refs: RefData, a: number, b: number): number {
  const x = refs.orgs.get(a);
  const y = refs.orgs.get(b);
  return (x?.sortOrder ?? 0) - (y?.sortOrder ?? 0) || a - b;
}
