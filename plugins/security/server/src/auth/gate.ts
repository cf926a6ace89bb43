import type { Core } from '@strapi/strapi';
import type { AuthStatus } from '../wire';
import { authSettings } from './settings';
import { authStateOf } from './store';
import { passwordExpiresAt } from './password-policy';
import { isSuperAdmin, sessionVerified } from './totp';

/**
 * The gate of an admin session that must do something first (one Koa middleware, strapi.server.use in
 * register(), before Strapi's own stack). For every request whose bearer token is a valid admin access
 * token:
 *  - second factor pending (TOTP enabled, this session has not proven it)  → 403 TOTP_REQUIRED
 *  - super admin without TOTP while `totp.requiredForSuperAdmins`          → 403 TOTP_SETUP_REQUIRED
 *  - password older than `password.maxAgeDays`                             → 403 PASSWORD_EXPIRED
 *  - session past its absolute lifetime (admin.auth.sessions.maxSessionLifespan) → 401 SESSION_EXPIRED
 * except the few routes that let the user do it (ALLOWED below). Strapi's own authentication still runs
 * afterwards; a token that is not an admin access token is not looked at here.
 */
export type { AuthStatus };

export async function authStatus(strapi: Core.Strapi, userId: number, sessionId: string | null): Promise<AuthStatus> {
  const state = await authStateOf(strapi, userId);
  const expiresAt = await passwordExpiresAt(strapi, userId, state);
  const totpEnabled = !!state?.totp_enabled;
  const totpRequired = authSettings(strapi).totp.requiredForSuperAdmins && (await isSuperAdmin(strapi, userId));
  return {
    passwordExpired: expiresAt !== null && Date.now() >= expiresAt,
    passwordExpiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
    totpEnabled,
    totpRequired,
    totpPending: totpEnabled && !(await sessionVerified(strapi, sessionId)),
  };
}

type Rule = [method: string, path: string];
/**
 * What any gated session may still do: who am I, my permissions (the admin panel needs both), leave, renew,
 * and the admin routes that need no authentication at all (the panel may send its token along).
 */
const COMMON: Rule[] = [
  ['GET', '/admin/init'],
  ['GET', '/admin/project-type'],
  ['GET', '/admin/registration-info'],
  ['GET', '/admin/users/me'],
  ['GET', '/admin/users/me/permissions'],
  ['POST', '/admin/logout'],
  ['POST', '/admin/renew-token'],
  ['POST', '/admin/access-token'],
  ['GET', '/security/me'],
];
export const ALLOWED = {
  TOTP_REQUIRED: [...COMMON, ['POST', '/security/totp/verify']] as Rule[],
  TOTP_SETUP_REQUIRED: [...COMMON, ['POST', '/security/totp/setup'], ['POST', '/security/totp/enable']] as Rule[],
  PASSWORD_EXPIRED: [...COMMON, ['PUT', '/admin/users/me']] as Rule[],
};

const MESSAGES = {
  TOTP_REQUIRED: '请先完成双因素认证：输入认证器上的 6 位动态口令',
  TOTP_SETUP_REQUIRED: '按安全策略，超级管理员须先启用双因素认证（个人资料 → 双因素认证）',
  PASSWORD_EXPIRED: (days: number) => `口令已超过 ${days} 天未修改，请先在个人资料中修改口令`,
};

const allowed = (rules: Rule[], method: string, path: string) => {
  const p = path.replace(/\/+$/, '') || '/';
  return rules.some(([m, r]) => m === method && r === p);
};

export function createAuthGate(strapi: Core.Strapi) {
  return async (ctx: any, next: () => Promise<void>) => {
    const header = String(ctx.get?.('authorization') ?? '');
    const m = /^bearer\s+(\S+)$/i.exec(header);
    const manager: any = (strapi as any).sessionManager;
    if (!m || ctx.path.startsWith('/api/') || !manager?.hasOrigin?.('admin')) return next();
    const result = manager('admin').validateAccessToken(m[1]);
    if (!result?.isValid || result.payload?.type !== 'access') return next();
    const userId = Number(result.payload.userId);
    if (!Number.isFinite(userId)) return next();
    // absolute lifetime: Strapi checks it when renewing, not on each access token (its record's idle expiry only)
    const session: any = result.payload.sessionId
      ? await strapi.db.query('admin::session' as any).findOne({ where: { sessionId: result.payload.sessionId }, select: ['absoluteExpiresAt'] })
      : null;
    if (session?.absoluteExpiresAt && new Date(session.absoluteExpiresAt).getTime() <= Date.now()) {
      const hours = Math.round(Number(strapi.config.get('admin.auth.sessions.maxSessionLifespan', 8 * 3600)) / 3600);
      ctx.status = 401;
      ctx.body = { data: null, error: { status: 401, name: 'UnauthorizedError', message: `会话已超过最长有效期（${hours} 小时），请重新登录`, details: { code: 'SESSION_EXPIRED' } } };
      return;
    }
    const status = await authStatus(strapi, userId, result.payload.sessionId ?? null);
    let code: keyof typeof ALLOWED | null = null;
    if (status.totpPending) code = 'TOTP_REQUIRED';
    else if (status.totpRequired && !status.totpEnabled) code = 'TOTP_SETUP_REQUIRED';
    else if (status.passwordExpired) code = 'PASSWORD_EXPIRED';
    if (code && !allowed(ALLOWED[code], ctx.method, ctx.path)) {
      const message = code === 'PASSWORD_EXPIRED' ? MESSAGES.PASSWORD_EXPIRED(authSettings(strapi).password.maxAgeDays) : MESSAGES[code];
      ctx.status = 403;
      ctx.body = { data: null, error: { status: 403, name: 'ForbiddenError', message, details: { code } } };
      return;
    }
    return next();
  };
}
