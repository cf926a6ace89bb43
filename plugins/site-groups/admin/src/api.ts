/**
 * The 机构成员 admin routes. Their answers' shapes are the server's (server/src/wire.ts, types only).
 */
export type { AdminUser, Membership, MembershipBody } from '../../server/src/wire';

/** An organisation as the Content Manager lists it (the fields the picker shows). */
export interface Organization {
  documentId: string;
  name: string;
  code?: string | null;
  parent?: { documentId: string } | null;
}

export const ORG_UID = 'api::organization.organization';

const enc = encodeURIComponent;
export const paths = {
  memberships: '/site-groups/memberships',
  membership: (documentId: string) => `/site-groups/memberships/${enc(documentId)}`,
  users: '/site-groups/users',
  organizations: `/content-manager/collection-types/${ORG_UID}`,
};
