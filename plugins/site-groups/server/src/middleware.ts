import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { SCOPED_UIDS, organisationIdsOf } from './scope';

const deny = (message: string): never => {
  throw new errors.PolicyError(message, { errors: [{ path: ['organization'], message, name: 'ForbiddenError' }] });
};

function orgRefOf(input: unknown): { id?: number; documentId?: string } | null | undefined {
  if (input === undefined) return undefined;
  if (input === null) return null;
  if (typeof input === 'string') return /^\d+$/.test(input) ? { id: Number(input) } : { documentId: input };
  if (typeof input === 'number') return { id: input };
  if (typeof input === 'object') {
    const o = input as any;
    if (o.connect?.length) return orgRefOf(o.connect[o.connect.length - 1]);
    if (o.set) return orgRefOf(Array.isArray(o.set) ? o.set[0] ?? null : o.set);
    if (o.documentId) return { documentId: o.documentId };
    if (o.id) return { id: Number(o.id) };
    if (o.disconnect?.length) return null;
  }
  return undefined;
}

/**
 * The same scope at the Document Service layer, for what an RBAC condition cannot see before the write
 * (the organisation chosen on create, or changed on update): an admin user who is not a super admin may
 * only write documents of their own organisations. Requests without an admin user (code, imports,
 * integrators' API tokens) are not scoped here.
 */
export function registerScopeMiddleware(strapi: Core.Strapi) {
  strapi.documents.use(async (context: any, next: () => Promise<any>) => {
    const { uid, action, params } = context;
    if (!SCOPED_UIDS.includes(uid) || !['create', 'update', 'clone', 'delete', 'publish', 'unpublish', 'discardDraft'].includes(action)) return next();
    const ctx: any = strapi.requestContext.get();
    const user = ctx?.state?.user;
    const isAdminUser = ctx?.state?.auth?.strategy?.name === 'admin' || ctx?.state?.isAuthenticatedAdmin === true;
    if (!user || !isAdminUser) return next();
    const roles: any[] = user.roles ?? (await strapi.db.query('admin::user').findOne({ where: { id: user.id }, populate: ['roles'] }))?.roles ?? [];
    if (roles.some((r: any) => r.code === 'strapi-super-admin')) return next();
    const membership = await strapi.db.query('plugin::site-groups.membership' as any).count({ where: { userEmail: user.email } });
    if (!membership) return next(); // users without a membership are governed by their role permissions alone
    const ids = await organisationIdsOf(strapi, user);
    if (action !== 'create' && params?.documentId) {
      const owned = await strapi.db.query(uid).count({ where: { documentId: params.documentId, organization: { id: { $in: ids.length ? ids : [-1] } } } });
      const exists = await strapi.db.query(uid).count({ where: { documentId: params.documentId } });
      if (exists && !owned) deny('该文档属于其他机构，您无权操作');
    }
    const ref = orgRefOf(params?.data?.organization);
    if (ref) {
      const org: any = await strapi.db.query('api::organization.organization').findOne({ where: ref.id ? { id: ref.id } : { documentId: ref.documentId }, select: ['id', 'name'] });
      if (org && !ids.includes(Number(org.id))) deny(`您不能为其他机构（${org.name}）创建或修改文档`);
    }
    // relations to documents of scoped types (政策解读 → policy, repeal/amend links) stay inside the scope
    const ct: any = strapi.contentType(uid);
    for (const [field, value] of Object.entries(params?.data ?? {})) {
      const attr = ct.attributes[field];
      if (!attr || attr.type !== 'relation' || !SCOPED_UIDS.includes(attr.target) || value === undefined || value === null) continue;
      const refs = relationRefs(value);
      if (!refs.length) continue;
      const where = { $or: refs.map((r) => (r.id ? { id: r.id } : { documentId: r.documentId })) };
      const targets: any[] = await strapi.db.query(attr.target).findMany({ where, populate: { organization: { select: ['id', 'name'] } } });
      const foreign = targets.find((t) => !t.organization || !ids.includes(Number(t.organization.id)));
      if (foreign) deny(`不能关联其他机构的文档（${foreign.title ?? foreign.name ?? foreign.documentId}）`);
    }
    return next();
  });
}

function relationRefs(value: unknown): Array<{ id?: number; documentId?: string }> {
  const one = (x: any) => (typeof x === 'string' ? (/^\d+$/.test(x) ? { id: Number(x) } : { documentId: x }) : typeof x === 'number' ? { id: x } : x?.documentId ? { documentId: x.documentId } : x?.id ? { id: Number(x.id) } : null);
  const list = (x: unknown) => (Array.isArray(x) ? x : x === undefined || x === null ? [] : [x]).map(one).filter(Boolean) as Array<{ id?: number; documentId?: string }>;
  if (value && typeof value === 'object' && !Array.isArray(value) && ('connect' in (value as any) || 'set' in (value as any))) {
    return [...list((value as any).connect), ...list((value as any).set)];
  }
  return list(value);
}
