import type { Organization } from '../api';

/** Organisations in tree order (parents first, children indented), in the order given within a level. */
export function orgTree(orgs: Organization[]): Array<{ org: Organization; depth: number }> {
  const ids = new Set(orgs.map((o) => o.documentId));
  const children = new Map<string, Organization[]>();
  const roots: Organization[] = [];
  for (const o of orgs) {
    const p = o.parent?.documentId;
    if (p && ids.has(p)) children.set(p, [...(children.get(p) ?? []), o]);
    else roots.push(o);
  }
  const out: Array<{ org: Organization; depth: number }> = [];
  const seen = new Set<string>();
  const walk = (list: Organization[], depth: number) => {
    for (const o of list) {
      if (seen.has(o.documentId)) continue; // a cycle in bad data never loops
      seen.add(o.documentId);
      out.push({ org: o, depth });
      walk(children.get(o.documentId) ?? [], depth + 1);
    }
  };
  walk(roots, 0);
  return out;
}
