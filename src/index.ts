import type { Core } from '@strapi/strapi';
import { registerDocumentMiddleware } from './foundation/document-middleware';
import { ensureSchema } from './foundation/schema';
import { applyAdminLabels } from './foundation/admin-labels';
import { ensureDemoAdmin } from './foundation/demo';
import { scheduleLawStatusJob } from './foundation/law-status-job';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerDocumentMiddleware(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureSchema(strapi);
    await applyAdminLabels(strapi);
    scheduleLawStatusJob(strapi);
    await ensureDemoAdmin(strapi);
  },
};
