/**
 * One serializer per type, each an explicit whitelist: the output object is built field by field from
 * the database row, so a column that is not named here (internalNote, exemptionReason, scope,
 * secrecyLevel, reviewByDate, adjustments, created_by…, applicant data, review data) can never reach a
 * response, whatever the query selected. The output types are the client's (client/src/types.ts).
 */
import type {
  AnnualReportDetail, AnnualReportListEntry, Attachment, CatalogueNodeRef, ItemDetail, ItemLink, ItemListEntry,
  LawDetail, LawLink, LawListEntry, OrganizationRef, ReportTable, SubjectCategoryRef,
} from '../../../../../client/src/types';
import {
  ANNUAL_REPORT_FORMAT_SOURCE, SECTION_HEADINGS, TABLE2_COLUMNS_BY_ROW, TABLE2_ROW_KEYS, TABLE3_COLUMN_KEYS, TABLE3_ROW_KEYS,
  TABLE4_COLUMN_KEYS, TABLE4_GROUP_KEYS, renderTablesHtml, type AnnualReportTables,
} from '../../../../../src/domain/annual-report-2021';
import type { CategoryRow, NodeRow, OrgRow, RefData } from '../services/refs';
import { bool, isoDate, isoTime, json, num, str } from '../sql';
import { toWxNodes } from '../../../../../src/domain/rich-text';

type Row = Record<string, any>;

export function orgRef(org: OrgRow | undefined | null): OrganizationRef | null {
  return org ? { id: org.documentId, code: org.code, name: org.name, shortName: org.shortName } : null;
}

export function categoryRef(c: CategoryRow | undefined | null): SubjectCategoryRef | null {
  return c ? { id: c.documentId, code: c.code, name: c.name, path: c.path } : null;
}

export function nodeRef(n: NodeRow): CatalogueNodeRef {
  return { id: n.documentId, code: n.code, name: n.name };
}

function keywords(v: unknown): string[] {
  const k = json<unknown>(v);
  return Array.isArray(k) ? k.filter((x): x is string => typeof x === 'string') : [];
}

/** disclosure_items row (+ org_id, category_id) → list entry. */
export function itemListEntry(r: Row, refs: RefData): ItemListEntry {
  return {
    id: String(r.document_id),
    indexNo: str(r.index_no),
    title: String(r.title ?? ''),
    slug: str(r.slug),
    organization: orgRef(r.org_id != null ? refs.orgs.get(Number(r.org_id)) : null),
    issuingAuthority: str(r.issuing_authority),
    documentNumber: str(r.document_number),
    writtenDate: isoDate(r.written_date),
    publishDate: isoDate(r.publish_date),
    subjectCategory: categoryRef(r.category_id != null ? refs.categories.get(Number(r.category_id)) : null),
    genre: str(r.genre),
    validity: str(r.validity),
    isNormative: bool(r.is_normative),
    expiryDate: isoDate(r.expiry_date),
    keywords: keywords(r.keywords),
    summary: str(r.summary),
  };
}

/** Sparse list entries (fields=): id plus the requested fields, in the whitelist's order. */
export function pick<T extends { id: string }>(entry: T, fields: readonly string[] | undefined): Partial<T> & { id: string } {
  if (!fields) return entry;
  const out: Record<string, unknown> = { id: entry.id };
  for (const f of fields) if (f in entry) out[f] = (entry as Record<string, unknown>)[f];
  return out as Partial<T> & { id: string };
}

export function itemLink(r: Row): ItemLink {
  return { id: String(r.document_id), indexNo: str(r.index_no), title: String(r.title ?? ''), publishDate: isoDate(r.publish_date) };
}

export function attachment(r: Row): Attachment {
  return { name: String(r.name ?? ''), url: String(r.url ?? ''), mime: str(r.mime), ext: str(r.ext), size: num(r.size) };
}

export function itemDetail(
  r: Row,
  refs: RefData,
  extra: { attachments: Attachment[]; cataloguePaths: CatalogueNodeRef[][]; interprets: ItemLink | null; interpretations: ItemLink[]; wx?: boolean },
): ItemDetail {
  // bodyHtml / summaryHtml: rendered and sanitized at write time (src/foundation/rich-text-fields.ts)
  const bodyHtml = str(r.body_html);
  return {
    ...itemListEntry(r, refs),
    summaryHtml: str(r.summary_html),
    disclosureMode: String(r.disclosure_mode),
    body: str(r.body),
    bodyFormat: 'markdown',
    bodyHtml,
    ...(extra.wx ? { bodyNodes: toWxNodes(bodyHtml) } : {}),
    attachments: extra.attachments,
    cataloguePaths: extra.cataloguePaths,
    interprets: extra.interprets,
    interpretations: extra.interpretations,
    publishedAt: isoTime(r.published_at),
  };
}

export function lawListEntry(r: Row, refs: RefData): LawListEntry {
  return {
    id: String(r.document_id),
    title: String(r.title ?? ''),
    slug: str(r.slug),
    level: str(r.level),
    status: str(r.law_status),
    issuingAuthority: str(r.issuing_authority),
    documentNumber: str(r.document_number),
    writtenDate: isoDate(r.written_date),
    publishDate: isoDate(r.publish_date),
    effectiveDate: isoDate(r.effective_date),
    expiryDate: isoDate(r.expiry_date),
    repealedDate: isoDate(r.repealed_date),
    organization: orgRef(r.org_id != null ? refs.orgs.get(Number(r.org_id)) : null),
    summary: str(r.summary),
  };
}

export function lawLink(r: Row): LawLink {
  return { id: String(r.document_id), title: String(r.title ?? ''), documentNumber: str(r.document_number), status: str(r.law_status) };
}

export function lawDetail(
  r: Row,
  refs: RefData,
  links: { repealedBy: LawLink | null; repeals: LawLink[]; amendedBy: LawLink | null; amends: LawLink[] },
  opts: { wx?: boolean } = {},
): LawDetail {
  // rendered and sanitized at write time, as for items (src/foundation/rich-text-fields.ts)
  const bodyHtml = str(r.body_html);
  return {
    ...lawListEntry(r, refs),
    summaryHtml: str(r.summary_html),
    body: str(r.body),
    bodyFormat: 'markdown',
    bodyHtml,
    ...(opts.wx ? { bodyNodes: toWxNodes(bodyHtml) } : {}),
    repealedBy: links.repealedBy,
    repeals: links.repeals,
    amendedBy: links.amendedBy,
    amends: links.amends,
    publishedAt: isoTime(r.published_at),
  };
}

export function reportListEntry(r: Row, refs: RefData): AnnualReportListEntry {
  return {
    id: String(r.document_id),
    title: str(r.title),
    organization: orgRef(r.org_id != null ? refs.orgs.get(Number(r.org_id)) : null),
    year: Number(r.year),
    formatVersion: Number(r.format_version ?? 2021),
    publishedAt: isoTime(r.published_at),
  };
}

const cell = (v: unknown): number => {
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : 0;
};

/** The 2021-format tables rebuilt from the stable keys only (unknown keys in the stored JSON are dropped). */
export function reportTables(r: Row): AnnualReportTables | null {
  const t2 = json<Record<string, Record<string, unknown>>>(r.table_2) ?? {};
  const t3 = json<Record<string, Record<string, unknown>>>(r.table_3) ?? {};
  const t4 = json<Record<string, Record<string, unknown>>>(r.table_4) ?? {};
  const table2: ReportTable = {};
  for (const row of TABLE2_ROW_KEYS) {
    table2[row] = {};
    for (const col of TABLE2_COLUMNS_BY_ROW[row]) table2[row][col] = cell(t2?.[row]?.[col]);
  }
  const table3: ReportTable = {};
  for (const row of TABLE3_ROW_KEYS) {
    table3[row] = {};
    for (const col of TABLE3_COLUMN_KEYS) table3[row][col] = cell(t3?.[row]?.[col]);
  }
  const table4: ReportTable = {};
  for (const g of TABLE4_GROUP_KEYS) {
    table4[g] = {};
    for (const col of TABLE4_COLUMN_KEYS) table4[g][col] = cell(t4?.[g]?.[col]);
  }
  return { table2, table3, table4 } as unknown as AnnualReportTables;
}

export function reportDetail(r: Row, refs: RefData): AnnualReportDetail {
  const is2021 = Number(r.format_version ?? 2021) === 2021;
  const tables = is2021 ? reportTables(r) : null;
  const section = (key: keyof typeof SECTION_HEADINGS, text: unknown) => ({ heading: SECTION_HEADINGS[key], text: text === undefined ? null : str(text) });
  return {
    ...reportListEntry(r, refs),
    sections: {
      overview: section('overview', r.overview),
      proactiveDisclosure: section('proactiveDisclosure', undefined),
      requests: section('requests', undefined),
      reviewAndLitigation: section('reviewAndLitigation', undefined),
      problems: section('problems', r.problems),
      otherMatters: section('otherMatters', r.other_matters),
    },
    tables: tables as unknown as AnnualReportDetail['tables'],
    tablesHtml: tables ? renderTablesHtml(tables) : null,
    formatSource: is2021 ? ANNUAL_REPORT_FORMAT_SOURCE : null,
  };
}
