const auth = { policies: ['admin::isAuthenticatedAdmin'] };

/** Admin routes, mounted under /review-workflow (admin JWT). Documented in plugins/review-workflow/README.md. */
export default {
  admin: {
    type: 'admin',
    routes: [
      { method: 'GET', path: '/config', handler: 'review.config', config: auth },
      { method: 'GET', path: '/inbox', handler: 'review.inbox', config: auth },
      { method: 'GET', path: '/stages/:uid', handler: 'review.stages', config: auth },
      { method: 'GET', path: '/documents/:uid/:documentId', handler: 'review.get', config: auth },
      { method: 'POST', path: '/documents/:uid/:documentId/actions', handler: 'review.act', config: auth },
      { method: 'POST', path: '/documents/:uid/:documentId/checks', handler: 'review.runChecks', config: auth },
      { method: 'POST', path: '/documents/:uid/:documentId/unpublish', handler: 'review.unpublish', config: auth },
      { method: 'GET', path: '/documents/:uid/:documentId/audit', handler: 'review.exportAudit', config: auth },
    ],
  },
};
