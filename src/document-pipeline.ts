import type { Core } from '@strapi/strapi';
import type { DocumentMiddleware } from './document-pipeline-types';
import { scopeStage } from '../plugins/site-groups/server/src/middleware';
import { reviewStage } from '../plugins/review-workflow/server/src/middlewares/document-service';
import { searchIndexStage } from '../plugins/gov-api/server/src/document-middleware';
import { keepRollupsCurrent } from '../plugins/statistics/server/src/document-middleware';
import { outboxStage } from '../plugins/sync/server/src/middleware';
import { requestStage } from './requests/document-hooks';
import { validationStage } from './foundation/document-middleware';
import { prepareRequest } from './requests/prepare';
import { UID } from './foundation/constants';

/**
 * THE Document Service pipeline: every middleware of the platform, in the order it runs (outermost first).
 * Every read and write path (Content Manager, REST, imports, code, scheduled jobs) passes through it.
 * Plugins export their stage; only this file registers them (from src/index.ts register()), as one
 * Document Service middleware, so the order never depends on the order Strapi loads plugins in.
 *
 * Why this order:
 *  - scope first: a refused write must leave nothing behind, not even the publish gate's audit entry;
 *  - review wraps everything that writes: its transaction holds the publish and the stages below;
 *  - gov-api, statistics and sync run inside the write's transaction (index, roll-ups, outbox);
 *  - validation last, closest to the database: it sees the final data and draws 索引号 in the same transaction.
 */
export const DOCUMENT_PIPELINE = [
  // who may write which organisation's documents (plugins/site-groups/server/src/middleware.ts)
  { stage: 'scope', create: scopeStage },
  // the publish gate: approval bound to content, audit trail, 撤稿 reason (plugins/review-workflow/…/document-service.ts)
  { stage: 'review', create: reviewStage },
  // search index and response-cache invalidation (plugins/gov-api/server/src/document-middleware.ts)
  { stage: 'gov-api', create: searchIndexStage },
  // daily roll-ups in the same transaction as publish/unpublish/delete (plugins/statistics/…/document-middleware.ts)
  { stage: 'statistics', create: keepRollupsCurrent },
  // outbox events in the same transaction as publish/unpublish/delete (plugins/sync/server/src/middleware.ts)
  { stage: 'sync', create: outboxStage },
  // 依申请公开: working-day overrides recompute the clock, deleting a request deletes its letters (src/requests/document-hooks.ts)
  { stage: 'requests', create: requestStage },
  // field validation (Chinese errors), 索引号, slugs, law status; 依申请公开 rules from src/requests/prepare.ts
  { stage: 'validation', create: (strapi: Core.Strapi) => validationStage(strapi, { [UID.request]: prepareRequest }) },
] as const satisfies ReadonlyArray<{ stage: string; create: (strapi: Core.Strapi) => DocumentMiddleware }>;

export type DocumentStage = (typeof DOCUMENT_PIPELINE)[number]['stage'];

/** Kept on the Strapi instance (Symbol.for: the same key from every copy of this module, source or compiled). */
const REGISTERED = Symbol.for('gov-disclosure.document-pipeline');

/** Installs the pipeline as one Document Service middleware (once per Strapi instance). */
export function registerDocumentPipeline(strapi: Core.Strapi): void {
  if ((strapi as any)[REGISTERED]) throw new Error('Document Service pipeline registered twice');
  const chain = DOCUMENT_PIPELINE.map(({ create }) => create(strapi));
  (strapi as any)[REGISTERED] = DOCUMENT_PIPELINE.map(({ stage }) => stage);
  strapi.documents.use((context: any, next: () => Promise<any>) => {
    const run = (i: number): Promise<any> => (i < chain.length ? chain[i](context, () => run(i + 1)) : next());
    return run(0);
  });
}

/** The stages installed on this Strapi instance, in the order they run (for tests and the README). */
export function registeredStages(strapi: Core.Strapi): DocumentStage[] {
  return (strapi as any)[REGISTERED] ?? [];
}
