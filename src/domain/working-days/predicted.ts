/**
 * A predicted holiday arrangement for a year whose State Council notice (国务院办公厅关于某年部分节假日安排的通知)
 * is not published yet — the notice for year N+1 comes out late in year N, while 依申请公开 due dates already
 * reach into it.
 *
 * 1. The statutory days (法定节假日) come from 《全国年节及纪念日放假办法》 in the version in force that year
 *    (`measuresFor`): 元旦 1 January; 春节 by the Chinese calendar (2014–2024: 正月初一至初三; from 2025 (2024年
 *    修订, 国务院令第798号): 农历除夕至正月初三); 清明 on the solar term; 劳动节 1 May (from 2025: 1–2 May); 端午
 *    (农历五月初五); 中秋 (农历八月十五); 国庆 1–3 October. Lunar dates and the solar term are computed with the
 *    `chinese-days` library (its lunar tables and solar-term formula, 1900–2100). These days are never working
 *    days, whatever the notice will say.
 * 2. Around them, the usual 调休 pattern of the notices of recent years:
 *    - a one-day holiday (元旦, 清明, 端午, 中秋 on its own) joins the weekend: on a Saturday or Sunday the next
 *      Monday is off; on a Monday or Friday a three-day weekend; on a Tuesday (Thursday) the Monday (Friday) in
 *      between is off and the Saturday before (Sunday after) is worked; on a Wednesday the day alone;
 *    - 春节: from 除夕, 8 days (before 2025: 7 days); 劳动节: 5 days from 1 May (before 2020: as a one-day
 *      holiday; 2020–2024 from the Saturday before when 1 May is a Sunday or Monday); 国庆: 7 days from 1 October,
 *      8 days when 中秋 falls between 29 September and 8 October (from the earlier of the two);
 *    - a long block that starts on a Monday takes the Sunday before it as well;
 *    - each weekday off that is not a statutory day is made up on a Saturday or Sunday next to the block
 *      (`makeUpSides`), skipping weekend days that another block already gives off; from 2025 a placement that
 *      would make more than 6 working days in a row (节前节后连续工作一般不超过6天) is replaced by the other one.
 *
 * The pattern is a prediction: `npm run bench:calendar` backtests it on every year 2015–2026 as if that year were
 * unknown and prints the days it gets wrong; tests/unit/working-days-predicted.test.ts holds it to a bound.
 * Deadlines over a predicted year stay flagged provisional (calendar.ts `unknownYearsBetween`) and are recomputed
 * when the notice is known.
 */
import { getSolarDateFromLunar, getSolarTermDate } from 'chinese-days';
import { addDays, dayOfWeek, daysBetween, yearOf } from './dates';

export type HolidayName = '元旦' | '春节' | '清明' | '劳动节' | '端午' | '中秋' | '国庆节';

export interface PredictedArrangement {
  year: number;
  /** the days the 放假办法 itself names (never working days) */
  statutory: Map<string, HolidayName>;
  /** predicted days off (statutory days, bridging days, weekend days inside a block are not listed) */
  holidays: Map<string, HolidayName>;
  /** predicted 调休 make-up working days (a Saturday or Sunday) */
  workdays: Map<string, HolidayName>;
}

export interface MeasuresVersion {
  /** first year the version applies to */
  from: number;
  title: string;
  /** 春节 statutory days, as offsets from 正月初一 (-1 = 除夕) */
  springFestival: number[];
  labourDays: number;
  /** the block of the usual arrangement */
  springFestivalBlock: number;
}

/** 《全国年节及纪念日放假办法》 versions (the years before 2014 are outside what the platform predicts). */
export const MEASURES: readonly MeasuresVersion[] = [
  { from: 2014, title: '《全国年节及纪念日放假办法》（2013年修订，国务院令第644号）', springFestival: [0, 1, 2], labourDays: 1, springFestivalBlock: 7 },
  { from: 2025, title: '《全国年节及纪念日放假办法》（2024年修订，国务院令第798号）', springFestival: [-1, 0, 1, 2], labourDays: 2, springFestivalBlock: 8 },
];

export function measuresFor(year: number): MeasuresVersion {
  let found = MEASURES[0];
  for (const m of MEASURES) if (year >= m.from) found = m;
  return found;
}

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const isWeekend = (d: string) => {
  const w = dayOfWeek(d);
  return w === 0 || w === 6;
};
const span = (from: string, days: number) => Array.from({ length: days }, (_, i) => addDays(from, i));

/** 正月初一 of the lunar year that starts in Gregorian year `year`. */
export function lunarNewYear(year: number): string {
  return getSolarDateFromLunar(iso(year, 1, 1)).date;
}
const lunarDay = (year: number, month: number, day: number) => getSolarDateFromLunar(iso(year, month, day)).date;
export const qingming = (year: number) => getSolarTermDate(year, 4, 'pure_brightness');

/**
 * The statutory days of `year` by the measures in force (春节 days of the lunar year starting in `year`), one entry
 * per holiday day: when two holidays fall on the same date (中秋 on 1 October) the date appears twice, and the
 * arrangement gives one more day off for it.
 */
export function statutoryEntries(year: number): Array<[string, HolidayName]> {
  const m = measuresFor(year);
  const out: Array<[string, HolidayName]> = [[iso(year, 1, 1), '元旦']];
  const newYear = lunarNewYear(year);
  for (const offset of m.springFestival) out.push([addDays(newYear, offset), '春节']);
  out.push([qingming(year), '清明']);
  for (let i = 0; i < m.labourDays; i++) out.push([iso(year, 5, 1 + i), '劳动节']);
  out.push([lunarDay(year, 5, 5), '端午']);
  out.push([lunarDay(year, 8, 15), '中秋']);
  for (let i = 0; i < 3; i++) out.push([iso(year, 10, 1 + i), '国庆节']);
  return out;
}

/** The statutory days of `year`, by date. */
export function statutoryDays(year: number): Map<string, HolidayName> {
  return new Map(statutoryEntries(year));
}

interface Block {
  name: HolidayName;
  days: string[];
  /** make-up days already fixed by the one-day rule */
  makeUps?: string[];
}

/** The one-day rule (元旦, 清明, 端午, 中秋 on its own; 劳动节 before 2020). */
function oneDayBlock(name: HolidayName, d: string): Block {
  switch (dayOfWeek(d)) {
    case 6: // Saturday: Sat–Mon
      return { name, days: span(d, 3) };
    case 0: // Sunday: Sat–Mon
      return { name, days: span(addDays(d, -1), 3) };
    case 1: // Monday: Sat–Mon
      return { name, days: span(addDays(d, -2), 3) };
    case 5: // Friday: Fri–Sun
      return { name, days: span(d, 3) };
    case 2: // Tuesday: Sun–Tue, the Saturday before worked
      return { name, days: span(addDays(d, -2), 3), makeUps: [addDays(d, -3)] };
    case 4: // Thursday: Thu–Sat, the Sunday after worked
      return { name, days: span(d, 3), makeUps: [addDays(d, 3)] };
    default: // Wednesday: the day alone
      return { name, days: [d] };
  }
}

function longBlock(name: HolidayName, start: string, length: number, takeSundayBefore: boolean): Block {
  const first = takeSundayBefore && dayOfWeek(start) === 1 ? addDays(start, -1) : start;
  return { name, days: span(first, length + (first === start ? 0 : 1)) };
}

/** The blocks of the holidays of `year` (元旦 of `year` included; its block may begin in December before). */
function blocksOf(year: number): Block[] {
  const m = measuresFor(year);
  const blocks: Block[] = [];
  blocks.push(oneDayBlock('元旦', iso(year, 1, 1)));
  // from 2025 (节前节后连续工作一般不超过6天) a 春节 starting on a Monday keeps the Sunday before off
  blocks.push(longBlock('春节', addDays(lunarNewYear(year), -1), m.springFestivalBlock, year >= 2025));
  blocks.push(oneDayBlock('清明', qingming(year)));
  const mayDay = iso(year, 5, 1);
  if (year < 2020) blocks.push(oneDayBlock('劳动节', mayDay));
  else if (year < 2025) {
    const w = dayOfWeek(mayDay);
    blocks.push({ name: '劳动节', days: span(w === 0 ? addDays(mayDay, -1) : w === 1 ? addDays(mayDay, -2) : mayDay, 5) });
  } else blocks.push({ name: '劳动节', days: span(mayDay, 5) });
  blocks.push(oneDayBlock('端午', lunarDay(year, 5, 5)));
  const midAutumn = lunarDay(year, 8, 15);
  const national = iso(year, 10, 1);
  if (midAutumn >= iso(year, 9, 29) && midAutumn <= iso(year, 10, 8)) {
    blocks.push(longBlock('国庆节', midAutumn < national ? midAutumn : national, 8, false));
  } else {
    blocks.push(oneDayBlock('中秋', midAutumn));
    blocks.push(longBlock('国庆节', national, 7, false));
  }
  return blocks;
}

/**
 * Where the make-up days of a block go (the notices 2015–2026): when a whole weekend touches the block (the block
 * ends on a Friday, or begins on a Monday) they are that weekend; a single make-up day is the nearer free weekend
 * day (before the block on a tie); otherwise one before and one after.
 */
function makeUpSides(startWeekday: number, endWeekday: number, count: number, gapBefore: number, gapAfter: number): Array<'before' | 'after'> {
  if (count === 1) return [gapAfter < gapBefore ? 'after' : 'before'];
  return Array.from({ length: count }, (_, i) => (endWeekday === 5 ? 'after' : startWeekday === 1 ? 'before' : i % 2 === 0 ? 'before' : 'after'));
}

/** 节前节后连续工作一般不超过6天 (the principle of the arrangements from 2025). */
const MAX_RUN = 6;

/** The longest run of working days in [from, to] given the days off and the make-up days. */
function longestRun(from: string, to: string, off: Set<string>, work: Set<string>): number {
  let best = 0;
  let run = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) {
    run = work.has(d) || (!off.has(d) && !isWeekend(d)) ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}

/** The predicted arrangement of `year` (days of `year` only). */
export function predictArrangement(year: number): PredictedArrangement {
  const entries = [...statutoryEntries(year - 1), ...statutoryEntries(year), ...statutoryEntries(year + 1)];
  const statutoryAll = new Map<string, HolidayName>(entries);
  const blocks = [...blocksOf(year - 1), ...blocksOf(year), ...blocksOf(year + 1)];
  const off = new Set<string>();
  const offName = new Map<string, HolidayName>();
  for (const b of blocks) for (const d of b.days) if (!offName.has(d)) (off.add(d), offName.set(d, b.name));
  const work = new Set<string>();
  const workName = new Map<string, HolidayName>();
  const addWork = (d: string, name: HolidayName) => {
    work.add(d);
    workName.set(d, name);
  };
  for (const b of blocks) {
    if (b.makeUps) {
      for (const d of b.makeUps) if (!off.has(d)) addWork(d, b.name);
      continue;
    }
    const weekdays = b.days.filter((d) => !isWeekend(d)).length;
    const inBlock = new Set(b.days);
    const statutory = entries.filter(([d]) => inBlock.has(d)).length;
    const start = b.days[0];
    const end = b.days[b.days.length - 1];
    const nearest = (from: string, step: 1 | -1) => {
      for (let d = addDays(from, step), i = 0; i < 21; d = addDays(d, step), i++) if (isWeekend(d) && !off.has(d) && !work.has(d)) return d;
      return null;
    };
    const gap = (d: string | null) => (d ? Math.abs(daysBetween(d, d < start ? start : end)) : Infinity);
    const count = Math.max(0, weekdays - statutory);
    const place = (sides: Array<'before' | 'after'>) => {
      const chosen: string[] = [];
      const taken = new Set(work);
      for (const side of sides) {
        const d = side === 'before' ? nearestFree(start, -1, taken) : nearestFree(end, 1, taken);
        if (d) (chosen.push(d), taken.add(d));
      }
      return chosen;
    };
    const nearestFree = (from: string, step: 1 | -1, taken: Set<string>) => {
      for (let d = addDays(from, step), i = 0; i < 21; d = addDays(d, step), i++) if (isWeekend(d) && !off.has(d) && !taken.has(d)) return d;
      return null;
    };
    let chosen = place(makeUpSides(dayOfWeek(start), dayOfWeek(end), count, gap(nearest(start, -1)), gap(nearest(end, 1))));
    // from 2025: 节前节后连续工作一般不超过6天 — if the usual placement makes a longer run, the other placement
    if (yearOf(start) >= 2025 && count > 0) {
      const run = (days: string[]) => longestRun(addDays(start, -14), addDays(end, 14), off, new Set([...work, ...days]));
      if (run(chosen) > MAX_RUN) {
        const other = place(count === 1 ? [gap(nearest(end, 1)) < gap(nearest(start, -1)) ? 'before' : 'after'] : Array.from({ length: count }, (_, i) => (i % 2 === 0 ? 'before' : 'after')));
        if (run(other) < run(chosen)) chosen = other;
      }
    }
    for (const d of chosen) addWork(d, b.name);
  }
  const inYear = (d: string) => d.startsWith(`${year}-`);
  const statutory = new Map([...statutoryAll].filter(([d]) => inYear(d)));
  const holidays = new Map<string, HolidayName>();
  for (const d of [...off].sort()) if (inYear(d) && (!isWeekend(d) || statutory.has(d))) holidays.set(d, offName.get(d)!);
  // a statutory day is off even if a block rule would have put work on it
  for (const [d, name] of statutory) {
    holidays.set(d, name);
    workName.delete(d);
  }
  const workdays = new Map([...workName].filter(([d]) => inYear(d) && !statutory.has(d)).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { year, statutory, holidays: new Map([...holidays].sort(([a], [b]) => (a < b ? -1 : 1))), workdays };
}
