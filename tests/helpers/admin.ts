import request from 'supertest';
import type { Core } from '@strapi/strapi';

let counter = 0;

/**
 * A membership (plugins/site-groups): the user's organisations by documentId (with their descendants unless
 * `includeDescendants: false`), or all organisations.
 */
export async function grantMembership(strapi: Core.Strapi, userId: number, m: { orgs?: string[]; all?: boolean; includeDescendants?: boolean }) {
  const existing: any = await strapi.db.query('plugin::site-groups.membership' as any).findOne({ where: { user: { id: userId } } });
  const data = { user: userId, organizations: m.orgs ?? [], allOrganizations: !!m.all, includeDescendants: m.includeDescendants ?? true };
  if (existing) return strapi.documents('plugin::site-groups.membership' as any).update({ documentId: existing.documentId, data: data as any });
  return strapi.documents('plugin::site-groups.membership' as any).create({ data: data as any });
}

/**
 * Creates an admin user (super admin unless role codes are given) and returns a logged-in JWT. Users with
 * roles get a membership: `membership` (organisations or all), by default all organisations (tests of
 * the scope pass their own, or `false` for none).
 */
export async function createAdminAndLogin(strapi: Core.Strapi, opts: { roles?: string[]; email?: string; membership?: { orgs?: string[]; all?: boolean; includeDescendants?: boolean } | false } = {}) {
  counter++;
  const email = opts.email ?? `admin${counter}-${process.pid}@test.gov.cn`;
  const password = 'Test-12345pass';
  const roleService = strapi.service('admin::role');
  let roleIds: number[];
  if (opts.roles?.length) {
    const roles = await strapi.db.query('admin::role').findMany({ where: { code: { $in: opts.roles } } });
    roleIds = roles.map((r: any) => r.id);
  } else {
    if (!(await roleService.getSuperAdmin())) await roleService.createRolesIfNoneExist();
    roleIds = [(await roleService.getSuperAdmin()).id];
  }
  const user = await strapi.service('admin::user').create({
    email, firstname: '测试', lastname: `用户${counter}`, password, isActive: true, registrationToken: null, roles: roleIds,
  });
  if (opts.roles?.length && opts.membership !== false) await grantMembership(strapi, user.id, opts.membership ?? { all: true });
  const res = await request(strapi.server.httpServer).post('/admin/login').send({ email, password });
  if (res.status !== 200) throw new Error(`admin login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { user, token: res.body.data.token as string, email, password };
}

export function adminApi(strapi: Core.Strapi, token: string) {
  const agent = () => request(strapi.server.httpServer);
  const auth = (r: request.Test) => r.set('Authorization', `Bearer ${token}`);
  return {
    get: (url: string) => auth(agent().get(url)),
    post: (url: string, body?: unknown) => auth(agent().post(url)).send(body as object),
    put: (url: string, body?: unknown) => auth(agent().put(url)).send(body as object),
    del: (url: string) => auth(agent().delete(url)),
  };
}

/** Creates (once) an admin role with the given permissions (actions, or { action, subject, conditions }) and returns its code. */
export async function ensureRole(strapi: Core.Strapi, code: string, permissions: Array<string | { action: string; subject?: string | null; conditions?: string[] }>) {
  const roleService = strapi.service('admin::role');
  if (!(await roleService.getSuperAdmin())) await roleService.createRolesIfNoneExist();
  const existing: any = await strapi.db.query('admin::role').findOne({ where: { code } });
  if (existing) return code;
  const role: any = await roleService.create({ name: `测试角色 ${code}`, code, description: '' });
  await roleService.assignPermissions(role.id, permissions.map((p) => (typeof p === 'string' ? { action: p } : p)));
  return code;
}
