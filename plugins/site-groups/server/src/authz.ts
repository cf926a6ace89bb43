import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ORG_UID, documentInScope, documentOrganizationIds, inScope, isSuperAdmin, scopeOfUser, type OrgScope } from './scope';
import { fieldError } from '../../../../src/foundation/errors';

/**
 * ONE authorization layer for every custom admin route. Each route declares, in its route config, the RBAC
 * action it needs and how to find the organisation(s) it touches; the policy `plugin::site-groups.authorize`
 * enforces both with the same organisation scope as the Content Manager's RBAC condition “属于本人所在机构”
 * (scope.ts). `tests/integration/authz-routes.test.ts` fails when an admin route declares neither.
 *
 *   permission   an RBAC action (`plugin::statistics.read`, `plugin::content-manager.explorer.read`, …) or null
 *                for “any authenticated admin” (must then say why in `scope.none`)
 *   subject      the content type the action applies to (Content Manager actions), fixed or from a route param
 *   scope        document      the organisation(s) of the document named by `:documentId` (404 if unknown,
 *                              403 if outside the caller's organisations)
 *                organization  the organisation named by a route param or a query parameter (404 / 403);
 *                              a missing optional query parameter means “my organisations” (handler filters)
 *                list          the handler filters its SQL by `ctx.state.orgScope` (see orgScopeOf)
 *                all           needs the scope of all organisations (super admin or a “全部机构” membership)
 *                none          touches no organisation's data (the reason is required)
 */
export const POLICY = 'plugin::site-groups.authorize';

export type ScopeDecl =
  | { document: { uid?: string; uidParam?: string; idParam: string } }
  | { organization: { param?: string; query?: string } }
  | { list: string }
  | { all: string }
  | { none: string };

export interface RouteAuthz {
  permission: string | null;
  subject?: string;
  subjectParam?: string;
  scope: ScopeDecl;
}

/** Route config of a guarded admin route: an authenticated admin, then the one policy. */
export function guard(decl: RouteAuthz) {
  return { policies: ['admin::isAuthenticatedAdmin', { name: POLICY, config: decl }] };
}

/** The declaration of a route config, if it has one. */
export function declarationOf(config: any): RouteAuthz | null {
  const entry = (config?.policies ?? []).find((p: any) => p && typeof p === 'object' && p.name === POLICY);
  return entry?.config ?? null;
}

const forbid = (message: string): never => {
  throw new errors.PolicyError(message, { errors: [{ path: [], message, name: 'ForbiddenError' }] });
};

const PERMISSION_NAMES: Record<string, string> = {
  'plugin::content-manager.explorer.read': '查看',
  'plugin::content-manager.explorer.update': '修改',
  'plugin::content-manager.explorer.publish': '发布',
  'plugin::security.log.read': '查看安全审计日志',
};

/** The scope the policy computed for this request (a handler of a `list` route must filter by it). */
export function orgScopeOf(ctx: any): OrgScope {
  const scope = ctx?.state?.orgScope as OrgScope | undefined;
  if (!scope) throw new errors.ApplicationError('路由未声明权限与机构范围（plugin::site-groups.authorize）');
  return scope;
}

/** Validates a declaration (at boot and in the route-enumeration test). Returns the problems found. */
export function problemsOf(decl: RouteAuthz | null): string[] {
  if (!decl) return ['no declaration'];
  const out: string[] = [];
  if (decl.permission !== null && typeof decl.permission !== 'string') out.push('permission must be an action or null');
  const keys = Object.keys(decl.scope ?? {});
  if (keys.length !== 1 || !['document', 'organization', 'list', 'all', 'none'].includes(keys[0])) out.push('scope must be one of document, organization, list, all, none');
  if (decl.permission === null && !('none' in (decl.scope ?? {}))) out.push('a route open to any admin may only touch no organisation data (scope.none)');
  if ('none' in (decl.scope ?? {}) && !String((decl.scope as any).none ?? '').trim()) out.push('scope.none needs a reason');
  return out;
}

export async function authorize(policyCtx: any, decl: RouteAuthz, { strapi }: { strapi: Core.Strapi }): Promise<boolean> {
  const user = policyCtx.state?.user;
  if (!user || !policyCtx.state?.isAuthenticated || policyCtx.state?.auth?.strategy?.name !== 'admin') return forbid('请先登录管理后台');
  const params = policyCtx.params ?? {};
  const query = policyCtx.request?.query ?? {};

  // 1. the RBAC action (Content Manager actions on their content type)
  if (decl.permission) {
    const subject = decl.subjectParam ? String(params[decl.subjectParam] ?? '') : decl.subject;
    const ability = policyCtx.state.userAbility;
    if (!ability || !ability.can(decl.permission, subject || undefined)) {
      const what = PERMISSION_NAMES[decl.permission] ?? decl.permission;
      forbid(`您没有此操作的权限（需要“${what}”${subject ? ` ${subject}` : ''}）`);
    }
  }

  // 2. the organisation scope
  const scope = await scopeOfUser(strapi, user);
  policyCtx.state.orgScope = scope;
  const s: any = decl.scope;
  if ('none' in s || 'list' in s) return true;
  if ('all' in s) {
    if (!scope.all) forbid('此操作涉及全部机构，只有超级管理员或“全部机构”范围的用户可以执行');
    return true;
  }
  if ('organization' in s) {
    const raw = s.organization.param ? params[s.organization.param] : query[s.organization.query];
    if (raw === undefined || raw === null || raw === '') {
      if (s.organization.param) throw new errors.NotFoundError('机构不存在');
      return true; // “my organisations”: the handler narrows by ctx.state.orgScope
    }
    if (typeof raw !== 'string') throw fieldError([s.organization.param ?? s.organization.query], '机构参数只能出现一次');
    const org: any = await strapi.db.query(ORG_UID as any).findOne({ where: { documentId: raw }, select: ['id'] });
    if (!org) throw new errors.NotFoundError('机构不存在');
    if (!inScope(scope, org.id)) forbid('该机构不在您的管理范围内');
    return true;
  }
  if ('document' in s) {
    const uid = s.document.uidParam ? String(params[s.document.uidParam] ?? '') : s.document.uid;
    const documentId = String(params[s.document.idParam] ?? '');
    if (!uid || !strapi.getModel(uid as any)) throw new errors.NotFoundError(`内容类型 ${uid} 不存在`);
    const orgIds = await documentOrganizationIds(strapi, uid, documentId);
    if (orgIds === undefined) throw new errors.NotFoundError('文档不存在');
    if (!documentInScope(scope, orgIds)) forbid('该文档属于其他机构，您无权访问');
    // the Content Manager's own conditions on this document (e.g. “仅本人创建的”), evaluated by Strapi's checker
    if (decl.permission?.startsWith('plugin::content-manager.explorer.') && !isSuperAdmin(user)) {
      const checker = strapi.plugin('content-manager').service('permission-checker').create({ userAbility: policyCtx.state.userAbility, model: uid });
      const entity = await strapi.db.query(uid as any).findOne({ where: { documentId }, populate: { organization: true, createdBy: true } });
      const verb = decl.permission.split('.').pop() as string;
      const can = checker.can[verb];
      if (entity && typeof can === 'function' && !can(entity)) forbid('您没有操作该文档的权限');
    }
    return true;
  }
  return forbid('路由的机构范围声明无效');
}
