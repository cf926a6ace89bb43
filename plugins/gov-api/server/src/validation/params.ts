/**
 * Query parameters of every route, declared once: the parser below validates requests with them
 * (400 + Chinese message, Strapi's error shape, never a 500) and openapi/document.ts publishes them.
 * Services never see raw query strings.
 */
import { errors } from '@strapi/utils';
import { ENUMS } from '../constants';
import { isValidDay } from '../../../../../src/domain/dates';
import { fieldError } from '../../../../../src/foundation/errors';

export type ParamType =
  | { kind: 'string'; maxLength: number }
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'date' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'fields'; values: readonly string[] }
  | { kind: 'cursor' };

export interface ParamSpec {
  name: string;
  /** Chinese name used in messages. */
  label: string;
  description: string;
  type: ParamType;
  required?: boolean;
  default?: string | number;
  example?: string | number;
}

export const ITEM_LIST_FIELDS = [
  'id', 'indexNo', 'title', 'slug', 'organization', 'issuingAuthority', 'documentNumber', 'writtenDate', 'publishDate',
  'subjectCategory', 'genre', 'validity', 'isNormative', 'expiryDate', 'keywords', 'summary',
] as const;

export const LAW_LIST_FIELDS = [
  'id', 'title', 'slug', 'level', 'status', 'issuingAuthority', 'documentNumber', 'writtenDate', 'publishDate',
  'effectiveDate', 'expiryDate', 'repealedDate', 'organization', 'summary',
] as const;

export const MAX_LIMIT = 100;
export const DEFAULT_LIMIT = 20;
export const MAX_PAGE = 10_000;
export const ITEM_SORTS = ['publishDate:desc', 'publishDate:asc'] as const;

const p = {
  org: { name: 'org', label: '发布机构', description: '发布机构：机构代码（如 000014349）或 documentId', type: { kind: 'string', maxLength: 100 }, example: '000014349' },
  node: { name: 'node', label: '目录栏目', description: '公开目录栏目：栏目代码或 documentId，含全部下级栏目', type: { kind: 'string', maxLength: 100 }, example: 'QS-FD-GZDT' },
  year: { name: 'year', label: '年份', description: '发布日期所在年份', type: { kind: 'integer', min: 1949, max: 2100 }, example: 2025 },
  category: { name: 'category', label: '主题分类', description: '主题分类：分类代码、名称或 documentId，含下级分类', type: { kind: 'string', maxLength: 100 }, example: '02' },
  genre: { name: 'genre', label: '体裁分类', description: '体裁分类（公文种类）', type: { kind: 'enum', values: ENUMS.genre } },
  from: { name: 'from', label: '发布日期起', description: '发布日期不早于（YYYY-MM-DD）', type: { kind: 'date' }, example: '2025-01-01' },
  to: { name: 'to', label: '发布日期止', description: '发布日期不晚于（YYYY-MM-DD）', type: { kind: 'date' }, example: '2025-12-31' },
  validity: { name: 'validity', label: '有效性', description: '有效性', type: { kind: 'enum', values: ENUMS.validity } },
  q: { name: 'q', label: '关键词', description: '关键词（中文分词，全部词语都须出现），检索标题、发文字号、索引号、摘要和正文', type: { kind: 'string', maxLength: 100 }, example: '政务公开' },
  limit: { name: 'limit', label: '每页条数', description: `每页条数（1–${MAX_LIMIT}）`, type: { kind: 'integer', min: 1, max: MAX_LIMIT }, default: DEFAULT_LIMIT },
  page: { name: 'page', label: '页码', description: '页码（从 1 开始），与 cursor 二选一', type: { kind: 'integer', min: 1, max: MAX_PAGE } },
  cursor: { name: 'cursor', label: '游标', description: '上一页响应中的 meta.pagination.nextCursor（不透明字符串），与 page 二选一', type: { kind: 'cursor' } },
  format: { name: 'format', label: '格式', description: 'wx：另返回 bodyNodes（微信小程序 rich-text 组件的 nodes 数组，只含其支持的标签）', type: { kind: 'enum', values: ['wx'] } },
  sort: { name: 'sort', label: '排序', description: '排序：按发布日期倒序（默认）或正序', type: { kind: 'enum', values: ITEM_SORTS }, default: 'publishDate:desc' },
} satisfies Record<string, ParamSpec>;

export const PARAMS = {
  catalogue: [p.org],
  items: [
    p.node, p.org, p.year, p.category, p.genre, p.from, p.to, p.validity, p.q, p.sort, p.cursor, p.page, p.limit,
    { name: 'fields', label: '返回字段', description: `逗号分隔的返回字段（稀疏列表），可选：${ITEM_LIST_FIELDS.join(', ')}；id 总是返回`, type: { kind: 'fields', values: ITEM_LIST_FIELDS }, example: 'title,publishDate' },
  ],
  item: [p.format],
  laws: [
    { name: 'level', label: '效力级别', description: '效力级别', type: { kind: 'enum', values: ENUMS.lawLevel } },
    { name: 'status', label: '效力状态', description: '效力状态', type: { kind: 'enum', values: ENUMS.lawStatus } },
    { name: 'effectiveOn', label: '有效日期', description: '在该日（YYYY-MM-DD）有效：已施行且未失效、未废止', type: { kind: 'date' }, example: '2025-06-30' },
    p.org, p.year, p.q, p.sort, p.cursor, p.page, p.limit,
    { name: 'fields', label: '返回字段', description: `逗号分隔的返回字段，可选：${LAW_LIST_FIELDS.join(', ')}；id 总是返回`, type: { kind: 'fields', values: LAW_LIST_FIELDS } },
  ],
  law: [p.format],
  annualReports: [p.org, p.year, p.page, p.limit],
  annualReport: [],
  search: [
    { ...p.q, required: true, description: '检索词（必填；中文分词，全部词语都须出现；标题命中者排在前面）' },
    { name: 'type', label: '类型', description: '只检索政府信息（item）或法规文件（law）；默认两者', type: { kind: 'enum', values: ['item', 'law'] } },
    p.node, p.org, p.year, p.category, p.genre, p.from, p.to, p.validity, p.page, p.limit,
  ],
  feed: [p.org],
  lawFeed: [p.org],
  openapi: [],
} satisfies Record<string, ParamSpec[]>;

export type RouteParamsName = keyof typeof PARAMS;

export type Parsed = Record<string, string | number | string[] | undefined>;

function fail(name: string, message: string, value?: unknown): never {
  throw fieldError([name], message, value);
}

/** A real calendar day written 'YYYY-MM-DD' (src/domain/dates.ts). */
export const isValidDate = (s: string): boolean => isValidDay(s);

/** Validate a query object (as parsed by strapi::query) against the specs of a route. */
export function parseQuery(query: Record<string, unknown> | undefined, specs: readonly ParamSpec[]): Parsed {
  const out: Parsed = {};
  const known = new Map(specs.map((s) => [s.name, s]));
  for (const key of Object.keys(query ?? {})) {
    if (!known.has(key)) {
      const allowed = specs.map((s) => s.name).join('、');
      fail(key, specs.length ? `不支持的查询参数“${key}”。可用参数：${allowed}` : `不支持的查询参数“${key}”：该接口不接受查询参数`, key);
    }
  }
  for (const spec of specs) {
    const raw = (query ?? {})[spec.name];
    if (raw === undefined || raw === '') {
      if (spec.required) fail(spec.name, `缺少必填参数 ${spec.name}（${spec.label}）`);
      if (spec.default !== undefined) out[spec.name] = spec.default;
      continue;
    }
    if (typeof raw !== 'string') fail(spec.name, `参数 ${spec.name}（${spec.label}）只能出现一次，且必须是文本`, raw);
    const v = raw as string;
    const t = spec.type;
    switch (t.kind) {
      case 'string':
        if (!v.trim()) {
          if (spec.required) fail(spec.name, `参数 ${spec.name}（${spec.label}）不能为空`);
          continue;
        }
        if (Array.from(v).length > t.maxLength) fail(spec.name, `参数 ${spec.name}（${spec.label}）不能超过 ${t.maxLength} 个字符`, v);
        out[spec.name] = v.trim();
        break;
      case 'integer': {
        if (!/^-?\d{1,9}$/.test(v)) fail(spec.name, `参数 ${spec.name}（${spec.label}）必须是整数，收到“${v}”`, v);
        const n = Number(v);
        if (n > t.max) fail(spec.name, `参数 ${spec.name}（${spec.label}）不能大于 ${t.max}`, v);
        if (n < t.min) fail(spec.name, `参数 ${spec.name}（${spec.label}）不能小于 ${t.min}`, v);
        out[spec.name] = n;
        break;
      }
      case 'date':
        if (!isValidDate(v)) fail(spec.name, `参数 ${spec.name}（${spec.label}）必须是有效日期，格式为 YYYY-MM-DD，收到“${v}”`, v);
        out[spec.name] = v;
        break;
      case 'enum':
        if (!t.values.includes(v)) fail(spec.name, `参数 ${spec.name}（${spec.label}）的值“${v}”无效，可选：${t.values.join('、')}`, v);
        out[spec.name] = v;
        break;
      case 'fields': {
        const list = v.split(',').map((s) => s.trim()).filter(Boolean);
        if (!list.length) fail(spec.name, `参数 ${spec.name}（${spec.label}）不能为空`, v);
        for (const f of list) {
          if (!t.values.includes(f)) fail(spec.name, `参数 ${spec.name}（${spec.label}）包含未知字段“${f}”，可选：${t.values.join('、')}`, v);
        }
        out[spec.name] = [...new Set(['id', ...list])];
        break;
      }
      case 'cursor':
        out[spec.name] = v;
        break;
    }
  }
  if (out.cursor !== undefined && out.page !== undefined) fail('cursor', '参数 cursor 与 page 不能同时使用');
  if (typeof out.from === 'string' && typeof out.to === 'string' && out.from > out.to) {
    fail('from', `发布日期起（${out.from}）不能晚于发布日期止（${out.to}）`);
  }
  return out;
}

/** 400 for a cursor that is not ours for this list and order. */
export function badCursor(): never {
  fail('cursor', '参数 cursor（游标）无效或已不适用于当前排序：请使用上一页响应中的 meta.pagination.nextCursor');
}

export function notFound(message: string): never {
  throw new errors.NotFoundError(message);
}

export function badRequest(name: string, message: string, value?: unknown): never {
  fail(name, message, value);
}
