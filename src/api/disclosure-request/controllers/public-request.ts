import type { Core } from '@strapi/strapi';
import { queryApplication, submitApplication } from '../../../requests/public';

/** Public 依申请公开 endpoints (routes/public.ts; no authentication, rate-limited per IP). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async submit(ctx: any) {
    const result = await submitApplication(strapi, ctx);
    ctx.status = 201;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: result };
  },

  async query(ctx: any) {
    const data = await queryApplication(strapi, ctx);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data };
  },
});
