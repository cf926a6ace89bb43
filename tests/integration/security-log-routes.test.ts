import fs from 'fs';
import path from 'path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { ROOT, setupStrapi, teardownStrapi } from '../helpers/strapi';
import { adminApi, createAdminAndLogin } from '../helpers/admin';
import { SECURITY_ACTIONS, SECURITY_LOG_TABLE, recordSecurityEvent } from '../../plugins/security/server/src/log';
import { EXPORT_COLUMNS } from '../../plugins/security/server/src/log-routes';
import { TRIAD_ROLE_CODES } from '../../plugins/security/server/src/roles';
import { APP_ROLE_CODES, REVIEW_ROLE_CODES } from '../../src/foundation/role-codes';

/**
 * GET /security-log and /security-log/export (plugins/security/server/src/log-routes.ts): filters, China days,
 * pagination, newest first, 400 naming the field, who may read (审计管理员 and super admin only), the .xlsx
 * read back, and the export itself recorded.
 */
let strapi: Core.Strapi;
let audit: ReturnType<typeof adminApi>;
let auditor: Awaited<ReturnType<typeof createAdminAndLogin>>;
let superApi: ReturnType<typeof adminApi>;

const CN = (s: string) => Date.parse(`${s}+08:00`);
const bin = (r: any) =>
  r.buffer(true).parse((res: any, cb: any) => {
    const c: Buffer[] = [];
    res.on('data', (x: Buffer) => c.push(x));
    res.on('end', () => cb(null, Buffer.concat(c)));
  });

beforeAll(async () => {
  strapi = await setupStrapi();
  auditor = await createAdminAndLogin(strapi, { roles: [TRIAD_ROLE_CODES.audit], membership: false });
  audit = adminApi(strapi, auditor.token);
  superApi = adminApi(strapi, (await createAdminAndLogin(strapi)).token);
  // four entries around the China day 2026-01-10
  await recordSecurityEvent(strapi, { action: 'logout', userId: 102, email: 'carol@gov.cn', at: CN('2026-01-09T23:59:59.999') });
  await recordSecurityEvent(strapi, { action: 'login', userId: 101, email: 'alice@gov.cn', ip: '10.1.1.1', userAgent: 'Mozilla/5.0 测试', target: 'admin::user:101', detail: { remember: false }, at: CN('2026-01-10T01:00:00') });
  await recordSecurityEvent(strapi, { action: 'login-failed', email: 'Bob@Gov.cn', ip: '10.1.1.2', detail: { reason: 'bad-password' }, at: CN('2026-01-10T23:59:00') });
  await recordSecurityEvent(strapi, { action: 'role-changed', userId: 101, email: 'alice@gov.cn', target: 'admin::role:5', detail: { op: 'permissions', added: ['x'] }, at: CN('2026-01-11T00:00:00') });
  // 25 entries for the pages, one of them with a formula-like e-mail
  for (let i = 0; i < 25; i++) {
    await recordSecurityEvent(strapi, { action: 'token-created', userId: 103, email: i === 24 ? '=HYPERLINK("http://x")@page.cn' : 'page@page.cn', target: `api-token:${i}`, at: CN('2026-01-05T08:00:00') + i * 1000 });
  }
});
afterAll(async () => {
  await teardownStrapi();
});

const emails = (res: any) => res.body.data.map((e: any) => e.email);

describe('GET /security-log', () => {
  it('returns the entries of a China day, newest first, in the documented shape', async () => {
    const res = await audit.get('/security-log?from=2026-01-10&to=2026-01-10');
    expect(res.status).toBe(200);
    expect(res.body.meta.pagination).toEqual({ page: 1, pageSize: 20, pageCount: 1, total: 2 });
    expect(res.body.data).toEqual([
      { at: '2026-01-10T15:59:00.000Z', action: 'login-failed', email: 'Bob@Gov.cn', userId: null, ip: '10.1.1.2', userAgent: null, target: null, detail: { reason: 'bad-password' } },
      { at: '2026-01-09T17:00:00.000Z', action: 'login', email: 'alice@gov.cn', userId: 101, ip: '10.1.1.1', userAgent: 'Mozilla/5.0 测试', target: 'admin::user:101', detail: { remember: false } },
    ]);
  });

  it('takes days inclusive at both ends and ISO instants as given', async () => {
    expect(emails(await audit.get('/security-log?from=2026-01-09&to=2026-01-11'))).toEqual(['alice@gov.cn', 'Bob@Gov.cn', 'alice@gov.cn', 'carol@gov.cn']);
    const inst = await audit.get(`/security-log?from=${encodeURIComponent('2026-01-10T01:00:00+08:00')}&to=${encodeURIComponent('2026-01-09T17:00:00Z')}`);
    expect(inst.status).toBe(200);
    expect(inst.body.data.map((e: any) => e.action)).toEqual(['login']);
    expect(emails(await audit.get('/security-log?from=2026-01-11&to=2026-01-11'))).toEqual(['alice@gov.cn']);
  });

  it('filters by action and by user (id, or e-mail substring in any case, wildcards taken literally)', async () => {
    const range = 'from=2026-01-01&to=2026-01-31';
    expect(emails(await audit.get(`/security-log?${range}&action=login-failed`))).toEqual(['Bob@Gov.cn']);
    expect((await audit.get(`/security-log?${range}&user=101`)).body.data.map((e: any) => e.action)).toEqual(['role-changed', 'login']);
    expect(emails(await audit.get(`/security-log?${range}&user=bob@gov`))).toEqual(['Bob@Gov.cn']);
    expect((await audit.get(`/security-log?${range}&user=${encodeURIComponent('%')}`)).body.meta.pagination.total).toBe(0);
    expect((await audit.get(`/security-log?${range}&user=_`)).body.meta.pagination.total).toBe(0);
    expect((await audit.get(`/security-log?${range}&user=page.cn&action=token-created`)).body.meta.pagination.total).toBe(25);
  });

  it('paginates (pageSize ≤ 100)', async () => {
    const p3 = await audit.get('/security-log?user=page.cn&pageSize=10&page=3');
    expect(p3.body.meta.pagination).toEqual({ page: 3, pageSize: 10, pageCount: 3, total: 25 });
    expect(p3.body.data.map((e: any) => e.target)).toEqual(['api-token:4', 'api-token:3', 'api-token:2', 'api-token:1', 'api-token:0']);
    const p1 = await audit.get('/security-log?user=page.cn');
    expect(p1.body.data).toHaveLength(20);
    expect(p1.body.data[0].target).toBe('api-token:24');
    expect((await audit.get('/security-log?user=page.cn&page=9')).body).toEqual({ data: [], meta: { pagination: { page: 9, pageSize: 20, pageCount: 2, total: 25 } } });
  });

  it.each([
    ['action=nope', 'action', '未知的操作类型'],
    ['from=2026-02-30', 'from', '起始时间应为 YYYY-MM-DD 日期或带时区的 ISO 时间（如 2026-01-31T08:00:00+08:00）'],
    ['to=2026-01-10T08:00:00', 'to', '截止时间应为 YYYY-MM-DD 日期或带时区的 ISO 时间（如 2026-01-31T08:00:00+08:00）'],
    ['from=2026-01-10&to=2026-01-09', 'to', '截止时间不能早于起始时间'],
    ['pageSize=101', 'pageSize', '每页条数应为 1 到 100 的整数'],
    ['pageSize=0', 'pageSize', '每页条数应为 1 到 100 的整数'],
    ['page=x', 'page', '页码应为正整数'],
    ['user=', 'user', '用户条件不能为空'],
    ['action=login&action=logout', 'action', '操作类型只能出现一次'],
  ])('refuses %s with 400 naming the field', async (query, field, message) => {
    const res = await audit.get(`/security-log?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(res.body.error.message).toBe(message);
    expect(res.body.error.details.errors[0].path).toEqual([field]);
  });

  it('refuses unknown parameters', async () => {
    const res = await audit.get('/security-log?sort=at');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('未知参数：sort');
  });

  it('is open to 审计管理员 and super admins only', async () => {
    expect((await superApi.get('/security-log?pageSize=1')).status).toBe(200);
    expect((await audit.get('/security-log?pageSize=1')).status).toBe(200);
    for (const code of [TRIAD_ROLE_CODES.system, TRIAD_ROLE_CODES.security, APP_ROLE_CODES.openOffice, REVIEW_ROLE_CODES.leader]) {
      const other = adminApi(strapi, (await createAdminAndLogin(strapi, { roles: [code] })).token);
      const res = await other.get('/security-log');
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe('您没有此操作的权限（需要“查看安全审计日志”）');
      expect((await other.get('/security-log/export')).status).toBe(403);
    }
    expect((await request(strapi.server.httpServer).get('/security-log')).status).toBe(401);
    expect((await request(strapi.server.httpServer).get('/security-log/export')).status).toBe(401);
  });
});

describe('GET /security-log/export', () => {
  it('answers an .xlsx of the filtered entries, newest first, with formula-like text escaped, and records the export', async () => {
    const res = await bin(audit.get('/security-log/export?from=2026-01-05&to=2026-01-10&user=page.cn'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="security-log-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const sheet = wb.getWorksheet('安全审计日志')!;
    expect(sheet.rowCount).toBe(26);
    expect((sheet.getRow(1).values as any[]).slice(1)).toEqual(EXPORT_COLUMNS.map(([, label]) => label));
    expect((sheet.getRow(2).values as any[]).slice(1)).toEqual(['2026-01-05 08:00:24', '创建 API 令牌', 'token-created', 103, `'=HYPERLINK("http://x")@page.cn`, '', '', 'api-token:24', '']);
    expect((sheet.getRow(26).values as any[]).slice(1)).toEqual(['2026-01-05 08:00:00', '创建 API 令牌', 'token-created', 103, 'page@page.cn', '', '', 'api-token:0', '']);

    const full = await bin(audit.get('/security-log/export?from=2026-01-10&to=2026-01-10'));
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(full.body);
    const s2 = wb2.getWorksheet('安全审计日志')!;
    expect(s2.rowCount).toBe(3);
    expect((s2.getRow(3).values as any[]).slice(1)).toEqual(['2026-01-10 01:00:00', '登录成功', 'login', 101, 'alice@gov.cn', '10.1.1.1', 'Mozilla/5.0 测试', 'admin::user:101', '{"remember":false}']);

    const logged = await audit.get(`/security-log?action=security-log-exported&user=${auditor.user.id}`);
    expect(logged.body.data.map((e: any) => e.detail)).toEqual([
      { filters: { from: '2026-01-10', to: '2026-01-10' }, rows: 2 },
      { filters: { from: '2026-01-05', to: '2026-01-10', user: 'page.cn' }, rows: 25 },
    ]);
    expect(logged.body.data[0]).toMatchObject({ email: auditor.email, userId: auditor.user.id, target: 'security-log' });
    expect(logged.body.data[0].ip).toBeTruthy();
  });

  it('refuses bad filters with 400 before writing anything', async () => {
    const before = Number((await strapi.db.connection(SECURITY_LOG_TABLE).where({ action: 'security-log-exported' }).count({ n: '*' }))[0].n);
    const res = await audit.get('/security-log/export?from=2026-13-01');
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['from']);
    expect((await audit.get('/security-log/export?page=2')).status).toBe(400);
    const after = Number((await strapi.db.connection(SECURITY_LOG_TABLE).where({ action: 'security-log-exported' }).count({ n: '*' }))[0].n);
    expect(after).toBe(before);
  });
});

describe('admin page 安全审计日志', () => {
  it('names the actions with the list of the server (server/src/wire.ts), not a copy', () => {
    const page = fs.readFileSync(path.join(ROOT, 'plugins/security/admin/src/pages/SecurityLogPage.tsx'), 'utf8');
    expect(page).toMatch(/import \{[^}]*SECURITY_ACTIONS[^}]*\} from '\.\.\/\.\.\/\.\.\/server\/src\/wire'/);
    expect(page).not.toMatch(/'login-failed':/);
    expect(Object.keys(SECURITY_ACTIONS)).toEqual(expect.arrayContaining(['login', 'login-failed', 'logout', 'locked', 'password-changed', 'role-changed', 'membership-changed', 'token-created', 'personal-data-exported']));
  });
});
