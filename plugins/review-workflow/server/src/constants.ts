/** Names used across the plugin (attributes, events, actions) — one place, no scattered strings. */
export const PLUGIN = 'review-workflow';
export const STATE_UID = 'plugin::review-workflow.review-state';
export const AUDIT_UID = 'plugin::review-workflow.audit-entry';

export const ACTIONS = ['submit', 'approve', 'reject', 'withdraw'] as const;
export type ReviewAction = (typeof ACTIONS)[number];

/** Audit actions: the four workflow actions plus what the system records. */
export type AuditAction = ReviewAction | 'publish' | 'unpublish' | 'invalidate' | 'import-approve' | 'delete' | 'publish-refused';

export const EVENTS = {
  stageChange: 'review-workflow.stage.change',
  published: 'review-workflow.published',
  unpublished: 'review-workflow.unpublished',
} as const;

// Role codes (the review roles', Super Admin's): src/foundation/role-codes.ts.

/** RBAC actions of the plugin (Settings → Roles → 插件): take part in review, read/export audit trails. */
export const ACTION_REVIEW = 'plugin::review-workflow.review';
export const ACTION_AUDIT_READ = 'plugin::review-workflow.audit.read';

/** The 保密审查 checklist (recorded with the approval at the secrecy stage). */
export const SECRECY_CHECKLIST = {
  noStateSecret: '不涉及国家秘密',
  noCommercialSecret: '不涉及商业秘密',
  noPersonalPrivacy: '不涉及个人隐私',
  noOtherUnsuitable: '不涉及其他不宜公开的内容',
} as const;
export type ChecklistKey = keyof typeof SECRECY_CHECKLIST;
