import type { Core } from '@strapi/strapi';
import { SUBMIT_ONLY_CHECKS } from '../checks/types';
import { errors } from '@strapi/utils';
import type { ReviewWorkflowConfig, StageConfig, WorkflowConfig } from '../config';
import { AUDIT_UID, EVENTS, SECRECY_CHECKLIST, STATE_UID, type AuditAction, type ChecklistKey, type ReviewAction } from '../constants';
import { SUPER_ADMIN } from '../../../../../src/foundation/role-codes';
import { draftHash } from './hash';
import { reviewContext, type Actor } from '../context';
import { documentInScope, documentOrganizationIds, scopeOfUser, sqlIdList, type OrgScope } from '../../../../site-groups/server/src/scope';
import { CHANGED_SINCE_SUBMIT_REFUSAL, FOUR_EYES_REFUSAL, PUBLICATION_LABELS, TRANSITIONS, publicationState, spanRefusal, transitionOf, type Transition } from '../transitions';
import { errorItem, fieldError, validationFailure } from '../../../../../src/foundation/errors';

/**
 * The editorial workflow: its transitions are one table, `TRANSITIONS` in ../transitions.ts (read by
 * `allowedActions()`, `act()`, the inbox and the admin review panel); this service applies a row (guards in
 * the table's order, the state change, then the audit entry, event, e-mail notification). Automatic
 * transitions: an edit of a draft under review goes back to 拟稿 (`onDraftChanged`); publishing needs 待发布
 * with an unchanged draft (`publishRefusal`, enforced by the Document Service middleware).
 */

/** 403 with its Chinese message kept (Strapi turns a plain ForbiddenError thrown in a handler into a bare 'Forbidden'). */
export class ForbiddenActionError extends errors.PolicyError {}

const fail = (message: string, path = 'action'): never => {
  throw fieldError([path], message);
};

export interface ReviewState {
  id?: number;
  targetUid: string;
  targetDocumentId: string;
  stage: string;
  submittedById: number | null;
  submittedAt: string | null;
  submittedHash: string | null;
  approvedHash: string | null;
  approvals: Array<{ stage: string; by: number | null; byName: string; at: string; hash: string; checklist?: Record<string, boolean> }>;
  /** the approved hash that is currently published (a published document no longer waits for anyone) */
  publishedHash?: string | null;
  lastChecks: unknown;
  stageEnteredAt: string | null;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::review-workflow') as ReviewWorkflowConfig;

  function workflowFor(uid: string): WorkflowConfig | null {
    const name = config().contentTypes?.[uid];
    return name ? config().workflows[name] : null;
  }
  const isReviewed = (uid: string) => workflowFor(uid) !== null;

  function stageOf(wf: WorkflowConfig, key: string): StageConfig {
    return wf.stages.find((s) => s.key === key) ?? wf.stages[0];
  }
  const stageName = (uid: string, key: string) => {
    const wf = workflowFor(uid);
    return wf ? stageOf(wf, key).name : key;
  };

  async function getState(uid: string, documentId: string): Promise<ReviewState> {
    const row: any = await strapi.db.query(STATE_UID as any).findOne({ where: { targetUid: uid, targetDocumentId: documentId } });
    const wf = workflowFor(uid)!;
    if (row) return { ...row, approvals: row.approvals ?? [] };
    return {
      targetUid: uid, targetDocumentId: documentId, stage: wf.stages[0].key, submittedById: null, submittedAt: null,
      submittedHash: null, approvedHash: null, approvals: [], lastChecks: null, stageEnteredAt: null,
    };
  }

  async function saveState(state: ReviewState) {
    const { id, ...data } = state as any;
    delete data.documentId; delete data.createdAt; delete data.updatedAt; delete data.publishedAt; delete data.createdBy; delete data.updatedBy; delete data.locale;
    if (id) await strapi.db.query(STATE_UID as any).update({ where: { id }, data });
    else {
      const created: any = await strapi.db.query(STATE_UID as any).create({ data });
      state.id = created.id;
    }
  }

  /**
   * The owning organisation's id of a document (its `organization` relation, if the type has one): stored on each
   * audit entry so statistics filter the trail by organisation through an index, without joining every document.
   */
  async function organizationIdOf(uid: string, documentId: string): Promise<number | null> {
    const attr: any = (strapi.getModel(uid as any) as any)?.attributes?.organization;
    if (!attr || attr.type !== 'relation') return null;
    const row: any = await strapi.db.query(uid as any).findOne({ where: { documentId }, select: ['id'], populate: { organization: { select: ['id'] } } });
    return row?.organization?.id ?? null;
  }

  /** Append-only audit entry (no route updates or deletes it; the database refuses it too). */
  async function audit(entry: { uid: string; documentId: string; actor: Actor; action: AuditAction; from?: string | null; to?: string | null; comment?: string | null; hash?: string | null; checks?: unknown; checklist?: unknown; via?: string | null }) {
    await strapi.db.query(AUDIT_UID as any).create({
      data: {
        via: entry.via ?? null,
        targetUid: entry.uid, targetDocumentId: entry.documentId, actorId: entry.actor.id, actorName: entry.actor.name, actorRoles: entry.actor.roles,
        action: entry.action, fromStage: entry.from ?? null, toStage: entry.to ?? null, comment: entry.comment ?? null,
        contentHash: entry.hash ?? null, checks: entry.checks ?? null, checklist: entry.checklist ?? null, at: new Date(),
        organizationId: await organizationIdOf(entry.uid, entry.documentId),
      },
    });
  }

  /**
   * An audit entry that must survive the transaction it is written from (a refused publish rolls that
   * transaction back): written after the outermost transaction ends, committed or rolled back, on its own
   * connection; directly when there is no transaction. Resolves when the entry is stored.
   */
  function auditOutsideTransaction(entry: Parameters<typeof audit>[0]): Promise<void> {
    const write = (): Promise<void> => audit(entry).catch((e) => {
      strapi.log.error(`[审核发布] 审核记录写入失败：${e?.message ?? e}`);
    });
    if (!strapi.db.inTransaction()) return write();
    return new Promise<void>((resolve) => {
      let done = false;
      const once = () => {
        if (done) return;
        done = true;
        // outside the finished transaction's async context (its store no longer holds the transaction)
        setImmediate(() => { write().then(resolve); });
      };
      strapi.db.transaction(({ onCommit, onRollback }: any) => {
        onCommit(once);
        onRollback(once);
      });
    });
  }

  function emitStageChange(uid: string, documentId: string, from: string, to: string, action: string, actor: Actor, comment?: string | null) {
    const payload = { uid, documentId, from, to, fromName: stageName(uid, from), toName: stageName(uid, to), action, actor, comment: comment ?? null };
    strapi.eventHub.emit(EVENTS.stageChange, payload);
    notifyNextStage(uid, documentId, to).catch((e) => strapi.log.warn(`[审核发布] 邮件通知失败：${e?.message ?? e}`));
  }

  async function notifyNextStage(uid: string, documentId: string, stageKey: string) {
    if (!config().notifyByEmail) return;
    const provider = strapi.config.get('plugin::email.provider');
    if (!provider || provider === 'sendmail') return; // only with a configured provider
    const wf = workflowFor(uid)!;
    const stage = stageOf(wf, stageKey);
    if (!stage.roles.length) return;
    const users = await strapi.db.query('admin::user').findMany({ where: { roles: { code: { $in: stage.roles } }, isActive: true }, select: ['email'] });
    for (const u of users as any[]) {
      await strapi.plugin('email').service('email').send({
        to: u.email,
        subject: `【待审核】${stage.name}`,
        text: `有一份文档（${uid} ${documentId}）进入“${stage.name}”阶段，请登录管理后台处理。`,
      });
    }
  }

  const actorRoles = (actor: Actor) => actor.roles;
  const isSuperAdmin = (actor: Actor) => actor.roles.includes(SUPER_ADMIN);
  const mayActAt = (actor: Actor, stage: StageConfig) => isSuperAdmin(actor) || stage.roles.some((r) => actorRoles(actor).includes(r));

  /** Whether the row's guard lets the actor act on the document (super admins pass the role guards, never `submitter`). */
  function guardPasses(t: Transition, actor: Actor, stage: StageConfig, state: ReviewState): boolean {
    switch (t.guard) {
      case 'submit-role': return isSuperAdmin(actor) || config().submitRoles.some((r) => actor.roles.includes(r));
      case 'stage-role': return mayActAt(actor, stage);
      case 'submitter': return actor.id !== null && actor.id === state.submittedById;
    }
  }
  const fourEyesBlocks = (t: Transition, actor: Actor, state: ReviewState) =>
    t.fourEyes && config().fourEyes && actor.id !== null && actor.id === state.submittedById;

  /** Where the document stands in its workflow: the current stage's index (-1 when unknown), the publish stage's, and the current stage (the first when unknown). */
  function positionOf(wf: WorkflowConfig, stageKey: string) {
    const index = wf.stages.findIndex((s) => s.key === stageKey);
    const publishIndex = wf.stages.findIndex((s) => s.key === wf.publishStage);
    return { index, publishIndex, stage: wf.stages[Math.max(index, 0)] };
  }

  /** Actions the actor may take now (for the admin panel): the rows whose stage span, guard and four-eyes rule allow it, in the table's order. */
  function allowedActions(uid: string, state: ReviewState, actor: Actor): ReviewAction[] {
    const { index, publishIndex, stage } = positionOf(workflowFor(uid)!, state.stage);
    return TRANSITIONS
      .filter((t) => spanRefusal(t, index, publishIndex) === null && guardPasses(t, actor, stage, state) && !fourEyesBlocks(t, actor, state))
      .map((t) => t.action);
  }

  /** Back to the first stage: the submission and approvals no longer count. */
  const backToDraft = (state: ReviewState, wf: WorkflowConfig) =>
    Object.assign(state, { stage: wf.stages[0].key, approvedHash: null, approvals: [], submittedHash: null });

  async function ensureDocument(uid: string, documentId: string) {
    if (!isReviewed(uid)) throw new errors.NotFoundError(`内容类型 ${uid} 未启用审核流程`);
    const hash = await draftHash(strapi, uid, documentId);
    if (!hash) throw new errors.NotFoundError('文档不存在或没有草稿');
    return hash;
  }

  /** 站群: an actor acts only on documents of their organisations (plugins/site-groups; routes check it first). */
  async function assertInScope(actor: Actor, uid: string, documentId: string) {
    if (actor.id === null || actor.roles.includes(SUPER_ADMIN)) return;
    const scope = await scopeOfUser(strapi, { id: actor.id });
    const orgIds = await documentOrganizationIds(strapi, uid, documentId);
    if (orgIds !== undefined && !documentInScope(scope, orgIds)) throw new ForbiddenActionError('该文档属于其他机构，您无权审核');
  }

  async function act(uid: string, documentId: string, actor: Actor, input: { action: ReviewAction; comment?: string; checklist?: Partial<Record<ChecklistKey, boolean>> }) {
    const hash = await ensureDocument(uid, documentId);
    await assertInScope(actor, uid, documentId);
    const wf = workflowFor(uid)!;
    const state = await getState(uid, documentId);
    const from = state.stage;
    const { index, publishIndex, stage } = positionOf(wf, from);
    const now = new Date().toISOString();
    let checksResult: any = null;
    const comment = input.comment?.trim() || null;
    const t = transitionOf(input.action) ?? fail(`未知操作“${String((input as any).action)}”`);

    // the guards, in the table's order
    const outOfSpan = spanRefusal(t, index, publishIndex);
    if (outOfSpan) fail(t.refusals[outOfSpan]!(stage.name));
    if (!guardPasses(t, actor, stage, state)) throw new ForbiddenActionError(t.refusals.guard(stage.name));
    if (fourEyesBlocks(t, actor, state)) throw new ForbiddenActionError(FOUR_EYES_REFUSAL);
    if (t.sameDraft && state.submittedHash !== hash) fail(CHANGED_SINCE_SUBMIT_REFUSAL);
    const withChecklist = t.checklist && !!stage.checklist;
    if (withChecklist) {
      const cl = input.checklist ?? {};
      const missing = (Object.keys(SECRECY_CHECKLIST) as ChecklistKey[]).filter((k) => cl[k] !== true);
      if (missing.length) fail(`保密审查须逐项确认：${missing.map((k) => SECRECY_CHECKLIST[k]).join('、')}`, 'checklist');
    }
    if (t.commentRequired && !comment) fail(t.refusals.comment!, 'comment');
    if (t.checks) {
      checksResult = await strapi.plugin('review-workflow').service('checks').runOnDraft(uid, documentId);
      state.lastChecks = checksResult;
      if (t.checks === 'gate' && checksResult?.blocking) {
        await saveState(state);
        const blocking = checksResult.findings.filter((f: any) => f.severity === 'blocking');
        throw validationFailure(blocking.map((f: any) => errorItem([f.field], f.message)), {
          message: `送审前检查未通过：${blocking[0].message}（共 ${blocking.length} 项须修改）`,
          details: { findings: checksResult.findings },
        });
      }
    }

    // the state change
    if (t.records === 'submission') Object.assign(state, { submittedById: actor.id, submittedAt: now, submittedHash: hash, approvedHash: null, approvals: [] });
    if (t.records === 'approval') {
      state.approvals.push({ stage: stage.key, by: actor.id, byName: actor.name, at: now, hash, ...(withChecklist ? { checklist: input.checklist as Record<string, boolean> } : {}) });
    }
    if (t.to === 'next') {
      state.stage = wf.stages[Math.max(index, 0) + 1]?.key ?? wf.publishStage;
      if (t.records === 'approval' && state.stage === wf.publishStage) state.approvedHash = hash;
    } else backToDraft(state, wf);
    state.stageEnteredAt = now;
    await saveState(state);

    // the side effects
    await audit({ uid, documentId, actor, action: t.audit, from, to: state.stage, comment, hash, checks: checksResult ? summarise(checksResult) : null, checklist: withChecklist ? input.checklist : null });
    emitStageChange(uid, documentId, from, state.stage, t.action, actor, comment);
    return describe(uid, documentId, actor);
  }

  function summarise(result: any) {
    return { blocking: result.blocking, findings: (result.findings ?? []).map((f: any) => ({ check: f.check, severity: f.severity, field: f.field, start: f.start, end: f.end, message: f.message })) };
  }

  async function history(uid: string, documentId: string) {
    return strapi.db.query(AUDIT_UID as any).findMany({ where: { targetUid: uid, targetDocumentId: documentId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
  }

  async function describe(uid: string, documentId: string, actor?: Actor) {
    const state = await getState(uid, documentId);
    const wf = workflowFor(uid)!;
    const hash = await draftHash(strapi, uid, documentId);
    return {
      uid, documentId, stage: state.stage, stageName: stageOf(wf, state.stage).name, stageColor: stageOf(wf, state.stage).color,
      stages: wf.stages.map(({ key, name, color, checklist }) => ({ key, name, color, checklist: !!checklist })),
      publishStage: wf.publishStage, approvedHash: state.approvedHash, currentHash: hash,
      publishable: state.stage === wf.publishStage && !!state.approvedHash && state.approvedHash === hash,
      submittedById: state.submittedById, submittedAt: state.submittedAt, approvals: state.approvals,
      checks: state.lastChecks, history: await history(uid, documentId),
      publication: await publicationOf(uid, documentId, state),
      actions: actor ? allowedActions(uid, state, actor) : [],
      checklistItems: SECRECY_CHECKLIST,
    };
  }

  /** Why a publish must be refused (Chinese), or null when the draft is approved as it is. */
  async function publishRefusal(uid: string, documentId: string): Promise<string | null> {
    const wf = workflowFor(uid)!;
    const state = await getState(uid, documentId);
    const hash = await draftHash(strapi, uid, documentId);
    if (!hash) return null; // nothing to publish: let Strapi answer
    const publishStage = stageOf(wf, wf.publishStage);
    if (state.stage !== wf.publishStage || !state.approvedHash) {
      const remaining = wf.stages.slice(Math.max(1, wf.stages.findIndex((s) => s.key === state.stage))).filter((s) => s.key !== wf.publishStage).map((s) => s.name);
      return `未经审核批准的信息不得发布：当前处于“${stageOf(wf, state.stage).name}”阶段，须依次完成${remaining.length ? remaining.join('、') : '送审'}并到达“${publishStage.name}”`;
    }
    if (state.approvedHash !== hash) return '稿件在审核通过后被修改，审核已失效，须重新送审';
    const checks = await strapi.plugin('review-workflow').service('checks').runOnDraft(uid, documentId);
    const first = checks?.findings.find((f: any) => f.severity === 'blocking' && !SUBMIT_ONLY_CHECKS.includes(f.check));
    if (first) return `发布前检查未通过：${first.message}`;
    return null;
  }

  /** After a draft change: any change to reviewed content sends the document back to 拟稿. */
  async function onDraftChanged(uid: string, documentId: string, actor: Actor) {
    const state = await getState(uid, documentId);
    if (!state.id) return;
    const wf = workflowFor(uid)!;
    if (state.stage === wf.stages[0].key) return;
    const reference = state.approvedHash ?? state.submittedHash;
    const hash = await draftHash(strapi, uid, documentId);
    if (!hash || hash === reference) return;
    const from = state.stage;
    backToDraft(state, wf).stageEnteredAt = new Date().toISOString();
    await saveState(state);
    await audit({ uid, documentId, actor, action: 'invalidate', from, to: state.stage, comment: '稿件在送审或审核通过后被修改，审核失效，退回拟稿', hash });
    emitStageChange(uid, documentId, from, state.stage, 'invalidate', actor);
  }

  /**
   * Audited approval for content migrated from a legacy system (or demo/test data) that was reviewed
   * there: records the current draft as approved at the publish stage. Server-side only, never a route.
   */
  async function approveForImport(uid: string, documentId: string, opts: { comment?: string; actor?: Actor } = {}) {
    const hash = await ensureDocument(uid, documentId);
    const wf = workflowFor(uid)!;
    const state = await getState(uid, documentId);
    const from = state.stage;
    const actor = opts.actor ?? { id: null, name: '系统导入', roles: [] };
    Object.assign(state, { stage: wf.publishStage, approvedHash: hash, submittedHash: hash, stageEnteredAt: new Date().toISOString() });
    state.approvals = [...state.approvals, { stage: 'import', by: actor.id, byName: actor.name, at: new Date().toISOString(), hash }];
    await saveState(state);
    await audit({ uid, documentId, actor, action: 'import-approve', from, to: state.stage, comment: opts.comment ?? '迁移数据：已在原系统审核', hash });
  }

  /** 撤稿 with a reason, through the Document Service (so the middleware audits it). */
  async function unpublish(uid: string, documentId: string, actor: Actor, reason: string) {
    if (!isReviewed(uid)) throw new errors.NotFoundError(`内容类型 ${uid} 未启用审核流程`);
    if (!reason?.trim()) fail('撤稿须填写理由', 'reason');
    return reviewContext.run({ unpublishReason: reason.trim(), actor }, () => (strapi.documents(uid as any) as any).unpublish({ documentId }));
  }

  /**
   * Documents waiting for the actor's roles, oldest first: one SQL query per reviewed type, filtered by the
   * stages the actor may act at and by the actor's organisations (never after loading).
   */
  async function inbox(actor: Actor, scope: OrgScope) {
    const knex: any = strapi.db.connection;
    const q = (id: string) => `"${id.replace(/"/g, '""')}"`;
    const stateMeta: any = strapi.db.metadata.get(STATE_UID as any);
    const waiting: any[] = [];
    for (const uid of Object.keys(config().contentTypes ?? {})) {
      const wf = workflowFor(uid);
      if (!wf) continue;
      // the stages where a row guarded by the stage's roles applies and the actor holds one of them
      const publishIndex = wf.stages.findIndex((s) => s.key === wf.publishStage);
      const waitsAt = (i: number) => TRANSITIONS.some((t) => t.guard === 'stage-role' && spanRefusal(t, i, publishIndex) === null);
      const stages = wf.stages.filter((s, i) => waitsAt(i) && mayActAt(actor, s)).map((s) => s.key);
      if (!stages.length) continue;
      const meta: any = strapi.db.metadata.get(uid as any);
      const link = meta.attributes.organization?.joinTable;
      const bindings: unknown[] = [uid, ...stages];
      let where = `s.target_uid = ? AND s.stage IN (${stages.map(() => '?').join(',')})
        AND NOT (s.stage = ? AND s.approved_hash IS NOT NULL AND COALESCE(s.published_hash, '') = s.approved_hash)`;
      bindings.push(wf.publishStage);
      if (!scope.all) {
        if (!link) continue;
        where += ` AND EXISTS (SELECT 1 FROM ${q(meta.tableName)} d JOIN ${q(link.name)} l ON l.${q(link.joinColumn.name)} = d.id
          WHERE d.document_id = s.target_document_id AND l.${q(link.inverseJoinColumn.name)} IN (${sqlIdList(scope.ids)}))`;
      }
      const res = await knex.raw(`SELECT s.target_uid AS uid, s.target_document_id AS "documentId", s.stage AS stage, s.stage_entered_at AS since, s.submitted_by_id AS "submittedById"
        FROM ${q(stateMeta.tableName)} s WHERE ${where}`, bindings);
      waiting.push(...(Array.isArray(res) ? res : res.rows));
    }
    const epoch = (v: unknown) => (v === null || v === undefined ? Number.MAX_SAFE_INTEGER : typeof v === 'number' ? v : new Date(String(v)).getTime());
    waiting.sort((a, b) => epoch(a.since) - epoch(b.since));
    const now = Date.now();
    // one query per content type for the titles (no N+1)
    const titles = new Map<string, string>();
    const byUid = new Map<string, string[]>();
    for (const r of waiting) byUid.set(r.uid, [...(byUid.get(r.uid) ?? []), r.documentId]);
    for (const [uid, ids] of byUid) {
      const docs: any[] = await strapi.db.query(uid as any).findMany({ where: { documentId: { $in: ids } }, select: ['documentId', 'title'] });
      for (const d of docs) titles.set(`${uid}:${d.documentId}`, d.title);
    }
    return waiting.map((r) => {
      const wf = workflowFor(r.uid)!;
      const stage = stageOf(wf, r.stage);
      const since = r.since === null || r.since === undefined ? null : new Date(typeof r.since === 'number' ? r.since : String(r.since)).toISOString();
      return {
        uid: r.uid, documentId: r.documentId, title: titles.get(`${r.uid}:${r.documentId}`) ?? null,
        stage: stage.key, stageName: stage.name, since,
        ageHours: since ? Math.floor((now - new Date(since).getTime()) / 3600000) : null,
        submittedByMe: r.submittedById !== null && Number(r.submittedById) === actor.id,
      };
    });
  }

  /**
   * Called by the middleware after a successful publish / unpublish. 撤稿 (unpublish) also sends the document back
   * to 拟稿: the approval is spent, republication needs the whole review again. Returns the stage before.
   */
  async function markPublished(uid: string, documentId: string, published: boolean, actor?: Actor): Promise<string | null> {
    const state = await getState(uid, documentId);
    if (!state.id) return null;
    const from = state.stage;
    state.publishedHash = published ? state.approvedHash : null;
    if (!published) {
      const wf = workflowFor(uid)!;
      backToDraft(state, wf).stageEnteredAt = new Date().toISOString();
    }
    await saveState(state);
    if (!published && actor && from !== state.stage) emitStageChange(uid, documentId, from, state.stage, 'unpublish', actor);
    return from;
  }

  /** The publication part of the stage label (transitions.ts `publicationState`). */
  async function publicationOf(uid: string, documentId: string, state: ReviewState) {
    const wf = workflowFor(uid)!;
    const row: any = await strapi.db.query(uid as any).findOne({ where: { documentId, publishedAt: { $notNull: true } }, select: ['publishedAt'] });
    const st = publicationState({ published: !!row, stage: state.stage, publishStage: wf.publishStage, approvedHash: state.approvedHash, publishedHash: state.publishedHash });
    const publishedAt = row?.publishedAt ? new Date(row.publishedAt).toISOString() : null;
    return { state: st, label: st ? PUBLICATION_LABELS[st] : null, publishedAt };
  }

  return { auditOutsideTransaction, markPublished, publicationOf, assertInScope, workflowFor, isReviewed, getState, act, describe, history, publishRefusal, onDraftChanged, approveForImport, unpublish, inbox, audit, stageName };
};
