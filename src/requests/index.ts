/**
 * 依申请公开 on the legal clock (issue 5): working-day calendar with overrides, events and the due
 * date, disputes, 表三/表四 aggregation, reply letters, public submission and status query.
 * Wired from the disclosure-request API's lifecycles (src/api/disclosure-request/index.ts).
 */
import type { Core } from '@strapi/strapi';
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

async function configureContentManager(strapi: Core.Strapi): Promise<void> {
  const service = strapi.plugin('content-manager')?.service('content-types') as any;
  const contentType = strapi.contentType(REQUEST_UID as any);
  if (!service || !contentType) return;
  const conf = await service.findConfiguration(contentType);
  if (!conf?.metadatas) return;
  let changed = false;
  for (const field of READ_ONLY) {
    const edit = conf.metadatas[field]?.edit;
    if (edit && edit.editable !== false) {
      edit.editable = false;
      changed = true;
    }
  }
  for (const field of HIDDEN) {
    const edit = conf.metadatas[field]?.edit;
    if (edit && (edit.visible !== false || edit.editable !== false)) {
      edit.visible = false;
      edit.editable = false;
      changed = true;
    }
    const list = conf.metadatas[field]?.list;
    if (list && list.searchable !== false) {
      list.searchable = false;
      list.sortable = false;
      changed = true;
    }
  }
  if (conf.layouts && JSON.stringify(conf.layouts.list) !== JSON.stringify(LIST)) {
    conf.layouts.list = LIST;
    changed = true;
  }
  if (conf.layouts?.edit) {
    const rows = (conf.layouts.edit as Array<Array<{ name: string }>>).map((row) => row.filter((c) => !HIDDEN.includes(c.name))).filter((row) => row.length);
    if (JSON.stringify(rows) !== JSON.stringify(conf.layouts.edit)) {
      conf.layouts.edit = rows;
      changed = true;
    }
  }
  if (changed) await service.updateConfiguration(contentType, { settings: conf.settings, metadatas: conf.metadatas, layouts: conf.layouts });
}

export async function bootstrapRequests(strapi: Core.Strapi): Promise<void> {
  // applicant data encrypted at rest (src/requests/personal-data/store.ts), rows from before encrypted now
  subscribePersonalData(strapi);
  await migratePlaintextPersonalData(strapi);
  scheduleRetentionJob(strapi);
  await configureContentManager(strapi);
  await rateLimitsReady(strapi); // gov_rate_limits (public routes' shared token buckets)
  // The calendar may have changed since the last boot (chinese-days updated, config/requests.ts edited).
  try {
    await recomputeDeadlines(strapi, { scope: 'open' });
  } catch (e: any) {
    strapi.log.warn(`[依申请公开] 启动时重新核算暂定答复期限失败：${String(e?.message ?? e)}`);
  }
}
