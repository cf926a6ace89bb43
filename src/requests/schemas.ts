/**
 * Input schemas (zod 4) of the 依申请公开 routes and of the JSON fields `events` and `disputes`,
 * with Chinese error messages in Strapi's error shape.
 */
import { z } from 'zod';
import { isValidDay } from '../domain/working-days';
import { CLOCK_EVENT_TYPES, RESULT_KEYS, type ClockEvent } from '../domain/request-clock';
import { ENUMS } from '../foundation/constants';
import { issueItems, parseOrThrow, type FieldErrorItem } from '../foundation/errors';

export const day = z.string().refine(isValidDay, { message: '日期格式应为 YYYY-MM-DD 的有效日期' });

/** Field labels used in messages. */
export const LABELS: Record<string, string> = {
  type: '事项类型',
  date: '日期',
  note: '备注',
  days: '工作日数',
  approvedBy: '批准人',
  applicantNotified: '已告知申请人',
  resultKey: '办理结果',
  paidAt: '缴费日期',
  applicantCategory: '申请人类别',
  kind: '类型',
  result: '结果',
  filedDate: '提起日期',
  decidedDate: '审结日期',
  authority: '复议机关/法院',
  caseNo: '案号',
  organization: '受理机关',
  applicantName: '申请人姓名/名称',
  applicantIdType: '证件类型',
  applicantIdNumber: '证件号码',
  applicantPhone: '联系电话',
  applicantEmail: '电子邮箱',
  applicantAddress: '通讯地址',
  requestedContent: '申请公开的内容',
  purpose: '用途说明',
  deliveryMethod: '获取信息方式',
  code: '查询码',
};

export type ErrorItem = FieldErrorItem;

/** The Chinese message of a zod issue on these routes, with the field's label (LABELS). */
export function issueMessage(issue: z.core.$ZodIssue): string {
  const field = String(issue.path[issue.path.length - 1] ?? '');
  const label = LABELS[field] ?? field;
  switch (issue.code) {
    case 'invalid_value':
      return `${label}不是有效值，可选：${(issue.values as unknown[]).map(String).join('、')}`;
    case 'unrecognized_keys':
      return `不支持的字段：${issue.keys.join('、')}`;
    case 'too_small': {
      let message = issue.origin === 'string' ? `${label}不能为空` : `${label}不能小于${String(issue.minimum)}`;
      if (issue.origin === 'string' && Number(issue.minimum) > 1) message = `${label}至少${String(issue.minimum)}个字`;
      if (issue.origin === 'array') message = `${label}至少${String(issue.minimum)}项`;
      return message;
    }
    case 'too_big':
      return issue.origin === 'string' ? `${label}不能超过${String(issue.maximum)}个字` : `${label}不能大于${String(issue.maximum)}`;
    case 'invalid_type':
      return /received undefined/.test(issue.message) ? `必须填写${label}` : `${label}的类型不正确`;
    case 'invalid_format':
      return `${label}格式不正确`;
    case 'custom':
      // a message that names its field already (params.standalone) is used as is
      return field && !(issue as { params?: { standalone?: boolean } }).params?.standalone ? `${label}：${issue.message}` : issue.message;
    default:
      return `${label}无效`;
  }
}

/** zod issues → Strapi error items with Chinese messages (src/foundation/errors.ts). */
export function issuesToErrors(issues: readonly z.core.$ZodIssue[], prefix: string[] = []): ErrorItem[] {
  return issueItems(issues, { describe: issueMessage, prefix });
}

/** Parses or throws Strapi's ValidationError (400): labelled messages, the summary counts the others. */
export function parseRequestInput<T extends z.ZodType>(schema: T, input: unknown, prefix: string[] = []): z.infer<T> {
  return parseOrThrow(schema, input, { describe: issueMessage, prefix, summary: 'counted' });
}

/** Drops null/undefined keys (the clock distinguishes “absent” only). */
export function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;
}

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

/** Body of POST /disclosure-requests/:documentId/events. */
export const eventBodySchema = z
  .object({
    type: z.enum(CLOCK_EVENT_TYPES as unknown as [string, ...string[]]),
    date: day,
    note: z.string().max(2000).optional(),
    days: z.number().int().min(1).max(365).optional(),
    approvedBy: z.string().trim().min(1).max(100).optional(),
    applicantNotified: z.union([z.boolean(), day]).optional(),
    resultKey: z.enum(RESULT_KEYS as unknown as [string, ...string[]]).optional(),
    paidAt: day.optional(),
    /** closed: the applicant category to record with the result (表三 column), if not yet right. */
    applicantCategory: z.enum(ENUMS.applicantCategory as unknown as [string, ...string[]]).optional(),
  })
  .strict();

export type EventBody = z.infer<typeof eventBodySchema>;

/** An event as stored in the `events` JSON field (extra bookkeeping keys are kept, unknown keys dropped). */
export interface StoredEvent extends ClockEvent {
  /** Stable id (assigned on first write), used to delete a mistaken event. */
  id?: string;
  recordedAt?: string;
  recordedBy?: string;
}

const storedEventSchema = z.object({
  id: z.string().min(1).max(40).nullish(),
  type: z.enum(CLOCK_EVENT_TYPES as unknown as [string, ...string[]]),
  date: day,
  note: z.string().max(2000).nullish(),
  days: z.number().int().min(1).max(365).nullish(),
  approvedBy: z.string().max(100).nullish(),
  applicantNotified: z.union([z.boolean(), day]).nullish(),
  resultKey: z.string().nullish(),
  paidAt: day.nullish(),
  recordedAt: z.string().max(40).nullish(),
  recordedBy: z.string().max(200).nullish(),
});

export const storedEventsSchema = z.array(storedEventSchema).max(500);

/** The `events` field as written (null/absent = none). Throws nothing: returns errors for the middleware. */
export function parseStoredEvents(raw: unknown): { events: StoredEvent[] } | { errors: ErrorItem[] } {
  if (raw === null || raw === undefined || raw === '') return { events: [] };
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return { errors: [{ path: ['events'], message: '办理记录应为 JSON 数组', name: 'ValidationError' }] };
    }
  }
  const r = storedEventsSchema.safeParse(value);
  if (!r.success) return { errors: issuesToErrors(r.error.issues, ['events']) };
  return { events: r.data.map((e) => compact(e as Record<string, unknown>) as unknown as StoredEvent) };
}

// ---------------------------------------------------------------------------------------------
// Disputes (行政复议 / 行政诉讼 → 表四)
// ---------------------------------------------------------------------------------------------

export const DISPUTE_KINDS = ['review', 'suitDirect', 'suitAfterReview'] as const;
export const DISPUTE_RESULTS = ['upheld', 'corrected', 'other', 'pending'] as const;
export type DisputeKind = (typeof DISPUTE_KINDS)[number];
export type DisputeResult = (typeof DISPUTE_RESULTS)[number];

export const DISPUTE_KIND_LABELS: Record<DisputeKind, string> = {
  review: '行政复议',
  suitDirect: '行政诉讼（未经复议直接起诉）',
  suitAfterReview: '行政诉讼（复议后起诉）',
};
export const DISPUTE_RESULT_LABELS: Record<DisputeResult, string> = {
  upheld: '维持',
  corrected: '纠正',
  other: '其他结果',
  pending: '尚未审结',
};

export interface Dispute {
  id: string;
  kind: DisputeKind;
  filedDate: string;
  result: DisputeResult;
  decidedDate?: string;
  authority?: string;
  caseNo?: string;
  note?: string;
}

const disputeFields = {
  kind: z.enum(DISPUTE_KINDS),
  filedDate: day,
  result: z.enum(DISPUTE_RESULTS).default('pending'),
  decidedDate: day.optional(),
  authority: z.string().trim().max(100).optional(),
  caseNo: z.string().trim().max(100).optional(),
  note: z.string().max(2000).optional(),
};

/** Body of POST /disclosure-requests/:documentId/disputes. */
export const disputeBodySchema = z.object(disputeFields).strict();
/** Body of PUT /disclosure-requests/:documentId/disputes/:disputeId (fields to change). */
export const disputePatchSchema = z
  .object({
    result: z.enum(DISPUTE_RESULTS).optional(),
    decidedDate: day.nullable().optional(),
    authority: z.string().trim().max(100).optional(),
    caseNo: z.string().trim().max(100).optional(),
    note: z.string().max(2000).optional(),
  })
  .strict();

const storedDisputeSchema = z.object({
  id: z.string().min(1).max(40),
  kind: z.enum(DISPUTE_KINDS),
  filedDate: day,
  result: z.enum(DISPUTE_RESULTS),
  decidedDate: day.nullish(),
  authority: z.string().max(100).nullish(),
  caseNo: z.string().max(100).nullish(),
  note: z.string().max(2000).nullish(),
});

/**
 * Rules between the fields of one dispute and against the request: filed on/after receipt;
 * decided on/after filing; a decided result needs its date and “尚未审结” has none; a suit after
 * review needs a 行政复议 filed before it on the same request.
 */
export function disputeProblems(receivedDate: string | null | undefined, list: readonly Dispute[]): ErrorItem[] {
  const out: ErrorItem[] = [];
  list.forEach((d, i) => {
    const at = (field: string, message: string) => out.push({ path: ['disputes', String(i), field], message, name: 'ValidationError' });
    if (receivedDate && d.filedDate < receivedDate) at('filedDate', `${DISPUTE_KIND_LABELS[d.kind]}的提起日期（${d.filedDate}）早于收到申请日期（${receivedDate}）`);
    if (d.result === 'pending' && d.decidedDate) at('decidedDate', `结果为“尚未审结”的${DISPUTE_KIND_LABELS[d.kind]}不能有审结日期`);
    if (d.result !== 'pending' && !d.decidedDate) at('decidedDate', `${DISPUTE_KIND_LABELS[d.kind]}结果为“${DISPUTE_RESULT_LABELS[d.result]}”，须填写审结日期`);
    if (d.decidedDate && d.decidedDate < d.filedDate) at('decidedDate', `审结日期（${d.decidedDate}）早于提起日期（${d.filedDate}）`);
    if (d.kind === 'suitAfterReview' && !list.some((r) => r.kind === 'review' && r.filedDate <= d.filedDate)) {
      at('kind', `复议后起诉须先登记该申请的行政复议（提起日期不晚于${d.filedDate}）`);
    }
  });
  const ids = new Set<string>();
  list.forEach((d, i) => {
    if (ids.has(d.id)) out.push({ path: ['disputes', String(i), 'id'], message: `复议/诉讼记录编号重复：${d.id}`, name: 'ValidationError' });
    ids.add(d.id);
  });
  return out;
}

/** The `disputes` field as written (null/absent = none). */
export function parseStoredDisputes(raw: unknown): { disputes: Dispute[] } | { errors: ErrorItem[] } {
  if (raw === null || raw === undefined || raw === '') return { disputes: [] };
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return { errors: [{ path: ['disputes'], message: '复议/诉讼记录应为 JSON 数组', name: 'ValidationError' }] };
    }
  }
  const r = z.array(storedDisputeSchema).max(200).safeParse(value);
  if (!r.success) return { errors: issuesToErrors(r.error.issues, ['disputes']) };
  return { disputes: r.data.map((d) => compact(d as Record<string, unknown>) as unknown as Dispute) };
}
