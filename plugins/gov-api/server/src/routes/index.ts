/**
 * Content-API routes under /api/gov/v1 (prefix /gov/v1 below Strapi's /api), public and read-only
 * (auth: false), generated from the route table.
 */
import { ROUTE_PREFIX } from '../constants';
import { ROUTES } from './table';

export default {
  'content-api': {
    type: 'content-api',
    prefix: ROUTE_PREFIX,
    routes: ROUTES.map((r) => ({
      method: 'GET',
      path: r.path,
      handler: `api.${r.action}`,
      config: { auth: false },
    })),
  },
};
