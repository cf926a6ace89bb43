import type { Core } from '@strapi/strapi';
import membership from './content-types/membership/schema.json';
import { authorize } from './authz';
import { controller as memberships, routes as membershipRoutes } from './memberships';
import { undeclaredRoutes } from './route-table';
import { CONDITION, MEMBERSHIP_UID, SCOPED_UIDS, scopeOfUser } from './scope';
import { REVIEW_ROLE_CODES, STRAPI_ROLE_CODES } from '../../../../src/foundation/role-codes';

/**
 * 站群与权限: who may see and touch which organisation's data.
 *  - memberships (user id → organisations, or the explicit “全部机构” flag);
 *  - the RBAC condition “属于本人所在机构” for the Content Manager and the Media Library;
 *  - the one policy every custom admin route declares (authz.ts) and the route table that proves it (route-table.ts);
 *  - the scope stage of the Document Service pipeline (middleware.ts).
 */
export default {
  async register({ strapi }: { strapi: Core.Strapi }) {
    await (strapi.service('admin::permission') as any).actionProvider.registerMany([
      { section: 'plugins', displayName: '管理机构成员（谁属于哪个机构）', uid: 'manage', pluginName: 'site-groups' },
    ]);
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await migrateMembershipsByEmail(strapi);
    const { conditionProvider } = strapi.service('admin::permission') as any;
    await conditionProvider.register({
      displayName: '属于本人所在机构',
      name: 'in-my-organizations',
      plugin: 'site-groups',
      category: '站群',
      async handler(user: any) {
        const scope = await scopeOfUser(strapi, user);
        if (scope.all) return true;
        // no membership: nothing (a scoped role is never silently unscoped)
        return { 'organization.id': { $in: scope.ids.length ? scope.ids : [-1] } };
      },
    });
    await attachConditionToReviewRoles(strapi);
    for (const r of undeclaredRoutes(strapi)) strapi.log.error(`[站群权限] 管理端路由 ${r.method} ${r.path}（${r.owner}）未声明权限与机构范围：${r.problems.join('; ')}`);
  },
  contentTypes: { membership: { schema: membership } },
  policies: { authorize },
  controllers: { memberships },
  routes: { admin: { type: 'admin', routes: membershipRoutes } },
  services: {
    scope: ({ strapi }: { strapi: Core.Strapi }) => ({
      scopeOfUser: (user: any) => scopeOfUser(strapi, user),
    }),
  },
};

/**
 * The seeded review roles, and Strapi's own Editor role (Content Manager access to every type, no condition),
 * get the condition on their scoped Content Manager permissions — once per database, so what an administrator
 * removes later stays removed. (Strapi's Author role is already limited to the author's own documents.)
 */
async function attachConditionToReviewRoles(strapi: Core.Strapi) {
  const store = strapi.store({ type: 'plugin', name: 'site-groups' });
  const attach = async (codes: string[]) => {
    const roles: any[] = await strapi.db.query('admin::role').findMany({ where: { code: { $in: codes } } });
    for (const role of roles) {
      const perms: any[] = await strapi.db.query('admin::permission').findMany({ where: { role: { id: role.id }, subject: { $in: SCOPED_UIDS } } });
      for (const p of perms) {
        const conditions: string[] = Array.isArray(p.conditions) ? p.conditions : [];
        if (conditions.includes(CONDITION)) continue;
        await strapi.db.query('admin::permission').update({ where: { id: p.id }, data: { conditions: [...conditions, CONDITION] } });
      }
    }
  };
  if (!(await store.get({ key: 'conditions-attached' }))) {
    await attach(Object.values(REVIEW_ROLE_CODES));
    await store.set({ key: 'conditions-attached', value: true });
  }
  if (!(await store.get({ key: 'editor-conditions-attached' }))) {
    await attach([STRAPI_ROLE_CODES.editor]);
    await store.set({ key: 'editor-conditions-attached', value: true });
  }
}

/** Second half of database/migrations/…site-group-memberships-by-user.js: e-mail matches become user links. */
async function migrateMembershipsByEmail(strapi: Core.Strapi) {
  const knex: any = strapi.db.connection;
  if (!(await knex.schema.hasTable('site_group_membership_user_migration'))) return;
  const rows: any[] = await knex('site_group_membership_user_migration').select('*');
  for (const r of rows) {
    if (r.user_id) {
      const taken = await strapi.db.query(MEMBERSHIP_UID as any).count({ where: { user: { id: r.user_id } } });
      if (!taken) await strapi.db.query(MEMBERSHIP_UID as any).update({ where: { id: r.membership_id }, data: { user: r.user_id } });
      else strapi.log.warn(`[站群权限] 用户 ${r.user_email} 已有机构成员记录，旧记录 ${r.membership_id} 未关联`);
    } else strapi.log.warn(`[站群权限] 机构成员记录 ${r.membership_id} 的邮箱 ${r.user_email} 没有对应的管理后台用户，该记录不授予任何范围`);
  }
  await knex.schema.dropTable('site_group_membership_user_migration');
}
