import { getFetchClient, isFetchError } from '@strapi/strapi/admin';

/**
 * Shapes of the plugin's admin routes (server/src/routes/index.ts, services/workflow.ts `describe()`).
 * Kept by hand, except the workflow's transition table and action names: pure modules without Strapi code
 * (server/src/transitions.ts, server/src/constants.ts), shared with the server.
 */
import type { ReviewAction } from '../../server/src/constants';
export type { ReviewAction };
export { TRANSITIONS, transitionOf, type Transition } from '../../server/src/transitions';
export type ChecklistKey = 'noStateSecret' | 'noCommercialSecret' | 'noPersonalPrivacy' | 'noOtherUnsuitable';
export type Checklist = Partial<Record<ChecklistKey, boolean>>;

export const CHECKLIST_KEYS: ChecklistKey[] = ['noStateSecret', 'noCommercialSecret', 'noPersonalPrivacy', 'noOtherUnsuitable'];

export interface Stage {
  key: string;
  name: string;
  color: string;
  checklist: boolean;
}

export interface Finding {
  check: string;
  severity: 'blocking' | 'warning';
  field: string;
  start: number;
  end: number;
  snippet?: string;
  message: string;
  suggestion?: string;
}

export interface CheckResult {
  findings: Finding[];
  blocking: boolean;
  durationMs?: number;
  truncated?: Record<string, number>;
}

export interface AuditEntry {
  id: number;
  actorId: number | null;
  actorName: string | null;
  actorRoles: string[] | null;
  action: string;
  fromStage: string | null;
  toStage: string | null;
  comment: string | null;
  contentHash: string | null;
  checklist: Checklist | null;
  at: string;
}

export interface Approval {
  stage: string;
  by: number | null;
  byName: string;
  at: string;
  hash: string;
  checklist?: Checklist;
}

/** GET /review-workflow/documents/:uid/:documentId (and the answer of every action). */
export interface ReviewState {
  uid: string;
  documentId: string;
  stage: string;
  stageName: string;
  stageColor: string;
  stages: Stage[];
  publishStage: string;
  approvedHash: string | null;
  currentHash: string | null;
  publishable: boolean;
  submittedById: number | null;
  submittedAt: string | null;
  approvals: Approval[];
  checks: CheckResult | null;
  history: AuditEntry[];
  actions: ReviewAction[];
  checklistItems: Record<ChecklistKey, string>;
  /** 已发布 / 已发布·有修改 (server transitions.ts `publicationState`); null when not published */
  publication?: { state: 'published' | 'published-changed' | null; label: string | null; publishedAt: string | null };
}

/** GET /review-workflow/config */
export interface ReviewConfig {
  contentTypes: Record<string, string>;
  workflows: Record<string, { stages: Array<Stage & { roles: string[] }>; publishStage: string }>;
  fourEyes: boolean;
  checklistItems: Record<ChecklistKey, string>;
}

/** GET /review-workflow/inbox */
export interface InboxEntry {
  uid: string;
  documentId: string;
  title: string | null;
  stage: string;
  stageName: string;
  since: string | null;
  ageHours: number | null;
  submittedByMe?: boolean;
}

/** GET /review-workflow/stages/:uid?documentIds=… */
export type StageMap = Record<string, { stage: string; stageName: string; color: string }>;

const enc = encodeURIComponent;
export const documentPath = (uid: string, documentId: string) => `/review-workflow/documents/${enc(uid)}/${enc(documentId)}`;
export const editViewPath = (uid: string, documentId: string) => `/content-manager/collection-types/${uid}/${documentId}`;

/** The Chinese message (and details) of a Strapi error answer. */
export function errorOf(error: unknown): { message: string; status?: number; paths: string[]; findings?: Finding[] } {
  if (isFetchError(error)) {
    const body = error.response?.data?.error as { message?: string; details?: { errors?: Array<{ path?: string[] }>; findings?: Finding[] } } | undefined;
    return {
      message: body?.message ?? error.message,
      status: error.status,
      paths: (body?.details?.errors ?? []).map((e) => (e.path ?? []).join('.')),
      findings: body?.details?.findings,
    };
  }
  return { message: error instanceof Error ? error.message : String(error), paths: [] };
}

/** Client calls used outside React components (the list-view cell batcher, the config cache). */
export const api = {
  config: async () => (await getFetchClient().get<ReviewConfig>('/review-workflow/config')).data,
  stages: async (uid: string, documentIds: string[]) =>
    (await getFetchClient().get<StageMap>(`/review-workflow/stages/${enc(uid)}`, { params: { documentIds: documentIds.join(',') } })).data,
};
