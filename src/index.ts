import type { Core } from '@strapi/strapi';
import { registerDocumentPipeline } from './document-pipeline';
import { ensureSchema } from './foundation/schema';
import { applyAdminLabels } from './foundation/admin-labels';
import { ensureDemoAdmin } from './foundation/demo';
import { fillRenderedBodies, hideDerivedFields } from './foundation/rich-text-fields';
import { ensureAppRoles } from './foundation/roles';
import { scheduleLawStatusJob } from './foundation/law-status-job';
import { createCorsMiddleware } from './foundation/cors';
import { ensureTriadRoles } from '../plugins/security/server/src/roles';
import { configureContentManager } from './foundation/content-manager-layout';
import { UID } from './foundation/constants';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // every Document Service middleware of the platform, in one declared order (src/document-pipeline.ts)
    registerDocumentPipeline(strapi);
    // CORS (src/foundation/cors.ts): Strapi requires a middleware named strapi::cors in
    // config/middlewares.ts, so that name is kept and its implementation replaced.
    strapi.get('middlewares').extend('strapi::cors', () => createCorsMiddleware);
    // The reference portal (public/portal, served by strapi::public) loads its files by relative URL:
    // /portal → /portal/ (the router also matches /portal/ here, which goes on to the static files).
    strapi.server.routes([
      { method: 'GET', path: '/portal', handler: (ctx: any, next: () => Promise<void>) => (ctx.path === '/portal' ? ctx.redirect('/portal/') : next()), config: { auth: false } },
    ]);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureSchema(strapi);
    await applyAdminLabels(strapi);
    await hideDerivedFields(strapi);
    // 效力状态 is derived on every write (src/foundation/laws.ts): shown, not offered for editing
    await configureContentManager(strapi, UID.law, { readOnly: ['lawStatus'] });
    scheduleLawStatusJob(strapi);
    // after the plugins' bootstraps (their RBAC actions and the condition “属于本人所在机构” are registered)
    await ensureAppRoles(strapi);
    // security log and 三员分立: 系统管理员 / 安全管理员 / 审计管理员 — here, not in the plugin's bootstrap, because
    // Strapi's own admin:: actions (users, roles, settings) are registered by the admin module's bootstrap, after the plugins'
    await ensureTriadRoles(strapi);
    await ensureDemoAdmin(strapi);
    // bodyHtml / summaryHtml of rows written before issue 17 or by raw seeds (idempotent: only missing ones)
    const rendered = await fillRenderedBodies(strapi);
    // the public read model (plugins/gov-api read-model/store.ts): filled once on an existing database, after the
    // rows it serializes are complete; rebuilt when rows were just rendered behind the Document Service
    await (strapi.plugin('gov-api') as any).service('readModel').fillOnBoot(rendered > 0);
  },
};
