import { isFetchError } from '@strapi/strapi/admin';

/**
 * Shapes of the 机构成员 admin routes (server/src/memberships.ts). Kept by hand: the admin bundle does not
 * import server code.
 */

/** A row of GET /site-groups/memberships. */
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
  roles: string[];
}

/** An organisation as the Content Manager lists it (the fields the picker shows). */
export interface Organization {
  documentId: string;
  name: string;
  code?: string | null;
  parent?: { documentId: string } | null;
}

/** Body of POST /site-groups/memberships (PUT takes the same fields, each optional). */
export interface MembershipBody {
  user: number;
  organizations: string[];
  includeDescendants: boolean;
  allOrganizations: boolean;
  note?: string;
}

export const ORG_UID = 'api::organization.organization';

const enc = encodeURIComponent;
export const paths = {
  memberships: '/site-groups/memberships',
  membership: (documentId: string) => `/site-groups/memberships/${enc(documentId)}`,
  users: '/site-groups/users',
  organizations: `/content-manager/collection-types/${ORG_UID}`,
};

/** The Chinese message of a Strapi error answer. */
export function errorMessage(error: unknown): string {
  if (isFetchError(error)) {
    const body = error.response?.data?.error as { message?: string } | undefined;
    return body?.message ?? error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
