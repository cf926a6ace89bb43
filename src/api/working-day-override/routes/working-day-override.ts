import { factories } from '@strapi/strapi';

/** Standard REST routes (closed to the Public role; edited in the admin under 内容管理 → 工作日调整). */
export default factories.createCoreRouter('api::working-day-override.working-day-override');
