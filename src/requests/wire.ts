import type { ClockEvent } from '../domain/request-clock/types';

/**
 * Shapes of the 依申请公开 admin routes (src/requests/admin-routes.ts, docs/requests.md §2), types only: the
 * server's list annotates its answer with them and the admin bundle (plugins/requests-admin) imports them.
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

/** An event of the timeline: a clock event (src/domain/request-clock) with its label and who recorded it. */
export type RequestEvent = Omit<ClockEvent, 'type'> & { id?: string; type: string; label: string; recordedAt?: string; recordedBy?: string };

/** GET /disclosure-requests/:documentId/timeline */
export interface Timeline {
  documentId: string;
  trackingNo: string | null;
  receivedDate: string;
  events: RequestEvent[];
  dueDateHistory: DueDateChange[];
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
  /** the event the letter answers (`receipt`, `correctionRequested:<id>`, `replied:<id>` …) */
  eventKey: string | null;
  /** 1, 2, … per kind and event */
  version: number;
  /** replaced by a later letter for the same event (已作废), kept in the history */
  voided: boolean;
  voidedAt: string | null;
  status: '有效' | '已作废';
  downloadPath: string;
}

/** Body of POST …/events: a clock event, plus the applicant category a 补正 may correct. */
export type EventBodyWire = Omit<ClockEvent, 'type'> & { type: string; applicantCategory?: string };
