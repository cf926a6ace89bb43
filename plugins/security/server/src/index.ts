import type { Core } from '@strapi/strapi';
import { ensureSecurityLog } from './log';
// security log and 三员分立
import { logController, logRoutes } from './log-routes';
import { securityLogHooks } from './log-hooks';
import { logConfigDefaults, validateLogConfig } from './log-config';
import { schedulePurge } from './purge';
import { superAdminRestriction } from './roles';
// end security log and 三员分立

/**
 * 安全管理 (等保 2.0 baseline, README.md in this folder): the security log (log.ts) and, built on it,
 * identification and authentication, 三员分立 and the log's admin page.
 */
export default {
  async register({ strapi }: { strapi: Core.Strapi }) {
    await (strapi.service('admin::permission') as any).actionProvider.registerMany([
      { section: 'plugins', displayName: '查看安全审计日志', uid: 'log.read', pluginName: 'security' },
    ]);
    // security log and 三员分立: super admins refused once the three roles are staffed (setting), then the recording hooks
    strapi.server.use(superAdminRestriction(strapi));
    strapi.server.use(securityLogHooks(strapi));
    // end security log and 三员分立
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureSecurityLog(strapi);
    // security log and 三员分立
    schedulePurge(strapi); // the 三员分立 roles are seeded from src/index.ts (after the admin module's actions)
    // end security log and 三员分立
  },
  // security log and 三员分立: log.retentionDays (≥ 180), log.purgeCron, restrictSuperAdmin (log-config.ts)
  config: { default: logConfigDefaults, validator: validateLogConfig },
  routes: { admin: { type: 'admin', routes: [...logRoutes] } },
  controllers: { log: logController },
};
