/**
 * The admin list of requests by due date (GET /disclosure-requests): filters by organisation
 * (optionally with its descendants), status, year of receipt and “overdue now”; the page is chosen by
 * SQL (due date ascending, requests without a due date last, on SQLite and PostgreSQL alike) and
 * each row gets its live clock (daysLeft, overdue, state) as of today or `asOf`.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { todayInChina } from '../domain/dates';
import { ENUMS } from '../foundation/constants';
import { rowsOf } from '../foundation/sql';
import { getCalendar } from './calendar';
import { ORG_UID, REQUEST_UID } from './config';
import { clockOf } from './events';
import { day, parseRequestInput } from './schemas';
import { withDescendants } from '../../plugins/site-groups/server/src/scope';
import type { RequestList } from './wire';
import { maskField } from './personal-data/mask';

const boolParam = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .optional()
  .transform((v) => v === true || v === 'true' || v === '1');

export const listQuerySchema = z
  .object({
    org: z.string().trim().min(1).max(64).optional(),
    includeDescendants: boolParam,
    status: z.enum([...ENUMS.requestStatus, 'open'] as unknown as [string, ...string[]]).optional(),
    year: z.coerce.number().int().min(2008).max(2100).optional(),
    overdue: boolParam,
    sort: z.enum(['dueDate', '-dueDate', 'receivedDate', '-receivedDate']).default('dueDate'),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(25),
    asOf: day.optional(),
  })
  .strict();

const q = (id: string) => `"${id.replace(/"/g, '""')}"`;

/** Organisation ids: the organisation, plus its descendants when asked (the one recursive walk of plugins/site-groups). */
export async function orgScopeIds(strapi: Core.Strapi, documentId: string, includeDescendants: boolean): Promise<number[]> {
  const org: any = await strapi.db.query(ORG_UID as any).findOne({ where: { documentId }, select: ['id'] });
  if (!org) return [];
  return includeDescendants ? withDescendants(strapi, [Number(org.id)]) : [Number(org.id)];
}

/** The admin list, filtered in SQL to the caller's organisations (`scope`, plugins/site-groups) before paging. */
export async function listRequests(strapi: Core.Strapi, query: unknown, scope: { all: true } | { all: false; ids: number[] } = { all: true }): Promise<RequestList> {
  const p = parseRequestInput(listQuerySchema, query);
  const meta: any = strapi.db.metadata.get(REQUEST_UID as any);
  const link = meta.attributes.organization.joinTable;
  const asOf = p.asOf ?? todayInChina();
  const where: string[] = [];
  const bindings: unknown[] = [];
  if (p.org) {
    const ids = await orgScopeIds(strapi, p.org, p.includeDescendants);
    if (!ids.length) throw new errors.NotFoundError('机构不存在');
    where.push(`r.id IN (SELECT l.${q(link.joinColumn.name)} FROM ${q(link.name)} l WHERE l.${q(link.inverseJoinColumn.name)} IN (${ids.map(() => '?').join(', ')}))`);
    bindings.push(...ids);
  }
  if (!scope.all) {
    where.push(`r.id IN (SELECT l.${q(link.joinColumn.name)} FROM ${q(link.name)} l WHERE l.${q(link.inverseJoinColumn.name)} IN (${scope.ids.length ? scope.ids.map(() => '?').join(', ') : 'NULL'}))`);
    bindings.push(...scope.ids);
  }
  if (p.status === 'open') where.push(`r.closed_date IS NULL`);
  else if (p.status) {
    where.push('r.handling_status = ?');
    bindings.push(p.status);
  }
  if (p.year) {
    where.push('r.received_date >= ? AND r.received_date <= ?');
    bindings.push(`${p.year}-01-01`, `${p.year}-12-31`);
  }
  if (p.overdue) {
    where.push('r.due_date IS NOT NULL AND r.due_date < ? AND r.replied_date IS NULL AND r.closed_date IS NULL');
    bindings.push(asOf);
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [col, dir] = p.sort.startsWith('-') ? [p.sort.slice(1), 'DESC'] : [p.sort, 'ASC'];
  const column = col === 'dueDate' ? 'r.due_date' : 'r.received_date';
  const table = q(meta.tableName);
  const total = Number(rowsOf(await strapi.db.connection.raw(`SELECT COUNT(*) AS n FROM ${table} r ${whereSql}`, bindings))[0]?.n ?? 0);
  const idRows = rowsOf(
    await strapi.db.connection.raw(
      `SELECT r.id FROM ${table} r ${whereSql}
       ORDER BY CASE WHEN ${column} IS NULL THEN 1 ELSE 0 END, ${column} ${dir}, r.id ${dir}
       LIMIT ? OFFSET ?`,
      [...bindings, p.pageSize, (p.page - 1) * p.pageSize],
    ),
  );
  const ids = idRows.map((r: any) => Number(r.id));
  const rows: any[] = ids.length
    ? await strapi.db.query(REQUEST_UID as any).findMany({ where: { id: { $in: ids } }, populate: { organization: { select: ['documentId', 'name'] } } })
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const calendar = await getCalendar(strapi);
  const data = ids
    .map((id) => byId.get(id))
    .filter(Boolean)
    .map((r: any) => {
      const clock = clockOf(r, calendar, asOf);
      return {
        documentId: r.documentId,
        trackingNo: r.trackingNo,
        organization: r.organization ? { documentId: r.organization.documentId, name: r.organization.name } : null,
        channel: r.channel,
        receivedDate: r.receivedDate,
        applicantCategory: r.applicantCategory,
        applicantName: maskField('applicantName', r.applicantName ?? null) as string | null, // masked (reveal: GET /disclosure-requests/:documentId/applicant?reveal=1)
        requestedContent: typeof r.requestedContent === 'string' && r.requestedContent.length > 80 ? `${r.requestedContent.slice(0, 80)}…` : r.requestedContent,
        handlingStatus: r.handlingStatus,
        resultKey: r.resultKey ?? null,
        dueDate: clock.dueDate,
        dueDateProvisional: clock.dueDateProvisional,
        daysLeft: clock.daysLeft,
        overdue: clock.overdue,
        state: clock.state,
        repliedDate: r.repliedDate ?? null,
        closedDate: r.closedDate ?? null,
        warnings: clock.warnings,
      };
    });
  return {
    data,
    meta: { asOf, pagination: { page: p.page, pageSize: p.pageSize, total, pageCount: Math.ceil(total / p.pageSize) } },
  };
}
