import type { Core } from '@strapi/strapi';
import type { DocumentMiddleware } from '../../../../src/document-pipeline-types';
import type { ChangeEvent } from './services/outbox';
import { UID } from '../../../../src/foundation/constants';

export const SYNCED_UIDS = [UID.item, UID.law, UID.annualReport];

/** Records outbox events in the same transaction as publish / unpublish / delete (see services/outbox.ts). */
export function outboxStage(strapi: Core.Strapi): DocumentMiddleware {
  return async (context: any, next: () => Promise<any>) => {
    const { uid, action, params } = context;
    if (!SYNCED_UIDS.includes(uid) || !['publish', 'unpublish', 'delete'].includes(action)) return next();
    return strapi.db.transaction(async ({ trx, onCommit }: any) => {
      let wasPublished = true;
      if (action === 'delete') {
        wasPublished = (await strapi.db.query(uid).count({ where: { documentId: params.documentId, publishedAt: { $notNull: true } } })) > 0;
      }
      const result = await next();
      const documentId = params.documentId;
      const changed = action === 'publish' ? (result?.entries?.length ?? 0) > 0 : action === 'unpublish' ? (result?.entries?.length ?? 0) > 0 : wasPublished;
      if (documentId && changed) {
        const event: ChangeEvent = { uid, documentId, op: action === 'publish' ? 'upsert' : 'tombstone' };
        await strapi.plugin('sync').service('outbox').recordBulk(trx, [event]);
        // wake this process's push worker once the event is visible
        onCommit?.(() => strapi.plugin('sync').service('delivery')?.nudge?.());
      }
      return result;
    });
  };
}
