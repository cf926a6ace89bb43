import { guard } from '../../../../site-groups/server/src/authz';
import { ACTION_AUDIT_READ, ACTION_REVIEW } from '../constants';

const CM_READ = 'plugin::content-manager.explorer.read';
const CM_PUBLISH = 'plugin::content-manager.explorer.publish';
const doc = { document: { uidParam: 'uid', idParam: 'documentId' } };

/**
 * Admin routes, mounted under /review-workflow (admin JWT). Each declares its permission and organisation scope
 * (plugins/site-groups/server/src/authz.ts). Documented in plugins/review-workflow/README.md.
 */
export default {
  admin: {
    type: 'admin',
    routes: [
      { method: 'GET', path: '/config', handler: 'review.config', config: guard({ permission: null, scope: { none: '审核流程配置（阶段、清单），不含任何文档' } }) },
      { method: 'GET', path: '/inbox', handler: 'review.inbox', config: guard({ permission: ACTION_REVIEW, scope: { list: '待我审核：只列调用者机构的文档（SQL 过滤）' } }) },
      { method: 'GET', path: '/stages/:uid', handler: 'review.stages', config: guard({ permission: CM_READ, subjectParam: 'uid', scope: { list: '只返回调用者机构的文档的阶段' } }) },
      { method: 'GET', path: '/documents/:uid/:documentId', handler: 'review.get', config: guard({ permission: CM_READ, subjectParam: 'uid', scope: doc }) },
      { method: 'POST', path: '/documents/:uid/:documentId/actions', handler: 'review.act', config: guard({ permission: ACTION_REVIEW, scope: doc }) },
      { method: 'POST', path: '/documents/:uid/:documentId/checks', handler: 'review.runChecks', config: guard({ permission: CM_READ, subjectParam: 'uid', scope: doc }) },
      { method: 'POST', path: '/documents/:uid/:documentId/unpublish', handler: 'review.unpublish', config: guard({ permission: CM_PUBLISH, subjectParam: 'uid', scope: doc }) },
      { method: 'GET', path: '/documents/:uid/:documentId/audit', handler: 'review.exportAudit', config: guard({ permission: ACTION_AUDIT_READ, scope: doc }) },
    ],
  },
};
