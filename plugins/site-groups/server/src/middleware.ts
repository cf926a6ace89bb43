import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { DocumentMiddleware } from '../../../../src/document-pipeline-types';
import { MANAGE_ACTION, MEMBERSHIP_UID, ORG_UID, SCOPED_UIDS, documentInScope, documentOrganizationIds, inScope, isSuperAdmin, scopeOfUser } from './scope';
import { fieldError } from '../../../../src/foundation/errors';

const deny = (message: string, path = 'organization'): never => {
  throw new errors.PolicyError(message, { errors: [{ path: [path], message, name: 'ForbiddenError' }] });
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

const WRITES = ['create', 'update', 'clone', 'delete', 'publish', 'unpublish', 'discardDraft'];

/** The admin user of the current request, or null for code, imports and API tokens. */
function adminUserOfRequest(strapi: Core.Strapi): { ctx: any; user: any } | null {
  const ctx: any = strapi.requestContext.get();
  const user = ctx?.state?.user;
  const isAdminUser = ctx?.state?.auth?.strategy?.name === 'admin' || ctx?.state?.isAuthenticatedAdmin === true;
  return user && isAdminUser ? { ctx, user } : null;
}

/**
 * The scope at the Document Service layer (stage “scope”, before the publish gate writes any audit entry):
 * an admin user who is not a super admin writes only documents of their organisations — every version of
 * the document, the organisation chosen on create or changed on update, and relations to documents of
 * scoped types. A user without a membership writes nothing. Memberships themselves are written only by
 * super admins and holders of `plugin::site-groups.manage`, never by the member. Requests without an admin
 * user (code, imports, integrators' API tokens) are not scoped here.
 */
export function scopeStage(strapi: Core.Strapi): DocumentMiddleware {
  return async (context: any, next: () => Promise<any>) => {
    const { uid, action, params } = context;
    if (!WRITES.includes(action)) return next();
    if (uid === MEMBERSHIP_UID) {
      await guardMembershipWrite(strapi, action, params);
      return next();
    }
    if (!SCOPED_UIDS.includes(uid)) return next();
    const who = adminUserOfRequest(strapi);
    if (!who || isSuperAdmin(who.user)) return next();
    const scope = await scopeOfUser(strapi, who.user);
    if (scope.all) return next();
    if (!scope.ids.length) deny('您的账号尚未分配所属机构，不能编辑任何机构的文档；请联系安全管理员设置“机构成员”');
    if (action !== 'create' && params?.documentId) {
      const orgIds = await documentOrganizationIds(strapi, uid, params.documentId);
      if (orgIds !== undefined && !documentInScope(scope, orgIds)) deny('该文档属于其他机构，您无权操作');
    }
    const ref = orgRefOf(params?.data?.organization);
    if (ref) {
      const org: any = await strapi.db.query(ORG_UID as any).findOne({ where: ref.id ? { id: ref.id } : { documentId: ref.documentId }, select: ['id', 'name'] });
      if (org && !inScope(scope, org.id)) deny(`您不能为其他机构（${org.name}）创建或修改文档`);
    } else if (action === 'create' && ref === undefined && params?.data) {
      deny('请选择本机构作为发布机构');
    }
    const ct: any = strapi.contentType(uid);
    // files newly attached from the Media Library: only the user's organisations' files
    for (const [field, value] of Object.entries(params?.data ?? {})) {
      const attr = ct.attributes[field];
      if (!attr || attr.type !== 'media' || value === undefined || value === null) continue;
      let ids = (Array.isArray(value) ? value : [value]).map((v: any) => Number(typeof v === 'object' ? v?.id : v)).filter((n) => Number.isInteger(n) && n > 0);
      if (ids.length && params?.documentId) {
        const rows: any[] = await strapi.db.query(uid).findMany({ where: { documentId: params.documentId }, select: ['id'], populate: { [field]: { select: ['id'] } } });
        const already = new Set(rows.flatMap((r) => (Array.isArray(r[field]) ? r[field] : r[field] ? [r[field]] : []).map((f: any) => f.id)));
        ids = ids.filter((id) => !already.has(id));
      }
      if (!ids.length) continue;
      const files: any[] = await strapi.db.query('plugin::upload.file').findMany({ where: { id: { $in: ids } }, select: ['id', 'name'], populate: { organization: { select: ['id'] } } });
      const foreign = files.find((f) => !f.organization || !inScope(scope, f.organization.id));
      if (foreign) deny(`不能使用其他机构的文件（${foreign.name}）`, field);
    }
    // relations to documents of scoped types (政策解读 → policy, repeal/amend links) stay inside the scope
    for (const [field, value] of Object.entries(params?.data ?? {})) {
      const attr = ct.attributes[field];
      if (!attr || attr.type !== 'relation' || !SCOPED_UIDS.includes(attr.target) || value === undefined || value === null) continue;
      const refs = relationRefs(value);
      if (!refs.length) continue;
      const where = { $or: refs.map((r) => (r.id ? { id: r.id } : { documentId: r.documentId })) };
      const targets: any[] = await strapi.db.query(attr.target).findMany({ where, populate: { organization: { select: ['id', 'name'] } } });
      const foreign = targets.find((t) => !t.organization || !inScope(scope, t.organization.id));
      if (foreign) deny(`不能关联其他机构的文档（${foreign.title ?? foreign.name ?? foreign.documentId}）`, field);
    }
    return next();
  };
}

/** Memberships: only super admins and holders of plugin::site-groups.manage; nobody edits their own; one per user. */
async function guardMembershipWrite(strapi: Core.Strapi, action: string, params: any) {
  const who = adminUserOfRequest(strapi);
  if (who) {
    const ability = who.ctx.state.userAbility;
    if (!isSuperAdmin(who.user) && !ability?.can?.(MANAGE_ACTION)) deny('只有超级管理员或拥有“管理机构成员”权限的用户可以修改机构成员', 'user');
    const own = async () => {
      if (params?.documentId) {
        const existing: any = await strapi.db.query(MEMBERSHIP_UID as any).findOne({ where: { documentId: params.documentId }, populate: { user: { select: ['id'] } } });
        if (existing?.user?.id === who.user.id) return true;
      }
      const target = userRefOf(params?.data?.user);
      return target !== undefined && target === Number(who.user.id);
    };
    if (await own()) deny('不能修改自己的机构成员关系', 'user');
  }
  if (['create', 'update'].includes(action) && params?.data && 'user' in params.data) {
    const target = userRefOf(params.data.user);
    if (target === undefined) throw fieldError('user', '请选择管理后台用户');
    const exists = await strapi.db.query('admin::user').count({ where: { id: target } });
    if (!exists) throw fieldError('user', '管理后台用户不存在');
    const taken: any = await strapi.db.query(MEMBERSHIP_UID as any).findOne({ where: { user: { id: target } }, select: ['documentId'] });
    if (taken && taken.documentId !== params.documentId) throw fieldError('user', '该用户已有机构成员记录，请修改原记录');
  }
}

function userRefOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  if (v && typeof v === 'object') {
    const o = v as any;
    if (Array.isArray(o.connect) && o.connect.length) return userRefOf(o.connect[o.connect.length - 1]);
    if (o.set !== undefined) return userRefOf(Array.isArray(o.set) ? o.set[0] : o.set);
    if (o.id !== undefined) return userRefOf(o.id);
  }
  return undefined;
}

function relationRefs(value: unknown): Array<{ id?: number; documentId?: string }> {
  const one = (x: any) => (typeof x === 'string' ? (/^\d+$/.test(x) ? { id: Number(x) } : { documentId: x }) : typeof x === 'number' ? { id: x } : x?.documentId ? { documentId: x.documentId } : x?.id ? { id: Number(x.id) } : null);
  const list = (x: unknown) => (Array.isArray(x) ? x : x === undefined || x === null ? [] : [x]).map(one).filter(Boolean) as Array<{ id?: number; documentId?: string }>;
  if (value && typeof value === 'object' && !Array.isArray(value) && ('connect' in (value as any) || 'set' in (value as any))) {
    return [...list((value as any).connect), ...list((value as any).set)];
  }
  return list(value);
}
