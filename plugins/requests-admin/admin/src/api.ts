import { ORG_UID, REQUEST_UID } from './domain';

/**
 * The 依申请公开 admin routes. Their answers' shapes are the server's (src/requests/wire.ts, types only);
 * the Content Manager shapes this page reads are below.
 */
export type {
  Clock, ClockState, DueDateChange, EventBodyWire as EventBody, Letter, Pagination, RequestEvent, RequestList, RequestRow, Timeline,
} from '../../../../src/requests/wire';

/** The request as the Content Manager returns it (fields this page shows). */
export interface RequestDocument {
  documentId: string;
  trackingNo: string | null;
  channel: string | null;
  submittedDate: string | null;
  receivedDate: string;
  applicantCategory: string | null;
  applicantName: string | null;
  applicantPhone: string | null;
  applicantEmail: string | null;
  applicantAddress: string | null;
  requestedContent: string | null;
  purpose: string | null;
  deliveryMethod: string | null;
  handlingStatus: string;
  resultKey: string | null;
  repliedDate: string | null;
  closedDate: string | null;
}

export interface Organization {
  documentId: string;
  name: string;
  shortName?: string | null;
  sortOrder?: number | null;
  parent?: { documentId: string } | null;
}

const enc = encodeURIComponent;
export const paths = {
  list: '/disclosure-requests',
  recompute: '/disclosure-requests/recompute-deadlines',
  clock: (id: string) => `/disclosure-requests/${enc(id)}/clock`,
  timeline: (id: string) => `/disclosure-requests/${enc(id)}/timeline`,
  events: (id: string) => `/disclosure-requests/${enc(id)}/events`,
  event: (id: string, eventId: string) => `/disclosure-requests/${enc(id)}/events/${enc(eventId)}`,
  letters: (id: string) => `/disclosure-requests/${enc(id)}/letters`,
  /** applicant data: masked; `?reveal=1` unmasked for holders of plugin::security.personal-data.reveal (logged) */
  applicant: (id: string, reveal = false) => `/disclosure-requests/${enc(id)}/applicant${reveal ? '?reveal=1' : ''}`,
  letter: (id: string, kindOrRef: string) => `/disclosure-requests/${enc(id)}/letters/${enc(kindOrRef)}`,
  organizations: `/content-manager/collection-types/${ORG_UID}`,
  document: (id: string) => `/content-manager/collection-types/${REQUEST_UID}/${enc(id)}`,
  documentOrganization: (id: string) => `/content-manager/relations/${REQUEST_UID}/${enc(id)}/organization`,
};

/** Link of the request in the Content Manager (router path, without the /admin base). */
export const contentManagerPath = (documentId: string) => `/content-manager/collection-types/${REQUEST_UID}/${documentId}`;

export { errorOf, type ApiError } from '../../../admin-kit/admin/src/errors';
