import type { Core } from '@strapi/strapi';
import type { Target } from '../config';
import { TYPE_OF, dbNow, iso, num, type DeliveryStatus } from './model';
import type { DeliveryPage, TargetStats } from '../wire';

/**
 * What the admin page 同步推送 reads and does (controllers/targets.ts; shapes mirrored by hand in
 * admin/src/api.ts): per-target figures (lag, last success, failures, dead letters), a target's deliveries
 * paged, and the admin's two decisions on dead letters — replay (dead → pending, attempts reset) or skip
 * (dead → skipped, given up for good, which unblocks the later events of the document; see queue.ts) —
 * plus removing a deleted target's bookkeeping.
 *
 * Kept apart from the worker's queue SQL: these are read models for people, free to count and aggregate,
 * and none of them takes part in a claim. Replay and skip only ever touch dead rows, so they never race with
 * a worker's in-flight claim. Times are returned as ISO strings.
 */

/** per-target figures for the admin: lag, last success, failures, dead letters */
export async function stats(strapi: Core.Strapi, t: Target): Promise<TargetStats> {
  const knex = strapi.db.connection as any;
  const rows: any[] = await knex('sync_deliveries').where({ target_key: t.key }).groupBy('status')
    .select('status', knex.raw('count(*) as n'), knex.raw('sum(attempts) as attempts'), knex.raw('max(delivered_at) as last_delivered'), knex.raw('min(created_at) as oldest'));
  const by: Record<string, any> = Object.fromEntries(rows.map((r) => [r.status, r]));
  const count = (s: string) => Number(by[s]?.n ?? 0);
  const cur = await knex('sync_target_cursors').where({ target_key: t.key }).first();
  const head = Number(await strapi.plugin('sync').service('outbox').lastId());
  const cursor = cur ? Number(cur.last_event_id) : null;
  const unfanned = Number(((await knex('sync_outbox').where('id', '>', cursor ?? (t.backfill ? 0 : head)).count({ n: '*' }).first()) as any)?.n ?? 0);
  const lastFailure: any = await knex('sync_deliveries').where({ target_key: t.key }).whereNotNull('last_failure_at').orderBy('last_failure_at', 'desc').first('last_failure_at', 'last_error', 'idempotency_key');
  const failuresRow: any = await knex('sync_deliveries').where({ target_key: t.key })
    .select(knex.raw(`sum(CASE WHEN status IN ('delivered', 'in_flight') THEN attempts - 1 ELSE attempts END) as f`)).first();
  const retrying: any = await knex('sync_deliveries').where({ target_key: t.key, status: 'pending' }).where('attempts', '>', 0).count({ n: '*' }).first();
  const oldestOpen = [by.pending?.oldest, by.in_flight?.oldest, by.dead?.oldest].filter((v) => v !== null && v !== undefined).map(Number);
  return {
    lag: count('pending') + count('in_flight') + count('dead') + unfanned,
    pending: count('pending'),
    inFlight: count('in_flight'),
    delivered: count('delivered'),
    dead: count('dead'),
    skipped: count('skipped'),
    notFannedOut: unfanned,
    retrying: Number(retrying?.n ?? 0),
    failures: Math.max(0, Number(failuresRow?.f ?? 0)),
    lastSuccessAt: iso(by.delivered?.last_delivered),
    lastFailureAt: iso(lastFailure?.last_failure_at),
    lastError: lastFailure?.last_error ?? null,
    oldestUndeliveredAt: oldestOpen.length ? iso(Math.min(...oldestOpen)) : null,
    cursor,
    outboxHead: head,
  };
}

/** deliveries of a target (by id: oldest first, or newest first with order 'desc'), paged */
export async function list(
  strapi: Core.Strapi,
  key: string,
  { status, page = 1, pageSize = 50, order = 'asc' }: { status?: DeliveryStatus; page?: number; pageSize?: number; order?: 'asc' | 'desc' } = {},
): Promise<DeliveryPage> {
  const knex = strapi.db.connection as any;
  const base = () => {
    const q = knex('sync_deliveries').where({ target_key: key });
    return status ? q.andWhere({ status }) : q;
  };
  const total = Number(((await base().count({ n: '*' }).first()) as any)?.n ?? 0);
  const rows: any[] = await base().orderBy('id', order).offset((page - 1) * pageSize).limit(pageSize).select('*');
  return {
    data: rows.map((r) => ({
      id: Number(r.id), eventId: Number(r.event_id), idempotencyKey: r.idempotency_key, type: TYPE_OF[r.uid] ?? r.uid, documentId: r.document_id, op: r.op,
      status: r.status, attempts: Number(r.attempts), nextAttemptAt: iso(r.next_attempt_at), lastStatus: num(r.last_status), lastError: r.last_error ?? null,
      lastFailureAt: iso(r.last_failure_at), createdAt: iso(r.created_at), deliveredAt: iso(r.delivered_at),
    })),
    meta: { page, pageSize, total },
  };
}

/** dead → pending with attempts reset (all dead letters of the target, or the given delivery ids) */
export async function replay(strapi: Core.Strapi, key: string, ids?: number[]): Promise<number> {
  const knex = strapi.db.connection as any;
  const NOW = dbNow(strapi);
  let q = knex('sync_deliveries').where({ target_key: key, status: 'dead' });
  if (ids) q = q.whereIn('id', ids);
  return q.update({ status: 'pending', attempts: 0, next_attempt_at: knex.raw(NOW), updated_at: knex.raw(NOW) });
}

/** dead → skipped: given up for good; later events of those documents are no longer blocked */
export async function skip(strapi: Core.Strapi, key: string, ids: number[]): Promise<number> {
  if (!ids.length) return 0;
  const knex = strapi.db.connection as any;
  return knex('sync_deliveries').where({ target_key: key, status: 'dead' }).whereIn('id', ids).update({ status: 'skipped', updated_at: knex.raw(dbNow(strapi)) });
}

/** removes a deleted target's bookkeeping (inside the caller's transaction) */
export async function forgetTarget(trx: any, key: string): Promise<void> {
  for (const table of ['sync_deliveries', 'sync_target_cursors', 'sync_target_documents']) await trx(table).where({ target_key: key }).delete();
}
