import type { Core } from '@strapi/strapi';
import { SUPER_ADMIN } from '../../../../src/foundation/role-codes';
import { logConfig } from './log-config';

/**
 * 三员分立 (等保 2.0 第三级 安全管理中心: 系统管理员、安全管理员、审计管理员 with separate duties).
 *
 * DUTIES is the declarative table: each duty and the RBAC actions that constitute it (exact action ids, or a
 * prefix ending in `*`). Every other action (content, review, statistics, …) belongs to no duty. The three
 * built-in roles below are seeded at bootstrap with exactly the registered actions of their duty (once per
 * database, like src/foundation/roles.ts: what an administrator changes later stays changed), and
 * tests/integration/security-roles.test.ts checks that no built-in role holds actions of two duties.
 *
 * `restrictSuperAdmin` (RESTRICT_SUPER_ADMIN, default false): once each of the three roles is held by at least
 * one active user, requests authenticated as a super admin are refused (403, Chinese message) on every admin
 * API path except SUPER_ADMIN_ALLOWED (own profile and password, session, panel start-up): the super admin
 * remains a break-glass account — switch the setting off (and restart) to use it again.
 */
export type Duty = 'system' | 'security' | 'audit';

export const DUTIES: Record<Duty, { name: string; description: string; actions: string[] }> = {
  system: {
    name: '系统管理',
    description: '管理后台账号、系统设置、API 令牌、Webhook、上传与邮件设置、语言',
    actions: [
      'admin::users.*',
      'admin::webhooks.*',
      'admin::project-settings.*',
      'admin::api-tokens.*',
      'admin::transfer.tokens.*',
      'admin::admin-tokens.*',
      'admin::marketplace.*',
      'plugin::upload.settings.*',
      'plugin::email.settings.*',
      'plugin::i18n.locale.*',
      'plugin::users-permissions.advanced-settings.*',
      'plugin::users-permissions.providers.*',
      'plugin::users-permissions.email-templates.*',
      'plugin::sync.manage',
    ],
  },
  security: {
    name: '安全管理',
    description: '角色与权限、机构成员（访问范围）、安全策略设置',
    actions: ['admin::roles.*', 'plugin::site-groups.manage', 'plugin::users-permissions.roles.*', 'plugin::security.settings.*', 'plugin::security.policy.*'],
  },
  audit: {
    name: '安全审计',
    description: '查看与导出安全审计日志',
    actions: ['plugin::security.log.read'],
  },
};

export const TRIAD_ROLE_CODES = { system: 'gov-system-admin', security: 'gov-security-admin', audit: 'gov-audit-admin' } as const satisfies Record<Duty, string>;

export const TRIAD_ROLES: Array<{ duty: Duty; code: string; name: string; description: string }> = [
  { duty: 'system', code: TRIAD_ROLE_CODES.system, name: '系统管理员', description: '三员分立之系统管理员：管理后台账号与系统设置；不能修改角色权限，不能查看安全审计日志' },
  { duty: 'security', code: TRIAD_ROLE_CODES.security, name: '安全管理员', description: '三员分立之安全管理员：管理角色权限、机构成员与安全策略；不能管理账号，不能查看安全审计日志' },
  { duty: 'audit', code: TRIAD_ROLE_CODES.audit, name: '审计管理员', description: '三员分立之审计管理员：只能查看与导出安全审计日志' },
];

const matches = (pattern: string, action: string) => (pattern.endsWith('*') ? action.startsWith(pattern.slice(0, -1)) : action === pattern);

/** The duty an RBAC action belongs to, or null. */
export function dutyOf(action: string): Duty | null {
  for (const [duty, d] of Object.entries(DUTIES) as Array<[Duty, (typeof DUTIES)[Duty]]>) if (d.actions.some((p) => matches(p, action))) return duty;
  return null;
}

/** The duties whose actions a list of actions holds. */
export function dutiesOf(actions: string[]): Duty[] {
  return [...new Set(actions.map(dutyOf).filter((d): d is Duty => d !== null))].sort();
}

/** The registered RBAC actions of a duty. */
export function registeredActionsOf(strapi: Core.Strapi, duty: Duty): string[] {
  const { actionProvider } = strapi.service('admin::permission') as any;
  return (actionProvider.values() as any[]).map((a) => String(a.actionId)).filter((id) => DUTIES[duty].actions.some((p) => matches(p, id))).sort();
}

const STORE_KEY = 'triad-roles-seeded';

/**
 * Creates the three roles once per database (an administrator's later changes or deletion are kept). Called from
 * the application's bootstrap (src/index.ts): Strapi's admin:: actions are registered after the plugins' bootstraps.
 */
export async function ensureTriadRoles(strapi: Core.Strapi): Promise<void> {
  const roleService: any = strapi.service('admin::role');
  await roleService.createRolesIfNoneExist();
  const store = strapi.store({ type: 'plugin', name: 'security' });
  const seeded: string[] = ((await store.get({ key: STORE_KEY })) as string[] | null) ?? [];
  let changed = false;
  for (const role of TRIAD_ROLES) {
    if (seeded.includes(role.code)) continue;
    const existing = await strapi.db.query('admin::role').findOne({ where: { code: role.code } });
    if (!existing) {
      const created = await roleService.create({ name: role.name, code: role.code, description: role.description });
      const permissions = registeredActionsOf(strapi, role.duty).map((action) => ({ action, subject: null, properties: {}, conditions: [] }));
      await roleService.assignPermissions(created.id, permissions);
      strapi.log.info(`[三员分立] 已创建内置角色“${role.name}”（${role.code}）`);
    }
    seeded.push(role.code);
    changed = true;
  }
  if (changed) await store.set({ key: STORE_KEY, value: seeded });
}

/** True when each of the three roles is held by at least one active, unblocked user. */
export async function triadStaffed(strapi: Core.Strapi): Promise<boolean> {
  for (const code of Object.values(TRIAD_ROLE_CODES)) {
    const n = await strapi.db.query('admin::user').count({ where: { isActive: true, blocked: { $ne: true }, roles: { code } } });
    if (!n) return false;
  }
  return true;
}

/** What a restricted super admin may still call: their own account, the session, the panel's start-up. */
export const SUPER_ADMIN_ALLOWED: RegExp[] = [
  /^\/admin\/users\/me(\/.*)?$/,
  /^\/admin\/(logout|renew-token|access-token|init|information|project-type|telemetry-properties|license-limit-information|guided-tour-meta)$/,
];

export const RESTRICTED_MESSAGE =
  '已启用三员分立：系统管理员、安全管理员、审计管理员均已配备，超级管理员账号不再用于日常管理。请使用相应的三员账号操作；如遇紧急情况，须由运维人员关闭 RESTRICT_SUPER_ADMIN 设置并重启后使用。';

function bearer(ctx: any): string | null {
  const h = String(ctx.request?.header?.authorization ?? '');
  const parts = h.split(/\s+/);
  return parts.length === 2 && parts[0].toLowerCase() === 'bearer' ? parts[1] : null;
}

/** The admin user id of the request's admin access token, before Strapi's route authentication (null if none / invalid). */
export function adminIdOfToken(strapi: Core.Strapi, ctx: any): number | null {
  const token = bearer(ctx);
  if (!token) return null;
  try {
    const res = (strapi as any).sessionManager?.('admin')?.validateAccessToken(token);
    const id = Number(res?.isValid ? res.payload?.userId : NaN);
    return Number.isInteger(id) ? id : null;
  } catch {
    return null;
  }
}

/**
 * Middleware (strapi.server.use, before routing): with `restrictSuperAdmin` on and the three roles staffed, a
 * request carrying a super admin's admin access token gets 403 outside SUPER_ADMIN_ALLOWED. Costs nothing with
 * the setting off.
 */
export function superAdminRestriction(strapi: Core.Strapi) {
  return async (ctx: any, next: () => Promise<unknown>) => {
    if (!logConfig(strapi).restrictSuperAdmin) return next();
    if (!bearer(ctx) || SUPER_ADMIN_ALLOWED.some((re) => re.test(ctx.path))) return next();
    const id = adminIdOfToken(strapi, ctx);
    if (id === null) return next();
    const user: any = await strapi.db.query('admin::user').findOne({ where: { id }, populate: { roles: { select: ['code'] } } });
    const isSuper = (user?.roles ?? []).some((r: any) => r.code === SUPER_ADMIN);
    if (!isSuper || !(await triadStaffed(strapi))) return next();
    ctx.status = 403;
    ctx.body = { data: null, error: { status: 403, name: 'ForbiddenError', message: RESTRICTED_MESSAGE, details: { reason: 'restrict-super-admin' } } };
  };
}
