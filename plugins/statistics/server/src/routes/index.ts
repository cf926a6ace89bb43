const auth = { policies: ['admin::isAuthenticatedAdmin'] };

/** Admin routes under /statistics (admin JWT). Documented in plugins/statistics/README.md. */
export default {
  admin: {
    type: 'admin',
    routes: [
      { method: 'GET', path: '/summary', handler: 'statistics.summary', config: auth },
      { method: 'GET', path: '/inspection', handler: 'statistics.inspection', config: auth },
      { method: 'GET', path: '/inspection/latest', handler: 'statistics.latestInspection', config: auth },
      { method: 'GET', path: '/deadlines', handler: 'statistics.deadlines', config: auth },
      { method: 'GET', path: '/annual-report/:orgDocumentId/:year', handler: 'statistics.annualReport', config: auth },
      { method: 'GET', path: '/annual-report/:orgDocumentId/:year/:format', handler: 'statistics.annualReport', config: auth },
      { method: 'PUT', path: '/annual-report/:orgDocumentId/:year', handler: 'statistics.saveAnnualReport', config: auth },
    ],
  },
};
