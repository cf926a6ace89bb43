import type { Core } from '@strapi/strapi';
import membership from './content-types/membership/schema.json';
import { CONDITION, SCOPED_UIDS, organisationIdsOf, userMayAccess } from './scope';
import { registerScopeMiddleware } from './middleware';

/**
 * 站群 scoping with Strapi's RBAC condition mechanism (available in the Community Edition): the
 * condition "属于本人所在机构" restricts a permission to documents whose organisation is one of the
 * user's organisations (and their descendants). Attached to the review roles' Content Manager
 * permissions on the scoped types, it is enforced by Strapi's permission checker on every admin route
 * (list, detail, update, publish, bulk actions, relation pickers).
 */
export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerScopeMiddleware(strapi);
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    const { conditionProvider } = strapi.service('admin::permission') as any;
    await conditionProvider.register({
      displayName: '属于本人所在机构',
      name: 'in-my-organizations',
      plugin: 'site-groups',
      category: '站群',
      async handler(user: any) {
        // no membership: a single-unit site, the role's permissions apply unrestricted
        const member = await strapi.db.query('plugin::site-groups.membership' as any).count({ where: { userEmail: user?.email } });
        if (!member) return true;
        const ids = await organisationIdsOf(strapi, user);
        return { 'organization.id': { $in: ids.length ? ids : [-1] } };
      },
    });
    await attachConditionToReviewRoles(strapi);
  },
  contentTypes: { membership: { schema: membership } },
  services: {
    scope: ({ strapi }: { strapi: Core.Strapi }) => ({
      organisationIdsOf: (user: any) => organisationIdsOf(strapi, user),
      userMayAccess: (user: any, uid: string, documentId: string) => userMayAccess(strapi, user, uid, documentId),
    }),
  },
};

/** The seeded review roles get the condition on their scoped Content Manager permissions (once). */
async function attachConditionToReviewRoles(strapi: Core.Strapi) {
  const store = strapi.store({ type: 'plugin', name: 'site-groups' });
  if (await store.get({ key: 'conditions-attached' })) return; // never re-add what an administrator removed
  const roles: any[] = await strapi.db.query('admin::role').findMany({ where: { code: { $in: ['gov-drafter', 'gov-dept-reviewer', 'gov-secrecy-reviewer', 'gov-leader'] } } });
  for (const role of roles) {
    const perms: any[] = await strapi.db.query('admin::permission').findMany({ where: { role: { id: role.id }, subject: { $in: SCOPED_UIDS } } });
    for (const p of perms) {
      const conditions: string[] = Array.isArray(p.conditions) ? p.conditions : [];
      if (conditions.includes(CONDITION)) continue;
      await strapi.db.query('admin::permission').update({ where: { id: p.id }, data: { conditions: [...conditions, CONDITION] } });
    }
  }
  await store.set({ key: 'conditions-attached', value: true });
}
