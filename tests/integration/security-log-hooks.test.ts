import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi } from '../helpers/strapi';
import { adminApi, createAdminAndLogin } from '../helpers/admin';
import { makeItem, makeOrg } from '../helpers/fixtures';
import { SECURITY_LOG_TABLE } from '../../plugins/security/server/src/log';
import { TRIAD_ROLE_CODES } from '../../plugins/security/server/src/roles';
import { APP_ROLE_CODES } from '../../src/foundation/role-codes';

/**
 * The recording middleware (plugins/security/server/src/log-hooks.ts): each administrative change made over
 * HTTP leaves exactly the expected entries, with the actor, the target and the fields that changed — never a
 * password or a token; a refused change (4xx) leaves none.
 */
let strapi: Core.Strapi;
let api: ReturnType<typeof adminApi>;
let actor: Awaited<ReturnType<typeof createAdminAndLogin>>;
let mark = 0;

/** Entries written since the last call (oldest first), as { action, target, detail, userId, email }. */
async function newEntries() {
  const rows: any[] = await strapi.db.connection(SECURITY_LOG_TABLE).where('id', '>', mark).orderBy('id');
  if (rows.length) mark = Number(rows[rows.length - 1].id);
  return rows.map((r) => ({ action: r.action, target: r.target, detail: r.detail ? JSON.parse(r.detail) : null, userId: r.user_id, email: r.email, ip: r.ip }));
}
const roleId = async (code: string) => (await strapi.db.query('admin::role').findOne({ where: { code } }))!.id as number;

beforeAll(async () => {
  strapi = await setupStrapi();
  actor = await createAdminAndLogin(strapi);
  api = adminApi(strapi, actor.token);
  await newEntries();
});
afterAll(async () => {
  await teardownStrapi();
});

describe('recorded changes', () => {
  it('admin users: created, changed (fields, from → to, roles; the password by name only), deleted, batch-deleted', async () => {
    const system = await roleId(TRIAD_ROLE_CODES.system);
    const audit = await roleId(TRIAD_ROLE_CODES.audit);
    const created = await api.post('/admin/users', { firstname: '张', lastname: '三', email: 'zhang.san@hook.gov.cn', roles: [system] });
    expect(created.status).toBe(201);
    const id = created.body.data.id;
    const target = `admin::user:${id}`;
    expect(await newEntries()).toEqual([
      { action: 'user-created', target, detail: { email: 'zhang.san@hook.gov.cn', roles: [TRIAD_ROLE_CODES.system], fields: ['email', 'firstname', 'lastname', 'roles'] }, userId: actor.user.id, email: actor.email, ip: expect.any(String) },
      { action: 'role-changed', target, detail: { roles: { from: [], to: [TRIAD_ROLE_CODES.system] } }, userId: actor.user.id, email: actor.email, ip: expect.any(String) },
    ]);

    const changed = await api.put(`/admin/users/${id}`, { firstname: '张', lastname: '四', roles: [system, audit], password: 'Secret-Pass-9876', isActive: true });
    expect(changed.status).toBe(200);
    const entries = await newEntries();
    expect(entries.map((e) => [e.action, e.target, e.detail])).toEqual([
      // the password policy (auth/password-policy.ts) records the change of another user's password, by whom
      ['password-changed', target, { by: 'admin', subject: 'zhang.san@hook.gov.cn' }],
      ['user-changed', target, { email: 'zhang.san@hook.gov.cn', fields: ['lastname', 'isActive', 'roles', 'password'], changes: { lastname: { from: '三', to: '四' }, isActive: { from: false, to: true }, roles: { from: [TRIAD_ROLE_CODES.system], to: [TRIAD_ROLE_CODES.audit, TRIAD_ROLE_CODES.system].sort() } } }],
      ['role-changed', target, { roles: { from: [TRIAD_ROLE_CODES.system], to: [TRIAD_ROLE_CODES.audit, TRIAD_ROLE_CODES.system].sort() } }],
    ]);
    expect(JSON.stringify(entries)).not.toContain('Secret-Pass-9876');

    // a refused change is not recorded
    expect((await api.put(`/admin/users/${id}`, { email: 'not-an-email' })).status).toBe(400);
    expect(await newEntries()).toEqual([]);

    expect((await api.del(`/admin/users/${id}`)).status).toBe(200);
    expect((await newEntries()).map((e) => [e.action, e.target, e.detail])).toEqual([['user-deleted', target, { email: 'zhang.san@hook.gov.cn', roles: [TRIAD_ROLE_CODES.audit, TRIAD_ROLE_CODES.system].sort() }]]);

    const a = (await api.post('/admin/users', { firstname: '甲', lastname: '用户', email: 'a@hook.gov.cn', roles: [audit] })).body.data.id;
    const b = (await api.post('/admin/users', { firstname: '乙', lastname: '用户', email: 'b@hook.gov.cn', roles: [audit] })).body.data.id;
    await newEntries();
    expect((await api.post('/admin/users/batch-delete', { ids: [a, b] })).status).toBe(200);
    expect((await newEntries()).map((e) => [e.action, e.target, e.detail])).toEqual([
      ['user-deleted', `admin::user:${a}`, { email: 'a@hook.gov.cn', roles: [TRIAD_ROLE_CODES.audit], batch: true }],
      ['user-deleted', `admin::user:${b}`, { email: 'b@hook.gov.cn', roles: [TRIAD_ROLE_CODES.audit], batch: true }],
    ]);
  });

  it('one’s own profile: changed fields recorded as user-changed (self), the password by name only', async () => {
    const me = await createAdminAndLogin(strapi, { roles: [TRIAD_ROLE_CODES.audit], membership: false });
    const mine = adminApi(strapi, me.token);
    await newEntries();
    expect((await mine.put('/admin/users/me', { firstname: '自己', email: `renamed-${me.email}` })).status).toBe(200);
    expect((await newEntries()).map((e) => [e.action, e.target, e.userId, e.detail])).toEqual([
      ['user-changed', `admin::user:${me.user.id}`, me.user.id, { email: `renamed-${me.email}`, self: true, fields: ['firstname', 'email'], changes: { firstname: { from: '测试', to: '自己' }, email: { from: me.email, to: `renamed-${me.email}` } } }],
    ]);
    expect((await mine.put('/admin/users/me', { currentPassword: me.password, password: 'Another-Pass-2468' })).status).toBe(200);
    const entries = await newEntries();
    expect(entries.filter((e) => e.action === 'user-changed').map((e) => e.detail)).toEqual([{ email: `renamed-${me.email}`, self: true, fields: ['password'], changes: {} }]);
    expect(JSON.stringify(entries)).not.toContain('Another-Pass-2468');
    expect(JSON.stringify(entries)).not.toContain(me.password);
  });

  it('roles: created, renamed, permissions added and removed, deleted, batch-deleted', async () => {
    const created = await api.post('/admin/roles', { name: '钩子测试角色', description: '测试' });
    expect(created.status).toBe(201);
    const id = created.body.data.id;
    const code = created.body.data.code;
    const target = `admin::role:${id}`;
    expect((await newEntries()).map((e) => [e.action, e.target, e.detail])).toEqual([['role-changed', target, { op: 'created', name: '钩子测试角色', code }]]);

    expect((await api.put(`/admin/roles/${id}`, { name: '钩子测试角色（改）', description: '测试' })).status).toBe(200);
    expect((await newEntries()).map((e) => e.detail)).toEqual([{ op: 'updated', name: '钩子测试角色（改）', code, changes: { name: { from: '钩子测试角色', to: '钩子测试角色（改）' } } }]);

    const perm = (action: string) => ({ action, subject: null, conditions: [], properties: {} });
    expect((await api.put(`/admin/roles/${id}/permissions`, { permissions: [perm('plugin::security.log.read'), perm('plugin::statistics.read')] })).status).toBe(200);
    expect((await newEntries()).map((e) => [e.action, e.target, e.detail])).toEqual([
      ['role-changed', target, { op: 'permissions', name: '钩子测试角色（改）', code, added: ['plugin::security.log.read', 'plugin::statistics.read'], removed: [] }],
    ]);
    expect((await api.put(`/admin/roles/${id}/permissions`, { permissions: [perm('plugin::statistics.read')] })).status).toBe(200);
    expect((await newEntries()).map((e) => e.detail)).toEqual([{ op: 'permissions', name: '钩子测试角色（改）', code, added: [], removed: ['plugin::security.log.read'] }]);

    expect((await api.del(`/admin/roles/${id}`)).status).toBe(200);
    expect((await newEntries()).map((e) => [e.action, e.target, e.detail])).toEqual([['role-changed', target, { op: 'deleted', name: '钩子测试角色（改）', code }]]);

    const r2 = (await api.post('/admin/roles', { name: '批量删除角色', description: '' })).body.data;
    await newEntries();
    expect((await api.post('/admin/roles/batch-delete', { ids: [r2.id] })).status).toBe(200);
    expect((await newEntries()).map((e) => [e.action, e.target, e.detail])).toEqual([['role-changed', `admin::role:${r2.id}`, { op: 'deleted', name: '批量删除角色', code: r2.code, batch: true }]]);
  });

  it('memberships: created, changed (before and after), deleted', async () => {
    const org: any = await makeOrg(strapi, { name: '钩子测试县人民政府' });
    const member = await createAdminAndLogin(strapi, { roles: [APP_ROLE_CODES.openOffice], membership: false });
    await newEntries();
    const created = await api.post('/site-groups/memberships', { user: member.user.id, organizations: [org.documentId] });
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId;
    const who = { id: member.user.id, email: member.email };
    const inOrg = { user: who, organizations: ['钩子测试县人民政府'], includeDescendants: true, allOrganizations: false };
    expect((await newEntries()).map((e) => [e.action, e.target, e.detail])).toEqual([['membership-changed', `membership:${documentId}`, { op: 'created', after: inOrg }]]);

    expect((await api.put(`/site-groups/memberships/${documentId}`, { organizations: [], allOrganizations: true })).status).toBe(200);
    const all = { user: who, organizations: [], includeDescendants: true, allOrganizations: true };
    expect((await newEntries()).map((e) => e.detail)).toEqual([{ op: 'updated', before: inOrg, after: all }]);

    expect((await api.put(`/site-groups/memberships/${documentId}`, { organizations: ['no-such-org'] })).status).toBe(400);
    expect(await newEntries()).toEqual([]);

    expect((await api.del(`/site-groups/memberships/${documentId}`)).status).toBe(200);
    expect((await newEntries()).map((e) => [e.action, e.detail])).toEqual([['membership-changed', { op: 'deleted', before: all }]]);
  });

  it('API and transfer tokens: created, changed, regenerated, revoked — never the key', async () => {
    const created = await api.post('/admin/api-tokens', { name: '钩子测试令牌', description: '', type: 'read-only', lifespan: null });
    expect(created.status).toBe(201);
    const { id, accessKey } = created.body.data;
    expect(accessKey).toBeTruthy();
    const target = `api-token:${id}`;
    expect((await newEntries()).map((e) => [e.action, e.target, e.detail])).toEqual([['token-created', target, { kind: 'api', name: '钩子测试令牌', type: 'read-only' }]]);

    expect((await api.put(`/admin/api-tokens/${id}`, { description: '改' })).status).toBe(200);
    expect((await newEntries()).map((e) => [e.action, e.detail])).toEqual([['token-changed', { kind: 'api', name: '钩子测试令牌', fields: ['description'] }]]);

    const regenerated = await api.post(`/admin/api-tokens/${id}/regenerate`);
    expect(regenerated.status).toBe(201);
    expect((await newEntries()).map((e) => [e.action, e.target, e.detail])).toEqual([['token-created', target, { kind: 'api', name: '钩子测试令牌', regenerated: true }]]);

    expect((await api.del(`/admin/api-tokens/${id}`)).status).toBe(200);
    const revoked = await newEntries();
    expect(revoked.map((e) => [e.action, e.target, e.detail])).toEqual([['token-revoked', target, { kind: 'api', name: '钩子测试令牌', type: 'read-only' }]]);

    const transfer = await api.post('/admin/transfer/tokens', { name: '钩子传输令牌', description: '', permissions: ['push'], lifespan: null });
    expect(transfer.status).toBe(201);
    const tid = transfer.body.data.id;
    expect((await newEntries()).map((e) => [e.action, e.target, e.detail])).toEqual([['token-created', `transfer-token:${tid}`, { kind: 'transfer', name: '钩子传输令牌', type: null }]]);
    expect((await api.del(`/admin/transfer/tokens/${tid}`)).status).toBe(200);
    const all = [...revoked, ...(await newEntries())];
    expect(all.map((e) => e.action)).toEqual(['token-revoked', 'token-revoked']);
    const stored = JSON.stringify(await strapi.db.connection(SECURITY_LOG_TABLE).select('*'));
    expect(stored).not.toContain(accessKey);
    expect(stored).not.toContain(transfer.body.data.accessKey);
  });

  it('sync targets: created, changed, deleted — field names only, never the secret or the address', async () => {
    const org: any = await makeOrg(strapi, { name: '推送钩子县' });
    await newEntries();
    const secret = 'hook-secret-0123456789abcdefghijklmnop';
    const created = await api.post('/sync/targets', { key: 'hooktarget', name: '钩子推送目标', url: 'http://127.0.0.1:9/hook-in', secret, organizations: [org.code], maxAttempts: 2, backoffMs: 1, timeoutMs: 2000 });
    expect(created.status).toBe(201);
    expect((await newEntries()).map((e) => [e.action, e.target, e.detail])).toEqual([
      ['sync-target-changed', 'sync-target:hooktarget', { op: 'created', name: '钩子推送目标', fields: ['backoffMs', 'key', 'maxAttempts', 'name', 'organizations', 'secret', 'timeoutMs', 'url'] }],
    ]);
    expect((await api.put('/sync/targets/hooktarget', { name: '钩子推送目标（改）' })).status).toBe(200);
    expect((await newEntries()).map((e) => [e.action, e.target, e.detail])).toEqual([['sync-target-changed', 'sync-target:hooktarget', { op: 'updated', fields: ['name'] }]]);
    expect((await api.del('/sync/targets/hooktarget')).status).toBe(200);
    expect((await newEntries()).map((e) => [e.action, e.target, e.detail])).toEqual([['sync-target-changed', 'sync-target:hooktarget', { op: 'deleted' }]]);
    const stored = JSON.stringify(await strapi.db.connection(SECURITY_LOG_TABLE).select('*'));
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain('hook-in');
  });

  it('review audit exports (editors’ names) are personal-data exports; a refused one is not recorded', async () => {
    const org: any = await makeOrg(strapi, { name: '审核导出县' });
    const item: any = await makeItem(strapi, org.documentId);
    const ITEM = 'api::disclosure-item.disclosure-item';
    await newEntries();
    const res = await api.get(`/review-workflow/documents/${ITEM}/${item.documentId}/audit?format=xlsx`);
    expect(res.status).toBe(200);
    expect((await newEntries()).map((e) => [e.action, e.target, e.detail, e.userId])).toEqual([
      ['personal-data-exported', `${ITEM}:${item.documentId}`, { kind: 'audit-export', uid: ITEM, documentId: item.documentId, format: 'xlsx' }, actor.user.id],
    ]);
    expect((await api.get(`/review-workflow/documents/${ITEM}/nosuchdocument/audit`)).status).toBe(404);
    expect((await api.get(`/review-workflow/documents/${ITEM}/${item.documentId}/audit?format=pdf`)).status).toBe(400);
    expect(await newEntries()).toEqual([]);
  });

  it('reads that change nothing are not recorded', async () => {
    expect((await api.get('/admin/users')).status).toBe(200);
    expect((await api.get('/admin/roles')).status).toBe(200);
    expect((await api.get('/site-groups/memberships')).status).toBe(200);
    expect((await api.get('/admin/api-tokens')).status).toBe(200);
    expect(await newEntries()).toEqual([]);
  });
});
