import request from 'supertest';
import type { Core } from '@strapi/strapi';

let counter = 0;

/** Creates an admin user (super admin unless role codes are given) and returns a logged-in JWT. */
export async function createAdminAndLogin(strapi: Core.Strapi, opts: { roles?: string[]; email?: string } = {}) {
  counter++;
  const email = opts.email ?? `admin${counter}-${process.pid}@test.gov.cn`;
  const password = 'Test12345pass';
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
