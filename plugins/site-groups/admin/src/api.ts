/**
 * The 机构成员 admin routes. Their answers' shapes are the server's (server/src/wire.ts, types only).
 */
import { UID } from '../../../../src/foundation/constants';

export type { AdminUser, Membership, MembershipBody } from '../../server/src/wire';

/** An organisation as the Content Manager lists it (the fields the picker shows). */
export interface Organization {
  documentId: string;
  name: string;
  code?: string | null;
  parent?: { documentId: string } | null;
}

export const ORG_UID = UID.organization;

const enc = encodeURIComponent;
export const paths = {
  memberships: '/site-groups/memberships',
  membership: (documentId: string) => `/site-groups/memberships/${enc(documentId)}`,
  users: '/site-groups/users',
  organizations: `/content-manager/collection-types/${ORG_UID}`,
};
