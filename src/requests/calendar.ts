/**
 * The working-day calendar the platform uses: the State Council arrangement (chinese-days) plus
 * local overrides from config/requests.ts and from the admin (内容管理 → 工作日调整, content type
 * api::working-day-override.working-day-override; an admin entry wins over a config entry for the
 * same date). Overrides whose 来源 is 国务院通知 also mark their year as known (the notice for a year
 * chinese-days does not have yet was entered by hand), so deadlines reaching into it stop being
 * provisional.
 *
 * Cached per Strapi node; the cache is dropped at once when overrides are edited on this node
 * (document middleware, see ./overrides.ts) and re-validated against the table every
 * `calendar.cacheSeconds` (edits made on other nodes).
 */
import type { Core } from '@strapi/strapi';
import { createWorkingDayCalendar, yearOf, type CalendarOverride, type WorkingDayCalendar } from '../domain/working-days';
import { OVERRIDE_UID, requestsConfig } from './config';

interface CacheEntry {
  calendar: WorkingDayCalendar;
  fingerprint: string;
  checkedAt: number;
}

const caches = new WeakMap<object, CacheEntry>();

export interface CalendarSource {
  overrides: CalendarOverride[];
  extraKnownYears: number[];
}

/** Overrides and extra known years from config and the admin table. */
export async function loadCalendarSource(strapi: Core.Strapi): Promise<CalendarSource> {
  const conf = requestsConfig(strapi).calendar;
  const rows: any[] = await strapi.db.query(OVERRIDE_UID as any).findMany({
    select: ['date', 'working', 'note', 'source'],
    orderBy: [{ date: 'asc' }, { id: 'asc' }],
  });
  const fromDb: CalendarOverride[] = rows
    .filter((r) => typeof r.date === 'string')
    .map((r) => ({ date: String(r.date).slice(0, 10), working: Boolean(r.working), ...(r.note ? { note: String(r.note) } : {}) }));
  const noticeYears = rows.filter((r) => r.source === '国务院通知' && r.date).map((r) => yearOf(String(r.date).slice(0, 10)));
  return {
    overrides: [...conf.overrides, ...fromDb],
    extraKnownYears: [...new Set([...conf.extraKnownYears, ...noticeYears])].sort((a, b) => a - b),
  };
}

/** The current calendar (cached, see above). */
export async function getCalendar(strapi: Core.Strapi): Promise<WorkingDayCalendar> {
  const now = Date.now();
  const cached = caches.get(strapi);
  const ttl = requestsConfig(strapi).calendar.cacheSeconds * 1000;
  if (cached && now - cached.checkedAt < ttl) return cached.calendar;
  const source = await loadCalendarSource(strapi);
  const fingerprint = JSON.stringify(source);
  if (cached && cached.fingerprint === fingerprint) {
    cached.checkedAt = now;
    return cached.calendar;
  }
  const calendar = createWorkingDayCalendar(source);
  caches.set(strapi, { calendar, fingerprint, checkedAt: now });
  return calendar;
}

/** Drop this node's cached calendar (after an override was written or deleted). */
export function invalidateCalendar(strapi: Core.Strapi): void {
  caches.delete(strapi);
}
