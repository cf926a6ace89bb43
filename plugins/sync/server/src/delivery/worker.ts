import os from 'os';
import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import type { Target } from '../config';
import { isPostgres } from '../../../../../src/foundation/sql';
import { enabledTargets, syncConfig, type ClaimedDelivery, type Rep, type RunResult } from './model';
import { loadScopesOf, type Scope } from './scope';
import { fanOut } from './fan-out';
import { backlog, claim, complete, fail, purge, renew } from './queue';
import { push } from './send';

/**
 * The push worker: one loop per Strapi process, rounds of fan-out → claim → send → record.
 *
 * Several processes (nodes) may run it against one database: they share the work only through the queue's
 * claims (queue.ts), so there is no leader and a dead node's work is simply taken over when its leases expire.
 * A round's batch is sent with `worker.concurrency` requests in flight; a row that waited in the batch behind
 * slow ones has its lease renewed before it is sent, so its claim outlives the request.
 *
 * A 2xx answer records the delivery as delivered; anything else is retried with exponential backoff and
 * jitter (backoffDelay) — jitter so that the deliveries a target's outage failed together do not all hit it
 * again at the same instant when it comes back — until maxAttempts, after which the row becomes a dead letter.
 * The loop sleeps `worker.intervalMs` only after an idle round; nudge() wakes it early (a commit that recorded
 * outbox events, a replay).
 */

/** exponential backoff with jitter: base·2^(attempt-1), capped, then a random point in its upper half */
export function backoffDelay(baseMs: number, attempt: number, capMs: number, random = Math.random): number {
  const full = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.max(1, Math.round(full / 2 + (random() * full) / 2));
}

type Outcome = 'delivered' | 'failed' | 'dead' | 'lost';

export function createWorker(strapi: Core.Strapi) {
  const workerId = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  const cfg = () => syncConfig(strapi);

  let running = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  let lastPurge = 0;

  /** sends one claimed delivery and records the outcome ('lost': the claim was taken over meanwhile) */
  async function deliverRow(row: ClaimedDelivery, t: Target, rep: Rep | undefined, scope: Scope | undefined): Promise<Outcome> {
    const { status, error } = await push(row, t, rep, scope);
    if (!error) return (await complete(strapi, row, status)) ? 'delivered' : 'lost';
    const dead = row.attempts >= t.maxAttempts;
    const delayMs = backoffDelay(t.backoffMs, row.attempts, cfg().delivery.maxBackoffMs);
    const ok = await fail(strapi, row, { dead, delayMs, httpStatus: status, error });
    if (dead && ok) strapi.log.warn(`[sync] ${row.idempotency_key} 已重试 ${row.attempts} 次，转入死信：${error}`);
    return ok ? (dead ? 'dead' : 'failed') : 'lost';
  }

  async function deliverBatch(rows: ClaimedDelivery[], byKey: Map<string, Target>, result: RunResult, leaseMs: number) {
    const claimedAt = Date.now();
    const reps = new Map<string, Rep>();
    const scopes = new Map<string, Scope>();
    await loadScopesOf(strapi, scopes, reps, rows);
    const queue = [...rows];
    const concurrency = Math.max(1, cfg().worker.concurrency);
    const runners = Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let row = queue.shift(); row; row = queue.shift()) {
        const t = byKey.get(row.target_key);
        if (!t) continue; // removed meanwhile: the lease expires and nobody claims it for an unknown target
        const key = `${row.uid}:${row.document_id}`;
        // the lease must outlast this request: renew it when the row waited in the queue
        if (Date.now() - claimedAt > 1000 && !(await renew(strapi, row, leaseMs))) continue;
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

  /** one round: fan out new outbox events, claim a batch of due deliveries, deliver them */
  async function runOnce(opts: { batchSize?: number } = {}): Promise<RunResult> {
    const result: RunResult = { fannedOut: 0, created: 0, claimed: 0, delivered: 0, failed: 0, dead: 0 };
    const targets = await enabledTargets(strapi);
    if (!targets.length) return result;
    const f = await fanOut(strapi, targets);
    result.fannedOut = f.events;
    result.created = f.created;
    // the lease outlasts the slowest target's timeout, so an answer that is merely slow is never sent twice
    const lease = Math.max(cfg().worker.leaseMs, Math.max(...targets.map((t) => t.timeoutMs)) + 2000);
    const rows = await claim(strapi, workerId, targets.map((t) => t.key), opts.batchSize ?? cfg().worker.batchSize, lease);
    result.claimed = rows.length;
    if (rows.length) await deliverBatch(rows, new Map(targets.map((t) => [t.key, t])), result, lease);
    if (Date.now() - lastPurge > 3600000) {
      lastPurge = Date.now();
      await purge(strapi, cfg().retentionDays);
    }
    return result;
  }

  /** runs rounds until nothing is pending for the enabled targets (dead letters excepted), or throws after timeoutMs */
  async function drain({ timeoutMs = 30000, pollMs = 25 }: { timeoutMs?: number; pollMs?: number } = {}) {
    const deadline = Date.now() + timeoutMs;
    const left = async () => backlog(strapi, await enabledTargets(strapi));
    for (;;) {
      const r = await runOnce();
      if (!r.claimed && !r.fannedOut) {
        if ((await left()) === 0) return;
        if (Date.now() > deadline) throw new Error(`[sync] drain: 仍有 ${await left()} 条待投递`);
        await new Promise((res) => setTimeout(res, pollMs));
      } else if (Date.now() > deadline) throw new Error('[sync] drain 超时');
    }
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

  /** starts the in-process loop (idempotent) */
  function start() {
    if (running) return;
    running = true;
    strapi.log.info(`[sync] 推送 worker 已启动（${workerId}，${isPostgres(strapi) ? 'PostgreSQL 多节点' : 'SQLite 单进程'}）`);
    loop = (async () => {
      while (running) {
        let busy = false;
        try {
          const r = await runOnce();
          busy = r.claimed > 0 || r.fannedOut > 0;
        } catch (e: any) {
          if (running) strapi.log.error(`[sync] worker 出错：${e?.message ?? e}`);
        }
        if (running && !busy) await sleep(cfg().worker.intervalMs);
      }
    })();
  }

  /** stops the loop after the current round */
  async function stop() {
    running = false;
    wake?.();
    await loop;
    loop = null;
  }

  return {
    workerId,
    runOnce,
    drain,
    start,
    stop,
    /** wakes an idle loop */
    nudge: () => wake?.(),
    isRunning: () => running,
  };
}
