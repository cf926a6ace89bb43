import type { Core } from '@strapi/strapi';
import { UID } from './constants';
import { APP_ROLE_CODES, REVIEW_ROLE_CODES } from './role-codes';

/**
 * Demo mode only (DEMO_MODE=true, set by `npm run demo`): make sure the demo super admin and the demo role
 * users exist, give each role user its organisation scope (a membership of plugins/site-groups) and print
 * the credentials. Nothing like this happens outside demo mode. Idempotent: a second boot creates nothing
 * twice, and a membership an administrator has changed or deleted since is left as it is.
 */
const MEMBERSHIP_UID = 'plugin::site-groups.membership';
const ORG_UID = UID.organization;

/** The demo county and the department its demo staff belong to (scripts/seed-data.ts). */
export const DEMO_COUNTY_CODE = '000014349';
export const DEMO_DEPARTMENT_CODE = '000014351';

export interface DemoRoleUser {
  /** admin role code */
  code: string;
  /** e-mail local part (the domain is the demo super admin's) */
  prefix: string;
  /** role name, also the user's display name */
  name: string;
  /** organisation code of the membership */
  org: string;
  /** with the organisation's departments and towns */
  includeDescendants: boolean;
}

export const DEMO_ROLE_USERS: DemoRoleUser[] = [
  { code: REVIEW_ROLE_CODES.drafter, prefix: 'drafter', name: '拟稿人', org: DEMO_DEPARTMENT_CODE, includeDescendants: true },
  { code: REVIEW_ROLE_CODES.deptReviewer, prefix: 'reviewer', name: '部门审核人', org: DEMO_DEPARTMENT_CODE, includeDescendants: true },
  { code: REVIEW_ROLE_CODES.secrecyReviewer, prefix: 'secrecy', name: '保密审查员', org: DEMO_DEPARTMENT_CODE, includeDescendants: true },
  { code: REVIEW_ROLE_CODES.leader, prefix: 'leader', name: '签发领导', org: DEMO_DEPARTMENT_CODE, includeDescendants: true },
  { code: APP_ROLE_CODES.requestClerk, prefix: 'clerk', name: '依申请公开经办人', org: DEMO_DEPARTMENT_CODE, includeDescendants: true },
  { code: APP_ROLE_CODES.openOffice, prefix: 'office', name: '政务公开办', org: DEMO_COUNTY_CODE, includeDescendants: true },
];

const STORE_KEY = 'demo-memberships-seeded';

export async function ensureDemoAdmin(strapi: Core.Strapi) {
  if (!strapi.config.get('disclosure.demo')) return;
  const email = String(strapi.config.get('disclosure.demoAdminEmail'));
  const password = String(strapi.config.get('disclosure.demoAdminPassword'));
  const userService = strapi.service('admin::user');
  const roleService = strapi.service('admin::role');
  const existing = await strapi.db.query('admin::user').findOne({ where: { email } });
  if (!existing) {
    const superAdminRole = await roleService.getSuperAdmin();
    await userService.create({
      email,
      firstname: '演示',
      lastname: '管理员',
      password,
      registrationToken: null,
      isActive: true,
      roles: superAdminRole ? [superAdminRole.id] : [],
      preferedLanguage: 'zh-Hans',
    });
  }
  // One user per built-in role (plugins/review-workflow, src/foundation/roles.ts), same password.
  const domain = email.split('@')[1];
  for (const u of DEMO_ROLE_USERS) {
    const roleEmail = `${u.prefix}@${domain}`;
    if (await strapi.db.query('admin::user').findOne({ where: { email: roleEmail } })) continue;
    const role = await strapi.db.query('admin::role').findOne({ where: { code: u.code } });
    if (!role) continue;
    await userService.create({ email: roleEmail, firstname: u.name, lastname: '', password, registrationToken: null, isActive: true, roles: [role.id], preferedLanguage: 'zh-Hans' });
  }
  const scopes = await ensureDemoMemberships(strapi, domain);

  strapi.log.info(`[演示模式] 管理后台：http://localhost:${strapi.config.get('server.port')}/admin  账号：${email}  密码：${password}（超级管理员，不限机构）`);
  strapi.log.info(`[演示模式] 角色账号（密码同上）：${DEMO_ROLE_USERS.map((u) => `${u.name} ${u.prefix}@${domain}`).join('；')}`);
  strapi.log.info(`[演示模式] 机构范围：${DEMO_ROLE_USERS.map((u) => `${u.prefix}@${domain} ${scopes.get(u.prefix) ?? '（无机构，看不到任何数据）'}`).join('；')}`);
}

/**
 * The demo role users' memberships: each user once (recorded in the core store), when the organisation
 * exists (the seed creates the organisations after the first boot of `npm run seed`: the server's boot
 * then adds them). Returns a description of each user's scope, by e-mail prefix.
 */
async function ensureDemoMemberships(strapi: Core.Strapi, domain: string): Promise<Map<string, string>> {
  const store = strapi.store({ type: 'core', name: 'gov-disclosure' });
  const seeded: string[] = ((await store.get({ key: STORE_KEY })) as string[] | null) ?? [];
  const scopes = new Map<string, string>();
  let changed = false;
  for (const u of DEMO_ROLE_USERS) {
    const email = `${u.prefix}@${domain}`;
    const user: any = await strapi.db.query('admin::user').findOne({ where: { email }, select: ['id'] });
    if (!user) continue;
    let membership: any = await strapi.db.query(MEMBERSHIP_UID as any).findOne({
      where: { user: { id: user.id } },
      populate: { organizations: { select: ['name'] } },
    });
    if (!membership && !seeded.includes(email)) {
      const org: any = await strapi.db.query(ORG_UID as any).findOne({ where: { code: u.org }, select: ['documentId', 'name'] });
      if (org) {
        await (strapi.documents(MEMBERSHIP_UID as any) as any).create({
          data: { user: user.id, organizations: [org.documentId], includeDescendants: u.includeDescendants, allOrganizations: false, note: '演示账号' },
        });
        membership = { organizations: [org], includeDescendants: u.includeDescendants, allOrganizations: false };
        seeded.push(email);
        changed = true;
      }
    }
    if (membership) {
      const names = (membership.organizations ?? []).map((o: any) => o.name).join('、');
      scopes.set(u.prefix, membership.allOrganizations ? '全部机构' : `${names || '（无机构）'}${membership.includeDescendants ? '（含下属机构）' : ''}`);
    }
  }
  if (changed) await store.set({ key: STORE_KEY, value: seeded });
  return scopes;
}
