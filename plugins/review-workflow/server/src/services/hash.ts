import crypto from 'crypto';
import type { Core } from '@strapi/strapi';

/**
 * The content hash binds an approval to what was reviewed: every attribute that gets published
 * (scalars, owning-side relations by documentId, media files by name/mime/size and the sha256 of their bytes,
 * in order), never
 * private attributes, timestamps or authorship. Any change to these fields changes the hash.
 * Attributes derived from others at write time (`pluginOptions['review-workflow'].derived`, e.g. an item's
 * bodyHtml rendered from body) are left out too: they follow their source, and filling them for old rows
 * must not invalidate approvals.
 */
const SKIP = new Set(['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations']);

export function stableStringify(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj).sort().map((k) => `${JSON.stringify(k)}:${stableStringify(obj[k])}`).join(',')}}`;
}

export function hashedAttributes(strapi: Core.Strapi, uid: string): Array<[string, any]> {
  const ct: any = strapi.contentType(uid as any);
  return Object.entries(ct.attributes as Record<string, any>).filter(([name, attr]) => {
    if (SKIP.has(name) || attr.private || attr.pluginOptions?.['review-workflow']?.derived) return false;
    if (attr.type === 'relation' && (attr.mappedBy || !attr.target)) return false; // inverse side: owned by the other document
    return true;
  });
}

/** Normalised published content of the current draft, or null when the document has no draft. */
export async function draftSnapshot(strapi: Core.Strapi, uid: string, documentId: string): Promise<Record<string, unknown> | null> {
  const attrs = hashedAttributes(strapi, uid);
  const populate: Record<string, unknown> = {};
  for (const [name, attr] of attrs) {
    if (attr.type === 'relation') populate[name] = { select: ['documentId'] };
    if (attr.type === 'media') populate[name] = { select: ['hash', 'name', 'mime', 'ext', 'size', 'url', 'sha256'] };
  }
  const ct: any = strapi.contentType(uid as any);
  const where: Record<string, unknown> = { documentId };
  if (ct.options?.draftAndPublish) where.publishedAt = null;
  const row: any = await strapi.db.query(uid as any).findOne({ where, populate });
  if (!row) return null;
  const snap: Record<string, unknown> = {};
  for (const [name, attr] of attrs) {
    const v = row[name];
    if (attr.type === 'relation') {
      const list = Array.isArray(v) ? v : v ? [v] : [];
      snap[name] = list.map((r: any) => r.documentId);
    } else if (attr.type === 'media') {
      const list = Array.isArray(v) ? v : v ? [v] : [];
      snap[name] = list.map((f: any) => ({ hash: f.hash, name: f.name, mime: f.mime, ext: f.ext, size: Number(f.size), url: f.url, sha256: f.sha256 ?? null }));
    } else if (attr.type === 'json') {
      snap[name] = typeof v === 'string' ? safeJson(v) : v ?? null;
    } else if (attr.type === 'date') {
      snap[name] = v ? String(v instanceof Date ? v.toISOString() : v).slice(0, 10) : null;
    } else if (attr.type === 'boolean') {
      snap[name] = v === null || v === undefined ? null : Boolean(v);
    } else if (['integer', 'biginteger', 'float', 'decimal'].includes(attr.type)) {
      snap[name] = v === null || v === undefined ? null : Number(v);
    } else {
      snap[name] = v ?? null;
    }
  }
  return snap;
}

function safeJson(s: string) {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

export function hashSnapshot(snapshot: Record<string, unknown>): string {
  return crypto.createHash('sha256').update(stableStringify(snapshot)).digest('hex');
}

export async function draftHash(strapi: Core.Strapi, uid: string, documentId: string): Promise<string | null> {
  const snap = await draftSnapshot(strapi, uid, documentId);
  return snap ? hashSnapshot(snap) : null;
}
