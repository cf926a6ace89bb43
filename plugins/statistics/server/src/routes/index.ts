import { guard } from '../../../../site-groups/server/src/authz';

const READ = 'plugin::statistics.read';
const WRITE_REPORT = 'plugin::statistics.annual-report.write';
const byQuery = { organization: { query: 'org' } } as const; // ?org= must be in scope; without it: the caller's organisations
const byParam = { organization: { param: 'orgDocumentId' } } as const;

/**
 * Admin routes under /statistics (admin JWT). Each declares its permission and organisation scope
 * (plugins/site-groups/server/src/authz.ts). Documented in plugins/statistics/README.md.
 */
export default {
  admin: {
    type: 'admin',
    routes: [
      { method: 'GET', path: '/summary', handler: 'statistics.summary', config: guard({ permission: READ, scope: byQuery }) },
      { method: 'GET', path: '/inspection', handler: 'statistics.inspection', config: guard({ permission: READ, scope: byQuery }) },
      { method: 'GET', path: '/inspection/latest', handler: 'statistics.latestInspection', config: guard({ permission: READ, scope: { list: '每日检查结果只含调用者机构的条目' } }) },
      { method: 'GET', path: '/deadlines', handler: 'statistics.deadlines', config: guard({ permission: READ, scope: byQuery }) },
      { method: 'GET', path: '/annual-report/:orgDocumentId/:year', handler: 'statistics.annualReport', config: guard({ permission: READ, scope: byParam }) },
      { method: 'GET', path: '/annual-report/:orgDocumentId/:year/:format', handler: 'statistics.annualReport', config: guard({ permission: READ, scope: byParam }) },
      { method: 'PUT', path: '/annual-report/:orgDocumentId/:year', handler: 'statistics.saveAnnualReport', config: guard({ permission: WRITE_REPORT, scope: byParam }) },
    ],
  },
};
