import type { Core } from '@strapi/strapi';
import type { Target } from '../config';
import { ensureTables } from '../delivery/schema';
import { ensureCursor, fanOut } from '../delivery/fan-out';
import { backlog } from '../delivery/queue';
import { createWorker } from '../delivery/worker';
import { forgetTarget, list, replay, skip, stats } from '../delivery/admin-queries';
import { enabledTargets, type DeliveryStatus, type RunResult } from '../delivery/model';

/**
 * Push delivery from the transactional outbox (see README.md) — the service that wires the modules of
 * ../delivery/:
 *
 * 1. fan-out (fan-out.ts) — per target, outbox events after the target's cursor become delivery rows
 *    (idempotency_key `${target}:${eventId}`), the cursor advancing in the same transaction; tombstones go
 *    exactly to the targets that hold the document (scope.ts decides who qualifies).
 * 2. claim (queue.ts) — due deliveries are claimed under a lease in ONE statement (PostgreSQL
 *    `FOR UPDATE SKIP LOCKED`, SQLite UPDATE … RETURNING), in id order and only when no earlier event of the
 *    same document for the same target is still open: per-document order; a dead letter blocks its document
 *    until replayed or skipped; an expired lease is taken over (at-least-once, receivers dedupe).
 * 3. send (send.ts) — signed HTTP POST of the current public representation or a tombstone, with a timeout.
 * 4. the worker (worker.ts) — the loop of rounds; 2xx = delivered, else retry with backoff and jitter, dead
 *    after maxAttempts.
 * The admin page's figures and actions are in admin-queries.ts; the tables in schema.ts.
 */
export { TYPE_OF } from '../delivery/model';
export type { DeliveryStatus, RunResult } from '../delivery/model';
export { matches } from '../delivery/scope';
export { backoffDelay } from '../delivery/worker';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const worker = createWorker(strapi);

  return {
    workerId: worker.workerId,

    /** creates the delivery tables and indexes if missing */
    ensureTables: () => ensureTables(strapi),

    /** creates the target's fan-out cursor if missing (at 0 with backfill, else after the last outbox event) */
    ensureCursor: (t: Target) => ensureCursor(strapi, t),

    /** one fan-out batch (up to 500 outbox events) for each enabled target; returns events consumed and deliveries created */
    fanOut: (only?: Target[]): Promise<{ events: number; created: number }> => fanOut(strapi, only),

    /** one round: fan out new outbox events, claim a batch of due deliveries, deliver them */
    runOnce: (opts: { batchSize?: number } = {}): Promise<RunResult> => worker.runOnce(opts),

    /** runs rounds until nothing is pending for the enabled targets (dead letters excepted), or throws after timeoutMs */
    drain: (opts: { timeoutMs?: number; pollMs?: number } = {}) => worker.drain(opts),

    /** events not yet delivered to the enabled targets, dead letters excepted (pending + in flight + not yet fanned out) */
    backlog: async (): Promise<number> => backlog(strapi, await enabledTargets(strapi)),

    /** per-target figures for the admin: lag, last success, failures, dead letters */
    stats: (t: Target) => stats(strapi, t),

    /** deliveries of a target (by id: oldest first, or newest first with order 'desc'), paged */
    list: (key: string, opts: { status?: DeliveryStatus; page?: number; pageSize?: number; order?: 'asc' | 'desc' } = {}) => list(strapi, key, opts),

    /** dead → pending with attempts reset (all dead letters of the target, or the given delivery ids) */
    async replay(key: string, ids?: number[]): Promise<number> {
      const n = await replay(strapi, key, ids);
      worker.nudge();
      return n;
    },

    /** dead → skipped: given up for good; later events of those documents are no longer blocked */
    async skip(key: string, ids: number[]): Promise<number> {
      if (!ids.length) return 0;
      const n = await skip(strapi, key, ids);
      worker.nudge();
      return n;
    },

    /** removes a deleted target's bookkeeping (inside the caller's transaction) */
    forgetTarget: (trx: any, key: string) => forgetTarget(trx, key),

    /** the in-process worker loop (one per Strapi process; several processes share the work through claims) */
    start: () => worker.start(),

    stop: () => worker.stop(),

    /** wakes an idle worker (after a commit that recorded outbox events, or a replay) */
    nudge: () => worker.nudge(),

    isRunning: () => worker.isRunning(),
  };
};
