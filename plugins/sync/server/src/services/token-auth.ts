import type { Core } from '@strapi/strapi';
import crypto from 'crypto';
import { errors } from '@strapi/utils';

export const CHANGES_SCOPE = 'plugin::sync.changes.find';

/**
 * Integrators authenticate with a Strapi API token: no or an unknown/expired token → 401; a token
 * without the change-feed scope (custom token lacking `plugin::sync.changes.find`, or read-only) → 403.
 */
export async function requireChangesScope(strapi: Core.Strapi, ctx: any) {
  const header = String(ctx.request.header.authorization ?? '');
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) throw new errors.UnauthorizedError('缺少 API 令牌：请在 Authorization 头中提供 Bearer 令牌');
  // Strapi stores API tokens as HMAC-SHA512 of the key with admin.apiToken.salt
  const salt = String(strapi.config.get('admin.apiToken.salt'));
  const accessKey = crypto.createHmac('sha512', salt).update(m[1]).digest('hex');
  const row: any = await strapi.db.query('admin::api-token').findOne({ where: { accessKey }, populate: ['permissions'] });
  const token = row && (row.kind ?? 'content-api') === 'content-api' ? { ...row, permissions: (row.permissions ?? []).map((p: any) => p.action) } : null;
  if (!token) throw new errors.UnauthorizedError('API 令牌无效');
  if (token.expiresAt && new Date(token.expiresAt).getTime() < Date.now()) throw new errors.UnauthorizedError('API 令牌已过期');
  const permitted = token.type === 'full-access' || (token.type === 'custom' && (token.permissions ?? []).includes(CHANGES_SCOPE));
  if (!permitted) throw new errors.PolicyError('该 API 令牌没有变更订阅权限（需要 plugin::sync.changes.find）');
  return token;
}
