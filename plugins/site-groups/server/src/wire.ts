/**
 * Shapes of the 机构成员 admin routes (memberships.ts). Types only, no Strapi code: the admin bundles import them
 * from here (plugins/site-groups/admin, and the organisation pickers of plugins/admin-kit through myScope.ts).
 */

/** A row of GET /site-groups/memberships (and the `data` of POST / PUT). */
export interface Membership {
  documentId: string;
  user: { id: number; email: string; name: string } | null;
  organizations: Array<{ documentId: string; name: string }>;
  includeDescendants: boolean;
  allOrganizations: boolean;
  note: string | null;
}

/** A row of GET /site-groups/users. */
export interface AdminUser {
  id: number;
  email: string;
  name: string;
  isActive: boolean;
  /** role names */
  roles: string[];
}

/** Body of POST /site-groups/memberships (PUT takes the same fields, each optional). */
export interface MembershipBody {
  user: number;
  organizations: string[];
  includeDescendants: boolean;
  allOrganizations: boolean;
  note?: string;
}

/** GET /site-groups/me: the caller's organisation scope. */
export interface MyScope {
  /** Super admin or a “全部机构” membership: every organisation. */
  all: boolean;
  /** The organisations in scope (descendants included) when `all` is false. */
  organizations: Array<{ documentId: string; name: string; code?: string | null }>;
}
