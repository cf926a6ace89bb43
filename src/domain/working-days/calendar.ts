/**
 * Working days (工作日) as the State Council's annual holiday notice (国务院办公厅关于部分节假日安排的通知)
 * defines them: statutory holidays are days off, 调休 make-up days (a Saturday or Sunday declared a
 * working day) are working days, other days follow Monday–Friday.
 *
 * Source of the official arrangement: the `chinese-days` package data (dist/chinese-days.json: maps
 * `holidays` and `workdays`). A year is *known* when that data holds its arrangement, detected as
 * "the data lists the year's 春节 holiday" (every annual notice contains the Spring Festival, and a
 * stray cross-year entry such as a 元旦 day could never make a year look known). For an unknown
 * year (the notice for year N+1 is published late in year N) the calendar uses the PREDICTED
 * arrangement of predicted.ts: the statutory days of 《全国年节及纪念日放假办法》 computed from the
 * Chinese calendar and the usual 调休 pattern (`describeDay(d).source === 'predicted'` for its
 * holidays and make-up days, `'fallback'` for the other days of that year, Monday–Friday);
 * `isKnownYear()` and `unknownYearsBetween()` make that detectable so that deadlines can be flagged
 * as provisional.
 *
 * Local overrides (a local government's own days off, or a locally declared working day) win over
 * the official calendar. If the same date is overridden twice, the last entry wins.
 *
 * Counting convention (Chinese administrative law): the day of the triggering event is not
 * counted; day 1 is the next working day.
 */
import officialData from 'chinese-days/dist/chinese-days.json';
import { addDays, assertDay, dayOfWeek, isValidDay, yearOf } from './dates';
import { predictArrangement, type PredictedArrangement } from './predicted';

export interface CalendarOverride {
  date: string;
  working: boolean;
  note?: string;
}

export interface WorkingDayCalendarOptions {
  overrides?: CalendarOverride[];
  /**
   * Years to treat as known although `chinese-days` does not have them yet — for when the new
   * State Council notice is out and its holidays/make-up days have been entered as overrides.
   */
  extraKnownYears?: number[];
}

/**
 * Where a day's status comes from: a local override; the official arrangement (a listed holiday or
 * make-up day); an ordinary day of a known year (Mon–Fri working); a predicted holiday or make-up
 * day of a year whose arrangement is not known (provisional); or the Monday–Friday assumption for
 * the other days of such a year (provisional).
 */
export type DaySource = 'override' | 'official' | 'weekday' | 'predicted' | 'fallback';

export interface DayInfo {
  date: string;
  working: boolean;
  source: DaySource;
  /** Holiday / make-up day name from the official data (e.g. 春节, 国庆节), or the override note. */
  name?: string;
}

export interface WorkingDayCalendar {
  isWorkingDay(d: string): boolean;
  /** The n-th working day after `from` (`from` itself not counted); n = 0 → `from`; n < 0 counts backwards. */
  addWorkingDays(from: string, n: number): string;
  /** Working days after `from` up to and including `to`; negative (working days after `to` up to and including `from`) if to < from. */
  workingDaysBetween(from: string, to: string): number;
  /** The first working day strictly after `d` (= addWorkingDays(d, 1)). */
  nextWorkingDay(d: string): string;
  isKnownYear(year: number): boolean;
  /** Known years, ascending (official data plus `extraKnownYears`). */
  knownYears(): number[];
  /** Years in [from, to] (either order) whose arrangement is not known: a computation over that span is provisional. */
  unknownYearsBetween(from: string, to: string): number[];
  describeDay(d: string): DayInfo;
}

interface OfficialData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const OFFICIAL: OfficialData = officialData;

/** Years whose arrangement is in the official data (detected by their 春节 entry). */
const OFFICIAL_KNOWN_YEARS: ReadonlySet<number> = new Set(
  Object.entries(OFFICIAL.holidays)
    .filter(([date, label]) => isValidDay(date) && label.includes('春节'))
    .map(([date]) => yearOf(date)),
);

/** Predicted arrangements of unknown years (pure functions of the year: computed once per process). */
const PREDICTED = new Map<number, PredictedArrangement>();
function predicted(year: number): PredictedArrangement | null {
  if (year < 2014 || year > 2099) return null; // outside the measures and the lunar tables
  let p = PREDICTED.get(year);
  if (!p) PREDICTED.set(year, (p = predictArrangement(year)));
  return p;
}

/** Largest span the calendar will walk (guards against runaway loops on absurd input). */
const MAX_SPAN_DAYS = 366 * 20;

/** 'New Year\'s Day,元旦,1' → '元旦' */
function officialName(label: string): string {
  const parts = label.split(',');
  return parts[1] ?? label;
}

export function createWorkingDayCalendar(options: WorkingDayCalendarOptions = {}): WorkingDayCalendar {
  const overrides = new Map<string, CalendarOverride>();
  for (const o of options.overrides ?? []) {
    assertDay(o.date, '日历调整日期');
    overrides.set(o.date, o);
  }
  const known = new Set<number>(OFFICIAL_KNOWN_YEARS);
  for (const y of options.extraKnownYears ?? []) {
    if (!Number.isInteger(y)) throw new RangeError(`年份无效：${y}`);
    known.add(y);
  }

  const describeDay = (d: string): DayInfo => {
    assertDay(d);
    const o = overrides.get(d);
    if (o) return { date: d, working: o.working, source: 'override', ...(o.note ? { name: o.note } : {}) };
    const makeUp = OFFICIAL.workdays[d];
    if (makeUp !== undefined) return { date: d, working: true, source: 'official', name: officialName(makeUp) };
    const holiday = OFFICIAL.holidays[d];
    if (holiday !== undefined) return { date: d, working: false, source: 'official', name: officialName(holiday) };
    const dow = dayOfWeek(d);
    const year = yearOf(d);
    if (known.has(year)) return { date: d, working: dow >= 1 && dow <= 5, source: 'weekday' };
    const p = predicted(year);
    const off = p?.holidays.get(d);
    if (off) return { date: d, working: false, source: 'predicted', name: off };
    const predictedMakeUp = p?.workdays.get(d);
    if (predictedMakeUp) return { date: d, working: true, source: 'predicted', name: `${predictedMakeUp}调休上班` };
    return { date: d, working: dow >= 1 && dow <= 5, source: 'fallback' };
  };

  const isWorkingDay = (d: string): boolean => describeDay(d).working;

  const addWorkingDays = (from: string, n: number): string => {
    assertDay(from);
    if (!Number.isInteger(n)) throw new RangeError(`工作日数应为整数：${n}`);
    const step = n < 0 ? -1 : 1;
    let remaining = Math.abs(n);
    let day = from;
    let walked = 0;
    while (remaining > 0) {
      day = addDays(day, step);
      if (++walked > MAX_SPAN_DAYS) throw new RangeError('工作日推算跨度过大');
      if (isWorkingDay(day)) remaining--;
    }
    return day;
  };

  const workingDaysBetween = (from: string, to: string): number => {
    assertDay(from);
    assertDay(to);
    if (to < from) return -workingDaysBetween(to, from);
    let count = 0;
    let walked = 0;
    for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
      if (++walked > MAX_SPAN_DAYS) throw new RangeError('工作日推算跨度过大');
      if (isWorkingDay(day)) count++;
    }
    return count;
  };

  const unknownYearsBetween = (from: string, to: string): number[] => {
    assertDay(from);
    assertDay(to);
    const lo = Math.min(yearOf(from), yearOf(to));
    const hi = Math.max(yearOf(from), yearOf(to));
    const out: number[] = [];
    for (let y = lo; y <= hi; y++) if (!known.has(y)) out.push(y);
    return out;
  };

  return {
    isWorkingDay,
    addWorkingDays,
    workingDaysBetween,
    nextWorkingDay: (d) => addWorkingDays(d, 1),
    isKnownYear: (year) => known.has(year),
    knownYears: () => [...known].sort((a, b) => a - b),
    unknownYearsBetween,
    describeDay,
  };
}
