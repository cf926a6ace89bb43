import type { Core } from '@strapi/strapi';
import { fieldError } from '../../../../../src/foundation/errors';
import { requireChangesScope } from '../services/token-auth';
import { UID } from '../../../../../src/foundation/constants';

const MAX_LIMIT = 500;

/**
 * GET /api/gov/v1/changes?since=<cursor>&limit= — the change feed for integrators: events in outbox
 * order, each with its cursor; upserts carry the public representation, tombstones only the id.
 * Resume with since = the last cursor received (nextCursor).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: any) {
    await requireChangesScope(strapi, ctx);
    const allowed = new Set(['since', 'limit']);
    for (const k of Object.keys(ctx.query)) if (!allowed.has(k)) throw fieldError([k], `未知参数“${k}”`);
    const sinceRaw = String(ctx.query.since ?? '0');
    if (!/^\d{1,18}$/.test(sinceRaw)) throw fieldError('since', 'since 必须是上次返回的游标（非负整数）');
    const limitRaw = String(ctx.query.limit ?? '100');
    if (!/^\d+$/.test(limitRaw) || Number(limitRaw) < 1 || Number(limitRaw) > MAX_LIMIT) throw fieldError('limit', `limit 必须是 1 到 ${MAX_LIMIT} 之间的整数`);
    const rows: any[] = await strapi.plugin('sync').service('outbox').read(Number(sinceRaw), Number(limitRaw));
    const rep = strapi.plugin('sync').service('representation');
    const byUid = new Map<string, string[]>();
    for (const r of rows) if (r.op === 'upsert') byUid.set(r.uid, [...(byUid.get(r.uid) ?? []), r.document_id]);
    const reps = new Map<string, Record<string, unknown> | null>();
    for (const [uid, ids] of byUid) for (const [id, v] of await rep.get(uid, ids)) reps.set(`${uid}:${id}`, v);
    const data = rows.map((r) => {
      const cursor = String(r.id);
      const base = { cursor, type: TYPE[r.uid] ?? r.uid, documentId: r.document_id, at: new Date(r.created_at).toISOString() };
      if (r.op === 'tombstone') return { ...base, op: 'tombstone' };
      const doc = reps.get(`${r.uid}:${r.document_id}`);
      // no longer public since this event was recorded: a later tombstone follows; never send it
      return doc ? { ...base, op: 'upsert', data: doc } : { ...base, op: 'tombstone', superseded: true };
    });
    const nextCursor = rows.length ? String(rows[rows.length - 1].id) : sinceRaw;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data, meta: { nextCursor, hasMore: rows.length === Number(limitRaw) } };
  },
});

const TYPE: Record<string, string> = {
  [UID.item]: 'item',
  [UID.law]: 'law',
  [UID.annualReport]: 'annualReport',
};
