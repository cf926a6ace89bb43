import type { Core } from '@strapi/strapi';
import { PUBLICATION_LABELS, publicationState, type PublicationState } from '../transitions';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import ExcelJS from 'exceljs';
import { ACTIONS, SECRECY_CHECKLIST, STATE_UID } from '../constants';
import { currentActor } from '../middlewares/document-service';
import { orgScopeOf } from '../../../../site-groups/server/src/authz';
import { spreadsheetSafe } from '../../../../../src/foundation/spreadsheet';
import { fieldError, parseOrThrow } from '../../../../../src/foundation/errors';

const actionBody = z.object({
  action: z.enum(ACTIONS, { message: '操作必须是 submit（送审）、approve（通过）、reject（退回）或 withdraw（撤回）之一' }),
  comment: z.string().max(2000, '意见不超过2000字').optional(),
  checklist: z.object(Object.fromEntries(Object.keys(SECRECY_CHECKLIST).map((k) => [k, z.boolean().optional()]))).optional(),
});
const unpublishBody = z.object({ reason: z.string({ message: '撤稿须填写理由' }).trim().min(2, '撤稿理由至少2个字').max(2000) });

/** Request bodies: the schema's own messages (src/foundation/errors.ts; the schemas strip unknown keys). */
const parse = <T extends z.ZodType>(schema: T, body: unknown): z.infer<T> => parseOrThrow(schema, body);

const AUDIT_COLUMNS: Array<[string, string]> = [
  ['at', '时间'], ['actorName', '操作人'], ['actorRoles', '角色'], ['action', '操作'], ['fromStage', '原阶段'], ['toStage', '新阶段'],
  ['comment', '意见/理由'], ['contentHash', '内容摘要'], ['checklist', '保密审查清单'], ['checks', '检查结果'],
];
const ACTION_NAMES: Record<string, string> = {
  submit: '送审', approve: '通过', reject: '退回', withdraw: '撤回', publish: '发布', unpublish: '撤稿', invalidate: '修改后审核失效',
  'import-approve': '迁移数据审核', delete: '删除', 'publish-refused': '发布被拒绝',
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const workflow = () => strapi.plugin('review-workflow').service('workflow');
  const uidOf = (ctx: any) => {
    const uid = String(ctx.params.uid);
    if (!workflow().isReviewed(uid)) throw new errors.NotFoundError(`内容类型 ${uid} 未启用审核流程`);
    return uid;
  };

  return {
    async get(ctx: any) {
      const uid = uidOf(ctx);
      const doc = await strapi.db.query(uid as any).findOne({ where: { documentId: ctx.params.documentId }, select: ['id'] });
      if (!doc) throw new errors.NotFoundError('文档不存在');
      ctx.body = await workflow().describe(uid, ctx.params.documentId, currentActor(strapi));
    },

    async act(ctx: any) {
      const uid = uidOf(ctx);
      const body = parse(actionBody, ctx.request.body);
      ctx.body = await workflow().act(uid, ctx.params.documentId, currentActor(strapi), body as any);
    },

    async runChecks(ctx: any) {
      const uid = uidOf(ctx);
      const result = await strapi.plugin('review-workflow').service('checks').runOnDraft(uid, ctx.params.documentId);
      if (!result) throw new errors.NotFoundError('文档不存在');
      ctx.body = result;
    },

    async unpublish(ctx: any) {
      const uid = uidOf(ctx);
      const { reason } = parse(unpublishBody, ctx.request.body);
      const result = await workflow().unpublish(uid, ctx.params.documentId, currentActor(strapi), reason);
      if (!result?.entries?.length) throw new errors.NotFoundError('文档不存在或未发布');
      ctx.body = await workflow().describe(uid, ctx.params.documentId, currentActor(strapi));
    },

    /** Stage of each listed document (the admin list view's column): `{ [documentId]: { stage, stageName, color } }`. */
    async stages(ctx: any) {
      const uid = uidOf(ctx);
      const raw = Array.isArray(ctx.query.documentIds) ? ctx.query.documentIds.join(',') : String(ctx.query.documentIds ?? '');
      const ids: string[] = [...new Set<string>(raw.split(',').map((s: string) => s.trim()).filter(Boolean))];
      if (ids.length > 200) throw fieldError('documentIds', '一次最多查询200个文档');
      // only documents of the caller's organisations (SQL), others are left out of the answer
      const scope = orgScopeOf(ctx);
      if (!scope.all && ids.length) {
        const visible: any[] = await strapi.db.query(uid as any).findMany({ where: { documentId: { $in: ids }, organization: { id: { $in: scope.ids.length ? scope.ids : [-1] } } }, select: ['documentId'] });
        const keep = new Set(visible.map((d) => d.documentId));
        ids.splice(0, ids.length, ...ids.filter((id) => keep.has(id)));
      }
      const wf = workflow().workflowFor(uid);
      const stageOf = (key: string) => wf.stages.find((s: any) => s.key === key) ?? wf.stages[0];
      const rows: any[] = ids.length
        ? await strapi.db.query(STATE_UID as any).findMany({ where: { targetUid: uid, targetDocumentId: { $in: ids } }, select: ['targetDocumentId', 'stage', 'approvedHash', 'publishedHash'] })
        : [];
      const published: any[] = ids.length
        ? await strapi.db.query(uid as any).findMany({ where: { documentId: { $in: ids }, publishedAt: { $notNull: true } }, select: ['documentId', 'publishedAt'] })
        : [];
      const publishedAt = new Map(published.map((r) => [r.documentId, new Date(r.publishedAt).toISOString()]));
      const byId = new Map(rows.map((r) => [r.targetDocumentId, r]));
      const out: Record<string, { stage: string; stageName: string; color: string; publication: PublicationState; publishedAt: string | null }> = {};
      for (const id of ids) {
        const row = byId.get(id);
        const stage = stageOf(row?.stage ?? wf.stages[0].key);
        const publication = publicationState({ published: publishedAt.has(id), stage: stage.key, publishStage: wf.publishStage, approvedHash: row?.approvedHash, publishedHash: row?.publishedHash });
        // 已发布 replaces 待发布; 已发布·有修改 says where the newer draft is
        const stageName = publication === 'published' ? PUBLICATION_LABELS.published : publication ? `${PUBLICATION_LABELS[publication]}（${stage.name}）` : stage.name;
        out[id] = { stage: stage.key, stageName, color: publication === 'published' ? '#328048' : stage.color, publication, publishedAt: publishedAt.get(id) ?? null };
      }
      ctx.body = out;
    },

    async inbox(ctx: any) {
      ctx.body = { data: await workflow().inbox(currentActor(strapi), orgScopeOf(ctx)) };
    },

    async exportAudit(ctx: any) {
      const uid = uidOf(ctx);
      const format = String(ctx.query.format ?? 'csv');
      if (!['csv', 'xlsx'].includes(format)) throw fieldError('format', 'format 只能是 csv 或 xlsx');
      const rows: any[] = await workflow().history(uid, ctx.params.documentId);
      const cell = (r: any, key: string) => {
        const v = r[key];
        if (key === 'action') return ACTION_NAMES[v] ?? v;
        if (key === 'fromStage' || key === 'toStage') return v ? (v === 'published' ? '已发布' : workflow().stageName(uid, v)) : '';
        if (key === 'at') return new Date(v).toISOString();
        if (v === null || v === undefined) return '';
        return spreadsheetSafe(typeof v === 'object' ? JSON.stringify(v) : String(v));
      };
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('审核记录');
      sheet.addRow(AUDIT_COLUMNS.map(([, label]) => label));
      for (const r of rows) sheet.addRow(AUDIT_COLUMNS.map(([key]) => cell(r, key)));
      const name = `audit-${ctx.params.documentId}.${format}`;
      if (format === 'csv') {
        const buf = await workbook.csv.writeBuffer();
        ctx.type = 'text/csv; charset=utf-8';
        ctx.body = Buffer.concat([Buffer.from('\ufeff'), Buffer.from(buf as ArrayBuffer)]);
      } else {
        ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
        ctx.body = Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
      }
      ctx.attachment(name);
    },

    async config(ctx: any) {
      const cfg: any = strapi.config.get('plugin::review-workflow');
      ctx.body = { contentTypes: cfg.contentTypes, workflows: cfg.workflows, fourEyes: cfg.fourEyes, checklistItems: SECRECY_CHECKLIST };
    },
  };
};
