/**
 * Keeps the search index and every node's response cache in line with the published content. A
 * Document Service middleware, so every path that publishes (Content Manager, REST, imports, code,
 * the review workflow) passes here. AFTER the action succeeded:
 *
 *   政府信息 / 法规文件   publish · unpublish · delete · create/update with status 'published'
 *                        → re-sync the document's index entry, NOTIFY, flush on commit
 *   年度报告              the same actions → NOTIFY, flush on commit
 *   机构 · 公开目录 · 主题分类 (no draft/publish: every write is live)
 *                        create · update · delete · clone → NOTIFY, flush on commit
 *
 * The index rows are written in the current transaction when there is one (so they commit or roll
 * back with the publish), inside a savepoint so an index failure never undoes a publish. Draft saves
 * change nothing public and are ignored. Laws' daily status refresh (raw db.query updates) is caught
 * by a database lifecycle subscriber instead.
 */
import type { Core } from '@strapi/strapi';
import type { DocumentMiddleware } from '../../../../src/document-pipeline-types';
import { EVENTS, UID } from './constants';
import { KIND_OF_UID, runtime, type Runtime } from './runtime';

const DRAFT_AND_PUBLISH = new Set<string>([UID.item, UID.law, UID.annualReport]);
const LIVE = new Set<string>([UID.organization, UID.catalogueNode, UID.subjectCategory]);
const PUBLIC_ACTIONS = new Set(['publish', 'unpublish', 'delete']);
const LIVE_ACTIONS = new Set(['create', 'update', 'delete', 'clone']);

export function changesPublicContent(uid: string, action: string, params: any): boolean {
  if (DRAFT_AND_PUBLISH.has(uid)) {
    if (PUBLIC_ACTIONS.has(action)) return true;
    return (action === 'create' || action === 'update') && params?.status === 'published';
  }
  return LIVE.has(uid) && LIVE_ACTIONS.has(action);
}

export function searchIndexStage(strapi: Core.Strapi): DocumentMiddleware {
  const rt = runtime(strapi);
  return async (context: any, next: () => Promise<any>) => {
    const result = await next();
    const { uid, action, params } = context;
    if (!changesPublicContent(uid, action, params)) return result;
    const kind = KIND_OF_UID[uid];
    const documentId: string | undefined = params?.documentId ?? result?.documentId;
    const reason = `${action}:${uid.split('.').pop()}`;
    try {
      await strapi.db.transaction(async ({ trx, onCommit }: any) => {
        try {
          await trx.transaction(async (sp: any) => {
            if (kind && documentId) await rt.index.syncDocument(sp, kind, documentId);
            else if (kind) strapi.log.warn(`[gov-api] ${action} 未指明 documentId，检索索引需重建（npm run reindex）`);
            await rt.notifier.notifyIn(sp, reason);
          });
        } catch (err: any) {
          strapi.log.error(`[gov-api] 更新检索索引失败（${uid} ${documentId ?? ''}）：${err?.message ?? err}`);
        }
        onCommit(() => rt.cache.flush(reason));
      });
      if (kind) strapi.eventHub?.emit(EVENTS.indexUpdated, { uid, action, documentId });
    } catch (err: any) {
      strapi.log.error(`[gov-api] 发布后处理失败：${err?.message ?? err}`);
      rt.cache.flush(reason);
    }
    return result;
  };
}

export function subscribeLawStatusWrites(strapi: Core.Strapi, rt: Runtime) {
  // Laws' derived status is refreshed daily with raw db.query updates (src/foundation/law-status-job.ts):
  // not a Document Service action, so catch those writes here (outside transactions only — the
  // Document Service writes inside one and are handled above).
  strapi.db.lifecycles.subscribe({
    models: [UID.law],
    afterUpdate() {
      if (!strapi.db.inTransaction()) rt.invalidateSoon('law-status');
    },
    afterUpdateMany() {
      if (!strapi.db.inTransaction()) rt.invalidateSoon('law-status');
    },
  } as any);
}
