/** What the tree needs of an organisation (each admin page has its own, wider type). */
export interface TreeOrganization {
  documentId: string;
  name: string;
  sortOrder?: number | null;
  parent?: { documentId: string } | null;
}

const bySortOrderThenName = (a: TreeOrganization, b: TreeOrganization) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0) || a.name.localeCompare(b.name, 'zh-CN');

/**
 * Organisations in tree order (parents first, children indented). Within a level by sortOrder then name, or in the
 * order given (`sorted: false`). Shared by the organisation pickers (OrganizationPicker.tsx).
 */
export function orgTree<T extends TreeOrganization>(orgs: T[], { sorted = true }: { sorted?: boolean } = {}): Array<{ org: T; depth: number }> {
  const ids = new Set(orgs.map((o) => o.documentId));
  const children = new Map<string, T[]>();
  const roots: T[] = [];
  for (const o of orgs) {
    const p = o.parent?.documentId;
    if (p && ids.has(p)) children.set(p, [...(children.get(p) ?? []), o]);
    else roots.push(o);
  }
  const out: Array<{ org: T; depth: number }> = [];
  const seen = new Set<string>();
  const walk = (list: T[], depth: number) => {
    for (const o of sorted ? [...list].sort(bySortOrderThenName) : list) {
      if (seen.has(o.documentId)) continue; // a cycle in bad data never loops
      seen.add(o.documentId);
      out.push({ org: o, depth });
      walk(children.get(o.documentId) ?? [], depth + 1);
    }
  };
  walk(roots, 0);
  return out;
}
