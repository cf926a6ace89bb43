import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/**
 * An approval covers the bytes of every attached file (sha256 in the content hash, services/hash.ts). The Media
 * Library shares files between documents and replaces bytes in place (same URL), so replacing, renaming or
 * deleting a file attached to a document that is in review, approved or published is refused here — the upload
 * plugin's services call this before any byte is written (src/extensions/upload/strapi-server.ts). The way to
 * change such an attachment is through the document: attach a new file, which changes the draft and sends it
 * back to 拟稿.
 */
export async function assertFilesMayChange(strapi: Core.Strapi, fileIds: number[], verb: '替换' | '删除' | '重命名'): Promise<void> {
  if (!fileIds.length) return;
  const cfg: any = strapi.config.get('plugin::review-workflow');
  const reviewed = Object.keys(cfg?.contentTypes ?? {});
  if (!reviewed.length) return;
  const knex: any = strapi.db.connection;
  const links: any[] = await knex('files_related_mph').whereIn('file_id', fileIds).whereIn('related_type', reviewed).select('file_id', 'related_id', 'related_type');
  if (!links.length) return;
  for (const uid of new Set(links.map((l) => l.related_type as string))) {
    const wf = cfg.workflows?.[cfg.contentTypes[uid]];
    const firstStage = wf?.stages?.[0]?.key;
    const rows: any[] = await strapi.db.query(uid as any).findMany({
      where: { id: { $in: links.filter((l) => l.related_type === uid).map((l) => l.related_id) } },
      select: ['id', 'documentId', 'title', 'publishedAt'],
    });
    const docIds = [...new Set(rows.map((r) => r.documentId))];
    const states: any[] = docIds.length
      ? await strapi.db.query('plugin::review-workflow.review-state' as any).findMany({ where: { targetUid: uid, targetDocumentId: { $in: docIds } }, select: ['targetDocumentId', 'stage'] })
      : [];
    const inReview = new Set(states.filter((s) => s.stage !== firstStage).map((s) => s.targetDocumentId));
    const blocked = rows.find((r) => r.publishedAt || inReview.has(r.documentId));
    if (blocked) {
      const link = links.find((l) => l.related_type === uid && l.related_id === blocked.id);
      const file: any = await strapi.db.query('plugin::upload.file').findOne({ where: { id: link.file_id }, select: ['name'] });
      const state = blocked.publishedAt ? '已发布' : '已进入审核';
      const message = `附件“${file?.name ?? link.file_id}”属于${state}的信息“${blocked.title ?? blocked.documentId}”，不能在媒体库中${verb}；请在该信息中更换附件（稿件将退回拟稿重新审核）`;
      throw new errors.ApplicationError(message, { errors: [{ path: ['file'], message, name: 'ApplicationError' }], documentId: blocked.documentId });
    }
  }
}
