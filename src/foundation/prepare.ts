/**
 * What a content type's write rule is. Each content type with rules has one module exporting its
 * `Prepare` (items.ts, organizations.ts, catalogue-nodes.ts, laws.ts, annual-reports.ts here;
 * src/requests/prepare.ts for 依申请公开): it validates and completes `params.data` on create / update /
 * clone, throws Strapi's ValidationError (src/foundation/errors.ts) with Chinese field messages, and may
 * return work to run inside the write's transaction (numbers drawn there, so a failed write draws none).
 * src/foundation/document-middleware.ts runs them for every write path.
 */
import type { Core } from '@strapi/strapi';

/** Work to run inside the write transaction, or nothing. */
export type Prepared = ((trx: any) => Promise<void>) | null;

export type Prepare = (strapi: Core.Strapi, action: string, params: any) => Promise<Prepared>;

/** The stored row a write updates (its draft for draft-and-publish types), with the given relations. */
export async function loadExisting(strapi: Core.Strapi, uid: string, params: any, populate: Record<string, unknown> = {}, draftAndPublish = false) {
  const where: Record<string, unknown> = { documentId: params.documentId };
  if (draftAndPublish) where.publishedAt = null;
  return strapi.db.query(uid as any).findOne({ where, populate });
}
