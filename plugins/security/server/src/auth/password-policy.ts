import type { Core } from '@strapi/strapi';
import { fieldError } from '../../../../../src/foundation/errors';
import { recordFromContext } from '../log';
import { authSettings, type AuthSettings } from './settings';
import { PASSWORD_HISTORY_TABLE, authStateOf, saveAuthState, type AuthState } from './store';

/**
 * 口令策略 (等保 2.0 身份鉴别 a): length, character classes, not the e-mail's local part, none of the last N
 * passwords, and an age after which the password must be changed at login (gate.ts). Enforced on every path
 * that sets an admin password: the HTTP routes (routes.ts, before Strapi's controller runs) and the
 * `admin::user` service (wrapUserService below), which every other code path goes through.
 */

/** bcryptjs: the library Strapi hashes admin passwords with (a dependency of @strapi/admin). */
// eslint-disable-next-line @typescript-eslint/no-var-requires
const bcrypt: { compare(plain: string, hash: string): Promise<boolean> } = require('bcryptjs');

const CLASSES: Array<[RegExp, string]> = [
  [/[A-Z]/, '大写字母'],
  [/[a-z]/, '小写字母'],
  [/[0-9]/, '数字'],
  [/[^A-Za-z0-9]/, '特殊字符'],
];

/** The first rule a password breaks (without the history), in Chinese, or null. Pure. */
export function passwordRuleViolation(password: string, email: string | null | undefined, policy: AuthSettings['password']): string | null {
  if (typeof password !== 'string' || password.length < policy.minLength) return `口令长度不能少于 ${policy.minLength} 位`;
  const classes = CLASSES.filter(([re]) => re.test(password)).length;
  if (classes < policy.minClasses) {
    return `口令须包含大写字母、小写字母、数字、特殊字符中的至少 ${policy.minClasses} 类（当前 ${classes} 类）`;
  }
  const local = String(email ?? '').split('@')[0].trim().toLowerCase();
  if (local.length >= 3 && password.toLowerCase().includes(local)) return '口令不能包含账号（电子邮箱用户名）';
  if (local && password.toLowerCase() === String(email).toLowerCase()) return '口令不能与账号相同';
  return null;
}

/** Hashes a user's recent passwords (history table, plus the current hash). */
async function recentHashes(strapi: Core.Strapi, userId: number, count: number): Promise<string[]> {
  if (count <= 0) return [];
  const rows = await strapi.db.connection(PASSWORD_HISTORY_TABLE).where({ user_id: userId }).orderBy('changed_at', 'desc').orderBy('id', 'desc').limit(count);
  const hashes = rows.map((r: any) => String(r.hash));
  const current = await strapi.db.connection('admin_users').where({ id: userId }).first('password');
  if (current?.password && !hashes.includes(current.password)) hashes.unshift(String(current.password));
  return hashes.slice(0, count);
}

/** The first rule broken, history included (userId null: a new user, no history). */
export async function passwordViolation(strapi: Core.Strapi, password: string, user: { id?: number | null; email?: string | null }): Promise<string | null> {
  const policy = authSettings(strapi).password;
  const rule = passwordRuleViolation(password, user.email, policy);
  if (rule) return rule;
  if (user.id && policy.history > 0) {
    for (const hash of await recentHashes(strapi, user.id, policy.history)) {
      if (await bcrypt.compare(password, hash)) return `不能重复使用最近 ${policy.history} 次用过的口令`;
    }
  }
  return null;
}

/**
 * Refuses a password that breaks the policy: HTTP 400 ValidationError on `password` (Strapi's error shape),
 * and a `password-rejected` entry in the security log (never the password).
 */
export async function assertPasswordAllowed(strapi: Core.Strapi, password: string, user: { id?: number | null; email?: string | null }, field: string[] = ['password']): Promise<void> {
  const violation = await passwordViolation(strapi, password, user);
  if (!violation) return;
  const ctx = requestContext(strapi);
  await recordFromContext(strapi, ctx, {
    action: 'password-rejected',
    target: user.id ? `admin::user:${user.id}` : null,
    detail: { reason: violation, subject: user.email ?? null },
  });
  throw fieldError(field, violation);
}

function requestContext(strapi: Core.Strapi): any {
  try {
    return (strapi as any).requestContext?.get?.() ?? null;
  } catch {
    return null;
  }
}

/** After a password was stored: its hash in the history (pruned to the last N), its time, the log entry. */
export async function passwordStored(strapi: Core.Strapi, userId: number): Promise<void> {
  const knex = strapi.db.connection;
  const row = await knex('admin_users').where({ id: userId }).first('password', 'email');
  if (!row?.password) return;
  const now = Date.now();
  await knex(PASSWORD_HISTORY_TABLE).insert({ user_id: userId, hash: row.password, changed_at: now });
  const keep = Math.max(authSettings(strapi).password.history, 1);
  const old = await knex(PASSWORD_HISTORY_TABLE).where({ user_id: userId }).orderBy('changed_at', 'desc').orderBy('id', 'desc').offset(keep).select('id');
  if (old.length) await knex(PASSWORD_HISTORY_TABLE).whereIn('id', old.map((r: any) => r.id)).del();
  await saveAuthState(strapi, userId, { password_changed_at: now });
  const ctx = requestContext(strapi);
  const self = ctx?.state?.user?.id === userId;
  await recordFromContext(strapi, ctx, {
    action: 'password-changed',
    target: `admin::user:${userId}`,
    detail: { subject: row.email, by: self ? 'self' : ctx?.state?.user ? 'admin' : ctx ? 'anonymous' : 'system' },
    ...(ctx?.state?.user ? {} : { userId, email: row.email }),
  });
}

/** When the password of a user expires (epoch ms), or null when expiry is off. */
export async function passwordExpiresAt(strapi: Core.Strapi, userId: number, known?: AuthState | null): Promise<number | null> {
  const days = authSettings(strapi).password.maxAgeDays;
  if (!days) return null;
  let state = known ?? (await authStateOf(strapi, userId));
  if (!state) {
    await saveAuthState(strapi, userId, {});
    state = await authStateOf(strapi, userId);
  }
  return (state?.password_changed_at ?? Date.now()) + days * 86400000;
}

const WRAPPED = Symbol.for('gov-security.user-service-wrapped');

/**
 * Wraps `admin::user` create / createFirstAdmin / updateById / resetPasswordByEmail: a password breaking the
 * policy is refused before anything is written, a stored one goes to the history. Idempotent.
 */
export function wrapUserService(strapi: Core.Strapi): void {
  const service: any = strapi.service('admin::user');
  if (!service || service[WRAPPED]) return;
  service[WRAPPED] = true;
  const has = (a: any) => a && Object.prototype.hasOwnProperty.call(a, 'password') && a.password !== undefined && a.password !== null;

  const create = service.create;
  service.create = async (attributes: any, ...rest: any[]) => {
    if (has(attributes)) await assertPasswordAllowed(strapi, attributes.password, { email: attributes.email });
    const user = await create.call(service, attributes, ...rest);
    if (user?.id) {
      if (has(attributes)) await passwordStored(strapi, user.id);
      else await saveAuthState(strapi, user.id, {});
    }
    return user;
  };

  const createFirstAdmin = service.createFirstAdmin;
  if (createFirstAdmin) {
    service.createFirstAdmin = async (attributes: any, ...rest: any[]) => {
      if (has(attributes)) await assertPasswordAllowed(strapi, attributes.password, { email: attributes.email });
      const user = await createFirstAdmin.call(service, attributes, ...rest);
      if (user?.id && has(attributes)) await passwordStored(strapi, user.id);
      return user;
    };
  }

  const updateById = service.updateById;
  service.updateById = async (id: any, attributes: any, ...rest: any[]) => {
    if (has(attributes)) {
      const current = await strapi.db.connection('admin_users').where({ id }).first('email');
      await assertPasswordAllowed(strapi, attributes.password, { id: Number(id), email: attributes.email ?? current?.email });
    }
    const user = await updateById.call(service, id, attributes, ...rest);
    if (user?.id && has(attributes)) await passwordStored(strapi, Number(user.id));
    return user;
  };

  const resetPasswordByEmail = service.resetPasswordByEmail;
  if (resetPasswordByEmail) {
    service.resetPasswordByEmail = async (email: string, password: string) => {
      const current = await strapi.db.connection('admin_users').where({ email }).first('id');
      if (current) await assertPasswordAllowed(strapi, password, { id: Number(current.id), email });
      await resetPasswordByEmail.call(service, email, password);
      if (current) await passwordStored(strapi, Number(current.id));
    };
  }
}
