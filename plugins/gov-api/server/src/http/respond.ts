/**
 * Turns a rendered response into bytes with validators: a weak ETag (hash of the uncompressed body),
 * Last-Modified (newest content in the response, when known), Cache-Control. The entry is left on
 * ctx.state for the edge middleware to cache; 304 and compression happen there.
 */
import crypto from 'crypto';
import type { GovApiConfig } from '../config';
import type { CacheEntry } from '../services/cache';
import type { Rendered } from '../services/context';

export const STATE_KEY = 'govApiEntry';

export function renderEntry(rendered: Rendered, settings: GovApiConfig): CacheEntry {
  const text = typeof rendered.body === 'string' && rendered.contentType ? rendered.body : JSON.stringify(rendered.body);
  const body = Buffer.from(text, 'utf8');
  const etag = `W/"${crypto.createHash('sha1').update(body).digest('base64url')}"`;
  const lm = rendered.lastModified ? new Date(rendered.lastModified) : null;
  return {
    body,
    etag,
    lastModified: lm && !Number.isNaN(lm.getTime()) ? lm.toUTCString() : null,
    contentType: rendered.contentType ?? 'application/json; charset=utf-8',
    cacheControl: `public, max-age=${settings.http.maxAge}, stale-while-revalidate=${settings.http.staleWhileRevalidate}`,
    headers: [],
    createdAt: Date.now(),
  };
}

export function send(ctx: any, rendered: Rendered, settings: GovApiConfig): void {
  const entry = renderEntry(rendered, settings);
  ctx.set('ETag', entry.etag);
  if (entry.lastModified) ctx.set('Last-Modified', entry.lastModified);
  ctx.set('Cache-Control', entry.cacheControl);
  ctx.type = entry.contentType;
  ctx.status = 200;
  ctx.body = entry.body;
  ctx.state[STATE_KEY] = entry;
}
