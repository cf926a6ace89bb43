import type { Core } from '@strapi/strapi';
import { useDocumentStage } from './document-pipeline';
import { UID } from './constants';
import { prepareItem } from './items';
import { prepareAnnualReport, prepareCatalogueNode, prepareLaw, prepareOrganization, prepareRequest } from './others';

type Prepare = (strapi: Core.Strapi, action: string, params: any) => Promise<((trx: any) => Promise<void>) | null>;

const PREPARERS: Record<string, Prepare> = {
  [UID.item]: prepareItem,
  [UID.organization]: prepareOrganization,
  [UID.catalogueNode]: prepareCatalogueNode,
  [UID.law]: prepareLaw,
  [UID.annualReport]: prepareAnnualReport,
  [UID.request]: prepareRequest,
};

const WRITE_ACTIONS = new Set(['create', 'update', 'clone']);

/**
 * The one layer every write passes through (Content Manager, REST, imports, code): validation with
 * Chinese field errors, 索引号 / tracking numbers, slugs, derived law status. Numbers are drawn inside
 * the same transaction as the write, so a failed write draws no number.
 */
export function registerDocumentMiddleware(strapi: Core.Strapi) {
  useDocumentStage(strapi, 'validation', async (context: any, next: () => Promise<any>) => {
    const prepare = PREPARERS[context.uid];
    if (!prepare || !WRITE_ACTIONS.has(context.action)) return next();
    const inTransaction = await prepare(strapi, context.action, context.params);
    if (!inTransaction) return next();
    return strapi.db.transaction(async ({ trx }: any) => {
      await inTransaction(trx);
      return next();
    });
  });
}
