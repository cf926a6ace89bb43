/**
 * The plugin's HTTP edge: one Koa middleware registered with strapi.server.use() in register(), so it
 * runs before Strapi's own middleware stack, and only for the paths of this plugin's routes (other
 * plugins serve routes under /api/gov/v1 too). In order:
 *
 *   1. CORS: origins from the plugin config (answers preflights itself; overrides whatever the global
 *      strapi::cors set on the way out).
 *   2. Rate limit: per-IP token bucket → 429 + Retry-After, Strapi's error shape.
 *   3. Cache hits do not reach Koa at all: installFastPath() answers them on the HTTP server (headers of
 *      the first response replayed, precompressed variants, 304 on If-None-Match / If-Modified-Since);
 *      neither do misses of list and detail pages the public read model holds (same headers, same bytes).
 *   4. Otherwise: koa-compress (gzip/br) around the rest of Strapi; a 200 rendered by our controllers is
 *      stored (unless a flush happened meanwhile), conditional requests get 304, other methods than
 *      GET/HEAD get a Chinese message in Strapi's error shape.
 */
import zlib from 'zlib';
import type { IncomingMessage, Server, ServerResponse } from 'http';
import compress from 'koa-compress';
import type { Core } from '@strapi/strapi';
import { CACHE_HEADER, CACHE_RATIO_HEADER, ROUTE_PREFIX } from '../constants';
import { ResponseCache, negotiateEncoding, type CacheEntry } from '../services/cache';
import { ROUTES } from '../routes/table';
import type { Runtime } from '../runtime';
import { STATE_KEY, renderEntry } from './respond';
import { PARAMS, parseQuery, type RouteParamsName } from '../validation/params';
import type { Rendered } from '../services/context';
import { findForbiddenKey } from '../../../../../src/middlewares/reject-prototype-keys';

const FAST_PATH = Symbol.for('gov-api.fast-path');
const EXPOSED = ['ETag', 'Last-Modified', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', CACHE_HEADER, CACHE_RATIO_HEADER].join(', ');
const ALLOWED_REQUEST_HEADERS = ['accept', 'accept-language', 'content-type', 'if-none-match', 'if-modified-since', 'cache-control', 'x-requested-with'];
/** Response headers not replayed from the first response on cache hits (computed per response). */
const NOT_REPLAYED = new Set([
  'content-length', 'content-encoding', 'content-type', 'etag', 'last-modified', 'cache-control', 'vary', 'date', 'connection', 'transfer-encoding',
  'set-cookie', 'retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', CACHE_HEADER.toLowerCase(), CACHE_RATIO_HEADER.toLowerCase(),
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

/** A list or detail route of items or laws, which the public read model can answer. */
interface ReadRoute {
  kind: 'item' | 'law';
  /** the :id of a detail route (decoded as Koa's router decodes it), null for a list */
  id: string | null;
  params: RouteParamsName;
  /** key of the route's header template (Runtime.headerTemplates) */
  template: string;
}

export function readRouteOf(prefix: string, path: string): ReadRoute | null {
  if (!path.startsWith(prefix)) return null;
  const m = /^\/(items|laws)(?:\/([^/]+))?$/.exec(path.slice(prefix.length));
  if (!m) return null;
  const kind = m[1] === 'items' ? 'item' : 'law';
  if (m[2] === undefined) return { kind, id: null, params: m[1] as RouteParamsName, template: `${kind}:list` };
  let id: string;
  try {
    id = decodeURIComponent(m[2]);
  } catch {
    return null;
  }
  return { kind, id, params: kind, template: `${kind}:detail` };
}

/**
 * The query string parsed exactly as the routes' ctx.query: the getter `strapi::query` installs on Koa's request
 * (qs with Strapi's settings: strictNullHandling, arrayLimit, depth), called on the bare string. Looked up when
 * used (the middleware installs it after this plugin registers); null without it (then Koa answers every miss).
 */
function parseRouteQuery(app: any, querystring: string): Record<string, unknown> | null {
  const get = Object.getOwnPropertyDescriptor(app?.request ?? {}, 'query')?.get;
  return get ? get.call({ querystring }) : null;
}

/** The paths of this plugin's routes only: other plugins serve routes under /api/gov/v1 too (e.g. sync's /changes). */
function routeMatcher(strapi: Core.Strapi): RegExp {
  const prefix = `${strapi.config.get('api.rest.prefix', '/api')}${ROUTE_PREFIX}`;
  const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escape(prefix)}(?:${ROUTES.map((r) => escape(r.path).replace(/:[A-Za-z]+/g, '[^/]+')).join('|')})/?$`);
}

export function createEdgeMiddleware(strapi: Core.Strapi, rt: Runtime) {
  const ours = routeMatcher(strapi);
  const prefix = `${strapi.config.get('api.rest.prefix', '/api')}${ROUTE_PREFIX}`;
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

    // cache hits never get here: the fast path (installFastPath) answers them before Koa
    const cacheable = ctx.method === 'GET' || ctx.method === 'HEAD';
    const key = cacheKey(path, ctx.querystring);
    const generation = rt.cache.generation;
    await compressor(ctx, async () => {
      await next();
      const entry: CacheEntry | undefined = ctx.state?.[STATE_KEY];
      if (entry && ctx.status === 200) {
        entry.headers = Object.entries(ctx.response.headers as Record<string, unknown>)
          .filter(([k, v]) => !NOT_REPLAYED.has(k.toLowerCase()) && !k.toLowerCase().startsWith('access-control-') && typeof v === 'string')
          .map(([k, v]) => [k, v as string]);
        if (cacheable) rt.cache.set(key, entry, generation);
        const route = cacheable ? readRouteOf(prefix, path) : null;
        if (route) rt.headerTemplates.set(route.template, entry.headers);
        ctx.set(CACHE_HEADER, 'miss');
        ctx.set(CACHE_RATIO_HEADER, rt.cache.ratioHeader());
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

/** koa's ctx.fresh (the `fresh` package's rules) for a cached entry: If-None-Match first, else If-Modified-Since. */
function isFresh(req: IncomingMessage, hit: CacheEntry): boolean {
  const inm = req.headers['if-none-match'];
  const ims = req.headers['if-modified-since'];
  if (!inm && !ims) return false;
  if (/(?:^|,)\s*no-cache\s*(?:,|$)/.test(String(req.headers['cache-control'] ?? ''))) return false;
  if (inm && inm !== '*') {
    const strip = (t: string) => t.trim().replace(/^W\//, '');
    const want = strip(hit.etag);
    return inm.split(',').some((t) => strip(t) === want);
  }
  if (inm === '*') return true;
  if (!hit.lastModified) return false;
  const since = Date.parse(String(ims));
  const modified = Date.parse(hit.lastModified);
  return !Number.isNaN(since) && !Number.isNaN(modified) && modified <= since;
}

/**
 * The fast path for cache hits, on the HTTP server itself, before Koa: Strapi's request listener
 * composes the Koa middleware stack on every request, which costs more than answering a cached
 * response. A GET/HEAD of one of our routes whose response is in the cache, within the rate limit, is
 * answered here with exactly the headers the Koa edge would send (CORS, rate-limit headers, ETag /
 * Last-Modified / 304, precompressed gzip/br); everything else (misses, 429, preflights, other
 * methods) goes on to Koa unchanged. The IP is Koa's ctx.ip (X-Forwarded-For only with server.proxy).
 */
export function installFastPath(strapi: Core.Strapi, rt: Runtime): boolean {
  const server: Server | undefined = (strapi.server as any)?.httpServer;
  if (!server || (server as any)[FAST_PATH]) return false;
  const ours = routeMatcher(strapi);
  const prefix = `${strapi.config.get('api.rest.prefix', '/api')}${ROUTE_PREFIX}`;
  const app: any = (strapi.server as any).app;
  const clientIp = (req: IncomingMessage): string => {
    if (app?.proxy) {
      const header = String(req.headers[(app.proxyIpHeader || 'X-Forwarded-For').toLowerCase()] ?? '');
      const ips = header.split(/\s*,\s*/).filter(Boolean);
      const max = app.maxIpsCount > 0 ? ips.slice(-app.maxIpsCount) : ips;
      if (max[0]) return max[0];
    }
    return req.socket.remoteAddress || 'unknown';
  };

  /** Writes an entry as the Koa edge would (headers of the entry, rate-limit figures, CORS, 304, precompressed variant). */
  const write = (req: IncomingMessage, res: ServerResponse, key: string, entry: CacheEntry, state: 'hit' | 'miss', taken: { remaining: number } | null) => {
    const s = rt.config;
    const headers: Record<string, string> = {};
    for (const [k, v] of entry.headers) headers[k] = v;
    if (taken) {
      headers['RateLimit-Limit'] = String(s.rateLimit.burst);
      headers['RateLimit-Remaining'] = String(taken.remaining);
    }
    headers['ETag'] = entry.etag;
    if (entry.lastModified) headers['Last-Modified'] = entry.lastModified;
    headers['Cache-Control'] = entry.cacheControl;
    headers[CACHE_HEADER] = state;
    headers[CACHE_RATIO_HEADER] = rt.cache.ratioHeader();
    const origins = s.cors.origins;
    headers['Vary'] = origins.includes('*') ? 'Accept-Encoding' : 'Accept-Encoding, Origin';
    const origin = allowedOrigin(typeof req.headers.origin === 'string' ? req.headers.origin : undefined, origins);
    if (origin) {
      headers['Access-Control-Allow-Origin'] = origin;
      headers['Access-Control-Expose-Headers'] = EXPOSED;
    }
    if (isFresh(req, entry)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    const encoding = entry.body.length >= s.http.compressThreshold ? negotiateEncoding(req.headers['accept-encoding'] as string | undefined) : null;
    let body = entry.body;
    if (encoding) {
      const had = encoding === 'br' ? entry.br : entry.gzip;
      body = ResponseCache.variant(entry, encoding);
      if (!had) rt.cache.grew(key, entry); // the variant counts against cache.maxBytes (a no-op for an entry not stored)
    }
    headers['Content-Type'] = entry.contentType;
    headers['Content-Length'] = String(body.length);
    if (encoding) headers['Content-Encoding'] = encoding;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  /** The rate limit as the edge applies it: null when over it (Koa then answers the 429; the bucket stays empty). */
  const take = (req: IncomingMessage): { remaining: number } | null | false => {
    if (!rt.config.rateLimit.enabled) return null;
    const taken = rt.limiter.take(clientIp(req));
    return taken.allowed ? taken : false;
  };

  /**
   * A miss of a list or detail page the public read model holds: rendered from it (the same bytes as the
   * controller, which calls the same code) with the headers Strapi's stack gave the route's last 200 — no
   * Koa middleware stack, no router. Anything else (no template yet, a parameter the read model does not
   * serve, a 400, a 404, a dropped detail) resolves false and Koa answers as always.
   */
  const fromReadModel = async (req: IncomingMessage, res: ServerResponse, key: string, route: ReadRoute, qs: string): Promise<boolean> => {
    const template = rt.headerTemplates.get(route.template);
    if (!template) return false;
    let parsed;
    try {
      const query = parseRouteQuery(app, qs);
      // no parser, or what global::reject-prototype-keys refuses with its 400: Koa answers
      if (!query || findForbiddenKey(query)) return false;
      parsed = parseQuery(query, PARAMS[route.params]);
    } catch {
      return false; // Koa answers the 400
    }
    const taken = take(req);
    if (taken === false) return false;
    const generation = rt.cache.generation;
    const rendered: Rendered | null = await (route.kind === 'item' ? rt.items : rt.laws).fromReadModel(parsed, route.id);
    if (!rendered) return false;
    const entry = renderEntry(rendered, rt.config);
    entry.headers = template;
    rt.cache.set(key, entry, generation);
    write(req, res, key, entry, 'miss', taken);
    return true;
  };

  const answer = (req: IncomingMessage, res: ServerResponse): boolean | Promise<boolean> => {
    const method = req.method;
    if (method !== 'GET' && method !== 'HEAD') return false;
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    if (!ours.test(path)) return false;
    const qs = q < 0 ? '' : url.slice(q + 1);
    const key = cacheKey(path, qs);
    const hit = rt.cache.get(key);
    if (!hit) {
      const route = readRouteOf(prefix, path);
      return route ? fromReadModel(req, res, key, route, qs) : false;
    }
    const taken = take(req);
    if (taken === false) return false;
    write(req, res, key, hit, 'hit', taken);
    return true;
  };

  const listeners = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  server.removeAllListeners('request');
  const onError = (err: any) => strapi.log.error(`[gov-api] 快速通道出错，交由常规处理：${err?.message ?? err}`);
  const koa = (req: IncomingMessage, res: ServerResponse) => {
    for (const l of listeners) l.call(server, req, res);
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    let done: boolean | Promise<boolean> = false;
    try {
      done = answer(req, res);
    } catch (err: any) {
      onError(err);
    }
    if (done === true) return;
    if (done === false) return koa(req, res);
    done.then(
      (answered) => {
        if (!answered) koa(req, res);
      },
      (err) => {
        onError(err);
        if (!res.headersSent) koa(req, res);
      },
    );
  });
  (server as any)[FAST_PATH] = true;
  return true;
}
