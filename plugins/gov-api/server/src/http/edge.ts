/**
 * The plugin's HTTP edge: one Koa middleware registered with strapi.server.use() in register(), so it
 * runs before Strapi's own middleware stack, and only for the paths of this plugin's routes (other
 * plugins serve routes under /api/gov/v1 too). In order:
 *
 *   1. CORS: origins from the plugin config (answers preflights itself; overrides whatever the global
 *      strapi::cors set on the way out).
 *   2. Rate limit: per-IP token bucket → 429 + Retry-After, Strapi's error shape.
 *   3. Response cache: a hit is answered here, from memory (headers of the first response replayed,
 *      precompressed variants, 304 on a matching If-None-Match / If-Modified-Since) — no Strapi stack.
 *   4. Otherwise: koa-compress (gzip/br) around the rest of Strapi; a 200 rendered by our controllers is
 *      stored (unless a flush happened meanwhile), conditional requests get 304, other methods than
 *      GET/HEAD get a Chinese message in Strapi's error shape.
 */
import zlib from 'zlib';
import compress from 'koa-compress';
import type { Core } from '@strapi/strapi';
import { CACHE_HEADER, ROUTE_PREFIX } from '../constants';
import { ResponseCache, negotiateEncoding, type CacheEntry } from '../services/cache';
import { ROUTES } from '../routes/table';
import type { Runtime } from '../runtime';
import { STATE_KEY } from './respond';

const EXPOSED = ['ETag', 'Last-Modified', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', CACHE_HEADER].join(', ');
const ALLOWED_REQUEST_HEADERS = ['accept', 'accept-language', 'content-type', 'if-none-match', 'if-modified-since', 'cache-control', 'x-requested-with'];
/** Response headers not replayed from the first response on cache hits (computed per response). */
const NOT_REPLAYED = new Set([
  'content-length', 'content-encoding', 'content-type', 'etag', 'last-modified', 'cache-control', 'vary', 'date', 'connection', 'transfer-encoding',
  'set-cookie', 'retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', CACHE_HEADER.toLowerCase(),
]);

export function errorBody(status: number, name: string, message: string, details: Record<string, unknown> = {}) {
  return { data: null, error: { status, name, message, details } };
}

/** path + the query string's parameters in a canonical order. */
export function cacheKey(path: string, querystring: string): string {
  if (!querystring) return path;
  return `${path}?${querystring.split('&').filter(Boolean).sort().join('&')}`;
}

function allowedOrigin(origin: string | undefined, origins: string[]): string | null {
  if (origins.includes('*')) return '*';
  return origin && origins.includes(origin) ? origin : null;
}

function applyCors(ctx: any, origin: string | null, origins: string[]) {
  for (const h of ['Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials', 'Access-Control-Expose-Headers', 'Access-Control-Allow-Methods', 'Access-Control-Allow-Headers', 'Access-Control-Max-Age']) {
    ctx.remove(h);
  }
  if (!origins.includes('*')) ctx.vary('Origin');
  if (!origin) return;
  ctx.set('Access-Control-Allow-Origin', origin);
  ctx.set('Access-Control-Expose-Headers', EXPOSED);
}

function serveHit(ctx: any, hit: CacheEntry, threshold: number) {
  for (const [k, v] of hit.headers) ctx.set(k, v);
  ctx.status = 200;
  ctx.type = hit.contentType;
  ctx.set('ETag', hit.etag);
  if (hit.lastModified) ctx.set('Last-Modified', hit.lastModified);
  ctx.set('Cache-Control', hit.cacheControl);
  ctx.set(CACHE_HEADER, 'hit');
  ctx.vary('Accept-Encoding');
  if (ctx.fresh) {
    ctx.status = 304;
    return;
  }
  const encoding = hit.body.length >= threshold ? negotiateEncoding(ctx.get('Accept-Encoding')) : null;
  if (encoding) {
    ctx.set('Content-Encoding', encoding);
    ctx.body = ResponseCache.variant(hit, encoding);
  } else {
    ctx.body = hit.body;
  }
}

export function createEdgeMiddleware(strapi: Core.Strapi, rt: Runtime) {
  const prefix = `${strapi.config.get('api.rest.prefix', '/api')}${ROUTE_PREFIX}`;
  // Only this plugin's routes: other plugins serve routes under /api/gov/v1 too (e.g. sync's /changes).
  const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const ours = new RegExp(`^${escape(prefix)}(?:${ROUTES.map((r) => escape(r.path).replace(/:[A-Za-z]+/g, '[^/]+')).join('|')})/?$`);
  const compressor = compress({
    threshold: rt.config.http.compressThreshold,
    br: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
    gzip: { level: 6 },
    deflate: false,
  } as any);

  return async function govApiEdge(ctx: any, next: () => Promise<unknown>) {
    const path: string = ctx.path;
    if (!ours.test(path)) return next();
    const s = rt.config;
    const origin = allowedOrigin(ctx.get('Origin') || undefined, s.cors.origins);

    if (ctx.method === 'OPTIONS') {
      applyCors(ctx, origin, s.cors.origins);
      if (origin && ctx.get('Access-Control-Request-Method')) {
        ctx.set('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
        const requested = String(ctx.get('Access-Control-Request-Headers') || '')
          .split(',').map((h) => h.trim().toLowerCase()).filter((h) => ALLOWED_REQUEST_HEADERS.includes(h));
        if (requested.length) ctx.set('Access-Control-Allow-Headers', requested.join(', '));
        ctx.set('Access-Control-Max-Age', String(s.cors.maxAge));
      }
      ctx.set('Allow', 'GET, HEAD, OPTIONS');
      ctx.status = 204;
      return;
    }

    if (s.rateLimit.enabled) {
      const taken = rt.limiter.take(ctx.ip || 'unknown');
      ctx.set('RateLimit-Limit', String(s.rateLimit.burst));
      ctx.set('RateLimit-Remaining', String(taken.remaining));
      if (!taken.allowed) {
        ctx.status = 429;
        ctx.set('Retry-After', String(taken.retryAfter));
        ctx.set('Cache-Control', 'no-store');
        ctx.body = errorBody(429, 'TooManyRequestsError', `请求过于频繁，请在 ${taken.retryAfter} 秒后重试`, { retryAfter: taken.retryAfter });
        applyCors(ctx, origin, s.cors.origins);
        return;
      }
    }

    const cacheable = ctx.method === 'GET' || ctx.method === 'HEAD';
    const key = cacheKey(path, ctx.querystring);
    if (cacheable) {
      const hit = rt.cache.get(key);
      if (hit) {
        serveHit(ctx, hit, s.http.compressThreshold);
        applyCors(ctx, origin, s.cors.origins);
        return;
      }
    }
    const generation = rt.cache.generation;
    await compressor(ctx, async () => {
      await next();
      const entry: CacheEntry | undefined = ctx.state?.[STATE_KEY];
      if (entry && ctx.status === 200) {
        entry.headers = Object.entries(ctx.response.headers as Record<string, unknown>)
          .filter(([k, v]) => !NOT_REPLAYED.has(k.toLowerCase()) && !k.toLowerCase().startsWith('access-control-') && typeof v === 'string')
          .map(([k, v]) => [k, v as string]);
        if (cacheable) rt.cache.set(key, entry, generation);
        ctx.set(CACHE_HEADER, 'miss');
        if (ctx.fresh) {
          ctx.body = null;
          ctx.status = 304;
        }
        return;
      }
      // Koa's/Strapi's own English answer for a method our routes do not serve
      const stock = !ctx.body || typeof ctx.body === 'string' || /^(Not Found|Method Not Allowed)$/.test(String(ctx.body?.error?.message ?? ''));
      if ((ctx.status === 405 || (ctx.status === 404 && ctx.method !== 'GET' && ctx.method !== 'HEAD')) && stock) {
        ctx.status = 405;
        ctx.body = errorBody(405, 'MethodNotAllowedError', `不支持 ${ctx.method} 方法：本接口只读，只支持 GET`);
      }
      if (ctx.status >= 400) ctx.set('Cache-Control', 'no-store');
    });
    applyCors(ctx, origin, s.cors.origins);
  };
}
