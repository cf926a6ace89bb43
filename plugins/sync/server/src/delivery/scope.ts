import type { Core } from '@strapi/strapi';
import type { DocType, Target } from '../config';
import { UID } from '../../../../../src/foundation/constants';
import { TYPE_OF, type Rep } from './model';

/**
 * Which targets a document belongs to: its public-ness, organisation and catalogue codes (with all their
 * ancestors, so a target configured with a catalogue node also receives the documents of its sub-nodes),
 * matched against a target's filters.
 *
 * Scope is decided twice on purpose: at fan-out (does this event create a delivery for the target?) and
 * again at send time (the document may have left the target's scope, or stopped being public, while the
 * delivery waited): a document is never sent when it no longer qualifies — a tombstone goes instead.
 */
export interface Scope { type: DocType; public: boolean; org: string | null; nodes: string[] }

export function matches(t: Pick<Target, 'types' | 'organizations' | 'catalogueCodes'>, s: Scope): boolean {
  if (t.types && !t.types.includes(s.type)) return false;
  if (t.organizations && (!s.org || !t.organizations.includes(s.org))) return false;
  if (t.catalogueCodes && (s.type !== 'item' || !s.nodes.some((c) => t.catalogueCodes!.includes(c)))) return false;
  return true;
}

/**
 * Loads the scopes of published documents into `cache` (keyed `${uid}:${documentId}`), and their public
 * representations into `reps` when given (the worker sends those; the fan-out only needs the scope).
 */
export async function loadScopes(strapi: Core.Strapi, cache: Map<string, Scope>, reps: Map<string, Rep> | null, uid: string, ids: string[]) {
  const uncached = [...new Set(ids)].filter((id) => !cache.has(`${uid}:${id}`));
  const type = TYPE_OF[uid];
  if (!uncached.length || !type) return;
  const publicReps: Map<string, Rep> = await strapi.plugin('sync').service('representation').get(uid, uncached);
  if (reps) for (const [id, r] of publicReps) reps.set(`${uid}:${id}`, r);
  const populate: Record<string, unknown> = { organization: { select: ['code'] } };
  if (type === 'item') populate.catalogueNodes = { select: ['id', 'code'] };
  const rows: any[] = await strapi.db.query(uid as any).findMany({ where: { documentId: { $in: uncached }, publishedAt: { $notNull: true } }, select: ['documentId'], populate });
  // walk catalogue parents so a target configured with a node also gets its sub-nodes
  const nodes = new Map<number, { code: string; parent: number | null }>();
  let frontier = [...new Set(rows.flatMap((r) => (r.catalogueNodes ?? []).map((n: any) => n.id as number)))];
  for (let depth = 0; frontier.length && depth < 32; depth++) {
    const found: any[] = await strapi.db.query(UID.catalogueNode as any).findMany({ where: { id: { $in: frontier } }, select: ['id', 'code'], populate: { parent: { select: ['id'] } } });
    for (const n of found) nodes.set(n.id, { code: n.code, parent: n.parent?.id ?? null });
    frontier = [...new Set(found.map((n) => n.parent?.id).filter((id) => id && !nodes.has(id)))];
  }
  const byId = new Map(rows.map((r) => [r.documentId, r]));
  for (const id of uncached) {
    const r = byId.get(id);
    const codes = new Set<string>();
    for (const n of r?.catalogueNodes ?? []) {
      let cur: number | null = n.id;
      for (let guard = 0; cur && guard < 32; guard++) {
        const node = nodes.get(cur);
        if (!node) break;
        codes.add(node.code);
        cur = node.parent;
      }
    }
    cache.set(`${uid}:${id}`, { type, public: !!publicReps.get(id) && !!r, org: r?.organization?.code ?? null, nodes: [...codes] });
  }
}

/** loads the scopes (and representations) of the upsert rows' documents, grouped by content type */
export async function loadScopesOf(strapi: Core.Strapi, cache: Map<string, Scope>, reps: Map<string, Rep> | null, rows: { op: string; uid: string; document_id: string }[]) {
  const byUid = new Map<string, string[]>();
  for (const r of rows) if (r.op === 'upsert') byUid.set(r.uid, [...(byUid.get(r.uid) ?? []), r.document_id]);
  for (const [uid, ids] of byUid) await loadScopes(strapi, cache, reps, uid, ids);
}
