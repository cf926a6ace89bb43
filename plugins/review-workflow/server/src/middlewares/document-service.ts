import type { Core } from '@strapi/strapi';
import type { DocumentMiddleware } from '../../../../../src/document-pipeline-types';
import { errors } from '@strapi/utils';
import { AUDIT_UID, EVENTS, STATE_UID } from '../constants';
import { reviewContext, type Actor } from '../context';
import { fieldError } from '../../../../../src/foundation/errors';

/** Who is acting: the plugin route's actor, else the admin user / API token of the request, else the system. */
export function currentActor(strapi: Core.Strapi): Actor {
  const fromRoute = reviewContext.getStore()?.actor;
  if (fromRoute) return fromRoute;
  const ctx: any = strapi.requestContext.get();
  const user = ctx?.state?.user;
  if (user?.id) {
    return { id: user.id, name: [user.firstname, user.lastname].filter(Boolean).join('') || user.email, roles: (user.roles ?? []).map((r: any) => r.code) };
  }
  const token = ctx?.state?.auth?.credentials;
  if (token?.name) return { id: null, name: `API 令牌：${token.name}`, roles: [] };
  return { id: null, name: '系统', roles: [] };
}

/** Which path a write came through: the HTTP method and path of the request, else code (scripts, jobs). */
export function requestPath(strapi: Core.Strapi): string {
  const ctx: any = strapi.requestContext.get();
  if (!ctx?.method) return '代码调用（脚本、定时任务或导入）';
  return `${ctx.method} ${String(ctx.path ?? ctx.url ?? '').slice(0, 250)}`;
}

const refuse = (message: string): never => {
  throw fieldError('publishedAt', message);
};

/**
 * THE enforcement point. Every publishing path in Strapi 5 goes through the Document Service: the
 * Content Manager publish and bulk-publish buttons, REST with status=published, code calling
 * documents().create/update({ status: 'published' }) or publish(), any scheduled job. So the rule
 * lives here and nowhere else:
 *  - publish: only at the publish stage, with a draft identical to the approved one, and no
 *    blocking check findings;
 *  - create/update with status 'published': the draft is written, then published through the same
 *    rule, all in one transaction — a refusal rolls the write back;
 *  - any change to the draft's content after submission/approval sends it back to 拟稿;
 *  - unpublish (撤稿) only with a reason (the plugin's unpublish route), audited;
 *  - the audit trail and review state cannot be written through the Document Service at all.
 */
export function reviewStage(strapi: Core.Strapi): DocumentMiddleware {
  const workflow = () => strapi.plugin('review-workflow').service('workflow');

  return async (context: any, next: () => Promise<any>) => {
    const { uid, action, params } = context;

    if (uid === AUDIT_UID || uid === STATE_UID) {
      if (['create', 'update', 'delete', 'clone', 'publish', 'unpublish', 'discardDraft'].includes(action)) {
        throw new errors.ForbiddenError('审核记录只能由审核流程追加，不能修改或删除');
      }
      return next();
    }
    if (!workflow().isReviewed(uid)) return next();

    switch (action) {
      case 'publish': {
        const reason = await workflow().publishRefusal(uid, params.documentId);
        const actor = currentActor(strapi);
        if (reason) {
          // audited even though the refusal rolls back the surrounding transaction (who, when, which path, why)
          void workflow().auditOutsideTransaction({ uid, documentId: params.documentId, actor, action: 'publish-refused', comment: reason, via: requestPath(strapi) });
          refuse(reason);
        }
        const result = await next();
        await workflow().markPublished(uid, params.documentId, true);
        await workflow().audit({ uid, documentId: params.documentId, actor, action: 'publish', from: null, to: 'published', via: requestPath(strapi) });
        strapi.eventHub.emit(EVENTS.published, { uid, documentId: params.documentId, actor });
        return result;
      }
      case 'create':
      case 'update': {
        if (params?.status === 'published') {
          // write the draft, then publish it through the rule above, atomically
          params.status = 'draft';
          return strapi.db.transaction(async () => {
            const draft = await next();
            const documentId = action === 'update' ? params.documentId : draft?.documentId;
            if (action === 'update') await workflow().onDraftChanged(uid, documentId, currentActor(strapi));
            const published = await (strapi.documents(uid) as any).publish({ documentId, locale: params.locale });
            return published?.entries?.[0] ?? draft;
          });
        }
        const result = await next();
        if (action === 'update' && result?.documentId) await workflow().onDraftChanged(uid, result.documentId, currentActor(strapi));
        return result;
      }
      case 'discardDraft': {
        const result = await next();
        await workflow().onDraftChanged(uid, params.documentId, currentActor(strapi));
        return result;
      }
      case 'unpublish': {
        const store = reviewContext.getStore();
        if (!store?.unpublishReason) refuse('撤稿须说明理由：请使用审核面板中的“撤稿”操作（POST /review-workflow/documents/:uid/:documentId/unpublish）');
        const result = await next();
        // 撤稿 spends the approval: back to 拟稿, republication needs the whole review again
        const actor = currentActor(strapi);
        const from = await workflow().markPublished(uid, params.documentId, false, actor);
        const wf = workflow().workflowFor(uid);
        await workflow().audit({ uid, documentId: params.documentId, actor, action: 'unpublish', comment: store!.unpublishReason, ...(from ? { from, to: wf.stages[0].key } : {}) });
        strapi.eventHub.emit(EVENTS.unpublished, { uid, documentId: params.documentId, reason: store!.unpublishReason });
        return result;
      }
      case 'delete': {
        const result = await next();
        if (params?.documentId) await workflow().audit({ uid, documentId: params.documentId, actor: currentActor(strapi), action: 'delete', comment: '文档已删除' });
        return result;
      }
      default:
        return next();
    }
  };
}
