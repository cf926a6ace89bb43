import reviewState from './review-state/schema.json';
import auditEntry from './audit-entry/schema.json';

export default {
  'review-state': { schema: reviewState },
  'audit-entry': { schema: auditEntry },
};
