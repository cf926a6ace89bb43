/**
 * Reference data held in memory: organisations, subject categories (主题分类) and catalogue nodes
 * (公开目录). Small tables, read on every list; loaded with three queries on first use and dropped
 * whenever the response cache is flushed (any change to them flushes it).
 */
import type { Core } from '@strapi/strapi';
import { T } from '../constants';
import { bool, num, query, str } from '../sql';

export interface OrgRow {
  id: number;
  documentId: string;
  code: string;
  name: string;
  shortName: string | null;
  parentId: number | null;
  sortOrder: number;
}

export interface CategoryRow {
  id: number;
  documentId: string;
  code: string;
  name: string;
  parentId: number | null;
  sortOrder: number;
  /** "一级\二级" */
  path: string;
}

export interface NodeRow {
  id: number;
  documentId: string;
  code: string;
  provincialCode: string | null;
  name: string;
  kind: string | null;
  cadence: string | null;
  description: string | null;
  orgId: number | null;
  parentId: number | null;
  sortOrder: number;
  isPublic: boolean;
  /** isPublic of the node and of all its ancestors. */
  visible: boolean;
  childIds: number[];
}

export class RefData {
  orgs = new Map<number, OrgRow>();
  categories = new Map<number, CategoryRow>();
  nodes = new Map<number, NodeRow>();
  private orgByKey = new Map<string, OrgRow>();
  private categoryByKey = new Map<string, CategoryRow[]>();
  private nodesByKey = new Map<string, NodeRow[]>();

  /** `knex`: a transaction when the read model serializes inside a write (it must see that write's changes). */
  static async load(strapi: Core.Strapi, knex: any = strapi.db.connection): Promise<RefData> {
    const ref = new RefData();
    const orgs = await query(knex, `
      SELECT o.id, o.document_id, o.code, o.name, o.short_name, o.sort_order, p.${T.orgParent.target} AS parent_id
      FROM ${T.orgs} o LEFT JOIN ${T.orgParent.table} p ON p.${T.orgParent.owner} = o.id
      WHERE o.published_at IS NOT NULL`);
    for (const r of orgs) {
      const row: OrgRow = { id: Number(r.id), documentId: String(r.document_id), code: String(r.code), name: String(r.name), shortName: str(r.short_name), parentId: num(r.parent_id), sortOrder: num(r.sort_order) ?? 0 };
      ref.orgs.set(row.id, row);
      ref.orgByKey.set(row.documentId, row);
      ref.orgByKey.set(row.code, row);
    }
    const cats = await query(knex, `
      SELECT c.id, c.document_id, c.code, c.name, c.sort_order, p.${T.categoryParent.target} AS parent_id
      FROM ${T.categories} c LEFT JOIN ${T.categoryParent.table} p ON p.${T.categoryParent.owner} = c.id
      WHERE c.published_at IS NOT NULL`);
    for (const r of cats) {
      const row: CategoryRow = { id: Number(r.id), documentId: String(r.document_id), code: String(r.code), name: String(r.name), parentId: num(r.parent_id), sortOrder: num(r.sort_order) ?? 0, path: '' };
      ref.categories.set(row.id, row);
    }
    for (const c of ref.categories.values()) {
      const parent = c.parentId !== null ? ref.categories.get(c.parentId) : undefined;
      c.path = parent ? `${parent.name}\\${c.name}` : c.name;
      for (const key of [c.documentId, c.code, c.name, c.path]) {
        const list = ref.categoryByKey.get(key) ?? [];
        list.push(c);
        ref.categoryByKey.set(key, list);
      }
    }
    const nodes = await query(knex, `
      SELECT n.id, n.document_id, n.code, n.provincial_code, n.name, n.kind, n.cadence, n.description, n.sort_order, n.is_public,
             o.${T.nodeOrg.target} AS org_id, p.${T.nodeParent.target} AS parent_id
      FROM ${T.nodes} n
      LEFT JOIN ${T.nodeOrg.table} o ON o.${T.nodeOrg.owner} = n.id
      LEFT JOIN ${T.nodeParent.table} p ON p.${T.nodeParent.owner} = n.id
      WHERE n.published_at IS NOT NULL`);
    for (const r of nodes) {
      const row: NodeRow = {
        id: Number(r.id), documentId: String(r.document_id), code: String(r.code), provincialCode: str(r.provincial_code), name: String(r.name),
        kind: str(r.kind), cadence: str(r.cadence), description: str(r.description), orgId: num(r.org_id), parentId: num(r.parent_id),
        sortOrder: num(r.sort_order) ?? 0, isPublic: r.is_public === null || r.is_public === undefined ? true : bool(r.is_public), visible: false, childIds: [],
      };
      ref.nodes.set(row.id, row);
    }
    for (const n of ref.nodes.values()) {
      if (n.parentId !== null) ref.nodes.get(n.parentId)?.childIds.push(n.id);
    }
    const byOrder = (a: number, b: number) => {
      const x = ref.nodes.get(a)!;
      const y = ref.nodes.get(b)!;
      return x.sortOrder - y.sortOrder || x.id - y.id;
    };
    for (const n of ref.nodes.values()) {
      n.childIds.sort(byOrder);
      let visible = n.isPublic;
      const seen = new Set<number>([n.id]);
      for (let p = n.parentId !== null ? ref.nodes.get(n.parentId) : undefined; p && visible; p = p.parentId !== null ? ref.nodes.get(p.parentId) : undefined) {
        if (seen.has(p.id)) break; // defensive: a cycle
        seen.add(p.id);
        visible = p.isPublic;
      }
      n.visible = visible;
      if (visible) {
        for (const key of [n.documentId, n.code]) {
          const list = ref.nodesByKey.get(key) ?? [];
          list.push(n);
          ref.nodesByKey.set(key, list);
        }
      }
    }
    return ref;
  }

  org(key: string): OrgRow | undefined {
    return this.orgByKey.get(key);
  }

  /** Categories matching a code, name, "一级\二级" path or documentId. */
  categoriesFor(key: string): CategoryRow[] {
    return this.categoryByKey.get(key) ?? [];
  }

  /** The category and its children. */
  categoryTreeIds(cats: CategoryRow[]): number[] {
    const ids = new Set<number>();
    for (const c of cats) {
      ids.add(c.id);
      for (const other of this.categories.values()) if (other.parentId === c.id) ids.add(other.id);
    }
    return [...ids];
  }

  /** Public nodes matching a code or documentId (codes are unique per organisation, not globally). */
  nodesFor(key: string, orgId?: number): NodeRow[] {
    const list = this.nodesByKey.get(key) ?? [];
    return orgId === undefined ? list : list.filter((n) => n.orgId === orgId);
  }

  /** A node and all its public descendants. */
  subtreeIds(nodeId: number): number[] {
    const out: number[] = [];
    const stack = [nodeId];
    const seen = new Set<number>();
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const n = this.nodes.get(id);
      if (!n || !n.visible) continue;
      out.push(id);
      stack.push(...n.childIds);
    }
    return out;
  }

  /** Root → node, or null when the node or an ancestor is not public. */
  pathOf(nodeId: number): NodeRow[] | null {
    const path: NodeRow[] = [];
    const seen = new Set<number>();
    for (let n = this.nodes.get(nodeId); n; n = n.parentId !== null ? this.nodes.get(n.parentId) : undefined) {
      if (seen.has(n.id) || !n.isPublic) return null;
      seen.add(n.id);
      path.unshift(n);
    }
    return path.length ? path : null;
  }

  /** Public root nodes of an organisation (or of all organisations), in order. */
  roots(orgId?: number): NodeRow[] {
    return [...this.nodes.values()]
      .filter((n) => n.visible && n.parentId === null && (orgId === undefined || n.orgId === orgId))
      .sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
  }
}
