import type { Core } from '@strapi/strapi';
import { UID } from '../../../../src/foundation/constants';
import { SUPER_ADMIN } from '../../../../src/foundation/role-codes';

export const CONDITION = 'plugin::site-groups.in-my-organizations';
export const MEMBERSHIP_UID = 'plugin::site-groups.membership';
export const ORG_UID = UID.organization;
/** RBAC action: edit memberships (who belongs to which organisation). Super admins hold it implicitly. */
export const MANAGE_ACTION = 'plugin::site-groups.manage';

/** Content types scoped by their `organization` relation. */
export const SCOPED_UIDS = [
  UID.item,
  UID.law,
  UID.annualReport,
  UID.request,
  UID.catalogueNode,
];

/**
 * The organisations an admin user may work on. `all` only for super admins and memberships with the explicit
 * “全部机构” flag; a user without a membership gets `{ all: false, ids: [] }`: nothing (never “unscoped”).
 */
export type OrgScope = { all: true } | { all: false; ids: number[] };

export const isSuperAdmin = (user: any): boolean => ((user?.roles ?? []) as any[]).some((r) => (typeof r === 'string' ? r : r?.code) === SUPER_ADMIN);

const MEMO = Symbol('site-groups.scope');

/**
 * Scope of an admin user, identified by the user's id (never a field the user can edit, such as the e-mail).
 * Memoised on the current request (Strapi evaluates the RBAC condition once per permission).
 */
export async function scopeOfUser(strapi: Core.Strapi, user: { id?: number | string | null; roles?: any[] } | null | undefined): Promise<OrgScope> {
  const id = Number(user?.id);
  if (!user || !Number.isInteger(id) || id <= 0) return { all: false, ids: [] };
  const ctx: any = strapi.requestContext.get();
  const memo: Map<number, Promise<OrgScope>> | undefined = ctx?.state ? (ctx.state[MEMO] ??= new Map()) : undefined;
  const cached = memo?.get(id);
  if (cached) return cached;
  const promise = computeScope(strapi, id, user.roles);
  memo?.set(id, promise);
  return promise;
}

async function computeScope(strapi: Core.Strapi, userId: number, roles: any[] | undefined): Promise<OrgScope> {
  let roleList = roles;
  if (!roleList || roleList.some((r) => typeof r !== 'string' && !r?.code)) {
    const u: any = await strapi.db.query('admin::user').findOne({ where: { id: userId }, populate: { roles: { select: ['code'] } } });
    roleList = u?.roles ?? [];
  }
  if (isSuperAdmin({ roles: roleList })) return { all: true };
  const m: any = await strapi.db.query(MEMBERSHIP_UID as any).findOne({
    where: { user: { id: userId } },
    populate: { organizations: { select: ['id'] } },
  });
  if (!m) return { all: false, ids: [] };
  if (m.allOrganizations) return { all: true };
  const roots = (m.organizations ?? []).map((o: any) => Number(o.id));
  if (!roots.length || !m.includeDescendants) return { all: false, ids: roots };
  return { all: false, ids: await withDescendants(strapi, roots) };
}

/** The organisations and all their descendants (recursive CTE over the parent link), inside the caller's transaction if any. */
export async function withDescendants(strapi: Core.Strapi, roots: number[]): Promise<number[]> {
  if (!roots.length) return [];
  const meta: any = strapi.db.metadata.get(ORG_UID as any);
  const link = meta.attributes.parent.joinTable;
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const sql = `WITH RECURSIVE orgs(id) AS (
      SELECT id FROM ${q(meta.tableName)} WHERE id IN (${roots.map((n) => Number(n)).join(',')})
      UNION SELECT l.${q(link.joinColumn.name)} FROM ${q(link.name)} l JOIN orgs ON l.${q(link.inverseJoinColumn.name)} = orgs.id
    ) SELECT id FROM orgs`;
  // inside the caller's transaction when there is one (a raw query on another connection would wait for the
  // transaction's lock on SQLite)
  const res: any = await strapi.db.transaction(({ trx }: any) => trx.raw(sql));
  return (Array.isArray(res) ? res : res.rows).map((r: any) => Number(r.id));
}

export const inScope = (scope: OrgScope, orgId: number | null | undefined): boolean =>
  scope.all || (orgId !== null && orgId !== undefined && scope.ids.includes(Number(orgId)));

/**
 * The organisation ids a query may read: the requested set (null = every organisation) narrowed to the scope.
 * Returns null only when neither narrows anything (all organisations).
 */
export function narrow(scope: OrgScope, requested: number[] | null): number[] | null {
  if (scope.all) return requested;
  if (requested === null) return [...scope.ids];
  const allowed = new Set(scope.ids);
  return requested.filter((id) => allowed.has(Number(id)));
}

/** SQL list of ids for `IN (...)` (an empty scope matches nothing). */
export const sqlIdList = (ids: number[]): string => (ids.length ? ids.map((n) => Number(n)).join(',') : 'NULL');

/**
 * The owning organisations of a document (every version: draft and published may differ after a move),
 * `undefined` when the document does not exist; `[]` when it exists but has no organisation.
 */
export async function documentOrganizationIds(strapi: Core.Strapi, uid: string, documentId: string): Promise<number[] | undefined> {
  const attr: any = (strapi.getModel(uid as any) as any)?.attributes?.organization;
  const rows: any[] = await strapi.db.query(uid as any).findMany({
    where: { documentId },
    select: ['id'],
    ...(attr?.type === 'relation' ? { populate: { organization: { select: ['id'] } } } : {}),
  });
  if (!rows.length) return undefined;
  return [...new Set(rows.map((r) => r.organization?.id).filter((v) => v !== null && v !== undefined).map(Number))];
}

/** Whether every version of the document belongs to the scope (a document without organisation: super scope only). */
export function documentInScope(scope: OrgScope, orgIds: number[]): boolean {
  if (scope.all) return true;
  return orgIds.length > 0 && orgIds.every((id) => scope.ids.includes(id));
}
