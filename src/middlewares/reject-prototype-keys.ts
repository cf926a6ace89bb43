import { fieldError } from '../foundation/errors';

/**
 * Request bodies and query strings never carry the keys `__proto__`, `constructor` or `prototype`, at any
 * depth: code that merges or indexes request data with them could reach Object.prototype (one request
 * then crashes or takes over the process). Refused with 400 before any route sees them, for every route
 * (admin, content API, public POSTs). Registered after strapi::body (config/middlewares.ts).
 */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

export function findForbiddenKey(value: unknown, path: string[] = [], depth = 0): string[] | null {
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findForbiddenKey(value[i], [...path, String(i)], depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const key of Object.keys(value as object)) {
    if (FORBIDDEN.has(key)) return [...path, key];
    const found = findForbiddenKey((value as any)[key], [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

export default () => async (ctx: any, next: () => Promise<void>) => {
  const found = findForbiddenKey(ctx.request?.body) ?? findForbiddenKey(ctx.query);
  if (found) {
    const message = `请求中不能使用“${found[found.length - 1]}”作为字段名`;
    throw fieldError(found, message);
  }
  await next();
};
