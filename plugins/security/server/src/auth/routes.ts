import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { guard } from '../../../../site-groups/server/src/authz';
import { clientIp } from '../../../../../src/foundation/client-ip';
import { recordFromContext } from '../log';
import { accountKey, activeLocks, addressKey, clearAccount, lockMessage, recordFailure } from './lockout';
import { assertPasswordAllowed } from './password-policy';
import { authStatus } from './gate';
import * as totp from './totp';

/**
 * The HTTP side of identification and authentication:
 *  - route middlewares put on Strapi's own admin routes (installAdminRouteGuards, from register()):
 *    the lock-out on POST /admin/login (in place of Strapi's `admin::rateLimit`), the password policy on every
 *    route that sets a password (before Strapi's controller, which on PUT /admin/users/me ends all sessions
 *    before it stores the password), the `logout` entry on POST /admin/logout;
 *  - the plugin's own routes under /security (authRoutes, authController).
 */

type Mw = (ctx: any, next: () => Promise<unknown>) => Promise<unknown>;

const statusOf = (err: any): number => {
  if (typeof err?.status === 'number') return err.status;
  if (err instanceof errors.UnauthorizedError) return 401;
  if (err instanceof errors.RateLimitError) return 429;
  if (err instanceof errors.ForbiddenError) return 403;
  if (err instanceof errors.ApplicationError) return 400;
  return 500;
};

function lockedError(strapi: Core.Strapi, lock: { lockedUntil: number; kind: string; key: string }, ctx?: any) {
  ctx?.set?.('Retry-After', String(Math.max(1, Math.ceil((lock.lockedUntil - Date.now()) / 1000))));
  return new errors.RateLimitError(lockMessage(strapi, lock as any), { code: 'LOCKED', lockedUntil: new Date(lock.lockedUntil).toISOString() });
}

export function loginGuard(strapi: Core.Strapi): Mw {
  return async (ctx, next) => {
    const email = String(ctx.request.body?.email ?? '').trim().toLowerCase() || null;
    const ip = clientIp(strapi, ctx);
    const locks = await activeLocks(strapi, [...(email ? [accountKey(email)] : []), addressKey(ip)]);
    if (locks.length) {
      await recordFromContext(strapi, ctx, { action: 'login-failed', email, detail: { reason: 'locked', lock: locks[0].kind } });
      throw lockedError(strapi, locks[0], ctx);
    }
    try {
      await next();
    } catch (err: any) {
      const status = statusOf(err);
      if (status === 400 || status === 401) {
        const invalid = /invalid credentials/i.test(String(err?.message ?? ''));
        await recordFromContext(strapi, ctx, { action: 'login-failed', email, detail: { reason: invalid ? 'invalid-credentials' : String(err?.message ?? '').slice(0, 200) } });
        const newLocks = await recordFailure(strapi, email, ip);
        for (const l of newLocks) {
          await recordFromContext(strapi, ctx, { action: 'locked', email, target: l.key, detail: { kind: l.kind, lockedUntil: new Date(l.lockedUntil).toISOString() } });
        }
        if (newLocks.length) throw lockedError(strapi, newLocks[0], ctx);
        if (invalid) throw new errors.ApplicationError('邮箱或口令不正确');
        if (/not active/i.test(String(err?.message ?? ''))) throw new errors.ApplicationError('账号未激活或已停用');
      }
      throw err;
    }
    const user = ctx.state.user;
    if (ctx.status === 200 && user?.id) {
      await clearAccount(strapi, user.email);
      const token = ctx.body?.data?.token;
      const payload = token ? (strapi as any).sessionManager('admin').validateAccessToken(token)?.payload : null;
      const status = await authStatus(strapi, user.id, payload?.sessionId ?? null);
      await recordFromContext(strapi, ctx, { action: 'login', userId: user.id, email: user.email, detail: { totpPending: status.totpPending, passwordExpired: status.passwordExpired } });
      if (ctx.body?.data) ctx.body.data.security = status;
    }
  };
}

/** Where each password-setting route carries the password, and whose it is. */
type Subject = { password: unknown; user: { id?: number | null; email?: string | null } } | null;
const findUser = async (strapi: Core.Strapi, where: Record<string, unknown>) => {
  const u = await strapi.db.connection('admin_users').where(where).first('id', 'email');
  return u ? { id: Number(u.id), email: String(u.email) } : null;
};

/**
 * Strapi's own password rule (admin validation: one lower-case letter, one upper-case letter, one digit, at most
 * 72 bytes) still applies after ours on the HTTP routes; its English messages are put in Chinese here, and the password it echoes
 * in `details.errors[].value` is removed.
 */
const STRAPI_PASSWORD_MESSAGES: Array<[RegExp, string]> = [
  [/at least one lowercase/i, '口令须包含小写字母'],
  [/at least one uppercase/i, '口令须包含大写字母'],
  [/at least one number/i, '口令须包含数字'],
  [/less than 73 bytes/i, '口令不能超过 72 个字节'],
  [/at least 8 characters/i, '口令长度不能少于 8 位'],
];

/** Strapi's password errors in Chinese, without the `value` Strapi echoes (a password is never sent back). */
function inChinese(err: any): any {
  const items = err?.details?.errors;
  if (err?.name !== 'ValidationError' || !Array.isArray(items)) return err;
  let changed = false;
  const translated = items.map((item: any) => {
    if (!String((item?.path ?? []).slice(-1)[0] ?? '').toLowerCase().includes('password')) return item;
    changed = true;
    const { value: _value, ...rest } = item ?? {};
    const hit = STRAPI_PASSWORD_MESSAGES.find(([re]) => re.test(String(item?.message ?? '')));
    return hit ? { ...rest, message: hit[1] } : rest;
  });
  if (!changed) return err;
  const first = translated.find((i: any) => STRAPI_PASSWORD_MESSAGES.some(([, m]) => m === i.message));
  return new errors.ValidationError(first?.message ?? err.message, { ...err.details, errors: translated });
}

export function passwordGuard(strapi: Core.Strapi, subjectOf: (ctx: any) => Promise<Subject>): Mw {
  return async (ctx, next) => {
    const s = await subjectOf(ctx);
    if (s && typeof s.password === 'string' && s.password.length) await assertPasswordAllowed(strapi, s.password, s.user);
    try {
      return await next();
    } catch (err) {
      throw inChinese(err);
    }
  };
}

const GUARDS: Array<{ method: string; path: string; make: (strapi: Core.Strapi) => Mw; replaces?: string }> = [
  { method: 'POST', path: '/login', make: loginGuard, replaces: 'admin::rateLimit' },
  {
    method: 'POST', path: '/register-admin',
    make: (strapi) => passwordGuard(strapi, async (ctx) => ({ password: ctx.request.body?.password, user: { email: ctx.request.body?.email } })),
  },
  {
    method: 'POST', path: '/register',
    make: (strapi) => passwordGuard(strapi, async (ctx) => {
      const token = ctx.request.body?.registrationToken;
      const user = typeof token === 'string' && token ? await findUser(strapi, { registration_token: token }) : null;
      return user ? { password: ctx.request.body?.userInfo?.password, user } : null;
    }),
  },
  {
    method: 'POST', path: '/reset-password',
    make: (strapi) => passwordGuard(strapi, async (ctx) => {
      const token = ctx.request.body?.resetPasswordToken;
      const user = typeof token === 'string' && token ? await findUser(strapi, { reset_password_token: token }) : null;
      return user ? { password: ctx.request.body?.password, user } : null;
    }),
  },
  {
    method: 'PUT', path: '/users/me',
    make: (strapi) => passwordGuard(strapi, async (ctx) => {
      const me = ctx.state.user;
      return me ? { password: ctx.request.body?.password, user: { id: me.id, email: ctx.request.body?.email ?? me.email } } : null;
    }),
  },
  {
    method: 'POST', path: '/users',
    make: (strapi) => passwordGuard(strapi, async (ctx) => ({ password: ctx.request.body?.password, user: { email: ctx.request.body?.email } })),
  },
  {
    method: 'PUT', path: '/users/:id',
    make: (strapi) => passwordGuard(strapi, async (ctx) => {
      const user = await findUser(strapi, { id: Number(ctx.params?.id) || 0 });
      return user ? { password: ctx.request.body?.password, user: { id: user.id, email: ctx.request.body?.email ?? user.email } } : null;
    }),
  },
  {
    method: 'POST', path: '/logout',
    make: (strapi) => async (ctx, next) => {
      const user = ctx.state.user;
      await next();
      if (user?.id) await recordFromContext(strapi, ctx, { action: 'logout', userId: user.id, email: user.email });
    },
  },
];

/** Puts the guards on Strapi's admin routes (call from register(), before routing is initialised). */
export function installAdminRouteGuards(strapi: Core.Strapi): void {
  const routers = Object.values(((strapi as any).admin?.routes ?? {}) as Record<string, any>);
  for (const g of GUARDS) {
    const route = routers.flatMap((r: any) => r.routes ?? []).find((r: any) => r.method === g.method && r.path === g.path);
    if (!route) {
      strapi.log.warn(`[安全管理] 未找到管理路由 ${g.method} /admin${g.path}，无法加装身份鉴别检查`);
      continue;
    }
    route.config ??= {};
    const existing = (route.config.middlewares ?? []).filter((m: unknown) => m !== g.replaces);
    route.config.middlewares = [g.make(strapi), ...existing];
  }
}

const NONE = (why: string) => guard({ permission: null, scope: { none: why } });

/** Routes under /security (admin JWT; any admin, about themselves only). */
export const authRoutes = [
  { method: 'GET', path: '/me', handler: 'auth.me', config: NONE('只返回调用者本人的身份鉴别状态') },
  { method: 'POST', path: '/totp/setup', handler: 'auth.totpSetup', config: NONE('只改调用者本人的双因素认证') },
  { method: 'POST', path: '/totp/enable', handler: 'auth.totpEnable', config: NONE('只改调用者本人的双因素认证') },
  { method: 'POST', path: '/totp/disable', handler: 'auth.totpDisable', config: NONE('只改调用者本人的双因素认证') },
  { method: 'POST', path: '/totp/verify', handler: 'auth.totpVerify', config: NONE('只验证调用者本人的动态口令') },
];

export const authController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async me(ctx: any) {
    ctx.body = { data: await authStatus(strapi, ctx.state.user.id, ctx.state.session?.id ?? null) };
  },
  async totpSetup(ctx: any) {
    ctx.body = { data: await totp.setup(strapi, ctx) };
  },
  async totpEnable(ctx: any) {
    ctx.body = { data: await totp.enable(strapi, ctx) };
  },
  async totpDisable(ctx: any) {
    ctx.body = { data: await totp.disable(strapi, ctx) };
  },
  async totpVerify(ctx: any) {
    ctx.body = { data: await totp.verifyLogin(strapi, ctx) };
  },
});
