import type { Core } from '@strapi/strapi';
import { pinyinSlug, uniqueSlug } from '../domain/slug';

/** Sets data.slug to a unique readable pinyin slug (given one is kept if free). */
export async function assignSlug(strapi: Core.Strapi, uid: string, data: Record<string, any>, title: unknown, wanted?: string, selfDocumentId?: string) {
  const base = wanted && /^[a-z0-9-]+$/.test(wanted) ? wanted : pinyinSlug(typeof title === 'string' ? title : '');
  const rows = await strapi.db.query(uid as any).findMany({
    where: { $or: [{ slug: base }, { slug: { $startsWith: `${base}-` } }] },
    select: ['slug', 'documentId'],
  });
  const taken = new Set(rows.filter((r: any) => r.documentId !== selfDocumentId).map((r: any) => r.slug as string));
  data.slug = uniqueSlug(base, taken);
}
