import type { Core } from '@strapi/strapi';
import { ROLE_CODES } from '../constants';

const CM = 'plugin::content-manager.explorer';

/** The four seeded admin roles and what each may do in the Content Manager (reviewed types only). */
const ROLES: Array<{ code: string; name: string; description: string; actions: string[] }> = [
  { code: ROLE_CODES.drafter, name: '拟稿人', description: '起草、修改稿件并送审', actions: ['create', 'read', 'update'] },
  { code: ROLE_CODES.deptReviewer, name: '部门审核人', description: '部门初审：通过或退回', actions: ['read'] },
  { code: ROLE_CODES.secrecyReviewer, name: '保密审查员', description: '保密审查：逐项确认后通过或退回', actions: ['read'] },
  { code: ROLE_CODES.leader, name: '签发领导', description: '领导签发并发布、撤稿', actions: ['read', 'publish'] },
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
  const related = ['api::organization.organization', 'api::catalogue-node.catalogue-node', 'api::subject-category.subject-category'];
  for (const role of ROLES) {
    const existing = await strapi.db.query('admin::role').findOne({ where: { code: role.code } });
    if (existing) continue;
    const created = await roleService.create({ name: role.name, code: role.code, description: role.description });
    const wanted = role.actions.map((a) => `${CM}.${a}`);
    const permissions = all.filter((p: any) => (reviewedUids.includes(p.subject) && wanted.includes(p.action)) || (related.includes(p.subject) && p.action === `${CM}.read`));
    permissions.push({ action: 'plugin::upload.read' }, { action: 'plugin::upload.assets.create' }, { action: 'plugin::upload.assets.update' });
    await roleService.assignPermissions(created.id, permissions);
  }
}
