/**
 * The editorial workflow as one table (after GOV.UK Whitehall's edition state table). Pure data, no Strapi
 * code: the server (services/workflow.ts: `allowedActions()`, `act()`) and the admin review panel
 * (admin/src/components/review) both read it.
 *
 *   action    from                          guard                                         to           audit
 *   submit    拟稿 (first stage)             submitRoles; checks without blocking findings  next stage   submit
 *   approve   a review stage before 待发布    the stage's roles, not the submitter (four     next stage   approve
 *                                           eyes), the draft as submitted, at 保密审查
 *                                           the full checklist
 *   reject    any review stage              the stage's roles, comment required            拟稿          reject
 *   withdraw  any review stage              the submitter                                  拟稿          withdraw
 *
 * Not actions a user takes (services/workflow.ts): an edit of the draft at any stage but 拟稿 goes back to
 * 拟稿 (audit `invalidate`); publishing needs 待发布 with an unchanged draft (the Document Service
 * middleware); migrated content is approved at 待发布 (`import-approve`).
 */
import type { AuditAction, ReviewAction } from './constants';

/**
 * Where a transition starts: `draft` the first stage (or an unknown stage, read as the first);
 * `review` any later stage; `review-before-publish` a later stage before the publish stage.
 */
export type StageSpan = 'draft' | 'review' | 'review-before-publish';

/** Who may take it: `submit-role` the configured submitRoles; `stage-role` the current stage's roles; `submitter` the person who submitted. Super admins pass the role guards, never `submitter`. */
export type TransitionGuard = 'submit-role' | 'stage-role' | 'submitter';

/** Where it leads: `next` the stage after the current one (the publish stage when there is none), `draft` back to the first stage. */
export type TransitionTarget = 'next' | 'draft';

export interface Transition {
  action: ReviewAction;
  from: StageSpan;
  guard: TransitionGuard;
  /** with `fourEyes` configured, refused to the person who submitted */
  fourEyes: boolean;
  /** only for the draft as it was submitted (unchanged content hash) */
  sameDraft: boolean;
  /** at a stage with `checklist`, every item of the 保密审查 checklist confirmed (and recorded) */
  checklist: boolean;
  /** a comment is required */
  commentRequired: boolean;
  /** the checks run on the draft: `gate` refuses on blocking findings, `record` only records them */
  checks: 'gate' | 'record' | null;
  to: TransitionTarget;
  /** what the state records besides the stage: a new submission, an approval, or nothing (back to the first stage clears both) */
  records: 'submission' | 'approval' | null;
  audit: AuditAction;
  /** Chinese refusals, in the order the guards are checked (`stage` is the current stage's name) */
  refusals: {
    /** not at a stage of `from` (400) */
    from: (stage: string) => string;
    /** `review-before-publish` only: already at the publish stage (400) */
    atPublishStage?: (stage: string) => string;
    /** the guard refuses (403) */
    guard: (stage: string) => string;
    /** `commentRequired` and no comment (400, on the comment field) */
    comment?: string;
  };
}

export const FOUR_EYES_REFUSAL = '四眼原则：送审人不能审核自己送审的稿件';
export const CHANGED_SINCE_SUBMIT_REFUSAL = '稿件在送审后被修改，须重新送审';

export const TRANSITIONS: readonly Transition[] = [
  {
    action: 'submit', from: 'draft', guard: 'submit-role', fourEyes: false, sameDraft: false, checklist: false, commentRequired: false,
    checks: 'gate', to: 'next', records: 'submission', audit: 'submit',
    refusals: {
      from: (stage) => `文档已在“${stage}”阶段，不能重复送审`,
      guard: () => '您的角色不能送审（需要“拟稿人”角色）',
    },
  },
  {
    action: 'approve', from: 'review-before-publish', guard: 'stage-role', fourEyes: true, sameDraft: true, checklist: true, commentRequired: false,
    checks: 'record', to: 'next', records: 'approval', audit: 'approve',
    refusals: {
      from: () => '文档尚未送审',
      atPublishStage: (stage) => `文档已到“${stage}”阶段，可以发布，无需再审核`,
      guard: (stage) => `您的角色不能在“${stage}”阶段审核`,
    },
  },
  {
    action: 'reject', from: 'review', guard: 'stage-role', fourEyes: false, sameDraft: false, checklist: false, commentRequired: true,
    checks: null, to: 'draft', records: null, audit: 'reject',
    refusals: {
      from: () => '文档尚未送审，无需退回',
      guard: (stage) => `您的角色不能在“${stage}”阶段退回`,
      comment: '退回须填写意见',
    },
  },
  {
    action: 'withdraw', from: 'review', guard: 'submitter', fourEyes: false, sameDraft: false, checklist: false, commentRequired: false,
    checks: null, to: 'draft', records: null, audit: 'withdraw',
    refusals: {
      from: () => '文档尚未送审，无需撤回',
      guard: () => '只有送审人可以撤回',
    },
  },
];

export const transitionOf = (action: string): Transition | undefined => TRANSITIONS.find((t) => t.action === action);

/** Where a stage index lies for the `from` column (`index` of the current stage, -1 when unknown; `publishIndex` of the publish stage). */
export function spanRefusal(t: Transition, index: number, publishIndex: number): 'from' | 'atPublishStage' | null {
  if (t.from === 'draft') return index > 0 ? 'from' : null;
  if (index <= 0) return 'from';
  if (t.from === 'review-before-publish' && index >= publishIndex) return 'atPublishStage';
  return null;
}

/**
 * What the stage label says about publication (the panel, the list column, the inbox): 已发布 for a published
 * document whose published version is the approved draft as it stands; 已发布·有修改 when a newer draft exists
 * (edited after publishing: back in review, the published version stays online until the new one is published).
 * 撤稿 (unpublish) sends the document back to 拟稿: republication needs the whole review again.
 */
export type PublicationState = 'published' | 'published-changed' | null;

export function publicationState(p: { published: boolean; stage: string; publishStage: string; approvedHash?: string | null; publishedHash?: string | null }): PublicationState {
  if (!p.published) return null;
  return p.stage === p.publishStage && !!p.approvedHash && p.approvedHash === p.publishedHash ? 'published' : 'published-changed';
}

export const PUBLICATION_LABELS: Record<Exclude<PublicationState, null>, string> = {
  published: '已发布',
  'published-changed': '已发布·有修改',
};
