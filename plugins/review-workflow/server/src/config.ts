import { REVIEW_ROLE_CODES as ROLE_CODES } from '../../../../src/foundation/role-codes';
import { UID } from '../../../../src/foundation/constants';

export interface StageConfig {
  key: string;
  name: string;
  color: string;
  /** admin role codes that may act (approve/reject) at this stage; super admins always may */
  roles: string[];
  /** this stage records the 保密审查 checklist with its approval */
  checklist?: boolean;
}

export interface WorkflowConfig {
  stages: StageConfig[];
  /** the stage a document must have reached (with an unchanged draft) to be published */
  publishStage: string;
}

export interface ReviewWorkflowConfig {
  /** content types under review → workflow name */
  contentTypes: Record<string, string>;
  workflows: Record<string, WorkflowConfig>;
  /** the person who submitted a version cannot approve it at any stage */
  fourEyes: boolean;
  /** roles whose members may submit (送审) */
  submitRoles: string[];
  /** check severities and dictionaries (see server/src/checks) */
  checks: {
    severity?: Record<string, 'blocking' | 'warning' | 'off'>;
    sensitiveWordsFile?: string;
    typosFile?: string;
    allowedExtensions?: string[];
  };
  /** e-mail the next stage's reviewers when an e-mail provider is configured */
  notifyByEmail: boolean;
}

export const DEFAULT_WORKFLOW: WorkflowConfig = {
  stages: [
    { key: 'draft', name: '拟稿', color: '#8c8c8c', roles: [ROLE_CODES.drafter] },
    { key: 'deptReview', name: '部门初审', color: '#1677ff', roles: [ROLE_CODES.deptReviewer] },
    { key: 'secrecyReview', name: '保密审查', color: '#fa8c16', roles: [ROLE_CODES.secrecyReviewer], checklist: true },
    { key: 'leaderSignoff', name: '领导签发', color: '#722ed1', roles: [ROLE_CODES.leader] },
    { key: 'readyToPublish', name: '待发布', color: '#52c41a', roles: [ROLE_CODES.leader] },
  ],
  publishStage: 'readyToPublish',
};

export const defaultConfig: ReviewWorkflowConfig = {
  contentTypes: {
    [UID.item]: 'default',
    [UID.law]: 'default',
    [UID.annualReport]: 'default',
  },
  workflows: { default: DEFAULT_WORKFLOW },
  fourEyes: true,
  submitRoles: [ROLE_CODES.drafter],
  checks: {},
  notifyByEmail: true,
};

export function validateConfig(config: ReviewWorkflowConfig) {
  for (const [uid, name] of Object.entries(config.contentTypes ?? {})) {
    const wf = config.workflows?.[name];
    if (!wf) throw new Error(`[review-workflow] ${uid} 使用的审核流程“${name}”未定义`);
    if (!wf.stages?.length) throw new Error(`[review-workflow] 审核流程“${name}”没有阶段`);
    const keys = wf.stages.map((s) => s.key);
    if (new Set(keys).size !== keys.length) throw new Error(`[review-workflow] 审核流程“${name}”的阶段键重复`);
    if (!keys.includes(wf.publishStage)) throw new Error(`[review-workflow] 审核流程“${name}”的发布阶段“${wf.publishStage}”不存在`);
  }
}

export default {
  default: defaultConfig,
  validator: validateConfig,
};
