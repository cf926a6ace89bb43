import type { Core } from '@strapi/strapi';

/**
 * The Document Service middlewares of the platform, in ONE declared order (outermost first). Every read and
 * write path (Content Manager, REST, imports, code, scheduled jobs) passes through them in this order,
 * whatever order Strapi loads the plugins in:
 *
 *   scope        plugins/site-groups      who may write which organisation's documents; refuses before anything
 *                                         below writes (audit entries included)
 *   review       plugins/review-workflow  the publish gate (approval bound to content), audit trail, 撤稿 reason
 *   gov-api      plugins/gov-api          search index and response-cache invalidation
 *   statistics   plugins/statistics       daily roll-ups in the same transaction as publish/unpublish/delete
 *   sync         plugins/sync             outbox events in the same transaction as publish/unpublish/delete
 *   requests     src/requests             依申请公开 fields derived from the events (clock, status)
 *   validation   src/foundation           field validation (Chinese errors), 索引号, slugs, law status
 */
export const DOCUMENT_STAGES = ['scope', 'review', 'gov-api', 'statistics', 'sync', 'requests', 'validation'] as const;
export type DocumentStage = (typeof DOCUMENT_STAGES)[number];

type Middleware = (context: any, next: () => Promise<any>) => Promise<any>;

/** Kept on the Strapi instance (Symbol.for: the same key from every copy of this module, source or compiled). */
const PIPELINE = Symbol.for('gov-disclosure.document-pipeline');

/**
 * Registers the middleware of one stage (once per stage). The first call installs the single Document Service
 * middleware that runs all stages in DOCUMENT_STAGES order.
 */
export function useDocumentStage(strapi: Core.Strapi, stage: DocumentStage, middleware: Middleware): void {
  let stages: Map<DocumentStage, Middleware> | undefined = (strapi as any)[PIPELINE];
  if (!stages) {
    const own = new Map<DocumentStage, Middleware>();
    stages = own;
    (strapi as any)[PIPELINE] = own;
    strapi.documents.use(async (context: any, next: () => Promise<any>) => {
      const chain = DOCUMENT_STAGES.map((s) => own.get(s)).filter(Boolean) as Middleware[];
      const run = (i: number): Promise<any> => (i < chain.length ? chain[i](context, () => run(i + 1)) : next());
      return run(0);
    });
  }
  if (stages.has(stage)) throw new Error(`Document Service stage “${stage}” registered twice`);
  stages.set(stage, middleware);
}

/** The stages registered on this Strapi instance, in the order they run (for tests and the README). */
export function registeredStages(strapi: Core.Strapi): DocumentStage[] {
  const stages: Map<DocumentStage, Middleware> | undefined = (strapi as any)[PIPELINE];
  return DOCUMENT_STAGES.filter((s) => stages?.has(s));
}
