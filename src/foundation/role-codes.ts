/**
 * Admin role codes (admin::role.code), one place. Server code that grants, checks or seeds a role by code
 * imports it from here: Strapi's built-in roles, the four review roles that plugins/review-workflow creates
 * (plugins/review-workflow/server/src/services/roles.ts) and the application's two roles that
 * src/foundation/roles.ts creates. A code is what an existing database holds: never rename one.
 */

/** Strapi's own roles. */
export const STRAPI_ROLE_CODES = {
  superAdmin: 'strapi-super-admin',
  editor: 'strapi-editor',
} as const;

/** Super Admin: every permission, every organisation. */
export const SUPER_ADMIN = STRAPI_ROLE_CODES.superAdmin;

/** The review roles of plugins/review-workflow: 拟稿人, 部门审核人, 保密审查员, 签发领导. */
export const REVIEW_ROLE_CODES = {
  drafter: 'gov-drafter',
  deptReviewer: 'gov-dept-reviewer',
  secrecyReviewer: 'gov-secrecy-reviewer',
  leader: 'gov-leader',
} as const;

/** The application's roles (src/foundation/roles.ts): 依申请公开经办人, 政务公开办. */
export const APP_ROLE_CODES = {
  requestClerk: 'gov-request-clerk',
  openOffice: 'gov-open-office',
} as const;
