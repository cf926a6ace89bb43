import type { Core } from '@strapi/strapi';
import type { LogEntry } from './wire';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { guard } from '../../../site-groups/server/src/authz';
import { fieldError, parseOrThrow } from '../../../../src/foundation/errors';
import { spreadsheetSafe } from '../../../../src/foundation/spreadsheet';
import { isValidDay, addDays } from '../../../../src/domain/dates';
import { SECURITY_ACTIONS, SECURITY_LOG_TABLE, recordFromContext, type SecurityAction } from './log';

/**
 * 安全审计日志的查询与导出 (admin JWT): `GET /security-log` and `GET /security-log/export` — mounted without
 * the plugin prefix (`config.prefix: ''`), readable by holders of `plugin::security.log.read` (审计管理员) and
 * super admins only. Filters: action, user (e-mail substring or numeric id), from / to (China day
 * `YYYY-MM-DD`, both inclusive, or an ISO instant), page, pageSize (≤ 100, default 20). Newest first.
 */
export const LOG_READ = 'plugin::security.log.read';
const READ = guard({ permission: LOG_READ, scope: { none: '安全审计日志记录的是系统操作，不属于任何机构的数据' } });

/** The largest export (one sheet); above it the caller narrows the filters. */
export const EXPORT_MAX_ROWS = 50000;
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Epoch ms of a China day's midnight. */
const chinaMidnight = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) - CHINA_OFFSET_MS;

const moment = (field: 'from' | 'to') =>
  z
    .string({ message: `${field === 'from' ? '起始' : '截止'}时间应为 YYYY-MM-DD 日期或带时区的 ISO 时间` })
    .refine((v) => isValidDay(v) || (ISO_INSTANT.test(v) && !Number.isNaN(Date.parse(v))), {
      message: `${field === 'from' ? '起始' : '截止'}时间应为 YYYY-MM-DD 日期或带时区的 ISO 时间（如 2026-01-31T08:00:00+08:00）`,
    });

const positiveInt = (message: string) => z.string({ message }).regex(/^\d{1,9}$/, message).transform(Number).refine((n) => n >= 1, { message });

const filterFields = {
  action: z.string({ message: '操作类型只能出现一次' }).refine((v) => Object.prototype.hasOwnProperty.call(SECURITY_ACTIONS, v), { message: '未知的操作类型' }).optional(),
  user: z.string({ message: '用户条件只能出现一次' }).trim().min(1, '用户条件不能为空').max(255, '用户条件不超过255个字符').optional(),
  from: moment('from').optional(),
  to: moment('to').optional(),
};
const listSchema = z
  .object({
    ...filterFields,
    page: positiveInt('页码应为正整数').optional(),
    pageSize: positiveInt('每页条数应为 1 到 100 的整数')
      .refine((n) => n <= 100, { message: '每页条数应为 1 到 100 的整数' })
      .optional(),
  })
  .strict();
const exportSchema = z.object(filterFields).strict();

export interface LogFilters {
  action?: SecurityAction;
  user?: string;
  from?: string;
  to?: string;
}

/** [fromMs, toMs) of the filters: a day `from` starts at its China midnight, a day `to` includes the whole day. */
export function rangeOf(f: LogFilters): { fromMs?: number; toMs?: number } {
  const fromMs = f.from === undefined ? undefined : isValidDay(f.from) ? chinaMidnight(f.from) : Date.parse(f.from);
  const toMs = f.to === undefined ? undefined : isValidDay(f.to) ? chinaMidnight(addDays(f.to, 1)) : Date.parse(f.to) + 1;
  if (fromMs !== undefined && toMs !== undefined && toMs <= fromMs) throw fieldError('to', '截止时间不能早于起始时间', f.to);
  return { fromMs, toMs };
}

function whereOf(qb: any, f: LogFilters, pg: boolean) {
  const { fromMs, toMs } = rangeOf(f);
  if (f.action) qb.where('action', f.action);
  if (f.user) {
    if (/^\d{1,9}$/.test(f.user)) qb.where('user_id', Number(f.user));
    // the pattern escapes with a backslash: SQLite needs the ESCAPE clause, PostgreSQL has it by default
    else qb.whereRaw(`LOWER(email) LIKE ?${pg ? '' : " ESCAPE '\\'"}`, [`%${f.user.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`]);
  }
  if (fromMs !== undefined) qb.where('at', '>=', fromMs);
  if (toMs !== undefined) qb.where('at', '<', toMs);
  return qb;
}

export type { LogEntry };

const entryOf = (r: any): LogEntry => {
  let detail: any = null;
  if (r.detail) {
    try {
      detail = typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail;
    } catch {
      detail = { raw: String(r.detail) };
    }
  }
  return {
    at: new Date(Number(r.at)).toISOString(),
    action: r.action,
    email: r.email ?? null,
    userId: r.user_id === null || r.user_id === undefined ? null : Number(r.user_id),
    ip: r.ip ?? null,
    userAgent: r.user_agent ?? null,
    target: r.target ?? null,
    detail,
  };
};

function filtered(strapi: Core.Strapi, f: LogFilters) {
  return whereOf(strapi.db.connection(SECURITY_LOG_TABLE), f, strapi.db.dialect.client === 'postgres');
}

/** One page of entries, newest first. */
export async function listSecurityLog(strapi: Core.Strapi, f: LogFilters, page = 1, pageSize = 20) {
  const [{ n }] = await filtered(strapi, f).count({ n: '*' });
  const total = Number(n);
  const rows = await filtered(strapi, f).select('*').orderBy([{ column: 'at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(pageSize).offset((page - 1) * pageSize);
  return { data: rows.map(entryOf), meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } } };
}

/** 2026-01-31 08:00:00 in China time. */
const chinaTime = (iso: string) => new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');

export const EXPORT_COLUMNS: Array<[keyof LogEntry | 'actionLabel', string]> = [
  ['at', '时间（北京时间）'],
  ['actionLabel', '操作'],
  ['action', '操作代码'],
  ['userId', '用户编号'],
  ['email', '用户邮箱'],
  ['ip', '客户端地址'],
  ['userAgent', '客户端'],
  ['target', '操作对象'],
  ['detail', '详情'],
];

/** The .xlsx of the filtered entries (newest first), text cells escaped against formula injection. */
export async function exportSecurityLog(strapi: Core.Strapi, f: LogFilters): Promise<{ buffer: Buffer; rows: number }> {
  const rows = await filtered(strapi, f).select('*').orderBy([{ column: 'at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(EXPORT_MAX_ROWS + 1);
  if (rows.length > EXPORT_MAX_ROWS) throw fieldError('from', `符合条件的记录超过 ${EXPORT_MAX_ROWS} 条，请缩小时间范围后再导出`);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('安全审计日志');
  sheet.addRow(EXPORT_COLUMNS.map(([, label]) => label));
  for (const r of rows) {
    const e = entryOf(r);
    sheet.addRow(
      EXPORT_COLUMNS.map(([key]) => {
        if (key === 'at') return chinaTime(e.at);
        if (key === 'actionLabel') return (SECURITY_ACTIONS as Record<string, string>)[e.action] ?? e.action;
        if (key === 'userId') return e.userId ?? '';
        const v = (e as any)[key];
        if (v === null || v === undefined) return '';
        return spreadsheetSafe(typeof v === 'object' ? JSON.stringify(v) : String(v));
      }),
    );
  }
  sheet.columns.forEach((c, i) => (c.width = [20, 18, 22, 10, 28, 16, 30, 28, 60][i] ?? 20));
  return { buffer: Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer), rows: rows.length };
}

const parse = <T extends z.ZodType>(schema: T, input: unknown): z.infer<T> => parseOrThrow(schema, input);

export const logController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: any) {
    const q = parse(listSchema, ctx.query);
    ctx.body = await listSecurityLog(strapi, q as LogFilters, q.page ?? 1, q.pageSize ?? 20);
  },
  async export(ctx: any) {
    const q = parse(exportSchema, ctx.query) as LogFilters;
    const { buffer, rows } = await exportSecurityLog(strapi, q);
    await recordFromContext(strapi, ctx, { action: 'security-log-exported', target: 'security-log', detail: { filters: q, rows } });
    ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    ctx.attachment(`security-log-${new Date(Date.now() + CHINA_OFFSET_MS).toISOString().slice(0, 10)}.xlsx`);
    ctx.body = buffer;
  },
});

/** Admin routes at the root of the admin router (no `/security` prefix). */
export const logRoutes = [
  { method: 'GET', path: '/security-log', handler: 'log.find', config: { ...READ, prefix: '' } },
  { method: 'GET', path: '/security-log/export', handler: 'log.export', config: { ...READ, prefix: '' } },
];
