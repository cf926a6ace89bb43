import type { Core } from '@strapi/strapi';
import { MIN_RETENTION_DAYS } from './log';

/**
 * Settings of the security log and of 三员分立 (plugin config `security`, config/plugins.ts):
 *
 *   log.retentionDays     days the security log is kept (default 180); the daily purge (purge.ts) deletes older
 *                         entries. Below 180 the app refuses to boot: 网络安全法第二十一条 (network logs ≥ 6 months).
 *   log.purgeCron         cron rule of the daily purge (China time), default 03:20
 *   restrictSuperAdmin    RESTRICT_SUPER_ADMIN (default false): once the three 三员分立 roles are each held by an
 *                         active user, super-admin accounts can no longer use the admin API (roles.ts)
 */
export interface SecurityLogConfig {
  log: { retentionDays: number; purgeCron: string };
  restrictSuperAdmin: boolean;
}

export const logConfigDefaults = ({ env }: { env: any }) => ({
  log: { retentionDays: 180, purgeCron: '20 3 * * *' },
  restrictSuperAdmin: env.bool('RESTRICT_SUPER_ADMIN', false),
});

/** Throws (the app does not boot) on a retention below the legal minimum or a malformed value. */
export function validateLogConfig(config: any): void {
  const days = config?.log?.retentionDays;
  if (days === undefined) return;
  if (typeof days !== 'number' || !Number.isInteger(days)) throw new Error(`安全审计日志保留天数（log.retentionDays）应为整数：${String(days)}`);
  if (days < MIN_RETENTION_DAYS) {
    throw new Error(`安全审计日志保留天数（log.retentionDays）不能少于 ${MIN_RETENTION_DAYS} 天（当前 ${days} 天）：《网络安全法》第二十一条要求留存相关的网络日志不少于六个月`);
  }
  if (config?.restrictSuperAdmin !== undefined && typeof config.restrictSuperAdmin !== 'boolean') throw new Error('restrictSuperAdmin 应为 true 或 false');
}

export function logConfig(strapi: Core.Strapi): SecurityLogConfig {
  const c: any = strapi.config.get('plugin::security') ?? {};
  return {
    log: { retentionDays: Number(c.log?.retentionDays ?? 180), purgeCron: String(c.log?.purgeCron ?? '20 3 * * *') },
    restrictSuperAdmin: c.restrictSuperAdmin === true,
  };
}
