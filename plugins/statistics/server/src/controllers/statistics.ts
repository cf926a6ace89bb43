import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import ExcelJS from 'exceljs';
import { TABLE2_COLUMN_KEYS, TABLE2_COLUMNS_BY_ROW, TABLE2_ROW_KEYS, TABLE3_COLUMN_KEYS, TABLE3_ROW_KEYS, TABLE4_COLUMN_KEYS, TABLE4_GROUP_KEYS } from '../../../../../src/domain/annual-report-2021';
import { spreadsheetSafe } from '../../../../../src/foundation/spreadsheet';
import { orgScopeOf } from '../../../../site-groups/server/src/authz';
import { UID } from '../../../../../src/foundation/constants';
import { fieldError, parseOrThrow } from '../../../../../src/foundation/errors';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateParam = (name: string) => z.string({ message: `必须提供 ${name}（YYYY-MM-DD）` }).regex(DATE, `${name} 必须是 YYYY-MM-DD 格式的日期`).refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v, `${name} 不是有效日期`);
const summaryQuery = z.object({
  org: z.string().min(1).optional(),
  from: dateParam('from'),
  to: dateParam('to'),
  granularity: z.enum(['month', 'quarter', 'year'], { message: 'granularity 只能是 month、quarter 或 year' }).optional(),
  includeDescendants: z.enum(['true', 'false']).optional(),
  format: z.enum(['json', 'csv', 'xlsx'], { message: 'format 只能是 json、csv 或 xlsx' }).optional(),
}).strict().refine((q) => q.from <= q.to, { message: 'from 不能晚于 to', path: ['from'] });
/** Table cells are addressed by the closed key sets of the 2021 format (src/domain/annual-report-2021), nothing else. */
const adjustment = (table: string, rows: readonly string[], columns: readonly string[]) =>
  z.object({
    table: z.literal(table),
    row: z.enum(rows as [string, ...string[]], { message: `${table} 没有这一行` }),
    column: z.enum(columns as [string, ...string[]], { message: `${table} 没有这一列` }),
    value: z.number({ message: '调整值必须是数字' }),
    reason: z.string({ message: '调整必须说明理由' }).max(500),
  }).strict();
const adjustmentSchema = z.discriminatedUnion('table', [
  adjustment('table2', TABLE2_ROW_KEYS, TABLE2_COLUMN_KEYS).refine((a) => (TABLE2_COLUMNS_BY_ROW as any)[a.row].includes(a.column), { message: '表二的这一行没有这一列', path: ['column'] }),
  adjustment('table3', TABLE3_ROW_KEYS, TABLE3_COLUMN_KEYS),
  adjustment('table4', TABLE4_GROUP_KEYS, TABLE4_COLUMN_KEYS),
], { message: 'table 只能是 table2、table3 或 table4' });
const saveBody = z.object({
  figures: z.object({
    'licensing.decisions': z.number().optional(),
    'penalty.decisions': z.number().optional(),
    'enforcement.decisions': z.number().optional(),
    'fees.feesWan': z.number().optional(),
  }).strict().optional(),
  adjustments: z.array(adjustmentSchema).max(500).optional(),
  overview: z.string().optional(),
  problems: z.string().optional(),
  otherMatters: z.string().optional(),
}).strict();

/** Query and body schemas: the schema's own messages, unknown keys “未知参数：…” (src/foundation/errors.ts). */
const parse = <T extends z.ZodType>(schema: T, input: unknown): z.infer<T> => parseOrThrow(schema, input);

const yearParam = (v: string) => {
  const y = Number(v);
  if (!/^\d{4}$/.test(v) || y < 2008 || y > 2100) throw fieldError('year', `年度“${v}”不正确`);
  return y;
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const svc = (name: string) => strapi.plugin('statistics').service(name);
  const actorName = (ctx: any) => {
    const u = ctx.state?.user;
    return u ? [u.firstname, u.lastname].filter(Boolean).join('') || u.email : '系统';
  };
  const orgExists = async (documentId?: string) => {
    if (!documentId) return;
    const org = await strapi.db.query(UID.organization).findOne({ where: { documentId }, select: ['id'] });
    if (!org) throw new errors.NotFoundError('机构不存在');
  };

  return {
    async summary(ctx: any) {
      const q = parse(summaryQuery, ctx.query);
      await orgExists(q.org);
      const result = await svc('summary').summary({ ...q, includeDescendants: q.includeDescendants !== 'false', scope: orgScopeOf(ctx) });
      if (!q.format || q.format === 'json') {
        ctx.body = result;
        return;
      }
      const wb = new ExcelJS.Workbook();
      const sheet = (name: string, header: string[], rows: unknown[][]) => {
        const ws = wb.addWorksheet(name);
        ws.addRow(header);
        rows.forEach((r) => ws.addRow(r));
      };
      sheet('按期间', ['期间', '发布条数'], result.items.byPeriod.map((r: any) => [r.period, r.count]));
      sheet('按机构', ['机构', '发布条数'], result.items.byOrganization.map((r: any) => [spreadsheetSafe(String(r.name ?? '')), r.count]));
      sheet('按栏目', ['目录编码', '栏目', '发布条数'], result.items.byNode.map((r: any) => [spreadsheetSafe(String(r.code ?? '')), spreadsheetSafe(String(r.name ?? '')), r.count]));
      sheet('按体裁', ['体裁', '条数'], result.items.byGenre.map((r: any) => [r.name, r.count]));
      sheet('按主题分类', ['主题分类', '条数'], result.items.bySubjectCategory.map((r: any) => [r.name, r.count]));
      sheet('法规文件', ['效力级别', '本期制发', '本期废止', '期末现行有效'], result.laws.map((r: any) => [r.level, r.issued, r.repealed, r.inForce]));
      sheet('依申请公开', ['指标', '数量'], [['收到', result.requests.received], ['办结', result.requests.closed], ['按期办结', result.requests.onTime], ['逾期办结', result.requests.closedLate], ['未结逾期', result.requests.openOverdue]]);
      if (q.format === 'csv') {
        // CSV holds one table: the headline figures by period plus the totals
        const csv = wb.addWorksheet('汇总');
        csv.addRow(['指标', '数值']);
        csv.addRow(['主动公开条数', result.items.published]);
        csv.addRow(['全文电子化率(%)', result.items.fullTextRate ?? '']);
        for (const r of result.items.byPeriod) csv.addRow([`发布条数 ${r.period}`, r.count]);
        const buf = await wb.csv.writeBuffer({ sheetName: '汇总' } as any);
        ctx.type = 'text/csv; charset=utf-8';
        ctx.attachment(`statistics-${q.from}-${q.to}.csv`);
        ctx.body = Buffer.concat([Buffer.from('\ufeff'), Buffer.from(buf as ArrayBuffer)]);
        return;
      }
      ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      ctx.attachment(`statistics-${q.from}-${q.to}.xlsx`);
      ctx.body = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    },

    async inspection(ctx: any) {
      const q = parse(z.object({ org: z.string().min(1).optional(), today: dateParam('today').optional() }).strict(), ctx.query);
      await orgExists(q.org);
      ctx.body = await svc('inspection').run({ org: q.org, today: q.today, scope: orgScopeOf(ctx) });
    },

    async latestInspection(ctx: any) {
      const row = await strapi.plugin('statistics').service('runs').latest();
      if (!row) throw new errors.NotFoundError('尚未运行过检查');
      const scope = orgScopeOf(ctx);
      if (!scope.all) {
        // the daily run covers the whole site: keep only the entries of the caller's organisations
        const mine: any[] = await strapi.db.query(UID.organization).findMany({ where: { id: { $in: scope.ids.length ? scope.ids : [-1] } }, select: ['documentId'] });
        const keep = new Set(mine.map((o) => o.documentId));
        const rules = (row.result?.failing ?? []).map((r: any) => {
          const entries = (r.entries ?? []).filter((e: any) => e.organization && keep.has(e.organization.documentId));
          return { ...r, entries, count: entries.length };
        });
        row.result = { ...row.result, org: null, scopedToMyOrganizations: true, singleVeto: false, vetoReasons: [], failing: rules.filter((r: any) => r.count > 0) };
      }
      ctx.body = row;
    },

    async deadlines(ctx: any) {
      const q = parse(z.object({ org: z.string().min(1).optional() }).strict(), ctx.query);
      await orgExists(q.org);
      ctx.body = await svc('dashboard').deadlines({ org: q.org, scope: orgScopeOf(ctx) });
    },

    async annualReport(ctx: any) {
      const year = yearParam(ctx.params.year);
      await orgExists(ctx.params.orgDocumentId);
      const built = await svc('annual-report').build(ctx.params.orgDocumentId, year);
      const format = String(ctx.params.format ?? ctx.query.format ?? 'json');
      if (format === 'json') ctx.body = built;
      else if (format === 'html') { ctx.type = 'text/html; charset=utf-8'; ctx.body = svc('annual-report').html(built); }
      else if (format === 'docx') {
        ctx.type = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
        ctx.attachment(`annual-report-${year}.docx`);
        ctx.body = await svc('annual-report').docx(built);
      } else if (format === 'xlsx') {
        ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
        ctx.attachment(`annual-report-${year}.xlsx`);
        ctx.body = await svc('annual-report').xlsx(built);
      } else throw fieldError('format', '格式只能是 json、html、docx 或 xlsx');
    },

    async saveAnnualReport(ctx: any) {
      const year = yearParam(ctx.params.year);
      await orgExists(ctx.params.orgDocumentId);
      const body = parse(saveBody, ctx.request.body);
      ctx.body = await svc('annual-report').save(ctx.params.orgDocumentId, year, body, actorName(ctx));
    },
  };
};
