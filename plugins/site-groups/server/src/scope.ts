import type { Core } from '@strapi/strapi';

export const CONDITION = 'plugin::site-groups.in-my-organizations';
export const MEMBERSHIP_UID = 'plugin::site-groups.membership';
/** Content types scoped by their `organization` relation. */
export const SCOPED_UIDS = [
  'api::disclosure-item.disclosure-item',
  'api::law.law',
  'api::annual-report.annual-report',
  'api::disclosure-request.disclosure-request',
  'api::catalogue-node.catalogue-node',
];

/** Organisation ids an admin user may work on: their memberships, with descendants when configured. */
export async function organisationIdsOf(strapi: Core.Strapi, user: { email?: string } | null | undefined): Promise<number[]> {
  if (!user?.email) return [];
  const m: any = await strapi.db.query(MEMBERSHIP_UID as any).findOne({ where: { userEmail: user.email }, populate: { organizations: { select: ['id'] } } });
  if (!m) return [];
  const roots = (m.organizations ?? []).map((o: any) => Number(o.id));
  if (!roots.length || !m.includeDescendants) return roots;
  // inside the caller's transaction when there is one (a raw query on another connection would wait
  // for the transaction's lock on SQLite)
  const res: any = await strapi.db.transaction(({ trx }: any) => trx.raw(`WITH RECURSIVE orgs(id) AS (
      SELECT id FROM organizations WHERE id IN (${roots.join(',')})
      UNION SELECT l.organization_id FROM organizations_parent_lnk l JOIN orgs ON l.inv_organization_id = orgs.id
    ) SELECT id FROM orgs`));
  return (Array.isArray(res) ? res : res.rows).map((r: any) => Number(r.id));
}

/** Whether the user may act on a document (used by the review workflow's routes). */
export async function userMayAccess(strapi: Core.Strapi, user: any, uid: string, documentId: string): Promise<boolean> {
  if (!SCOPED_UIDS.includes(uid)) return true;
  if ((user?.roles ?? []).some((r: any) => r.code === 'strapi-super-admin')) return true;
  const ids = await organisationIdsOf(strapi, user);
  if (!ids.length) return false;
  const n = await strapi.db.query(uid as any).count({ where: { documentId, organization: { id: { $in: ids } } } });
  return n > 0;
}
