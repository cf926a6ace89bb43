import type { Core } from '@strapi/strapi';
import { ensureSecurityLog } from './log';
// authentication (auth/)
import { authController, authRoutes, bootstrapAuth, registerAuth } from './auth';

/**
 * 安全管理 (等保 2.0 baseline, README.md in this folder): the security log (log.ts) and, built on it,
 * identification and authentication, 三员分立 and the log's admin page.
 */
export default {
  async register({ strapi }: { strapi: Core.Strapi }) {
    await (strapi.service('admin::permission') as any).actionProvider.registerMany([
      { section: 'plugins', displayName: '查看安全审计日志', uid: 'log.read', pluginName: 'security' },
    ]);
    // authentication (auth/)
    registerAuth(strapi);
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureSecurityLog(strapi);
    // authentication (auth/)
    await bootstrapAuth(strapi);
  },
  config: { default: {}, validator: () => undefined },
  routes: { admin: { type: 'admin', routes: [/* authentication (auth/) */ ...authRoutes] } },
  controllers: { /* authentication (auth/) */ auth: authController },
};
