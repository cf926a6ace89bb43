import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi } from '../helpers/strapi';
import { MIN_RETENTION_DAYS, SECURITY_LOG_TABLE, recordSecurityEvent } from '../../plugins/security/server/src/log';

/**
 * 安全审计日志 (plugins/security/server/src/log.ts): append-only at the database level on both databases —
 * no UPDATE ever, no DELETE of an entry younger than 180 days (网络安全法第二十一条), whoever connects.
 */
let strapi: Core.Strapi;
const DAY = 86400000;

beforeAll(async () => {
  strapi = await setupStrapi();
});
afterAll(async () => {
  await teardownStrapi();
});

/**
 * The database's refusal message. Not `rejects.toThrow`: better-sqlite3 is a native module loaded once per Jest
 * worker, so after another test file its SqliteError belongs to that file's realm and is no `instanceof Error` here.
 */
async function refusal(query: PromiseLike<unknown>): Promise<string> {
  try {
    await query;
  } catch (err: any) {
    return String(err?.message ?? err);
  }
  return 'no error';
}

const rows = () => strapi.db.connection(SECURITY_LOG_TABLE).select('*').orderBy('id');

describe('security log storage', () => {
  it('appends an entry with its actor, target and detail', async () => {
    await recordSecurityEvent(strapi, { action: 'login', userId: 7, email: 'a@b.cn', ip: '10.0.0.1', userAgent: 'jest', target: 'admin::user:7', detail: { remember: false } });
    const [row] = (await rows()).filter((r: any) => r.user_id === 7);
    expect(row).toMatchObject({ action: 'login', email: 'a@b.cn', ip: '10.0.0.1', user_agent: 'jest', target: 'admin::user:7' });
    expect(JSON.parse(row.detail)).toEqual({ remember: false });
    expect(Math.abs(Number(row.at) - Date.now())).toBeLessThan(60000);
  });

  it('refuses every UPDATE, even of an old entry', async () => {
    await recordSecurityEvent(strapi, { action: 'logout', userId: 8, at: Date.now() - (MIN_RETENTION_DAYS + 30) * DAY });
    expect(await refusal(strapi.db.connection(SECURITY_LOG_TABLE).update({ email: 'x@y.cn' }).where({ user_id: 8 }))).toMatch(/只能追加/);
    expect(await refusal(strapi.db.connection(SECURITY_LOG_TABLE).update({ email: 'x@y.cn' }).where({ user_id: 7 }))).toMatch(/只能追加/);
  });

  it('refuses to DELETE an entry younger than 180 days and allows it afterwards', async () => {
    await recordSecurityEvent(strapi, { action: 'login', userId: 9, at: Date.now() - (MIN_RETENTION_DAYS - 1) * DAY });
    expect(await refusal(strapi.db.connection(SECURITY_LOG_TABLE).where({ user_id: 9 }).delete())).toMatch(/未满180天/);
    expect(await refusal(strapi.db.connection(SECURITY_LOG_TABLE).where({ user_id: 7 }).delete())).toMatch(/未满180天/);
    expect(await strapi.db.connection(SECURITY_LOG_TABLE).where({ user_id: 8 }).delete()).toBe(1);
    expect((await rows()).map((r: any) => r.user_id).sort()).toEqual([7, 9]);
  });
});
