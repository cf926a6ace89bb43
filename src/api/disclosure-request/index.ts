import type { Core } from '@strapi/strapi';
import { bootstrapRequests, registerRequests } from '../../requests';

/**
 * API-level lifecycles (Strapi runs register/bootstrap of every API module): the 依申请公开 admin
 * routes, document hooks and boot-time checks live in src/requests/.
 */
export default {
  async register({ strapi }: { strapi: Core.Strapi }) {
    await registerRequests(strapi);
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await bootstrapRequests(strapi);
  },
};
