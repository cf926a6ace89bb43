import type { Core } from '@strapi/strapi';
import { ensureSecurityLog } from './log';
// security log and 三员分立
import { logController, logRoutes } from './log-routes';
import { securityLogHooks } from './log-hooks';
import { logConfigDefaults, validateLogConfig } from './log-config';
import { schedulePurge } from './purge';
import { superAdminRestriction } from './roles';
// authentication (auth/)
import { authController, authRoutes, bootstrapAuth, registerAuth } from './auth';

/**
 * 安全管理 (等保 2.0 baseline, README.md in this folder): the security log (log.ts) and, built on it,
 * identification and authentication (auth/), 三员分立 (roles.ts) and the log's routes and admin page.
 * Settings: log.* and restrictSuperAdmin (log-config.ts, validated here), password.*, lockout.*, totp.*
 * (auth/settings.ts, validated in registerAuth).
 */
export default {
  async register({ strapi }: { strapi: Core.Strapi }) {
    await (strapi.service('admin::permission') as any).actionProvider.registerMany([
      { section: 'plugins', displayName: '查看安全审计日志', uid: 'log.read', pluginName: 'security' },
    ]);
    // authentication (auth/): password policy on every path, lock-out on /admin/login, the session gate
    registerAuth(strapi);
    // security log and 三员分立: super admins refused once the three roles are staffed (setting), then the recording hooks
    strapi.server.use(superAdminRestriction(strapi));
    strapi.server.use(securityLogHooks(strapi));
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureSecurityLog(strapi);
    await bootstrapAuth(strapi);
    schedulePurge(strapi); // the 三员分立 roles are seeded from src/index.ts (after the admin module's actions)
  },
  config: { default: logConfigDefaults, validator: validateLogConfig },
  routes: { admin: { type: 'admin', routes: [...logRoutes, ...authRoutes] } },
  controllers: { log: logController, auth: authController },
};
