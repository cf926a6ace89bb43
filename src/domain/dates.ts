/**
 * Plain calendar days ('YYYY-MM-DD', China's calendar) without time zones — the one home of day arithmetic and
 * of "today" in China for the server (the working-day calendar, the legal clock, inspection rules, statistics,
 * validators and the public API all import from here).
 *
 * Every computation goes through a day number (days since 1970-01-01) built with Date.UTC, so the
 * result never depends on the server's local time zone or on daylight-saving changes.
 */

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** True for a real calendar day written 'YYYY-MM-DD' (rejects 2025-02-30, 2025-2-3, …). */
export function isValidDay(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DAY_RE.exec(value);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/**
 * A day as people type it, to 'YYYY-MM-DD': 2026-11-20, 2026/11/20, 2026.11.20, 2026-1-5, 2026年11月20日, with
 * full-width digits or spaces around the separators too. Null when the text is not such a day or not a real
 * calendar day (2026年2月30日). The one parser behind the server's date validators and the admin's date inputs.
 */
export function parseTypedDay(text: string): string | null {
  const half = text.trim().replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(half);
  if (!m) return null;
  const day = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isValidDay(day) ? day : null;
}

/** Throws a (Chinese) error unless `value` is a valid 'YYYY-MM-DD' day. */
export function assertDay(value: unknown, what = '日期'): asserts value is string {
  if (!isValidDay(value)) throw new RangeError(`${what}格式应为 YYYY-MM-DD 的有效日期：${String(value)}`);
}

/** Day number: days since 1970-01-01 (UTC), for arithmetic only. */
export function toDayNumber(day: string): number {
  assertDay(day);
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / MS_PER_DAY;
}

export function fromDayNumber(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** `day` plus `n` calendar days. */
export function addDays(day: string, n: number): string {
  return fromDayNumber(toDayNumber(day) + n);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(day: string): number {
  return new Date(toDayNumber(day) * MS_PER_DAY).getUTCDay();
}

export function yearOf(day: string): number {
  return Number(day.slice(0, 4));
}

/** Negative / 0 / positive, like a comparator (valid days compare correctly as strings). */
export function compareDays(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxDay(a: string, b: string): string {
  return a >= b ? a : b;
}

export function minDay(a: string, b: string): string {
  return a <= b ? a : b;
}

/** `day` plus `n` calendar months, clamped to the month's last day (2025-01-31 + 1 month = 2025-02-28). */
export function addMonths(day: string, n: number): string {
  const y = yearOf(day);
  const m = Number(day.slice(5, 7)) - 1 + n;
  const target = new Date(Date.UTC(y, m, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(Number(day.slice(8, 10)), last));
  return target.toISOString().slice(0, 10);
}

/** Calendar days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** The calendar day in China (UTC+8 all year, no daylight saving) at an instant — today by default. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

/** The calendar day in China of an instant given as a Date or an ISO timestamp with a zone ('…Z', '…+08:00'). */
export function chinaDayOf(instant: Date | string): string | null {
  const d = instant instanceof Date ? instant : new Date(instant);
  return Number.isNaN(d.getTime()) ? null : todayInChina(d);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** An instant as ISO 8601 in China time, '2025-03-01T08:30:00+08:00' (feeds: RFC 3339 / Atom, JSON Feed). */
export function chinaIsoTime(instant: Date | string): string | null {
  const d = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(d.getTime())) return null;
  return `${new Date(d.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 19)}+08:00`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An instant as RFC 822 in China time, 'Sat, 01 Mar 2025 08:30:00 +0800' (RSS 2.0 pubDate, lastBuildDate). */
export function chinaRfc822Time(instant: Date | string): string | null {
  const d = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(d.getTime())) return null;
  const c = new Date(d.getTime() + 8 * 3600 * 1000); // read with the UTC getters: China's wall clock
  return `${WEEKDAYS[c.getUTCDay()]}, ${pad2(c.getUTCDate())} ${MONTHS[c.getUTCMonth()]} ${c.getUTCFullYear()} ${pad2(c.getUTCHours())}:${pad2(c.getUTCMinutes())}:${pad2(c.getUTCSeconds())} +0800`;
}

/** Midnight China time of a calendar day 'YYYY-MM-DD' (a 发布日期 as an instant). */
export function chinaMidnight(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}
