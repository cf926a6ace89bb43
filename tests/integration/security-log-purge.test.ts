import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi } from '../helpers/strapi';
import { SECURITY_LOG_TABLE, recordSecurityEvent } from '../../plugins/security/server/src/log';
import { purgeSecurityLog, runDailyPurge } from '../../plugins/security/server/src/purge';
import { logConfigDefaults, validateLogConfig } from '../../plugins/security/server/src/log-config';

/**
 * The daily purge (plugins/security/server/src/purge.ts): entries older than `log.retentionDays` go, younger
 * ones stay, the purge records `log-purged` with the count, the daily run happens once per day across nodes;
 * a retention below 180 days refuses to boot (网络安全法第二十一条).
 */
let strapi: Core.Strapi;
const DAY = 86400000;

beforeAll(async () => {
  strapi = await setupStrapi();
});
afterAll(async () => {
  strapi.config.set('plugin::security.log.retentionDays', 180);
  await teardownStrapi();
});

const marks = async () => (await strapi.db.connection(SECURITY_LOG_TABLE).where({ action: 'login', email: 'purge@test.cn' }).orderBy('at')).map((r: any) => r.target);
const purged = async () => (await strapi.db.connection(SECURITY_LOG_TABLE).where({ action: 'log-purged' }).orderBy('id')).map((r: any) => JSON.parse(r.detail));

describe('security log purge', () => {
  it('defaults: 180 days, the super admin unrestricted', () => {
    expect(strapi.config.get('plugin::security.log.retentionDays')).toBe(180);
    expect(strapi.config.get('plugin::security.restrictSuperAdmin')).toBe(false);
    expect(logConfigDefaults({ env: { bool: (_k: string, d: boolean) => d } }).log).toEqual({ retentionDays: 180, purgeCron: '20 3 * * *' });
  });

  it('refuses a retention below 180 days with the legal reason (the app does not boot)', () => {
    expect(() => validateLogConfig({ log: { retentionDays: 179 } })).toThrow('安全审计日志保留天数（log.retentionDays）不能少于 180 天（当前 179 天）：《网络安全法》第二十一条要求留存相关的网络日志不少于六个月');
    expect(() => validateLogConfig({ log: { retentionDays: '365' } })).toThrow('安全审计日志保留天数（log.retentionDays）应为整数：365');
    expect(() => validateLogConfig({ log: { retentionDays: 180 } })).not.toThrow();
    expect(() => validateLogConfig({ log: { retentionDays: 3650 } })).not.toThrow();
  });

  it('deletes the entries older than the retention only and records the count', async () => {
    const now = Date.now();
    for (const days of [400, 200, 185, 179, 1]) await recordSecurityEvent(strapi, { action: 'login', email: 'purge@test.cn', target: `${days}d`, at: now - days * DAY });
    strapi.config.set('plugin::security.log.retentionDays', 190);
    expect(await purgeSecurityLog(strapi, now)).toBe(2);
    expect(await marks()).toEqual(['185d', '179d', '1d']);
    strapi.config.set('plugin::security.log.retentionDays', 180);
    expect(await purgeSecurityLog(strapi, now)).toBe(1);
    expect(await marks()).toEqual(['179d', '1d']);
    expect(await purgeSecurityLog(strapi, now)).toBe(0);
    expect((await purged()).map((d: any) => [d.deleted, d.retentionDays])).toEqual([[2, 190], [1, 180], [0, 180]]);
    expect((await purged())[1].before).toBe(new Date(now - 180 * DAY - 60000).toISOString());
  });

  it('runs once per China day across nodes, and is scheduled', async () => {
    const before = (await purged()).length;
    expect(await runDailyPurge(strapi, '2099-01-01')).toBe(true);
    expect(await runDailyPurge(strapi, '2099-01-01')).toBe(false);
    expect(await runDailyPurge(strapi, '2099-01-02')).toBe(true);
    expect((await purged()).length).toBe(before + 2);
    const jobs: any[] = (strapi.cron as any).jobs ?? [];
    expect(jobs.map((j) => j.name)).toContain('securityLogPurgeDaily');
  });
});
