/**
 * Calendar days in the admin pages: China time (YYYY-MM-DD), as the server reads them. Day arithmetic is the
 * server's own (src/domain/dates.ts: pure, no Strapi code, so the admin bundle includes it).
 */
import { todayInChina } from '../../../../src/domain/dates';

export { addDays, daysBetween } from '../../../../src/domain/dates';

/** Today in China (UTC+8 all year). */
export const chinaToday = (now = Date.now()): string => todayInChina(new Date(now));

/** YYYY-MM-DD of a Date picked in the browser (local calendar day). */
export function isoDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A local Date at midnight of a YYYY-MM-DD day (for the date pickers). */
export function localDate(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d);
}

/** 2025-10-30 12:34 in China time, from an ISO timestamp. */
export function chinaDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + 8 * 3600e3).toISOString().slice(0, 16).replace('T', ' ');
}
