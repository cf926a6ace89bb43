import { isFetchError } from '@strapi/strapi/admin';

/**
 * Shapes of the plugin's admin routes (server/src/routes/index.ts, services/summary.ts, inspection.ts,
 * dashboard.ts, annual-report.ts). Kept by hand: the admin bundle does not import server code.
 */

export interface Organization {
  documentId: string;
  name: string;
  shortName?: string | null;
  level?: string | null;
  sortOrder?: number | null;
  parent?: { documentId: string } | null;
}

export interface Count { name: string; count: number }

/** GET /statistics/summary */
export interface Summary {
  query: { org: string | null; from: string; to: string; granularity: Granularity; includeDescendants: boolean };
  items: {
    published: number;
    fullText: number;
    fullTextRate: number | null;
    byPeriod: Array<{ period: string; count: number }>;
    byOrganization: Array<{ documentId: string; name: string; count: number }>;
    byNode: Array<{ documentId: string; code: string; name: string; count: number }>;
    byGenre: Count[];
    byDisclosureMode: Count[];
    bySubjectCategory: Count[];
  };
  laws: Array<{ level: string; issued: number; repealed: number; inForce: number }>;
  requests: {
    received: number;
    closed: number;
    onTime: number;
    closedLate: number;
    openOverdue: number;
    byResult: Array<{ resultKey: string; count: number }>;
    byChannel: Array<{ channel: string; count: number }>;
  };
  review: {
    stages: Array<{ stage: string; count: number; medianHours: number | null; p90Hours: number | null }>;
    submitted: number;
    rejected: number;
    rejectionRate: number | null;
  };
}

export type Granularity = 'month' | 'quarter' | 'year';

export type RuleKey =
  | 'newsStale' | 'noticePolicyStale' | 'longStale' | 'emptyColumns' | 'homePage'
  | 'requestsOverdue' | 'lawsReviewDue' | 'expiredStillValid';

export interface InspectionEntry {
  type: 'node' | 'item' | 'law' | 'request' | 'organization';
  documentId: string;
  code?: string | null;
  name: string;
  organization: { documentId: string; name: string } | null;
  lastUpdate?: string | null;
  failingSince: string;
  failingDays: number;
}

export interface RuleResult {
  rule: RuleKey;
  name: string;
  count: number;
  threshold: number | null;
  veto: boolean;
  entries: InspectionEntry[];
}

/** GET /statistics/inspection */
export interface Inspection {
  org: string | null;
  today: string;
  thresholds: Record<string, number>;
  singleVeto: boolean;
  vetoReasons: string[];
  failing: RuleResult[];
  passing: RuleKey[];
}

/** GET /statistics/inspection/latest */
export interface LatestInspection {
  runDate: string;
  singleVeto: boolean;
  result: Inspection;
  createdAt: string;
}

/** GET /statistics/deadlines */
export interface Deadlines {
  today: string;
  requestsDueThisWeek: Array<{ documentId: string; trackingNo: string | null; dueDate: string }>;
  nodesAboutToGoStale: Array<{ documentId: string; code: string | null; name: string; lastDate: string }>;
  annualReport: { year: number; due: string; published: boolean; remind: boolean; overdue: boolean } | null;
}

/** GET /statistics/annual-report/:org/:year (the part the dashboard reads). */
export interface AnnualReportBuild {
  organization: { documentId: string; name: string };
  year: number;
  valid: boolean;
  validation: Array<{ rule: number; severity: 'error' | 'warning'; table: string; row: string; column: string; message: string }>;
  adjustments: unknown[];
  report: { documentId: string; title: string } | null;
}

export const UID = {
  organization: 'api::organization.organization',
  node: 'api::catalogue-node.catalogue-node',
  item: 'api::disclosure-item.disclosure-item',
  law: 'api::law.law',
  request: 'api::disclosure-request.disclosure-request',
  annualReport: 'api::annual-report.annual-report',
} as const;

/** Router path (inside /admin) of a document's Content Manager edit view. */
export const editViewPath = (uid: string, documentId: string) => `/content-manager/collection-types/${uid}/${documentId}`;

/** The Content Manager edit view of an inspection entry, or null (the whole site has no document). */
export function entryEditPath(entry: Pick<InspectionEntry, 'type' | 'documentId'>): string | null {
  if (!entry.documentId || entry.documentId === '*') return null;
  return editViewPath(UID[entry.type], entry.documentId);
}

/** The Chinese message of a Strapi error answer. */
export function errorMessage(error: unknown): string {
  if (isFetchError(error)) {
    const body = error.response?.data?.error as { message?: string } | undefined;
    return body?.message ?? error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

const enc = encodeURIComponent;
export const paths = {
  organizations: `/content-manager/collection-types/${UID.organization}`,
  summary: '/statistics/summary',
  inspection: '/statistics/inspection',
  latestInspection: '/statistics/inspection/latest',
  deadlines: '/statistics/deadlines',
  annualReport: (org: string, year: number, format?: 'html' | 'docx' | 'xlsx') =>
    `/statistics/annual-report/${enc(org)}/${year}${format ? `/${format}` : ''}`,
};
