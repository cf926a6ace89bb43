import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import type { Target } from '../config';
import { isPostgres, rowsOf } from '../../../../../src/foundation/sql';
import { dbNow, type ClaimedDelivery } from './model';

/**
 * The delivery queue (sync_deliveries) as a leased work queue, on PostgreSQL and SQLite alike:
 * claim → (renew) → complete | fail (retry later, or dead letter).
 *
 * Why leases: a worker may die between claiming a row and recording its outcome (crash, SIGKILL, lost node).
 * A claim therefore only holds until lease_until; an expired in-flight row is due again and another worker
 * takes it over. Delivery is thus at-least-once — receivers dedupe by Idempotency-Key — and never lost.
 * Each claim carries a random claim_token: the outcome is recorded only if the row is still in flight under
 * OUR token, so a worker whose lease expired cannot overwrite the outcome of the worker that took over.
 *
 * Why one statement: the due rows are selected and marked in flight in a single UPDATE, so two workers never
 * both take a row — on PostgreSQL `FOR UPDATE … SKIP LOCKED` (nodes skip each other's rows instead of
 * waiting), on SQLite an atomic UPDATE … RETURNING (one writer; the in-process worker).
 *
 * Why in id order, and only rows without an earlier open event of their document: ids follow outbox order,
 * so per target the events of a document are sent in the order they happened — an old upsert can never
 * arrive after a newer tombstone. A dead letter keeps blocking the later events of its document until the
 * admin replays or skips it (see admin-queries.ts).
 *
 * Times are the database clock (see model.ts), so leases and retry times mean the same on every node.
 */

/** claims up to `limit` due deliveries of the given targets for `workerId`, in id order */
export async function claim(strapi: Core.Strapi, workerId: string, keys: string[], limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
  if (!keys.length || limit < 1) return [];
  const pg = isPostgres(strapi);
  const NOW = dbNow(strapi);
  const token = crypto.randomBytes(12).toString('hex');
  const ph = keys.map(() => '?').join(', ');
  const due = `d.target_key IN (${ph})
    AND ((d.status = 'pending' AND d.next_attempt_at <= ${NOW}) OR (d.status = 'in_flight' AND d.lease_until < ${NOW}))
    AND NOT EXISTS (SELECT 1 FROM sync_deliveries e WHERE e.target_key = d.target_key AND e.document_id = d.document_id
                    AND e.event_id < d.event_id AND e.status NOT IN ('delivered', 'skipped'))`;
  const set = `status = 'in_flight', attempts = attempts + 1, lease_until = ${NOW} + ?, claim_token = ?, claimed_by = ?, updated_at = ${NOW}`;
  const sql = pg
    ? `WITH due AS (SELECT d.id FROM sync_deliveries d WHERE ${due} ORDER BY d.id LIMIT ? FOR UPDATE OF d SKIP LOCKED)
       UPDATE sync_deliveries SET ${set} FROM due WHERE sync_deliveries.id = due.id RETURNING sync_deliveries.*`
    : `UPDATE sync_deliveries SET ${set} WHERE id IN (SELECT d.id FROM sync_deliveries d WHERE ${due} ORDER BY d.id LIMIT ?) RETURNING *`;
  const bindings = pg ? [...keys, limit, leaseMs, token, workerId] : [leaseMs, token, workerId, ...keys, limit];
  const rows = rowsOf(await (strapi.db.connection as any).raw(sql, bindings));
  return rows.map((r) => ({ ...r, id: Number(r.id), event_id: Number(r.event_id), attempts: Number(r.attempts) }) as ClaimedDelivery).sort((a, b) => a.id - b.id);
}

/** extends a claim before sending (rows queued behind slow ones); false when the claim was lost meanwhile */
export async function renew(strapi: Core.Strapi, row: ClaimedDelivery, leaseMs: number): Promise<boolean> {
  const knex = strapi.db.connection as any;
  const n = await knex('sync_deliveries').where({ id: row.id, claim_token: row.claim_token, status: 'in_flight' }).update({ lease_until: knex.raw(`${dbNow(strapi)} + ?`, [leaseMs]) });
  return n > 0;
}

/** records the outcome of a claim, if it is still ours; false (and a warning) when the lease was taken over */
async function finish(strapi: Core.Strapi, row: ClaimedDelivery, patch: Record<string, unknown>): Promise<boolean> {
  const knex = strapi.db.connection as any;
  const n = await knex('sync_deliveries')
    .where({ id: row.id, claim_token: row.claim_token, status: 'in_flight' })
    .update({ ...patch, lease_until: null, claim_token: null, updated_at: knex.raw(dbNow(strapi)) });
  if (!n) strapi.log.warn(`[sync] 投递 ${row.idempotency_key} 的租约已过期并被其他进程接手；本次结果不记录（接收方按 Idempotency-Key 去重）`);
  return n > 0;
}

/** in flight → delivered */
export function complete(strapi: Core.Strapi, row: ClaimedDelivery, httpStatus: number | null): Promise<boolean> {
  const knex = strapi.db.connection as any;
  return finish(strapi, row, { status: 'delivered', delivered_at: knex.raw(dbNow(strapi)), last_status: httpStatus });
}

/** in flight → pending again after `delayMs`, or → dead (a dead letter) when `dead` */
export function fail(strapi: Core.Strapi, row: ClaimedDelivery, f: { dead: boolean; delayMs: number; httpStatus: number | null; error: string }): Promise<boolean> {
  const knex = strapi.db.connection as any;
  const NOW = dbNow(strapi);
  return finish(strapi, row, {
    status: f.dead ? 'dead' : 'pending', next_attempt_at: knex.raw(`${NOW} + ?`, [f.delayMs]), last_status: f.httpStatus, last_error: f.error.slice(0, 1000), last_failure_at: knex.raw(NOW),
  });
}

/** deletes delivered and skipped rows older than the retention period */
export async function purge(strapi: Core.Strapi, retentionDays: number): Promise<void> {
  const knex = strapi.db.connection as any;
  const cutoff = Date.now() - retentionDays * 86400000;
  await knex('sync_deliveries').where('status', 'delivered').andWhere('delivered_at', '<', cutoff).delete();
  await knex('sync_deliveries').where('status', 'skipped').andWhere('updated_at', '<', cutoff).delete();
}

/** events not yet delivered to the given targets, dead letters excepted (pending + in flight + not yet fanned out) */
export async function backlog(strapi: Core.Strapi, targets: Target[]): Promise<number> {
  if (!targets.length) return 0;
  const knex = strapi.db.connection as any;
  const keys = targets.map((t) => t.key);
  // pending rows stuck behind a dead letter of their document wait for the admin, not for the worker
  const row: any = await knex('sync_deliveries as d').whereIn('d.target_key', keys).whereIn('d.status', ['pending', 'in_flight'])
    .whereNotExists((q: any) => q.select(knex.raw('1')).from('sync_deliveries as e').whereRaw('e.target_key = d.target_key AND e.document_id = d.document_id AND e.event_id < d.event_id').andWhere('e.status', 'dead'))
    .count({ n: '*' }).first();
  let unfanned = 0;
  for (const t of targets) {
    const cur = await knex('sync_target_cursors').where({ target_key: t.key }).first();
    const c: any = await knex('sync_outbox').where('id', '>', cur ? Number(cur.last_event_id) : t.backfill ? 0 : Number.MAX_SAFE_INTEGER).count({ n: '*' }).first();
    unfanned += Number(c?.n ?? 0);
  }
  return Number(row?.n ?? 0) + unfanned;
}
