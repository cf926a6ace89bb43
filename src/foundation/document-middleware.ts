import type { Core } from '@strapi/strapi';
import type { DocumentMiddleware } from '../document-pipeline-types';
import { UID } from './constants';
import type { Prepare } from './prepare';
import { prepareItem } from './items';
import { prepareOrganization } from './organizations';
import { prepareCatalogueNode } from './catalogue-nodes';
import { prepareLaw } from './laws';
import { prepareAnnualReport } from './annual-reports';

/** The write rules of the foundation's content types (one module each, see ./prepare.ts). */
const PREPARERS: Record<string, Prepare> = {
  [UID.item]: prepareItem,
  [UID.organization]: prepareOrganization,
  [UID.catalogueNode]: prepareCatalogueNode,
  [UID.law]: prepareLaw,
  [UID.annualReport]: prepareAnnualReport,
};

const WRITE_ACTIONS = new Set(['create', 'update', 'clone']);

/**
 * The one layer every write passes through (Content Manager, REST, imports, code): validation with
 * Chinese field errors, 索引号 / tracking numbers, slugs, derived law status. Numbers are drawn inside
 * the same transaction as the write, so a failed write draws no number.
 *
 * `featurePreparers`: the write rules of feature content types (依申请公开: src/requests/prepare.ts), handed
 * over by src/index.ts so that the foundation imports no feature.
 */
export function validationStage(strapi: Core.Strapi, featurePreparers: Record<string, Prepare> = {}): DocumentMiddleware {
  const preparers: Record<string, Prepare> = { ...PREPARERS, ...featurePreparers };
  return async (context: any, next: () => Promise<any>) => {
    const prepare = preparers[context.uid];
    if (!prepare || !WRITE_ACTIONS.has(context.action)) return next();
    const inTransaction = await prepare(strapi, context.action, context.params);
    if (!inTransaction) return next();
    return strapi.db.transaction(async ({ trx }: any) => {
      await inTransaction(trx);
      return next();
    });
  };
}
