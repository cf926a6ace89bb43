import { newSecret, otpauthUrl as uriOf, totpStep } from './otp';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { fieldError } from '../../../../../src/foundation/errors';
import { recordFromContext } from '../log';
import { authSettings } from './settings';
import { TOTP_SESSION_TABLE, authStateOf, claimTotpStep, openSecret, saveAuthState, sealSecret } from './store';
import { activeLocks, accountKey, addressKey, clearAccount, lockMessage, recordFailure } from './lockout';
import { clientIp } from '../../../../../src/foundation/client-ip';

/**
 * 双因素认证 (等保 2.0 身份鉴别 d: 两种或两种以上组合的鉴别技术): TOTP (RFC 6238, otplib, otp.ts), optional per admin,
 * mandatory for super admins when `totp.requiredForSuperAdmins`. The secret is stored sealed (AES-256-GCM,
 * store.ts) and shown once, at setup. A session whose user has TOTP enabled is "pending" until
 * POST /security/totp/verify succeeds (gov_totp_session; gate.ts refuses everything else).
 */

const codeOf = (body: any): string => String(body?.code ?? '').replace(/\s+/g, '');

/** A valid code that was not used before (each time step of a user is accepted once). */
async function checkCode(strapi: Core.Strapi, userId: number, secret: string, code: string): Promise<boolean> {
  const step = await totpStep(secret, code);
  return step !== null && (await claimTotpStep(strapi, userId, step));
}

export async function isSuperAdmin(strapi: Core.Strapi, userId: number): Promise<boolean> {
  const user: any = await strapi.db.query('admin::user').findOne({ where: { id: userId }, populate: ['roles'] });
  return !!user?.roles?.some((r: any) => r.code === 'strapi-super-admin');
}

/** The session (or one it was rotated from, see Strapi's refresh-token rotation) proved the second factor. */
export async function sessionVerified(strapi: Core.Strapi, sessionId: string | null | undefined): Promise<boolean> {
  if (!sessionId) return false;
  const knex = strapi.db.connection;
  let id: string = sessionId;
  for (let depth = 0; depth < 8; depth++) {
    if (await knex(TOTP_SESSION_TABLE).where({ session_id: id }).first()) {
      if (id !== sessionId) await markVerified(strapi, sessionId, null);
      return true;
    }
    const parent: any = await strapi.db.query('admin::session' as any).findOne({ where: { childId: id }, select: ['sessionId'] });
    if (!parent?.sessionId) return false;
    id = parent.sessionId;
  }
  return false;
}

async function markVerified(strapi: Core.Strapi, sessionId: string, userId: number | null) {
  const knex = strapi.db.connection;
  let uid = userId;
  if (uid === null) {
    const s: any = await strapi.db.query('admin::session' as any).findOne({ where: { sessionId }, select: ['userId'] });
    uid = Number(s?.userId ?? 0);
  }
  await knex(TOTP_SESSION_TABLE).insert({ session_id: sessionId, user_id: uid, verified_at: Date.now() }).onConflict('session_id').ignore();
  // rows of sessions that can no longer be alive
  const maxMs = Number(strapi.config.get('admin.auth.sessions.maxRefreshTokenLifespan', 30 * 86400)) * 1000;
  await knex(TOTP_SESSION_TABLE).where('verified_at', '<', Date.now() - Math.max(maxMs, 86400000)).del();
}

const userOf = (ctx: any) => ctx.state.user as { id: number; email: string };
const sessionOf = (ctx: any): string | null => ctx.state.session?.id ?? null;

export async function setup(strapi: Core.Strapi, ctx: any) {
  const user = userOf(ctx);
  const state = await authStateOf(strapi, user.id);
  if (state?.totp_enabled) throw new errors.ApplicationError('已启用双因素认证；如需更换密钥，请先停用');
  const secret = newSecret();
  await saveAuthState(strapi, user.id, { totp_pending_secret: sealSecret(strapi, secret) });
  const otpauthUrl = uriOf(authSettings(strapi).totp.issuer, user.email, secret);
  return { secret, otpauthUrl };
}

export async function enable(strapi: Core.Strapi, ctx: any) {
  const user = userOf(ctx);
  const state = await authStateOf(strapi, user.id);
  if (state?.totp_enabled) throw new errors.ApplicationError('已启用双因素认证');
  if (!state?.totp_pending_secret) throw new errors.ApplicationError('请先生成双因素认证密钥');
  const secret = openSecret(strapi, state.totp_pending_secret);
  if (!(await checkCode(strapi, user.id, secret, codeOf(ctx.request.body)))) {
    await recordFromContext(strapi, ctx, { action: 'totp-failed', target: `admin::user:${user.id}`, detail: { step: 'enable' } });
    throw fieldError('code', '动态口令不正确或已使用过，请核对认证器上的 6 位数字');
  }
  await saveAuthState(strapi, user.id, { totp_secret: state.totp_pending_secret, totp_pending_secret: null, totp_enabled: true });
  const sid = sessionOf(ctx);
  if (sid) await markVerified(strapi, sid, user.id);
  await recordFromContext(strapi, ctx, { action: 'totp-enabled', target: `admin::user:${user.id}` });
  return { totpEnabled: true };
}

export async function disable(strapi: Core.Strapi, ctx: any) {
  const user = userOf(ctx);
  const state = await authStateOf(strapi, user.id);
  if (!state?.totp_enabled || !state.totp_secret) throw new errors.ApplicationError('未启用双因素认证');
  if (authSettings(strapi).totp.requiredForSuperAdmins && (await isSuperAdmin(strapi, user.id))) {
    throw new errors.ApplicationError('按安全策略，超级管理员必须启用双因素认证，不能停用');
  }
  if (!(await checkCode(strapi, user.id, openSecret(strapi, state.totp_secret), codeOf(ctx.request.body)))) {
    await recordFromContext(strapi, ctx, { action: 'totp-failed', target: `admin::user:${user.id}`, detail: { step: 'disable' } });
    throw fieldError('code', '动态口令不正确或已使用过，请核对认证器上的 6 位数字');
  }
  await saveAuthState(strapi, user.id, { totp_secret: null, totp_pending_secret: null, totp_enabled: false });
  await recordFromContext(strapi, ctx, { action: 'totp-disabled', target: `admin::user:${user.id}` });
  return { totpEnabled: false };
}

/** The second step of a login. Failed codes count towards the lock-out of the account and the address. */
export async function verifyLogin(strapi: Core.Strapi, ctx: any) {
  const user = userOf(ctx);
  const ip = clientIp(strapi, ctx);
  const locks = await activeLocks(strapi, [accountKey(user.email), addressKey(ip)]);
  if (locks.length) throw new errors.RateLimitError(lockMessage(strapi, locks[0]), { code: 'LOCKED', lockedUntil: new Date(locks[0].lockedUntil).toISOString() });
  const state = await authStateOf(strapi, user.id);
  if (!state?.totp_enabled || !state.totp_secret) throw new errors.ApplicationError('未启用双因素认证');
  const sid = sessionOf(ctx);
  if (!(await checkCode(strapi, user.id, openSecret(strapi, state.totp_secret), codeOf(ctx.request.body)))) {
    await recordFromContext(strapi, ctx, { action: 'totp-failed', target: `admin::user:${user.id}`, detail: { step: 'login' } });
    const newLocks = await recordFailure(strapi, user.email, ip);
    for (const l of newLocks) {
      await recordFromContext(strapi, ctx, { action: 'locked', target: l.key, detail: { kind: l.kind, lockedUntil: new Date(l.lockedUntil).toISOString(), after: 'totp-failed' } });
    }
    if (newLocks.length) throw new errors.RateLimitError(lockMessage(strapi, newLocks[0]), { code: 'LOCKED', lockedUntil: new Date(newLocks[0].lockedUntil).toISOString() });
    throw fieldError('code', '动态口令不正确或已使用过，请核对认证器上的 6 位数字');
  }
  if (sid) await markVerified(strapi, sid, user.id);
  await clearAccount(strapi, user.email);
  return { totpPending: false };
}
