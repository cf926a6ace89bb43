import type { Core } from '@strapi/strapi';
import { UID } from '../../../../src/foundation/constants';

/**
 * The `statistics` stage of the Document Service pipeline (order: src/document-pipeline.ts): keeps
 * catalogue_node_stats and the daily item roll-ups current in the SAME transaction as every publish,
 * unpublish and delete of a 政府信息 item — the nodes and (organisation, day) keys the document had before and
 * after the change are recomputed, so a dashboard or inspection run never sees a half-applied change.
 */
export function keepRollupsCurrent(strapi: Core.Strapi) {
  return async (context: any, next: () => Promise<any>) => {
    if (context.uid !== UID.item || !['publish', 'unpublish', 'delete'].includes(context.action)) return next();
    return strapi.db.transaction(async () => {
      const stats = strapi.plugin('statistics').service('node-stats');
      const daily = strapi.plugin('statistics').service('item-stats');
      const documentId: string | undefined = context.params?.documentId;
      const before: number[] = documentId ? await stats.nodesOfDocument(documentId) : [];
      const daysBefore = documentId ? await daily.keysOfDocument(documentId) : [];
      const result = await next();
      const after: number[] = documentId ? await stats.nodesOfDocument(documentId) : [];
      const daysAfter = documentId ? await daily.keysOfDocument(documentId) : [];
      await stats.refresh([...new Set([...before, ...after])]);
      await daily.refresh([...daysBefore, ...daysAfter]);
      return result;
    });
  };
}
