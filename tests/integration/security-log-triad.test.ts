import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi } from '../helpers/strapi';
import { adminApi, createAdminAndLogin } from '../helpers/admin';
import { DUTIES, RESTRICTED_MESSAGE, TRIAD_ROLE_CODES, TRIAD_ROLES, dutiesOf, dutyOf, registeredActionsOf, type Duty } from '../../plugins/security/server/src/roles';
import { APP_ROLE_CODES, REVIEW_ROLE_CODES, STRAPI_ROLE_CODES, SUPER_ADMIN } from '../../src/foundation/role-codes';

/**
 * 三员分立 (plugins/security/server/src/roles.ts): the three built-in roles exist with exactly their duty, no
 * built-in role holds actions of two duties, each of the three can do its duty and not the others', and
 * `restrictSuperAdmin` refuses the super admin once the three roles are staffed.
 */
let strapi: Core.Strapi;

beforeAll(async () => {
  strapi = await setupStrapi();
});
afterAll(async () => {
  strapi.config.set('plugin::security.restrictSuperAdmin', false);
  await teardownStrapi();
});

const actionsOfRole = async (code: string): Promise<string[]> => {
  const role: any = await strapi.db.query('admin::role').findOne({ where: { code } });
  if (!role) throw new Error(`role ${code} missing`);
  const perms: any[] = await strapi.db.query('admin::permission').findMany({ where: { role: { id: role.id } }, select: ['action'] });
  return [...new Set(perms.map((p) => String(p.action)))].sort();
};

async function deactivateHolders(codes: string[]) {
  const users: any[] = await strapi.db.query('admin::user').findMany({ where: { roles: { code: { $in: codes } } }, select: ['id'] });
  for (const u of users) await strapi.db.query('admin::user').update({ where: { id: u.id }, data: { isActive: false } });
}

/** Every role the application seeds (Strapi's super admin excepted: it holds everything by definition). */
const BUILT_IN = [STRAPI_ROLE_CODES.editor, 'strapi-author', ...Object.values(REVIEW_ROLE_CODES), ...Object.values(APP_ROLE_CODES), ...Object.values(TRIAD_ROLE_CODES)];

describe('三员分立: duties and roles', () => {
  it('the duty table is disjoint over the registered actions', () => {
    const { actionProvider } = strapi.service('admin::permission') as any;
    const ids: string[] = actionProvider.values().map((a: any) => String(a.actionId));
    for (const id of ids) {
      const holders = (Object.keys(DUTIES) as Duty[]).filter((d) => registeredActionsOf(strapi, d).includes(id));
      expect(holders.length).toBeLessThanOrEqual(1);
    }
    expect(registeredActionsOf(strapi, 'audit')).toEqual(['plugin::security.log.read']);
    expect(registeredActionsOf(strapi, 'system')).toEqual(expect.arrayContaining(['admin::users.create', 'admin::users.read', 'admin::users.update', 'admin::users.delete', 'admin::webhooks.read', 'admin::api-tokens.create', 'plugin::upload.settings.read']));
    expect(registeredActionsOf(strapi, 'security')).toEqual(expect.arrayContaining(['admin::roles.create', 'admin::roles.read', 'admin::roles.update', 'admin::roles.delete', 'plugin::site-groups.manage']));
    expect(dutyOf('plugin::content-manager.explorer.read')).toBeNull();
    expect(dutyOf('plugin::review-workflow.audit.read')).toBeNull();
  });

  it('the three roles exist, named, with exactly the registered actions of their duty', async () => {
    for (const r of TRIAD_ROLES) {
      const role: any = await strapi.db.query('admin::role').findOne({ where: { code: r.code } });
      expect(role).toMatchObject({ name: r.name, code: r.code });
      expect(await actionsOfRole(r.code)).toEqual(registeredActionsOf(strapi, r.duty));
      expect(dutiesOf(await actionsOfRole(r.code))).toEqual([r.duty]);
    }
    expect(await actionsOfRole(TRIAD_ROLE_CODES.audit)).toEqual(['plugin::security.log.read']);
    expect(TRIAD_ROLES.map((r) => r.name)).toEqual(['系统管理员', '安全管理员', '审计管理员']);
  });

  it('no built-in role holds actions of two duties', async () => {
    for (const code of BUILT_IN) {
      const duties = dutiesOf(await actionsOfRole(code));
      expect({ code, duties: duties.length <= 1 }).toEqual({ code, duties: true });
    }
    // the review and application roles hold none of the three duties
    for (const code of [...Object.values(REVIEW_ROLE_CODES), ...Object.values(APP_ROLE_CODES), STRAPI_ROLE_CODES.editor, 'strapi-author']) {
      expect({ code, duties: dutiesOf(await actionsOfRole(code)) }).toEqual({ code, duties: [] });
    }
  });

  it('each of the three can do its duty and not the others’', async () => {
    const as = async (code: string, membership: { all: boolean } | false = false) => adminApi(strapi, (await createAdminAndLogin(strapi, { roles: [code], membership })).token);
    const system = await as(TRIAD_ROLE_CODES.system);
    // memberships decide the scope of every organisation: the 安全管理员 needs the “全部机构” membership (site-groups)
    const security = await as(TRIAD_ROLE_CODES.security, { all: true });
    const audit = await as(TRIAD_ROLE_CODES.audit);
    const probes: Array<[string, Record<'system' | 'security' | 'audit', number>]> = [
      ['/admin/users', { system: 200, security: 403, audit: 403 }],
      ['/admin/roles', { system: 403, security: 200, audit: 403 }],
      ['/site-groups/memberships', { system: 403, security: 200, audit: 403 }],
      ['/security-log', { system: 403, security: 403, audit: 200 }],
      ['/admin/webhooks', { system: 200, security: 403, audit: 403 }],
    ];
    for (const [url, want] of probes) {
      const got = { system: (await system.get(url)).status, security: (await security.get(url)).status, audit: (await audit.get(url)).status };
      expect({ url, got }).toEqual({ url, got: want });
    }
  });
});

describe('三员分立: restrictSuperAdmin', () => {
  it('refuses the super admin only while the setting is on and all three roles are held by active users', async () => {
    // a fresh file database: only this file's users (the previous test's holders are deactivated first)
    await deactivateHolders(Object.values(TRIAD_ROLE_CODES));
    const sa = adminApi(strapi, (await createAdminAndLogin(strapi)).token);
    strapi.config.set('plugin::security.restrictSuperAdmin', true);
    expect((await sa.get('/admin/users')).status).toBe(200);

    const holders: Record<string, number> = {};
    for (const code of [TRIAD_ROLE_CODES.system, TRIAD_ROLE_CODES.security]) holders[code] = (await createAdminAndLogin(strapi, { roles: [code], membership: false })).user.id;
    expect((await sa.get('/admin/users')).status).toBe(200);
    holders[TRIAD_ROLE_CODES.audit] = (await createAdminAndLogin(strapi, { roles: [TRIAD_ROLE_CODES.audit], membership: false })).user.id;

    for (const url of ['/admin/users', '/admin/roles', '/security-log', '/site-groups/memberships', '/content-manager/collection-types/api::organization.organization']) {
      const res = await sa.get(url);
      expect({ url, status: res.status }).toEqual({ url, status: 403 });
      expect(res.body.error).toEqual({ status: 403, name: 'ForbiddenError', message: RESTRICTED_MESSAGE, details: { reason: 'restrict-super-admin' } });
    }
    expect((await sa.put('/admin/users/1', { firstname: 'x' })).status).toBe(403);
    // own account and session stay usable
    const me = await sa.get('/admin/users/me');
    expect(me.status).toBe(200);
    expect(me.body.data.roles.map((r: any) => r.code)).toEqual([SUPER_ADMIN]);
    // the three roles are not affected
    const audit = adminApi(strapi, (await createAdminAndLogin(strapi, { roles: [TRIAD_ROLE_CODES.audit], membership: false })).token);
    expect((await audit.get('/security-log')).status).toBe(200);

    // an inactive holder does not count
    await deactivateHolders([TRIAD_ROLE_CODES.audit]);
    expect((await sa.get('/admin/users')).status).toBe(200);
    await strapi.db.query('admin::user').update({ where: { id: holders[TRIAD_ROLE_CODES.audit] }, data: { isActive: true } });
    expect((await sa.get('/admin/users')).status).toBe(403);

    // break-glass: the setting off
    strapi.config.set('plugin::security.restrictSuperAdmin', false);
    expect((await sa.get('/admin/users')).status).toBe(200);
  });
});
