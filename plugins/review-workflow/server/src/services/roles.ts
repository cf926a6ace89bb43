import type { Core } from '@strapi/strapi';
import { ACTION_AUDIT_READ, ACTION_REVIEW } from '../constants';
import { REVIEW_ROLE_CODES as ROLE_CODES } from '../../../../../src/foundation/role-codes';
import { UID } from '../../../../../src/foundation/constants';

const CM = 'plugin::content-manager.explorer';
const IN_MY_ORGS = 'plugin::site-groups.in-my-organizations';
/** the statistics of their own organisations (the routes narrow to the user's scope) */
const STATISTICS_READ = 'plugin::statistics.read';

/** The plugin's RBAC actions (Settings → Roles → 插件 → 审核发布). */
export const REVIEW_ACTIONS = [
  { section: 'plugins', displayName: '参与审核（送审、通过、退回、撤回，待我审核）', uid: 'review', pluginName: 'review-workflow' },
  { section: 'plugins', displayName: '查看与导出审核记录', uid: 'audit.read', pluginName: 'review-workflow' },
];

/**
 * The four seeded admin roles and what each may do (reviewed types only). Media Library: drafters upload,
 * everybody reads; nobody replaces or edits files by default (an approved attachment's bytes are part of the
 * approval), and both are limited to the user's organisations (condition “属于本人所在机构”).
 */
const ROLES: Array<{ code: string; name: string; description: string; actions: string[]; upload: string[] }> = [
  { code: ROLE_CODES.drafter, name: '拟稿人', description: '起草、修改稿件并送审', actions: ['create', 'read', 'update'], upload: ['read', 'assets.create'] },
  { code: ROLE_CODES.deptReviewer, name: '部门审核人', description: '部门初审：通过或退回', actions: ['read'], upload: ['read'] },
  { code: ROLE_CODES.secrecyReviewer, name: '保密审查员', description: '保密审查：逐项确认后通过或退回', actions: ['read'], upload: ['read'] },
  { code: ROLE_CODES.leader, name: '签发领导', description: '领导签发并发布、撤稿', actions: ['read', 'publish'], upload: ['read'] },
];

/** Creates the roles if missing (never overwrites permissions an administrator has changed). */
export async function ensureRoles(strapi: Core.Strapi, reviewedUids: string[]) {
  const roleService: any = strapi.service('admin::role');
  // Strapi creates its default roles (Super Admin, Editor, Author) only while no role exists: let it first.
  await roleService.createRolesIfNoneExist();
  const ctService: any = strapi.service('admin::content-type');
  const { actionProvider } = strapi.service('admin::permission') as any;
  const contentTypeActions = actionProvider.values().filter((a: any) => a.section === 'contentTypes');
  const all = ctService.getPermissionsWithNestedFields(contentTypeActions, { restrictedSubjects: [] });
  // read access to the related types so relation pickers work
  const related = [UID.organization, UID.catalogueNode, UID.subjectCategory];
  for (const role of ROLES) {
    const existing = await strapi.db.query('admin::role').findOne({ where: { code: role.code } });
    if (existing) continue;
    const created = await roleService.create({ name: role.name, code: role.code, description: role.description });
    const wanted = role.actions.map((a) => `${CM}.${a}`);
    const permissions = all.filter((p: any) => (reviewedUids.includes(p.subject) && wanted.includes(p.action)) || (related.includes(p.subject) && p.action === `${CM}.read`));
    permissions.push(...role.upload.map((a) => ({ action: `plugin::upload.${a}`, conditions: [IN_MY_ORGS] })));
    permissions.push({ action: ACTION_REVIEW }, { action: ACTION_AUDIT_READ }, { action: STATISTICS_READ });
    await roleService.assignPermissions(created.id, permissions);
  }
  await upgradeRoles(strapi);
}

/**
 * Roles seeded before the authorization layer (issue 11): add the plugin's actions, take away
 * upload.assets.update and scope the Media Library to the user's organisations. Once per database.
 */
async function upgradeRoles(strapi: Core.Strapi) {
  const store = strapi.store({ type: 'plugin', name: 'review-workflow' });
  if (await store.get({ key: 'roles-upgraded-authz' })) return;
  const roles: any[] = await strapi.db.query('admin::role').findMany({ where: { code: { $in: ROLES.map((r) => r.code) } } });
  for (const role of roles) {
    const perms: any[] = await strapi.db.query('admin::permission').findMany({ where: { role: { id: role.id } } });
    const have = new Set(perms.map((p) => p.action));
    for (const action of [ACTION_REVIEW, ACTION_AUDIT_READ, STATISTICS_READ]) {
      if (!have.has(action)) await strapi.db.query('admin::permission').create({ data: { action, subject: null, properties: {}, conditions: [], actionParameters: {}, role: role.id } });
    }
    for (const p of perms.filter((x) => x.action === 'plugin::upload.assets.update')) await strapi.db.query('admin::permission').delete({ where: { id: p.id } });
    for (const p of perms.filter((x) => String(x.action).startsWith('plugin::upload.') && x.action !== 'plugin::upload.assets.update')) {
      const conditions: string[] = Array.isArray(p.conditions) ? p.conditions : [];
      if (!conditions.includes(IN_MY_ORGS)) await strapi.db.query('admin::permission').update({ where: { id: p.id }, data: { conditions: [...conditions, IN_MY_ORGS] } });
    }
  }
  await store.set({ key: 'roles-upgraded-authz', value: true });
}
