/**
 * The plugin's admin routes. Their answers' shapes are the server's (server/src/wire.ts, types only).
 */
export type {
  AnnualReportBuild, Count, Deadlines, Granularity, Inspection, InspectionEntry, LatestInspection, RuleKey, RuleResult, Summary,
} from '../../server/src/wire';
import type { InspectionEntry } from '../../server/src/wire';
import { UID as CT } from '../../../../src/foundation/constants';

/** An organisation as the Content Manager lists it (the fields the pickers and charts read). */
export interface Organization {
  documentId: string;
  name: string;
  shortName?: string | null;
  level?: string | null;
  sortOrder?: number | null;
  parent?: { documentId: string } | null;
}

/** Content-type UIDs by the entry types of the server's answers (the UIDs themselves: src/foundation/constants.ts). */
export const UID = {
  organization: CT.organization,
  node: CT.catalogueNode,
  item: CT.item,
  law: CT.law,
  request: CT.request,
  annualReport: CT.annualReport,
} as const;

/** Router path (inside /admin) of a document's Content Manager edit view. */
export const editViewPath = (uid: string, documentId: string) => `/content-manager/collection-types/${uid}/${documentId}`;

/** The Content Manager edit view of an inspection entry, or null (the whole site has no document). */
export function entryEditPath(entry: Pick<InspectionEntry, 'type' | 'documentId'>): string | null {
  if (!entry.documentId || entry.documentId === '*') return null;
  return editViewPath(UID[entry.type], entry.documentId);
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
