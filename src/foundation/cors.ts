/**
 * CORS for the whole server (security review, issue 11). Replaces the implementation of Strapi's
 * `strapi::cors` (see register() in src/index.ts: Strapi refuses to start without a middleware named
 * `strapi::cors` in config/middlewares.ts, so the name stays and the implementation is ours).
 *
 *  - Public content API (the REST prefix, `/api/...`) and the public upload files (`/uploads/...`):
 *    `Access-Control-Allow-Origin: *`, never `Access-Control-Allow-Credentials` — the same answer as
 *    the gov-api edge and its pre-Koa fast path (plugins/gov-api/server/src/http/edge.ts, which answers
 *    its own routes and preflights itself). Browsers do not send or expose cookies under `*`.
 *  - Everything else (the admin API `/admin/...` and the plugins' admin routes `/content-manager/...`,
 *    `/upload/...`, `/review-workflow/...`, `/statistics/...`, `/sync/...`, `/site-groups/...`,
 *    `/disclosure-requests...`, ...): credentialed cross-origin requests only from the configured admin
 *    origins (`ADMIN_ORIGINS`, exact origins) and the server's own origin. Any other origin gets no
 *    `Access-Control-Allow-*` header at all; its preflight is refused with 403 (Strapi's error shape), so
 *    a browser never sends the real request, and a "simple" request is processed but its answer stays
 *    unreadable to the page. Same-origin requests (no Origin header, or the server's own origin) pass.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

export interface CorsConfig {
  /** Exact origins (`https://host[:port]`) allowed to make credentialed requests to the admin routes. */
  adminOrigins?: string[] | string;
  /** Seconds browsers may cache a preflight answer. */
  maxAge?: number;
}

const METHODS = 'GET, HEAD, PUT, PATCH, POST, DELETE, OPTIONS';
const ALLOWED_HEADERS = 'Content-Type, Authorization, Origin, Accept, Accept-Language, X-Requested-With, If-None-Match, If-Modified-Since';
const CORS_HEADERS = [
  'Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials', 'Access-Control-Allow-Methods',
  'Access-Control-Allow-Headers', 'Access-Control-Max-Age', 'Access-Control-Expose-Headers',
];

/** `https://Host:443/` → `https://host`; throws (Chinese) on anything that is not an http(s) origin. */
export function normalizeOrigin(value: string, source = 'ADMIN_ORIGINS'): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`${source} 中的来源“${value}”不是有效的网址（应为 https://主机名[:端口]）`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username) {
    throw new Error(`${source} 中的来源“${value}”只能包含协议、主机名和端口（应为 https://主机名[:端口]，不带路径）`);
  }
  return url.origin;
}

/** The configured admin origins plus the server's own: `server.url` (and an absolute `admin.url`), else localhost/127.0.0.1 on the port. */
export function adminOriginsOf(strapi: Core.Strapi, configured: string[] | string | undefined): Set<string> {
  const list = Array.isArray(configured) ? configured : String(configured ?? '').split(',');
  const origins = new Set(list.map((o) => o.trim()).filter(Boolean).map((o) => normalizeOrigin(o)));
  const own = [strapi.config.get('server.url', ''), strapi.config.get('admin.url', '')].map(String).filter((u) => /^https?:\/\//.test(u));
  if (own.length) {
    for (const u of own) origins.add(new URL(u).origin);
  } else {
    const port = strapi.config.get('server.port', 1337);
    origins.add(`http://localhost:${port}`);
    origins.add(`http://127.0.0.1:${port}`);
  }
  return origins;
}

export function createCorsMiddleware(config: CorsConfig, { strapi }: { strapi: Core.Strapi }) {
  const allowed = adminOriginsOf(strapi, config.adminOrigins);
  const maxAge = String(config.maxAge ?? 600);
  const prefix = String(strapi.config.get('api.rest.prefix', '/api')).replace(/\/+$/, '');
  const isPublic = (path: string) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith('/uploads/');

  const answerPreflight = (ctx: any) => {
    ctx.set('Access-Control-Allow-Methods', METHODS);
    ctx.set('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    ctx.set('Access-Control-Max-Age', maxAge);
    ctx.status = 204;
  };

  return async function cors(ctx: any, next: () => Promise<unknown>) {
    const origin: string = ctx.get('Origin');
    const preflight = ctx.method === 'OPTIONS' && Boolean(ctx.get('Access-Control-Request-Method'));

    if (isPublic(ctx.path)) {
      ctx.set('Access-Control-Allow-Origin', '*');
      if (preflight && origin) return answerPreflight(ctx);
      await next();
      // whatever ran inside (a plugin's own CORS handling aside, which runs outside this middleware) never adds credentials here
      ctx.remove('Access-Control-Allow-Credentials');
      return;
    }

    ctx.vary('Origin');
    if (!origin) return next();
    if (!allowed.has(origin)) {
      if (preflight) {
        throw new errors.ForbiddenError(`跨域请求被拒绝：来源 ${origin} 不在允许访问管理端的来源（ADMIN_ORIGINS）之中`, { origin });
      }
      await next();
      for (const h of CORS_HEADERS) ctx.remove(h);
      return;
    }
    ctx.set('Access-Control-Allow-Origin', origin);
    ctx.set('Access-Control-Allow-Credentials', 'true');
    if (preflight) return answerPreflight(ctx);
    return next();
  };
}
