import type { Core } from '@strapi/strapi';

/**
 * Relation input arrives in several shapes (Document Service, REST, Content Manager):
 *   'docId' | 12 | { documentId } | { id } | [..] | { connect: [..], disconnect: [..], set: [..] } | null
 * These helpers turn it into a list of references, and resolve them to rows.
 */
export type Ref = { id?: number; documentId?: string };

function toRef(x: unknown): Ref | null {
  if (x === null || x === undefined) return null;
  if (typeof x === 'string') return /^\d+$/.test(x) ? { id: Number(x) } : { documentId: x };
  if (typeof x === 'number') return { id: x };
  if (typeof x === 'object') {
    const o = x as Record<string, unknown>;
    if (typeof o.documentId === 'string') return { documentId: o.documentId };
    if (typeof o.id === 'number' || typeof o.id === 'string') return toRef(o.id);
  }
  return null;
}

function toRefs(x: unknown): Ref[] {
  if (x === null || x === undefined) return [];
  const arr = Array.isArray(x) ? x : [x];
  return arr.map(toRef).filter((r): r is Ref => r !== null);
}

export interface RelationChange {
  /** full replacement (array/set/single value), or incremental */
  set?: Ref[];
  connect: Ref[];
  disconnect: Ref[];
}

/** undefined = the input does not touch the relation. */
export function parseRelationInput(input: unknown): RelationChange | undefined {
  if (input === undefined) return undefined;
  if (input === null) return { set: [], connect: [], disconnect: [] };
  if (typeof input === 'object' && !Array.isArray(input)) {
    const o = input as Record<string, unknown>;
    if ('connect' in o || 'disconnect' in o || 'set' in o) {
      return {
        set: 'set' in o ? toRefs(o.set) : undefined,
        connect: toRefs(o.connect),
        disconnect: toRefs(o.disconnect),
      };
    }
    // e.g. the Content Manager echoes { count: 1 } for relations it did not load: not a change.
    if (!('id' in o) && !('documentId' in o)) return undefined;
  }
  return { set: toRefs(input), connect: [], disconnect: [] };
}

const sameRef = (a: Ref, b: Ref) =>
  (a.documentId !== undefined && a.documentId === b.documentId) || (a.id !== undefined && a.id === b.id);

/** Apply a change to the current references (with both id and documentId known for current ones). */
export function applyRelationChange(current: Ref[], change: RelationChange | undefined, single: boolean): Ref[] {
  if (!change) return current;
  let result = change.set !== undefined ? change.set : current.filter((c) => !change.disconnect.some((d) => sameRef(c, d)));
  if (change.connect.length) result = single ? [change.connect[change.connect.length - 1]] : [...result, ...change.connect.filter((c) => !result.some((r) => sameRef(r, c)))];
  return single ? result.slice(-1) : result;
}

/** Load rows for references (any of id/documentId), with the given fields and populated relations. */
export async function loadRefs(
  strapi: Core.Strapi,
  uid: string,
  refs: Ref[],
  populate: Record<string, unknown> = {}
): Promise<Array<Record<string, any>>> {
  if (!refs.length) return [];
  const ids = refs.filter((r) => r.id !== undefined).map((r) => r.id as number);
  const docIds = refs.filter((r) => r.documentId !== undefined).map((r) => r.documentId as string);
  const or: Record<string, unknown>[] = [];
  if (ids.length) or.push({ id: { $in: ids } });
  if (docIds.length) or.push({ documentId: { $in: docIds } });
  return strapi.db.query(uid as any).findMany({ where: { $or: or }, populate });
}

/** The reference of a loaded to-one relation (none when empty). */
export const refOf = (row: any): Ref[] => (row ? [{ id: row.id, documentId: row.documentId }] : []);

/** Walks up the parent chain to refuse cycles in a tree (organisations, catalogue nodes). */
export async function wouldCreateCycle(strapi: Core.Strapi, uid: string, selfDocumentId: string, parentRef: Ref | undefined): Promise<boolean> {
  let [cursor] = parentRef ? await loadRefs(strapi, uid, [parentRef], { parent: true }) : [];
  for (let depth = 0; cursor && depth < 100; depth++) {
    if (cursor.documentId === selfDocumentId) return true;
    [cursor] = cursor.parent ? await loadRefs(strapi, uid, [{ id: cursor.parent.id }], { parent: true }) : [];
  }
  return false;
}

/**
 * Whether an update's `parent` input (any relation input form) would put a tree node under itself or one of its
 * descendants. No input, or a new document (which has no descendants yet), never does.
 */
export async function parentChangeCreatesCycle(strapi: Core.Strapi, uid: string, existing: any, parentInput: unknown): Promise<boolean> {
  const change = parseRelationInput(parentInput);
  if (!existing || !change) return false;
  const parent = applyRelationChange(refOf(existing.parent), change, true)[0];
  return wouldCreateCycle(strapi, uid, existing.documentId, parent);
}
