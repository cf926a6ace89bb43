import { guard } from '../../../../site-groups/server/src/authz';

const read = guard({ permission: 'plugin::sync.read', scope: { none: '推送目标（网址已脱敏）与投递记录只涉及已公开的信息' } });
const manage = guard({ permission: 'plugin::sync.manage', scope: { all: '推送目标决定把哪些机构的公开信息发往何处' } });

/**
 * Content-API routes. /api/gov/v1/changes authenticates itself (API token with the change-feed scope:
 * 401 without a valid token, 403 without the scope), so Strapi's own route auth is off for it.
 * Admin routes under /sync (admin JWT): reading needs plugin::sync.read, writes plugin::sync.manage and the
 * scope of all organisations (plugins/site-groups/server/src/authz.ts).
 */
export default {
  'content-api': {
    type: 'content-api',
    routes: [
      { method: 'GET', path: '/gov/v1/changes', handler: 'changes.find', config: { auth: false, prefix: '' } },
    ],
  },
  admin: {
    type: 'admin',
    routes: [
      { method: 'GET', path: '/targets', handler: 'targets.find', config: read },
      { method: 'POST', path: '/targets', handler: 'targets.create', config: manage },
      { method: 'GET', path: '/targets/:key', handler: 'targets.findOne', config: read },
      { method: 'PUT', path: '/targets/:key', handler: 'targets.update', config: manage },
      { method: 'DELETE', path: '/targets/:key', handler: 'targets.delete', config: manage },
      { method: 'GET', path: '/targets/:key/deliveries', handler: 'targets.deliveries', config: read },
      { method: 'GET', path: '/targets/:key/dead-letters', handler: 'targets.deadLetters', config: read },
      { method: 'POST', path: '/targets/:key/replay', handler: 'targets.replay', config: manage },
      { method: 'POST', path: '/targets/:key/skip', handler: 'targets.skip', config: manage },
    ],
  },
};
