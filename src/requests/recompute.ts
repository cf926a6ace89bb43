/**
 * Recomputing stored due dates after the calendar changed (an override edited, a new State Council
 * notice entered, chinese-days updated): every request whose due date is provisional, and — after
 * an override edit — every request not yet closed, is recomputed with the current calendar; those
 * whose stored values differ are rewritten through the Document Service (the middleware recomputes
 * and keeps the history).
 */
import type { Core } from '@strapi/strapi';
import { computeClock } from '../domain/request-clock';
import { todayInChina } from '../domain/dates';
import { isValidDay } from '../domain/working-days';
import { getCalendar, invalidateCalendar } from './calendar';
import { REQUEST_UID } from './config';
import { parseStoredEvents } from './schemas';

export interface RecomputeResult {
  checked: number;
  updated: number;
  updatedDocumentIds: string[];
  failed: Array<{ documentId: string; trackingNo: string | null; message: string }>;
}

export interface RecomputeOptions {
  /** 'provisional': only provisional due dates; 'open' (default): provisional ones and every request not closed. */
  scope?: 'provisional' | 'open';
  /** only requests of these organisations (the caller's scope, plugins/site-groups); absent = all */
  organizations?: { all: true } | { all: false; ids: number[] };
}

const PAGE = 200;

export async function recomputeDeadlines(strapi: Core.Strapi, options: RecomputeOptions = {}): Promise<RecomputeResult> {
  const scope = options.scope ?? 'open';
  const base =
    scope === 'provisional'
      ? { dueDateProvisional: true }
      : { $or: [{ dueDateProvisional: true }, { closedDate: { $null: true } }] };
  const orgs = options.organizations;
  const where = orgs && !orgs.all ? { $and: [base, { organization: { id: { $in: orgs.ids.length ? orgs.ids : [-1] } } }] } : base;
  invalidateCalendar(strapi); // an explicit recompute means the calendar may have changed (config, other node)
  const calendar = await getCalendar(strapi);
  const today = todayInChina();
  const result: RecomputeResult = { checked: 0, updated: 0, updatedDocumentIds: [], failed: [] };
  let lastId = 0;
  for (;;) {
    const rows: any[] = await strapi.db.query(REQUEST_UID as any).findMany({
      where: { $and: [where, { id: { $gt: lastId } }] },
      select: ['id', 'documentId', 'trackingNo', 'receivedDate', 'events', 'dueDate', 'dueDateProvisional'],
      orderBy: { id: 'asc' },
      limit: PAGE,
    });
    if (!rows.length) break;
    lastId = rows[rows.length - 1].id;
    for (const row of rows) {
      result.checked++;
      if (!isValidDay(row.receivedDate)) continue;
      const parsed = parseStoredEvents(row.events);
      if ('errors' in parsed) continue;
      const clock = computeClock({ receivedDate: row.receivedDate, events: parsed.events }, { calendar, today });
      if ((clock.dueDate ?? null) === (row.dueDate ?? null) && clock.dueDateProvisional === Boolean(row.dueDateProvisional)) continue;
      try {
        await strapi.documents(REQUEST_UID as any).update({ documentId: row.documentId, data: {} as any });
        result.updated++;
        result.updatedDocumentIds.push(row.documentId);
      } catch (e: any) {
        result.failed.push({ documentId: row.documentId, trackingNo: row.trackingNo ?? null, message: String(e?.message ?? e) });
      }
    }
    if (rows.length < PAGE) break;
  }
  if (result.updated || result.failed.length) {
    strapi.log.info(`[依申请公开] 按新的工作日日历重新核算答复期限：检查 ${result.checked} 件，更新 ${result.updated} 件，失败 ${result.failed.length} 件`);
  }
  return result;
}
