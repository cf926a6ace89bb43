/**
 * Shapes of the statistics plugin's admin routes (routes/index.ts): the answers of services/summary.ts,
 * inspection.ts, runs.ts, dashboard.ts and annual-report.ts. Types only, no Strapi code: the admin bundle
 * (plugins/statistics/admin) imports them from here.
 */

export type Granularity = 'month' | 'quarter' | 'year';

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

export type RuleKey =
  | 'newsStale' | 'noticePolicyStale' | 'longStale' | 'emptyColumns' | 'homePage'
  | 'requestsOverdue' | 'lawsReviewDue' | 'expiredStillValid';

/** A node, item, law, request or organisation failing an inspection rule. */
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
