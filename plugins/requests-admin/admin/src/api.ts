import { ORG_UID, REQUEST_UID } from './domain';

/**
 * Shapes of the 依申请公开 admin routes (src/requests/admin-routes.ts, docs/requests.md §2). Kept by
 * hand: the admin bundle does not import server code.
 */

export type ClockState = 'open' | 'awaitingCorrection' | 'paused' | 'replied' | 'closed';

/** A row of GET /disclosure-requests. */
export interface RequestRow {
  documentId: string;
  trackingNo: string | null;
  organization: { documentId: string; name: string } | null;
  channel: string | null;
  receivedDate: string;
  applicantCategory: string | null;
  applicantName: string | null;
  requestedContent: string | null;
  handlingStatus: string;
  resultKey: string | null;
  dueDate: string | null;
  dueDateProvisional: boolean;
  daysLeft: number | null;
  overdue: boolean;
  state: ClockState;
  repliedDate: string | null;
  closedDate: string | null;
  warnings: string[];
}

export interface Pagination {
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
}

export interface RequestList {
  data: RequestRow[];
  meta: { asOf: string; pagination: Pagination };
}

export interface DueDateChange {
  date: string;
  dueDate: string | null;
  reason: string;
  recalculated?: boolean;
}

/** GET /disclosure-requests/:documentId/clock */
export interface Clock {
  dueDate: string | null;
  dueDateProvisional: boolean;
  daysLeft: number | null;
  overdue: boolean;
  history: DueDateChange[];
  warnings: string[];
  state: ClockState;
  asOf: string;
  clockStart: string | null;
  allowedWorkingDays: number;
  extension: { days: number; approvedBy: string | null; approvedAt: string; applicantNotifiedAt: string | null; applicantNotified: boolean } | null;
  pauses: Array<{ from: string; to: string | null }>;
  pausedWorkingDays: number;
  suggestedOutcome: 'other.noCorrection' | 'other.unpaidFee' | null;
}

export interface RequestEvent {
  id?: string;
  type: string;
  label: string;
  date: string;
  note?: string;
  days?: number;
  approvedBy?: string;
  applicantNotified?: boolean | string;
  resultKey?: string;
  paidAt?: string;
  recordedAt?: string;
  recordedBy?: string;
}

/** GET /disclosure-requests/:documentId/timeline */
export interface Timeline {
  documentId: string;
  trackingNo: string | null;
  receivedDate: string;
  events: RequestEvent[];
  dueDateHistory: DueDateChange[];
}

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

/** A stored letter (GET …/letters, POST …/letters/:kind). */
export interface Letter {
  documentId: string;
  kind: string;
  title: string;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
  legalBasis: string | null;
  resultKey: string | null;
  letterDate: string | null;
  generatedBy: string | null;
  createdAt: string;
  downloadPath: string;
}

export interface Organization {
  documentId: string;
  name: string;
  shortName?: string | null;
  sortOrder?: number | null;
  parent?: { documentId: string } | null;
}

/** Body of POST …/events. */
export interface EventBody {
  type: string;
  date: string;
  note?: string;
  days?: number;
  approvedBy?: string;
  applicantNotified?: boolean | string;
  resultKey?: string;
  paidAt?: string;
  applicantCategory?: string;
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
  letter: (id: string, kindOrRef: string) => `/disclosure-requests/${enc(id)}/letters/${enc(kindOrRef)}`,
  organizations: `/content-manager/collection-types/${ORG_UID}`,
  document: (id: string) => `/content-manager/collection-types/${REQUEST_UID}/${enc(id)}`,
  documentOrganization: (id: string) => `/content-manager/relations/${REQUEST_UID}/${enc(id)}/organization`,
};

/** Link of the request in the Content Manager (router path, without the /admin base). */
export const contentManagerPath = (documentId: string) => `/content-manager/collection-types/${REQUEST_UID}/${documentId}`;

export { errorOf, type ApiError } from '../../../admin-kit/admin/src/errors';
