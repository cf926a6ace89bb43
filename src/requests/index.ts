/**
 * 依申请公开 on the legal clock (issue 5): working-day calendar with overrides, events and the due
 * date, disputes, 表三/表四 aggregation, reply letters, public submission and status query.
 * Wired from the disclosure-request API's lifecycles (src/api/disclosure-request/index.ts).
 */
import type { Core } from '@strapi/strapi';
import { configureContentManager } from '../foundation/content-manager-layout';
import { registerRequestAdminRoutes } from './admin-routes';
import { checkConfig, REQUEST_UID } from './config';
import { recomputeDeadlines } from './recompute';
import { rateLimitsReady } from './rate-limit';
import { checkTrustedProxies } from '../foundation/client-ip';
import { REVEAL_ACTIONS } from './personal-data/access';
import { subscribePersonalData } from './personal-data/store';
import { migratePlaintextPersonalData } from './personal-data/migrate';
import { scheduleRetentionJob } from './personal-data/retention';

export async function registerRequests(strapi: Core.Strapi): Promise<void> {
  checkConfig(strapi);
  checkTrustedProxies(strapi);
  registerRequestAdminRoutes(strapi);
  // 查看未脱敏的申请人个人信息 (src/requests/personal-data/access.ts); the super admin holds it like every action
  await (strapi.service('admin::permission') as any).actionProvider.registerMany(REVEAL_ACTIONS);
}

/** Computed fields are shown read-only in the Content Manager; the query-code hash is hidden. */
const READ_ONLY = ['dueDate', 'dueDateProvisional', 'dueDateHistory', 'trackingNo'];
const HIDDEN = ['queryCodeHash'];
const LIST = ['trackingNo', 'organization', 'receivedDate', 'handlingStatus', 'dueDate', 'dueDateProvisional'];

async function configureRequestLayout(strapi: Core.Strapi): Promise<void> {
  await configureContentManager(strapi, REQUEST_UID, { readOnly: READ_ONLY, hidden: HIDDEN, list: LIST });
}

export async function bootstrapRequests(strapi: Core.Strapi): Promise<void> {
  // applicant data encrypted at rest (src/requests/personal-data/store.ts), rows from before encrypted now
  subscribePersonalData(strapi);
  await migratePlaintextPersonalData(strapi);
  scheduleRetentionJob(strapi);
  await configureRequestLayout(strapi);
  await rateLimitsReady(strapi); // gov_rate_limits (public routes' shared token buckets)
  // The calendar may have changed since the last boot (chinese-days updated, config/requests.ts edited).
  try {
    await recomputeDeadlines(strapi, { scope: 'open' });
  } catch (e: any) {
    strapi.log.warn(`[依申请公开] 启动时重新核算暂定答复期限失败：${String(e?.message ?? e)}`);
  }
}
