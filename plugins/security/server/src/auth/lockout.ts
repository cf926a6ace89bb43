import type { Core } from '@strapi/strapi';
import { rowsOf } from '../../../../../src/foundation/sql';
import { authSettings } from './settings';
import { LOGIN_FAILURES_TABLE } from './store';

/**
 * 登录失败处理 (等保 2.0 身份鉴别 b): failures are counted per account (e-mail, lower-cased) and per client
 * address in the database (gov_login_failures, shared by every node). `maxFailures` failures within
 * `windowMinutes` lock the key for `lockMinutes`. One UPSERT per failure (INSERT … ON CONFLICT … DO UPDATE …
 * RETURNING, SQLite ≥ 3.35 and PostgreSQL); a success clears the account's counter.
 */
export const accountKey = (email: string) => `account:${String(email ?? '').trim().toLowerCase()}`;
export const addressKey = (ip: string | null | undefined) => `address:${ip ?? 'unknown'}`;

export interface Lock {
  key: string;
  kind: 'account' | 'address';
  lockedUntil: number;
}

/** The locks in force on these keys (the longest first). */
export async function activeLocks(strapi: Core.Strapi, keys: string[], now = Date.now()): Promise<Lock[]> {
  const rows = await strapi.db.connection(LOGIN_FAILURES_TABLE).whereIn('lock_key', keys).andWhere('locked_until', '>', now);
  return rows
    .map((r: any) => ({ key: String(r.lock_key), kind: String(r.lock_key).startsWith('account:') ? 'account' : 'address', lockedUntil: Number(r.locked_until) }) as Lock)
    .sort((a: Lock, b: Lock) => b.lockedUntil - a.lockedUntil);
}

/** Counts one failure on a key; returns the new lock when this failure reached the threshold. */
export async function countFailure(strapi: Core.Strapi, key: string, threshold: number, now = Date.now()): Promise<Lock | null> {
  const { windowMinutes, lockMinutes } = authSettings(strapi).lockout;
  const t = LOGIN_FAILURES_TABLE;
  const windowStart = now - windowMinutes * 60000;
  const lockedUntil = now + lockMinutes * 60000;
  // a failure outside the window (or after an expired lock) starts a new count
  const b = (name: string) => `CAST(:${name} AS BIGINT)`;
  const fresh = `(${t}.window_start < ${b('windowStart')} OR (${t}.locked_until > 0 AND ${t}.locked_until <= ${b('now')}))`;
  const count = `CASE WHEN ${fresh} THEN 1 ELSE ${t}.failures + 1 END`;
  const sql = `INSERT INTO ${t} (lock_key, failures, window_start, locked_until)
    VALUES (:key, 1, ${b('now')}, CASE WHEN 1 >= ${b('threshold')} THEN ${b('lockedUntil')} ELSE 0 END)
    ON CONFLICT (lock_key) DO UPDATE SET
      locked_until = CASE WHEN ${t}.locked_until > ${b('now')} THEN ${t}.locked_until WHEN ${count} >= ${b('threshold')} THEN ${b('lockedUntil')} ELSE 0 END,
      window_start = CASE WHEN ${fresh} THEN ${b('now')} ELSE ${t}.window_start END,
      failures = ${count}
    RETURNING failures, locked_until`;
  const rows = rowsOf(await strapi.db.connection.raw(sql, { key, now, windowStart, lockedUntil, threshold }));
  const row = rows[0];
  if (!row || Number(row.locked_until) !== lockedUntil) return null;
  return { key, kind: key.startsWith('account:') ? 'account' : 'address', lockedUntil };
}

/** Counts a failure on the account and the address; returns the locks this failure set. */
export async function recordFailure(strapi: Core.Strapi, email: string | null, ip: string | null): Promise<Lock[]> {
  const { maxFailures, maxFailuresPerAddress } = authSettings(strapi).lockout;
  const out: Lock[] = [];
  if (email) {
    const l = await countFailure(strapi, accountKey(email), maxFailures);
    if (l) out.push(l);
  }
  const l = await countFailure(strapi, addressKey(ip), maxFailuresPerAddress);
  if (l) out.push(l);
  return out;
}

export async function clearAccount(strapi: Core.Strapi, email: string): Promise<void> {
  await strapi.db.connection(LOGIN_FAILURES_TABLE).where({ lock_key: accountKey(email) }).andWhere('locked_until', '<=', Date.now()).del();
}

/** “约 14 分 32 秒” */
export function remaining(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  const m = Math.floor(s / 60);
  return m > 0 ? `约 ${m} 分 ${s % 60} 秒` : `约 ${s} 秒`;
}

/** The Chinese message of a lock. */
export function lockMessage(strapi: Core.Strapi, lock: Lock, now = Date.now()): string {
  const { lockMinutes } = authSettings(strapi).lockout;
  const who = lock.kind === 'account' ? '账号' : '您的网络地址';
  return `登录失败次数过多，${who}已锁定，请在${lockMinutes}分钟后重试（${remaining(lock.lockedUntil - now)}）`;
}
