import { ENUMS } from '../../../../../src/foundation/constants';
import { checkDocumentNumber } from '../../../../../src/domain/document-number';
import { GENERIC_INDEX_NO } from '../../../../../src/domain/index-no';
import { isValidDate, normaliseKeywords } from '../../../../../src/foundation/validators';
import type { ImportField } from './columns';
import { todayInChina } from '../../../../../src/domain/dates';

/** One problem with one row: the row number in the source, the field and the reason (Chinese). */
export interface RowIssue { row: number; field: string; reason: string; value?: unknown; severity: 'error' | 'warning' }

export interface NormalisedItem {
  row: number;
  title: string;
  indexNo: string | null;
  issuingAuthority: string | null;
  documentNumber: string | null;
  writtenDate: string | null;
  publishDate: string | null;
  subjectCategory: string | null;
  genre: string;
  disclosureMode: string;
  exemptionReason: string | null;
  scope: string;
  secrecyLevel: string;
  keywords: string[] | null;
  summary: string | null;
  body: string | null;
  catalogue: string[];
  validity: string;
  isNormative: boolean;
  expiryDate: string | null;
  interpretsIndexNo: string | null;
  /** only from export packages */
  documentId?: string;
  slug?: string | null;
  published?: boolean;
  internalNote?: string | null;
}

const text = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
};

/** Dates as typed in spreadsheets: 2025-03-01, 2025/3/1, 2025.3.1, 2025年3月1日, Excel dates. */
export function normaliseDate(v: unknown): string | null | undefined {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : todayInChina(v);
  const s = String(v).trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(s);
  if (!m) return undefined;
  const d = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isValidDate(d) ? d : undefined;
}

const BOOL_TRUE = new Set(['是', 'true', '1', 'yes', 'y', 'TRUE']);
const BOOL_FALSE = new Set(['否', 'false', '0', 'no', 'n', 'FALSE', '']);

/** Validates and normalises one mapped row (the same rules the Document Service middleware enforces). */
export function validateRow(row: number, input: Partial<Record<ImportField, unknown>> & Record<string, unknown>): { item?: NormalisedItem; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const err = (field: string, reason: string, value?: unknown) => issues.push({ row, field, reason, value, severity: 'error' });
  const warn = (field: string, reason: string, value?: unknown) => issues.push({ row, field, reason, value, severity: 'warning' });

  const title = text(input.title);
  if (!title) err('title', '标题不能为空');
  else if (title.length > 300) err('title', '标题不超过300字');

  const dates: Record<string, string | null> = {};
  for (const [f, label] of [['writtenDate', '成文日期'], ['publishDate', '发布日期'], ['expiryDate', '失效日期']] as const) {
    const d = normaliseDate(input[f]);
    if (d === undefined) err(f, `${label}“${String(input[f])}”不是有效日期`, input[f]);
    dates[f] = d ?? null;
  }
  if (dates.writtenDate && dates.publishDate && dates.writtenDate > dates.publishDate) err('writtenDate', `成文日期（${dates.writtenDate}）不能晚于发布日期（${dates.publishDate}）`);
  if (!dates.publishDate && (input.publishDate === null || input.publishDate === undefined || String(input.publishDate).trim() === '')) err('publishDate', '发布日期不能为空（迁移数据须保留原发布日期）');

  const enumField = (f: string, label: string, values: readonly string[], def: string) => {
    const v = text(input[f]);
    if (v === null) return def;
    if (!values.includes(v)) {
      err(f, `${label}“${v}”不是有效值，可选值：${values.join('、')}`, v);
      return def;
    }
    return v;
  };
  const genre = enumField('genre', '体裁分类', ENUMS.genre, '其他');
  const disclosureMode = enumField('disclosureMode', '公开方式', ENUMS.disclosureMode, '主动公开');
  const scope = enumField('scope', '公开范围', ENUMS.scope, '面向社会');
  const secrecyLevel = enumField('secrecyLevel', '密级', ENUMS.secrecyLevel, '非密');
  const validity = enumField('validity', '有效性', ENUMS.validity, '有效');
  const exemptionReason = text(input.exemptionReason);
  if (disclosureMode !== '主动公开' && !exemptionReason) err('exemptionReason', `公开方式为“${disclosureMode}”时必须填写免予公开理由`);

  let documentNumber: string | null = null;
  if (text(input.documentNumber)) {
    const r = checkDocumentNumber(text(input.documentNumber));
    if (r.error) err('documentNumber', r.error, input.documentNumber);
    documentNumber = r.value;
  }
  const kw = normaliseKeywords(input.keywords ?? undefined);
  if (kw.error) err('keywords', kw.error, input.keywords);

  let indexNo = text(input.indexNo);
  if (indexNo && !GENERIC_INDEX_NO.test(indexNo)) {
    warn('indexNo', `原索引号“${indexNo}”格式不正确，将重新分配`, indexNo);
    indexNo = null;
  }
  let isNormative = false;
  if (input.isNormative !== undefined && input.isNormative !== null) {
    const s = String(input.isNormative).trim();
    if (typeof input.isNormative === 'boolean') isNormative = input.isNormative;
    else if (BOOL_TRUE.has(s)) isNormative = true;
    else if (!BOOL_FALSE.has(s)) err('isNormative', `是否规范性文件“${s}”应为“是”或“否”`, s);
  }
  const catalogue = Array.isArray(input.catalogue)
    ? (input.catalogue as unknown[]).map((c) => String(c).trim()).filter(Boolean)
    : (text(input.catalogue) ?? '').split(/[;；\n]+/).map((c) => c.trim()).filter(Boolean);

  if (issues.some((i) => i.severity === 'error')) return { issues };
  return {
    issues,
    item: {
      row, title: title!, indexNo, issuingAuthority: text(input.issuingAuthority), documentNumber, writtenDate: dates.writtenDate,
      publishDate: dates.publishDate, subjectCategory: text(input.subjectCategory), genre, disclosureMode, exemptionReason, scope, secrecyLevel,
      keywords: kw.value ?? null, summary: text(input.summary), body: text(input.body), catalogue, validity, isNormative,
      expiryDate: dates.expiryDate, interpretsIndexNo: text(input.interpretsIndexNo),
      ...(typeof input.documentId === 'string' ? { documentId: input.documentId } : {}),
      ...(input.slug !== undefined ? { slug: text(input.slug) } : {}),
      ...(input.published !== undefined ? { published: Boolean(input.published) } : {}),
      ...(input.internalNote !== undefined ? { internalNote: text(input.internalNote) } : {}),
    },
  };
}
