import type { Core } from '@strapi/strapi';
import type { Target } from '../config';
import { isPostgres, rowsOf } from '../../../../../src/foundation/sql';
import { TYPE_OF, chunks, dbNow, enabledTargets } from './model';
import { loadScopes, matches, type Scope } from './scope';

/**
 * Fan-out: turns outbox events into delivery rows, per target.
 *
 * Each target has a cursor (sync_target_cursors.last_event_id). A batch reads the outbox after the cursor in
 * id order, creates one sync_deliveries row per event the target must see, and advances the cursor IN THE
 * SAME TRANSACTION — so an event is fanned out exactly once per target even if the process dies mid-batch
 * (the transaction rolls back and the batch is read again; the unique idempotency_key absorbs any repeat).
 * Outbox ids follow commit order (see services/outbox.ts), so resuming after the cursor never skips an event.
 *
 * Several nodes may fan out at once: the cursor row is re-read under a row lock (FOR UPDATE on PostgreSQL)
 * and a batch whose starting cursor moved meanwhile is dropped — another node already fanned it out.
 *
 * sync_target_documents remembers which documents a target holds: an upsert of a public document in the
 * target's scope adds it; an event for a held document that is no longer public or no longer in scope (another
 * catalogue node, 仅对内, unpublished, deleted) becomes a tombstone and removes it. A document the target never
 * received produces nothing — tombstones go exactly to the targets that were sent the document.
 */
const FANOUT_BATCH = 500;

/** creates the target's fan-out cursor if missing (at 0 with backfill, else after the last outbox event) */
export async function ensureCursor(strapi: Core.Strapi, t: Target) {
  const knex = strapi.db.connection as any;
  const start = t.backfill ? 0 : await strapi.plugin('sync').service('outbox').lastId();
  await knex('sync_target_cursors').insert({ target_key: t.key, last_event_id: start, updated_at: Date.now() }).onConflict('target_key').ignore();
  return knex('sync_target_cursors').where({ target_key: t.key }).first();
}

/** one fan-out batch for a target; returns how many outbox events it consumed and deliveries it created */
export async function fanOutTarget(strapi: Core.Strapi, t: Target, cache: Map<string, Scope>): Promise<{ events: number; created: number }> {
  const knex = strapi.db.connection as any;
  const pg = isPostgres(strapi);
  const NOW = dbNow(strapi);
  const cur = (await knex('sync_target_cursors').where({ target_key: t.key }).first()) ?? (await ensureCursor(strapi, t));
  const since = Number(cur.last_event_id);
  const events: any[] = await knex('sync_outbox').where('id', '>', since).orderBy('id', 'asc').limit(FANOUT_BATCH).select('id', 'uid', 'document_id', 'op');
  if (!events.length) return { events: 0, created: 0 };
  const byUid = new Map<string, string[]>();
  for (const e of events) if (e.op === 'upsert' && TYPE_OF[e.uid]) byUid.set(e.uid, [...(byUid.get(e.uid) ?? []), e.document_id]);
  for (const [uid, ids] of byUid) await loadScopes(strapi, cache, null, uid, ids);
  const lastId = Number(events[events.length - 1].id);

  return strapi.db.transaction(async ({ trx }: any) => {
    const locked = pg
      ? rowsOf(await trx.raw('SELECT last_event_id FROM sync_target_cursors WHERE target_key = ? FOR UPDATE', [t.key]))[0]
      : await trx('sync_target_cursors').where({ target_key: t.key }).first();
    if (!locked || Number(locked.last_event_id) !== since) return { events: 0, created: 0 }; // another node fanned this batch out
    const docIds = [...new Set(events.map((e) => String(e.document_id)))];
    const held = new Set<string>();
    for (const part of chunks(docIds, 500)) {
      for (const r of await trx('sync_target_documents').where({ target_key: t.key }).whereIn('document_id', part).select('document_id')) held.add(r.document_id);
    }
    const initially = new Set(held);
    const uidOf = new Map<string, string>();
    const rows: any[] = [];
    for (const e of events) {
      if (!TYPE_OF[e.uid]) continue;
      const doc = String(e.document_id);
      uidOf.set(doc, e.uid);
      const scope = e.op === 'upsert' ? cache.get(`${e.uid}:${doc}`) : undefined;
      let op: 'upsert' | 'tombstone' | null = null;
      if (scope && scope.public && matches(t, scope)) {
        op = 'upsert';
        held.add(doc);
      } else if (held.has(doc)) {
        op = 'tombstone';
        held.delete(doc);
      }
      if (!op) continue;
      rows.push({
        target_key: t.key, event_id: Number(e.id), uid: e.uid, document_id: doc, op, idempotency_key: `${t.key}:${e.id}`, status: 'pending', attempts: 0,
        next_attempt_at: trx.raw(NOW), created_at: trx.raw(NOW), updated_at: trx.raw(NOW),
      });
    }
    for (const part of chunks(rows, 200)) await trx('sync_deliveries').insert(part).onConflict('idempotency_key').ignore();
    const added = [...held].filter((d) => !initially.has(d));
    const removed = [...initially].filter((d) => !held.has(d));
    for (const part of chunks(added, 300)) await trx('sync_target_documents').insert(part.map((d) => ({ target_key: t.key, document_id: d, uid: uidOf.get(d) }))).onConflict(['target_key', 'document_id']).ignore();
    for (const part of chunks(removed, 500)) await trx('sync_target_documents').where({ target_key: t.key }).whereIn('document_id', part).delete();
    await trx('sync_target_cursors').where({ target_key: t.key }).update({ last_event_id: lastId, updated_at: Date.now() });
    return { events: events.length, created: rows.length };
  });
}

/** one fan-out batch (up to 500 outbox events) for each given target (default: the enabled ones) */
export async function fanOut(strapi: Core.Strapi, only?: Target[]): Promise<{ events: number; created: number }> {
  const list: Target[] = only ?? (await enabledTargets(strapi));
  const cache = new Map<string, Scope>();
  const total = { events: 0, created: 0 };
  for (const t of list) {
    const r = await fanOutTarget(strapi, t, cache);
    total.events += r.events;
    total.created += r.created;
  }
  return total;
}
