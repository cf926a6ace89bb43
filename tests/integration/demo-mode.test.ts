import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi } from '../helpers/strapi';
import { ensureAppRoles } from '../../src/foundation/roles';
import { ensureDemoAdmin } from '../../src/foundation/demo';
import { TRIAD_ROLES } from '../../plugins/security/server/src/roles';

/**
 * Demo mode creates the demo super admin and one user per built-in role (the four review roles,
 * 依申请公开经办人, 政务公开办); they can log in. The role users are scoped (plugins/site-groups memberships):
 * the department staff to 青山县发展和改革局, the 政务公开办 user to the county with its departments; the
 * super admin has no membership. The built-in roles of src/foundation/roles.ts are seeded once.
 */
let strapi: Core.Strapi;
beforeAll(async () => {
  process.env.DEMO_MODE = 'true';
  strapi = await setupStrapi();
});
afterAll(async () => {
  delete process.env.DEMO_MODE;
  await teardownStrapi();
});

it('creates admin@demo.gov.cn and the six role users, all able to log in, preferring zh-Hans', async () => {
  const login = (email: string) => request(strapi.server.httpServer).post('/admin/login').send({ email, password: 'Demo12345' });
  const rolesOf = async (email: string) => ((await strapi.db.query('admin::user').findOne({ where: { email }, populate: ['roles'] })) as any).roles.map((r: any) => r.code);
  const admin = await login('admin@demo.gov.cn');
  expect(admin.status).toBe(200);
  expect(await rolesOf('admin@demo.gov.cn')).toContain('strapi-super-admin');
  expect(admin.body.data.user.preferedLanguage).toBe('zh-Hans');
  for (const [email, code] of ROLE_USERS) {
    const res = await login(email);
    expect([email, res.status]).toEqual([email, 200]);
    expect(await rolesOf(email)).toEqual([code]);
  }
  const roles = await strapi.db.query('admin::role').findMany({ where: { code: { $startsWith: 'gov-' } } });
  expect(roles.map((r: any) => r.name).sort()).toEqual(['保密审查员', '拟稿人', '签发领导', '部门审核人', '依申请公开经办人', '政务公开办', ...TRIAD_ROLES.map((r) => r.name)].sort());
});

const ROLE_USERS = [
  ['drafter@demo.gov.cn', 'gov-drafter'],
  ['reviewer@demo.gov.cn', 'gov-dept-reviewer'],
  ['secrecy@demo.gov.cn', 'gov-secrecy-reviewer'],
  ['leader@demo.gov.cn', 'gov-leader'],
  ['clerk@demo.gov.cn', 'gov-request-clerk'],
  ['office@demo.gov.cn', 'gov-open-office'],
] as const;
const DEPARTMENT_STAFF = ['drafter@demo.gov.cn', 'reviewer@demo.gov.cn', 'secrecy@demo.gov.cn', 'leader@demo.gov.cn', 'clerk@demo.gov.cn'];
const CM = 'plugin::content-manager.explorer';
const CONDITION = 'plugin::site-groups.in-my-organizations';
const REQUEST = 'api::disclosure-request.disclosure-request';

const permissionsOf = async (code: string) => {
  const role: any = await strapi.db.query('admin::role').findOne({ where: { code } });
  const perms: any[] = await strapi.db.query('admin::permission').findMany({ where: { role: { id: role.id } } });
  return perms.map((p) => ({ action: p.action, subject: p.subject ?? null, conditions: p.conditions ?? [] }));
};

it('seeds 依申请公开经办人 and 政务公开办 with their permissions, scoped by the condition “属于本人所在机构”', async () => {
  const clerk = await permissionsOf('gov-request-clerk');
  const scoped = (perms: typeof clerk) => perms.filter((p) => p.conditions.includes(CONDITION)).map((p) => `${p.action} ${p.subject}`).sort();
  expect(scoped(clerk)).toEqual([`${CM}.create ${REQUEST}`, `${CM}.read ${REQUEST}`, `${CM}.update ${REQUEST}`]);
  expect(clerk.filter((p) => !p.conditions.length).map((p) => `${p.action} ${p.subject}`)).toEqual([`${CM}.read api::organization.organization`]);

  const office = await permissionsOf('gov-open-office');
  expect(scoped(office)).toEqual(
    [
      `${CM}.create api::annual-report.annual-report`,
      `${CM}.read api::annual-report.annual-report`,
      `${CM}.read api::catalogue-node.catalogue-node`,
      `${CM}.read api::disclosure-item.disclosure-item`,
      `${CM}.read ${REQUEST}`,
      `${CM}.read api::law.law`,
      `${CM}.update api::annual-report.annual-report`,
    ].sort()
  );
  const plugin = office.filter((p) => p.subject === null).map((p) => p.action).sort();
  expect(plugin).toEqual(['plugin::review-workflow.audit.read', 'plugin::statistics.annual-report.write', 'plugin::statistics.read', 'plugin::sync.read']);
  expect(office.some((p) => /\.(delete|publish)$/.test(p.action))).toBe(false);
  const role: any = await strapi.db.query('admin::role').findOne({ where: { code: 'gov-open-office' } });
  expect(role.description).toMatch(/年度报告/);
});

it('never overwrites a seeded role an administrator has changed', async () => {
  const role: any = await strapi.db.query('admin::role').findOne({ where: { code: 'gov-request-clerk' } });
  const update = await strapi.db.query('admin::permission').findOne({ where: { role: { id: role.id }, action: `${CM}.update` } });
  await strapi.db.query('admin::permission').delete({ where: { id: update.id } });
  await ensureAppRoles(strapi);
  expect((await permissionsOf('gov-request-clerk')).some((p) => p.action === `${CM}.update`)).toBe(false);
  // six roles of the platform's work, and the three of 三员分立 (plugins/security, no demo users)
  expect(await strapi.db.query('admin::role').count({ where: { code: { $startsWith: 'gov-' } } })).toBe(9);
});

it('scopes the role users: department staff to 青山县发展和改革局, 政务公开办 to the county with its departments; idempotent', async () => {
  const MEMBERSHIP = 'plugin::site-groups.membership';
  const membershipOf = (email: string) => strapi.db.query(MEMBERSHIP as any).findOne({ where: { user: { email } }, populate: { organizations: true } }) as Promise<any>;
  // a fresh database has no organisation yet (the seed creates them): no membership, the next boot adds them
  expect(await strapi.db.query(MEMBERSHIP as any).count()).toBe(0);
  const orgs = strapi.documents('api::organization.organization') as any;
  const county = await orgs.create({ data: { name: '青山县人民政府', code: '000014349', level: '县' } });
  const dept = await orgs.create({ data: { name: '青山县发展和改革局', code: '000014351', level: '部门', parent: county.documentId } });
  await orgs.create({ data: { name: '青山县教育局', code: '000014352', level: '部门', parent: county.documentId } });
  await ensureDemoAdmin(strapi);

  for (const email of DEPARTMENT_STAFF) {
    const m = await membershipOf(email);
    expect([email, m?.organizations.map((o: any) => o.code), !!m?.allOrganizations]).toEqual([email, ['000014351'], false]);
  }
  const office = await membershipOf('office@demo.gov.cn');
  expect([office.organizations.map((o: any) => o.code), office.includeDescendants, office.allOrganizations]).toEqual([['000014349'], true, false]);
  expect(await membershipOf('admin@demo.gov.cn')).toBeNull();
  expect(await strapi.db.query(MEMBERSHIP as any).count()).toBe(6);

  // the effective scopes (ids): the drafter 发改局 only, the office the county and its departments
  const scope = strapi.plugin('site-groups').service('scope');
  const idOf = async (email: string) => ((await strapi.db.query('admin::user').findOne({ where: { email }, populate: ['roles'] })) as any);
  const drafterScope = await scope.scopeOfUser(await idOf('drafter@demo.gov.cn'));
  const deptRow: any = await strapi.db.query('api::organization.organization').findOne({ where: { documentId: dept.documentId } });
  expect(drafterScope).toEqual({ all: false, ids: [deptRow.id] });
  const officeScope = await scope.scopeOfUser(await idOf('office@demo.gov.cn'));
  expect(officeScope.all).toBe(false);
  expect(officeScope.ids.length).toBe(3);
  expect((await scope.scopeOfUser(await idOf('admin@demo.gov.cn'))).all).toBe(true);

  // a second boot creates nothing twice; a membership an administrator deleted is not brought back
  await ensureDemoAdmin(strapi);
  expect(await strapi.db.query(MEMBERSHIP as any).count()).toBe(6);
  expect(await strapi.db.query('admin::user').count({ where: { email: { $endsWith: '@demo.gov.cn' } } })).toBe(7);
  const drafterMembership = await membershipOf('drafter@demo.gov.cn');
  await strapi.db.query(MEMBERSHIP as any).delete({ where: { id: drafterMembership.id } });
  await ensureDemoAdmin(strapi);
  expect(await membershipOf('drafter@demo.gov.cn')).toBeNull();
});

it('lets the clerk use the 依申请公开 routes and the 政务公开办 user the statistics and push targets, not the other way round', async () => {
  const tokenOf = async (email: string) => (await request(strapi.server.httpServer).post('/admin/login').send({ email, password: 'Demo12345' })).body.data.token as string;
  const get = (url: string, token: string) => request(strapi.server.httpServer).get(url).set('Authorization', `Bearer ${token}`);
  const clerk = await tokenOf('clerk@demo.gov.cn');
  const office = await tokenOf('office@demo.gov.cn');
  const leader = await tokenOf('leader@demo.gov.cn');
  expect((await get('/disclosure-requests', clerk)).status).toBe(200);
  expect((await get('/disclosure-requests', office)).status).toBe(200);
  expect((await get('/disclosure-requests', leader)).status).toBe(403);
  expect((await get('/sync/targets', office)).status).toBe(200);
  expect((await get('/sync/targets', clerk)).status).toBe(403);
  expect((await get('/statistics/summary?from=2025-01-01&to=2025-12-31', office)).status).toBe(200);
  expect((await get('/statistics/summary?from=2025-01-01&to=2025-12-31', clerk)).status).toBe(403);
});

it('labels the content types and fields in Chinese in the Content Manager', async () => {
  const conf = await strapi.plugin('content-manager').service('content-types').findConfiguration(strapi.contentType('api::disclosure-item.disclosure-item'));
  expect(conf.metadatas.indexNo.edit.label).toBe('索引号');
  expect(conf.metadatas.documentNumber.list.label).toBe('发文字号');
  expect(conf.metadatas.organization.edit.mainField).toBe('name');
  expect(strapi.contentType('api::disclosure-item.disclosure-item').info.displayName).toBe('政府信息');
});
