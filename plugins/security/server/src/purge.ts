import type { Core } from '@strapi/strapi';
import { runOnce } from '../../../../src/foundation/jobs';
import { todayInChina } from '../../../../src/domain/dates';
import { MIN_RETENTION_DAYS, SECURITY_LOG_TABLE, recordSecurityEvent } from './log';
import { logConfig } from './log-config';

const DAY_MS = 86400000;

/**
 * Deletes the security-log entries older than the configured retention (never fewer than 180 days: the
 * database trigger refuses younger rows anyway) and records `log-purged` with the count, also when nothing
 * was old enough (the run itself is evidence that the retention is enforced).
 */
export async function purgeSecurityLog(strapi: Core.Strapi, now = Date.now()): Promise<number> {
  const days = Math.max(logConfig(strapi).log.retentionDays, MIN_RETENTION_DAYS);
  // a minute's margin: the database trigger checks the 180 days against its own clock
  const cutoff = now - days * DAY_MS - 60000;
  const deleted = Number(await strapi.db.connection(SECURITY_LOG_TABLE).where('at', '<', cutoff).delete());
  await recordSecurityEvent(strapi, { action: 'log-purged', target: 'security-log', detail: { deleted, retentionDays: days, before: new Date(cutoff).toISOString() } });
  return deleted;
}

/** The daily run: once per China day across all nodes sharing the database (gov_job_runs). */
export async function runDailyPurge(strapi: Core.Strapi, today = todayInChina()): Promise<boolean> {
  return runOnce(strapi, 'security-log-purge', today, async () => {
    const n = await purgeSecurityLog(strapi);
    strapi.log.info(`[安全审计] 已清理 ${n} 条超过保留期限的安全日志`);
  });
}

export function schedulePurge(strapi: Core.Strapi): void {
  strapi.cron.add({
    securityLogPurgeDaily: { task: () => runDailyPurge(strapi).then(() => undefined), options: { rule: logConfig(strapi).log.purgeCron, tz: 'Asia/Shanghai' } },
  });
}
