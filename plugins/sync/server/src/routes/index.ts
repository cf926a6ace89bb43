const auth = { policies: ['admin::isAuthenticatedAdmin'] };

/**
 * Content-API routes. /api/gov/v1/changes authenticates itself (API token with the change-feed scope:
 * 401 without a valid token, 403 without the scope), so Strapi's own route auth is off for it.
 * Admin routes under /sync (admin JWT; writes need a super admin — see controllers/targets.ts).
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
      { method: 'GET', path: '/targets', handler: 'targets.find', config: auth },
      { method: 'POST', path: '/targets', handler: 'targets.create', config: auth },
      { method: 'GET', path: '/targets/:key', handler: 'targets.findOne', config: auth },
      { method: 'PUT', path: '/targets/:key', handler: 'targets.update', config: auth },
      { method: 'DELETE', path: '/targets/:key', handler: 'targets.delete', config: auth },
      { method: 'GET', path: '/targets/:key/deliveries', handler: 'targets.deliveries', config: auth },
      { method: 'GET', path: '/targets/:key/dead-letters', handler: 'targets.deadLetters', config: auth },
      { method: 'POST', path: '/targets/:key/replay', handler: 'targets.replay', config: auth },
      { method: 'POST', path: '/targets/:key/skip', handler: 'targets.skip', config: auth },
    ],
  },
};
