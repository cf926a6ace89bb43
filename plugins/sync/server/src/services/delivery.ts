import os from 'os';
import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import type { DocType, SyncConfig, Target } from '../config';
import { applyMapping, serialize, tombstoneBody } from '../payload';
import { sign } from '../signature';
import { rowsOf, xactLock } from '../../../../../src/foundation/sql';
import { UID } from '../../../../../src/foundation/constants';
import type { DeliveryPage, DeliveryStatus, TargetStats } from '../wire';

/**
 * Push delivery from the transactional outbox (see README.md):
 *
 * 1. fan-out — per target, read the outbox after the target's cursor (sync_target_cursors) and create
 *    one delivery row per matching event (sync_deliveries, idempotency_key = `${target}:${eventId}`),
 *    advancing the cursor in the same transaction. sync_target_documents remembers which documents a
 *    target holds, so a tombstone goes exactly to the targets that were sent the document, and a document
 *    leaving a target's scope (another catalogue node, 仅对内, …) becomes a tombstone for it.
 * 2. claim — due deliveries are claimed (status in_flight, lease_until, claim_token) in ONE statement:
 *    PostgreSQL `… FOR UPDATE SKIP LOCKED`, so workers on several nodes never take the same row; SQLite an
 *    atomic UPDATE … RETURNING (single in-process worker). A delivery is due only when every earlier event
 *    of the same document for the same target is delivered (or skipped): per-document order, and a dead
 *    letter blocks its document until replayed or skipped. A crashed worker's claims are retried when
 *    their lease expires (at-least-once; receivers dedupe by Idempotency-Key).
 * 3. deliver — signed HTTP POST of the public representation (computed at delivery time, mapped and
 *    serialised for the target) or a tombstone; 2xx = delivered, anything else = retry with exponential
 *    backoff and jitter, dead after maxAttempts.
 * Times are epoch milliseconds from the database clock (BIGINT columns).
 */
export const TYPE_OF: Record<string, DocType> = {
  [UID.item]: 'item',
  [UID.law]: 'law',
  [UID.annualReport]: 'annualReport',
};
const NODE_UID = UID.catalogueNode;
const FANOUT_BATCH = 500;
const DONE = ['delivered', 'skipped'];

export type { DeliveryStatus };

interface Scope { type: DocType; public: boolean; org: string | null; nodes: string[] }
type Rep = Record<string, unknown> | null;

export interface RunResult { fannedOut: number; created: number; claimed: number; delivered: number; failed: number; dead: number }

const chunks = <T>(arr: T[], n: number): T[][] => Array.from({ length: Math.ceil(arr.length / n) }, (_, i) => arr.slice(i * n, i * n + n));
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(Number(v)).toISOString());

export function matches(t: Pick<Target, 'types' | 'organizations' | 'catalogueCodes'>, s: Scope): boolean {
  if (t.types && !t.types.includes(s.type)) return false;
  if (t.organizations && (!s.org || !t.organizations.includes(s.org))) return false;
  if (t.catalogueCodes && (s.type !== 'item' || !s.nodes.some((c) => t.catalogueCodes!.includes(c)))) return false;
  return true;
}

/** exponential backoff with jitter: base·2^(attempt-1), capped, then a random point in its upper half */
export function backoffDelay(baseMs: number, attempt: number, capMs: number, random = Math.random): number {
  const full = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.max(1, Math.round(full / 2 + (random() * full) / 2));
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection as any;
  const isPg = () => strapi.db.dialect.client === 'postgres';
  /** the database clock in epoch ms, as SQL */
  const NOW = () => (isPg() ? '(extract(epoch from clock_timestamp()) * 1000)::bigint' : "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)");
  const cfg = () => strapi.config.get('plugin::sync') as SyncConfig;
  const targetsService = () => strapi.plugin('sync').service('targets');
  const workerId = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;

  let running = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  let lastPurge = 0;

  /** public-ness, organisation and catalogue codes (with ancestors) of published documents */
  async function loadScopes(cache: Map<string, Scope>, reps: Map<string, Rep> | null, uid: string, ids: string[]) {
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
      const found: any[] = await strapi.db.query(NODE_UID as any).findMany({ where: { id: { $in: frontier } }, select: ['id', 'code'], populate: { parent: { select: ['id'] } } });
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

  async function ensureCursor(t: Target) {
    const start = t.backfill ? 0 : await strapi.plugin('sync').service('outbox').lastId();
    await knex()('sync_target_cursors').insert({ target_key: t.key, last_event_id: start, updated_at: Date.now() }).onConflict('target_key').ignore();
    return knex()('sync_target_cursors').where({ target_key: t.key }).first();
  }

  /** one fan-out batch for a target; returns how many outbox events it consumed and deliveries it created */
  async function fanOutTarget(t: Target, cache: Map<string, Scope>): Promise<{ events: number; created: number }> {
    const cur = (await knex()('sync_target_cursors').where({ target_key: t.key }).first()) ?? (await ensureCursor(t));
    const since = Number(cur.last_event_id);
    const events: any[] = await knex()('sync_outbox').where('id', '>', since).orderBy('id', 'asc').limit(FANOUT_BATCH).select('id', 'uid', 'document_id', 'op');
    if (!events.length) return { events: 0, created: 0 };
    const byUid = new Map<string, string[]>();
    for (const e of events) if (e.op === 'upsert' && TYPE_OF[e.uid]) byUid.set(e.uid, [...(byUid.get(e.uid) ?? []), e.document_id]);
    for (const [uid, ids] of byUid) await loadScopes(cache, null, uid, ids);
    const lastId = Number(events[events.length - 1].id);

    return strapi.db.transaction(async ({ trx }: any) => {
      const locked = isPg()
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
          next_attempt_at: trx.raw(NOW()), created_at: trx.raw(NOW()), updated_at: trx.raw(NOW()),
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

  /** claim up to `limit` due deliveries of the given targets (one statement; see the header comment) */
  async function claim(keys: string[], limit: number, leaseMs: number): Promise<any[]> {
    if (!keys.length || limit < 1) return [];
    const token = crypto.randomBytes(12).toString('hex');
    const ph = keys.map(() => '?').join(', ');
    const due = `d.target_key IN (${ph})
      AND ((d.status = 'pending' AND d.next_attempt_at <= ${NOW()}) OR (d.status = 'in_flight' AND d.lease_until < ${NOW()}))
      AND NOT EXISTS (SELECT 1 FROM sync_deliveries e WHERE e.target_key = d.target_key AND e.document_id = d.document_id
                      AND e.event_id < d.event_id AND e.status NOT IN ('delivered', 'skipped'))`;
    const set = `status = 'in_flight', attempts = attempts + 1, lease_until = ${NOW()} + ?, claim_token = ?, claimed_by = ?, updated_at = ${NOW()}`;
    const sql = isPg()
      ? `WITH due AS (SELECT d.id FROM sync_deliveries d WHERE ${due} ORDER BY d.id LIMIT ? FOR UPDATE OF d SKIP LOCKED)
         UPDATE sync_deliveries SET ${set} FROM due WHERE sync_deliveries.id = due.id RETURNING sync_deliveries.*`
      : `UPDATE sync_deliveries SET ${set} WHERE id IN (SELECT d.id FROM sync_deliveries d WHERE ${due} ORDER BY d.id LIMIT ?) RETURNING *`;
    const bindings = isPg() ? [...keys, limit, leaseMs, token, workerId] : [leaseMs, token, workerId, ...keys, limit];
    const rows = rowsOf(await knex().raw(sql, bindings));
    return rows.map((r) => ({ ...r, id: Number(r.id), event_id: Number(r.event_id), attempts: Number(r.attempts) })).sort((a, b) => a.id - b.id);
  }

  async function finish(row: any, patch: Record<string, unknown>): Promise<boolean> {
    const n = await knex()('sync_deliveries')
      .where({ id: row.id, claim_token: row.claim_token, status: 'in_flight' })
      .update({ ...patch, lease_until: null, claim_token: null, updated_at: knex().raw(NOW()) });
    if (!n) strapi.log.warn(`[sync] 投递 ${row.idempotency_key} 的租约已过期并被其他进程接手；本次结果不记录（接收方按 Idempotency-Key 去重）`);
    return n > 0;
  }

  async function readLimited(res: Response, max = 2048): Promise<string> {
    if (!res.body) return '';
    const reader = res.body.getReader();
    const parts: Uint8Array[] = [];
    let size = 0;
    try {
      while (size < max) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        size += value.length;
      }
    } finally {
      await reader.cancel().catch(() => undefined);
    }
    return Buffer.concat(parts).toString('utf8').slice(0, max);
  }

  /** builds, signs and POSTs one delivery; records the outcome */
  async function deliverRow(row: any, t: Target, rep: Rep | undefined, scope: Scope | undefined): Promise<'delivered' | 'failed' | 'dead' | 'lost'> {
    const type = TYPE_OF[row.uid] ?? row.uid;
    let op: 'upsert' | 'tombstone' = row.op;
    let payload: Record<string, unknown>;
    // the document is re-checked now: never send one that is no longer public or no longer in scope
    if (op === 'upsert' && rep && scope?.public && matches(t, scope)) payload = applyMapping(rep, t.mapping);
    else {
      payload = applyMapping(tombstoneBody(row.document_id, type, op === 'upsert'), { fields: t.mapping.fields });
      op = 'tombstone';
    }
    const { body, contentType } = serialize(payload, t.format, op);
    const timestamp = String(Date.now());
    const headers: Record<string, string> = {
      'content-type': contentType,
      'user-agent': 'gov-disclosure-sync/1',
      'x-gov-timestamp': timestamp,
      'x-gov-signature': sign(t.secret, timestamp, body),
      'idempotency-key': row.idempotency_key,
      'x-gov-event': op,
      'x-gov-event-id': String(row.event_id),
      'x-gov-document-id': row.document_id,
      'x-gov-document-type': type,
      'x-gov-attempt': String(row.attempts),
    };
    let status: number | null = null;
    let error: string | null = null;
    if (!t.secret) error = 'secret 无法解密（ENCRYPTION_KEY 变更？）：请在管理界面重新设置';
    else {
      try {
        const res = await fetch(t.url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(t.timeoutMs) });
        status = res.status;
        const text = await readLimited(res);
        if (status < 200 || status >= 300) error = `HTTP ${status}${text ? `：${text.replace(/\s+/g, ' ').slice(0, 300)}` : ''}`;
      } catch (e: any) {
        error = e?.name === 'TimeoutError' || e?.name === 'AbortError' ? `超时（${t.timeoutMs} ms 内无应答）` : `${e?.cause?.code ?? e?.name ?? 'Error'}：${e?.cause?.message ?? e?.message ?? e}`;
      }
    }
    if (!error) return (await finish(row, { status: 'delivered', delivered_at: knex().raw(NOW()), last_status: status })) ? 'delivered' : 'lost';
    const dead = row.attempts >= t.maxAttempts;
    const delay = backoffDelay(t.backoffMs, row.attempts, cfg().delivery.maxBackoffMs);
    const ok = await finish(row, {
      status: dead ? 'dead' : 'pending', next_attempt_at: knex().raw(`${NOW()} + ?`, [delay]), last_status: status, last_error: error.slice(0, 1000), last_failure_at: knex().raw(NOW()),
    });
    if (dead && ok) strapi.log.warn(`[sync] ${row.idempotency_key} 已重试 ${row.attempts} 次，转入死信：${error}`);
    return ok ? (dead ? 'dead' : 'failed') : 'lost';
  }

  /** extends a claim before sending (rows queued behind slow ones); false when the claim was lost meanwhile */
  async function renew(row: any, leaseMs: number): Promise<boolean> {
    const n = await knex()('sync_deliveries').where({ id: row.id, claim_token: row.claim_token, status: 'in_flight' }).update({ lease_until: knex().raw(`${NOW()} + ?`, [leaseMs]) });
    return n > 0;
  }

  async function deliverBatch(rows: any[], byKey: Map<string, Target>, result: RunResult, leaseMs: number) {
    const claimedAt = Date.now();
    const reps = new Map<string, Rep>();
    const scopes = new Map<string, Scope>();
    const byUid = new Map<string, string[]>();
    for (const r of rows) if (r.op === 'upsert') byUid.set(r.uid, [...(byUid.get(r.uid) ?? []), r.document_id]);
    for (const [uid, ids] of byUid) await loadScopes(scopes, reps, uid, ids);
    const queue = [...rows];
    const concurrency = Math.max(1, cfg().worker.concurrency);
    const runners = Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let row = queue.shift(); row; row = queue.shift()) {
        const t = byKey.get(row.target_key);
        if (!t) continue; // removed meanwhile: the lease expires and nobody claims it for an unknown target
        const key = `${row.uid}:${row.document_id}`;
        // the lease must outlast this request: renew it when the row waited in the queue
        if (Date.now() - claimedAt > 1000 && !(await renew(row, leaseMs))) continue;
        const outcome = await deliverRow(row, t, reps.get(key), scopes.get(key)).catch((e) => {
          strapi.log.error(`[sync] 投递 ${row.idempotency_key} 出错：${e?.stack ?? e}`);
          return 'lost' as const;
        });
        if (outcome === 'delivered') result.delivered++;
        else if (outcome === 'failed') result.failed++;
        else if (outcome === 'dead') result.dead++;
      }
    });
    await Promise.all(runners);
  }

  async function purge() {
    const cutoff = Date.now() - cfg().retentionDays * 86400000;
    await knex()('sync_deliveries').where('status', 'delivered').andWhere('delivered_at', '<', cutoff).delete();
    await knex()('sync_deliveries').where('status', 'skipped').andWhere('updated_at', '<', cutoff).delete();
  }

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        wake = null;
        resolve();
      }, ms);
      wake = () => {
        clearTimeout(timer);
        wake = null;
        resolve();
      };
    });

  return {
    workerId,

    async ensureTables() {
      const pg = isPg();
      const id = pg ? 'id BIGSERIAL PRIMARY KEY' : 'id INTEGER PRIMARY KEY AUTOINCREMENT';
      const statements = [
        `CREATE TABLE IF NOT EXISTS sync_deliveries (
          ${id}, target_key VARCHAR(64) NOT NULL, event_id BIGINT NOT NULL, uid VARCHAR(120) NOT NULL, document_id VARCHAR(64) NOT NULL,
          op VARCHAR(12) NOT NULL, idempotency_key VARCHAR(100) NOT NULL UNIQUE, status VARCHAR(12) NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0,
          next_attempt_at BIGINT NOT NULL, lease_until BIGINT, claim_token VARCHAR(40), claimed_by VARCHAR(120),
          last_status INTEGER, last_error TEXT, last_failure_at BIGINT, created_at BIGINT NOT NULL, delivered_at BIGINT, updated_at BIGINT NOT NULL)`,
        'CREATE INDEX IF NOT EXISTS sync_deliveries_due_idx ON sync_deliveries (status, next_attempt_at)',
        'CREATE INDEX IF NOT EXISTS sync_deliveries_doc_idx ON sync_deliveries (target_key, document_id, event_id)',
        'CREATE INDEX IF NOT EXISTS sync_deliveries_target_idx ON sync_deliveries (target_key, status)',
        'CREATE TABLE IF NOT EXISTS sync_target_cursors (target_key VARCHAR(64) PRIMARY KEY, last_event_id BIGINT NOT NULL, updated_at BIGINT NOT NULL)',
        `CREATE TABLE IF NOT EXISTS sync_target_documents (target_key VARCHAR(64) NOT NULL, document_id VARCHAR(64) NOT NULL, uid VARCHAR(120) NOT NULL,
          PRIMARY KEY (target_key, document_id))`,
      ];
      if (pg) {
        await knex().transaction(async (trx: any) => {
          await xactLock(trx, 'syncSchema');
          for (const s of statements) await trx.raw(s);
        });
      } else for (const s of statements) await knex().raw(s);
    },

    /** creates the target's fan-out cursor if missing (at 0 with backfill, else after the last outbox event) */
    ensureCursor: (t: Target) => ensureCursor(t),

    /** one fan-out batch (up to 500 outbox events) for each enabled target; returns events consumed and deliveries created */
    async fanOut(only?: Target[]): Promise<{ events: number; created: number }> {
      const list: Target[] = only ?? (await targetsService().list()).filter((t: Target) => t.enabled);
      const cache = new Map<string, Scope>();
      const total = { events: 0, created: 0 };
      for (const t of list) {
        const r = await fanOutTarget(t, cache);
        total.events += r.events;
        total.created += r.created;
      }
      return total;
    },

    /** one round: fan out new outbox events, claim a batch of due deliveries, deliver them */
    async runOnce(opts: { batchSize?: number } = {}): Promise<RunResult> {
      const result: RunResult = { fannedOut: 0, created: 0, claimed: 0, delivered: 0, failed: 0, dead: 0 };
      const targets: Target[] = (await targetsService().list()).filter((t: Target) => t.enabled);
      if (!targets.length) return result;
      const f = await this.fanOut(targets);
      result.fannedOut = f.events;
      result.created = f.created;
      const lease = Math.max(cfg().worker.leaseMs, Math.max(...targets.map((t) => t.timeoutMs)) + 2000);
      const rows = await claim(targets.map((t) => t.key), opts.batchSize ?? cfg().worker.batchSize, lease);
      result.claimed = rows.length;
      if (rows.length) await deliverBatch(rows, new Map(targets.map((t) => [t.key, t])), result, lease);
      if (Date.now() - lastPurge > 3600000) {
        lastPurge = Date.now();
        await purge();
      }
      return result;
    },

    /** runs rounds until nothing is pending for the enabled targets (dead letters excepted), or throws after timeoutMs */
    async drain({ timeoutMs = 30000, pollMs = 25 }: { timeoutMs?: number; pollMs?: number } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const r = await this.runOnce();
        if (!r.claimed && !r.fannedOut) {
          if ((await this.backlog()) === 0) return;
          if (Date.now() > deadline) throw new Error(`[sync] drain: 仍有 ${await this.backlog()} 条待投递`);
          await new Promise((res) => setTimeout(res, pollMs));
        } else if (Date.now() > deadline) throw new Error('[sync] drain 超时');
      }
    },

    /** events not yet delivered to the enabled targets, dead letters excepted (pending + in flight + not yet fanned out) */
    async backlog(): Promise<number> {
      const targets: Target[] = (await targetsService().list()).filter((t: Target) => t.enabled);
      if (!targets.length) return 0;
      const keys = targets.map((t) => t.key);
      // pending rows stuck behind a dead letter of their document wait for the admin, not for the worker
      const row: any = await knex()('sync_deliveries as d').whereIn('d.target_key', keys).whereIn('d.status', ['pending', 'in_flight'])
        .whereNotExists((q: any) => q.select(knex().raw('1')).from('sync_deliveries as e').whereRaw('e.target_key = d.target_key AND e.document_id = d.document_id AND e.event_id < d.event_id').andWhere('e.status', 'dead'))
        .count({ n: '*' }).first();
      let unfanned = 0;
      for (const t of targets) {
        const cur = await knex()('sync_target_cursors').where({ target_key: t.key }).first();
        const c: any = await knex()('sync_outbox').where('id', '>', cur ? Number(cur.last_event_id) : t.backfill ? 0 : Number.MAX_SAFE_INTEGER).count({ n: '*' }).first();
        unfanned += Number(c?.n ?? 0);
      }
      return Number(row?.n ?? 0) + unfanned;
    },

    /** per-target figures for the admin: lag, last success, failures, dead letters */
    async stats(t: Target): Promise<TargetStats> {
      const rows: any[] = await knex()('sync_deliveries').where({ target_key: t.key }).groupBy('status')
        .select('status', knex().raw('count(*) as n'), knex().raw('sum(attempts) as attempts'), knex().raw('max(delivered_at) as last_delivered'), knex().raw('min(created_at) as oldest'));
      const by: Record<string, any> = Object.fromEntries(rows.map((r) => [r.status, r]));
      const count = (s: string) => Number(by[s]?.n ?? 0);
      const cur = await knex()('sync_target_cursors').where({ target_key: t.key }).first();
      const head = Number(await strapi.plugin('sync').service('outbox').lastId());
      const cursor = cur ? Number(cur.last_event_id) : null;
      const unfanned = Number(((await knex()('sync_outbox').where('id', '>', cursor ?? (t.backfill ? 0 : head)).count({ n: '*' }).first()) as any)?.n ?? 0);
      const lastFailure: any = await knex()('sync_deliveries').where({ target_key: t.key }).whereNotNull('last_failure_at').orderBy('last_failure_at', 'desc').first('last_failure_at', 'last_error', 'idempotency_key');
      const failuresRow: any = await knex()('sync_deliveries').where({ target_key: t.key })
        .select(knex().raw(`sum(CASE WHEN status IN ('delivered', 'in_flight') THEN attempts - 1 ELSE attempts END) as f`)).first();
      const retrying: any = await knex()('sync_deliveries').where({ target_key: t.key, status: 'pending' }).where('attempts', '>', 0).count({ n: '*' }).first();
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
    },

    /** deliveries of a target (by id: oldest first, or newest first with order 'desc'), paged */
    async list(key: string, { status, page = 1, pageSize = 50, order = 'asc' }: { status?: DeliveryStatus; page?: number; pageSize?: number; order?: 'asc' | 'desc' } = {}): Promise<DeliveryPage> {
      const base = () => {
        const q = knex()('sync_deliveries').where({ target_key: key });
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
    },

    /** dead → pending with attempts reset (all dead letters of the target, or the given delivery ids) */
    async replay(key: string, ids?: number[]): Promise<number> {
      let q = knex()('sync_deliveries').where({ target_key: key, status: 'dead' });
      if (ids) q = q.whereIn('id', ids);
      const n = await q.update({ status: 'pending', attempts: 0, next_attempt_at: knex().raw(NOW()), updated_at: knex().raw(NOW()) });
      this.nudge();
      return n;
    },

    /** dead → skipped: given up for good; later events of those documents are no longer blocked */
    async skip(key: string, ids: number[]): Promise<number> {
      if (!ids.length) return 0;
      const n = await knex()('sync_deliveries').where({ target_key: key, status: 'dead' }).whereIn('id', ids).update({ status: 'skipped', updated_at: knex().raw(NOW()) });
      this.nudge();
      return n;
    },

    /** removes a deleted target's bookkeeping (inside the caller's transaction) */
    async forgetTarget(trx: any, key: string) {
      for (const table of ['sync_deliveries', 'sync_target_cursors', 'sync_target_documents']) await trx(table).where({ target_key: key }).delete();
    },

    /** the in-process worker loop (one per Strapi process; several processes share the work through claims) */
    start() {
      if (running) return;
      running = true;
      strapi.log.info(`[sync] 推送 worker 已启动（${workerId}，${isPg() ? 'PostgreSQL 多节点' : 'SQLite 单进程'}）`);
      loop = (async () => {
        while (running) {
          let busy = false;
          try {
            const r = await this.runOnce();
            busy = r.claimed > 0 || r.fannedOut > 0;
          } catch (e: any) {
            if (running) strapi.log.error(`[sync] worker 出错：${e?.message ?? e}`);
          }
          if (running && !busy) await sleep(cfg().worker.intervalMs);
        }
      })();
    },

    async stop() {
      running = false;
      wake?.();
      await loop;
      loop = null;
    },

    /** wakes an idle worker (after a commit that recorded outbox events, or a replay) */
    nudge() {
      wake?.();
    },

    isRunning: () => running,
  };
};

