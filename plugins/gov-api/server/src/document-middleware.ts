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
 * back with the publish), inside a savepoint so an index failure never undoes a publish. The public read
 * model (read-model/store.ts) likewise: the document, the documents whose JSON shows it (政策解读, 废止/修改
 * links) and, for 机构 · 公开目录 · 主题分类 writes, every public document of that organisation / node
 * subtree / category, read before and after the write, are re-serialized in the same transaction. Draft saves
 * change nothing public and are ignored. Laws' daily status refresh (raw db.query updates) is caught
 * by a database lifecycle subscriber instead.
 */
import type { Core } from '@strapi/strapi';
import type { DocumentMiddleware } from '../../../../src/document-pipeline-types';
import { EVENTS, UID } from './constants';
import { KIND_OF_UID, runtime, type Runtime } from './runtime';
import { RefData } from './services/refs';

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

const REFERENCES = new Set<string>([UID.organization, UID.catalogueNode, UID.subjectCategory]);

type Affected = { items: string[]; laws: string[] };

/** Public documents whose read-model entries a write of (uid, documentId) can change, as `trx` sees them now. */
async function affectedDocuments(rt: Runtime, trx: any, uid: string, documentId: string | undefined): Promise<Affected> {
  if (!documentId) return { items: [], laws: [] };
  const kind = KIND_OF_UID[uid];
  if (kind) {
    const deps = await rt.readModel.dependents(trx, kind, documentId);
    return kind === 'item' ? { items: [documentId, ...deps], laws: [] } : { items: [], laws: [documentId, ...deps] };
  }
  if (REFERENCES.has(uid)) return rt.readModel.documentsOfReference(trx, uid, documentId);
  return { items: [], laws: [] };
}

export function searchIndexStage(strapi: Core.Strapi): DocumentMiddleware {
  const rt = runtime(strapi);
  return async (context: any, next: () => Promise<any>) => {
    const { uid, action, params } = context;
    if (!changesPublicContent(uid, action, params)) return next();
    const kind = KIND_OF_UID[uid];
    const reason = `${action}:${uid.split('.').pop()}`;
    let documentId: string | undefined = params?.documentId;
    let indexed = false;
    // One transaction around the write (joined when the review stage opened one): the read model reads the
    // documents it affects BEFORE the write (a deleted node's or document's links are gone after it) and after.
    const result = await strapi.db.transaction(async ({ trx, onCommit }: any) => {
      let before: Affected = { items: [], laws: [] };
      try {
        before = await affectedDocuments(rt, trx, uid, documentId);
      } catch (err: any) {
        strapi.log.error(`[gov-api] 读取公开读模型受影响文件失败（${uid} ${documentId ?? ''}）：${err?.message ?? err}`);
      }
      const out = await next();
      documentId ??= out?.documentId;
      try {
        await trx.transaction(async (sp: any) => {
          if (kind && documentId) await rt.index.syncDocument(sp, kind, documentId);
          else if (kind) strapi.log.warn(`[gov-api] ${action} 未指明 documentId，检索索引需重建（npm run reindex）`);
          await rt.notifier.notifyIn(sp, reason);
        });
        indexed = !!kind;
      } catch (err: any) {
        strapi.log.error(`[gov-api] 更新检索索引失败（${uid} ${documentId ?? ''}）：${err?.message ?? err}`);
      }
      // the read model, in its own savepoint: a failure is logged and leaves the publish standing (npm run rebuild-read-model repairs)
      try {
        await trx.transaction(async (sp: any) => {
          if (kind && !documentId) {
            strapi.log.warn(`[gov-api] ${action} 未指明 documentId，公开读模型需重建（npm run rebuild-read-model）`);
            return;
          }
          const after = await affectedDocuments(rt, sp, uid, documentId);
          const items = [...new Set([...before.items, ...after.items])];
          const laws = [...new Set([...before.laws, ...after.laws])];
          if (!items.length && !laws.length) return;
          const refs = await RefData.load(strapi, sp);
          await rt.readModel.syncDocuments(sp, 'item', items, refs);
          await rt.readModel.syncDocuments(sp, 'law', laws, refs);
        });
      } catch (err: any) {
        strapi.log.error(`[gov-api] 更新公开读模型失败（${uid} ${documentId ?? ''}），请运行 npm run rebuild-read-model：${err?.message ?? err}`);
      }
      onCommit(() => rt.cache.flush(reason));
      return out;
    });
    if (indexed) strapi.eventHub?.emit(EVENTS.indexUpdated, { uid, action, documentId });
    return result;
  };
}

export function subscribeLawStatusWrites(strapi: Core.Strapi, rt: Runtime) {
  // Laws' derived status is refreshed daily with raw db.query updates (src/foundation/law-status-job.ts):
  // not a Document Service action, so catch those writes here (outside transactions only — the
  // Document Service writes inside one and are handled above). The status is in the law's read-model
  // entry and in the links of the laws it repeals/amends: re-serialize them right after the update.
  const resync = async (where: unknown) => {
    const knex = strapi.db.connection;
    const id = (where as any)?.id;
    const rows = typeof id === 'number' || typeof id === 'string'
      ? await knex('laws').where('id', id).select('document_id')
      : await knex('laws').whereNotNull('published_at').select('document_id');
    const ids = [...new Set(rows.map((r: any) => String(r.document_id)))] as string[];
    await knex.transaction(async (trx: any) => {
      const deps = new Set<string>(ids);
      for (const d of ids) for (const x of await rt.readModel.dependents(trx, 'law', d)) deps.add(x);
      await rt.readModel.syncDocuments(trx, 'law', [...deps]);
    });
  };
  const after = async (event: any) => {
    if (strapi.db.inTransaction()) return;
    try {
      await resync(event?.params?.where);
    } catch (err: any) {
      strapi.log.error(`[gov-api] 法规效力状态变化后更新公开读模型失败，请运行 npm run rebuild-read-model：${err?.message ?? err}`);
    }
    rt.invalidateSoon('law-status');
  };
  strapi.db.lifecycles.subscribe({ models: [UID.law], afterUpdate: after, afterUpdateMany: after } as any);
}
