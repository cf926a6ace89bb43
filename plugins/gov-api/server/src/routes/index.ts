/**
 * Content-API routes under /api/gov/v1 (prefix /gov/v1 below Strapi's /api), public and read-only
 * (auth: false), generated from the route table; the admin routes of the search dictionary.
 */
import { ROUTE_PREFIX } from '../constants';
import { ROUTES } from './table';
import { guard } from '../../../../site-groups/server/src/authz';
import { DICTIONARY_ACTION } from '../admin/dictionary';

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
  /** Admin routes under /gov-api (admin JWT): the search dictionary (admin/dictionary.ts). */
  admin: {
    type: 'admin',
    routes: [
      { method: 'GET', path: '/dictionary', handler: 'dictionary.find', config: guard({ permission: DICTIONARY_ACTION, scope: { none: '检索词典只含检索用的词语，不含任何机构的数据' } }) },
      { method: 'PUT', path: '/dictionary', handler: 'dictionary.update', config: guard({ permission: DICTIONARY_ACTION, scope: { all: '检索词典决定所有机构公开内容的分词与检索' } }) },
    ],
  },
};
