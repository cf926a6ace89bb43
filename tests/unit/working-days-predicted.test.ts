/**
 * The predicted arrangement of a year whose State Council notice is not out yet
 * (src/domain/working-days/predicted.ts), its backtest on the announced years 2015–2026
 * (backtest.ts, also `npm run bench:calendar`) and its use by the calendar.
 */
import { createWorkingDayCalendar } from '../../src/domain/working-days';
import { backtestYear } from '../../src/domain/working-days/backtest';
import { measuresFor, predictArrangement, statutoryDays, statutoryEntries } from '../../src/domain/working-days/predicted';
import { addDays, dayOfWeek } from '../../src/domain/dates';

const cal = createWorkingDayCalendar();
const YEARS = Array.from({ length: 12 }, (_, i) => 2015 + i);
/** Years with a one-off arrangement no pattern predicts: 2015 抗战胜利70周年 (9-3…9-5), 2019 劳动节 (4 days from
 * Wednesday), 2020 春节 extended for the epidemic, 2024 春节 (8 days from 初一, 除夕 worked). */
const SPECIAL = new Set([2015, 2019, 2020, 2024]);

describe('statutory days (《全国年节及纪念日放假办法》 in force that year)', () => {
  it('2027 under the 2024 revision: 13 days, 春节 from 除夕, 劳动节 two days', () => {
    expect(measuresFor(2027).title).toContain('2024年修订');
    expect([...statutoryDays(2027)]).toEqual([
      ['2027-01-01', '元旦'],
      ['2027-02-05', '春节'], // 除夕
      ['2027-02-06', '春节'], // 正月初一
      ['2027-02-07', '春节'],
      ['2027-02-08', '春节'],
      ['2027-04-05', '清明'],
      ['2027-05-01', '劳动节'],
      ['2027-05-02', '劳动节'],
      ['2027-06-09', '端午'],
      ['2027-09-15', '中秋'],
      ['2027-10-01', '国庆节'],
      ['2027-10-02', '国庆节'],
      ['2027-10-03', '国庆节'],
    ]);
  });

  it('2024 under the 2013 revision: 11 days, 春节 初一–初三, 劳动节 one day', () => {
    expect(measuresFor(2024).title).toContain('2013年修订');
    const days = statutoryDays(2024);
    expect(days.size).toBe(11);
    expect([...days].filter(([, n]) => n === '春节').map(([d]) => d)).toEqual(['2024-02-10', '2024-02-11', '2024-02-12']);
    expect([...days].filter(([, n]) => n === '劳动节').map(([d]) => d)).toEqual(['2024-05-01']);
  });

  it('every statutory day of every announced year 2015–2026 is a day off in the announced arrangement', () => {
    for (const y of YEARS) for (const [d] of statutoryDays(y)) expect({ d, working: cal.isWorkingDay(d) }).toEqual({ d, working: false });
  });
});

describe('backtest: each announced year predicted as if unknown', () => {
  const results = new Map(YEARS.map((y) => [y, backtestYear(y)]));

  it('gets every day right in the eight years without a one-off arrangement', () => {
    for (const y of YEARS.filter((y) => !SPECIAL.has(y))) expect({ y, mismatches: results.get(y) }).toEqual({ y, mismatches: [] });
  });

  it('misses at most 5 days in a year with a one-off arrangement, and 15 days (0.34 %) over all twelve years', () => {
    for (const y of SPECIAL) expect(results.get(y)!.length).toBeLessThanOrEqual(5);
    const total = [...results.values()].reduce((n, m) => n + m.length, 0);
    expect(total).toBeLessThanOrEqual(15);
    // the one-off days themselves are among the misses, e.g. 2015-09-03 (抗战胜利70周年纪念日)
    expect(results.get(2015)!.map((m) => m.date)).toContain('2015-09-03');
  });
});

describe('the prediction of unannounced years (2027–2040)', () => {
  const future = Array.from({ length: 14 }, (_, i) => 2027 + i);

  it('never makes a statutory day a working day, and puts make-up days on weekends only', () => {
    for (const y of future) {
      const p = predictArrangement(y);
      expect(statutoryEntries(y)).toHaveLength(13); // 中秋 may fall on 1–3 October: one date, two holidays
      for (const d of p.statutory.keys()) expect({ d, working: cal.isWorkingDay(d) }).toEqual({ d, working: false });
      for (const d of p.workdays.keys()) expect({ d, weekend: [0, 6].includes(dayOfWeek(d)) }).toEqual({ d, weekend: true });
    }
  });

  it('2027: 元旦 Friday 01-01 to Sunday 01-03; 春节 8 days from 除夕 (02-05…02-12), made up before and after (no 7 working days in a row)', () => {
    const p = predictArrangement(2027);
    expect(['2027-01-01', '2027-01-02', '2027-01-03'].map((d) => cal.describeDay(d).working)).toEqual([false, false, false]);
    expect(cal.describeDay('2027-01-01')).toMatchObject({ source: 'predicted', name: '元旦' });
    for (let d = '2027-02-05'; d <= '2027-02-12'; d = addDays(d, 1)) expect({ d, working: cal.isWorkingDay(d) }).toEqual({ d, working: false });
    expect(cal.isWorkingDay('2027-02-15')).toBe(true);
    expect([...p.workdays].filter(([, n]) => n === '春节').map(([d]) => d)).toEqual(['2027-01-31', '2027-02-13']);
    expect(cal.describeDay('2027-02-13')).toEqual({ date: '2027-02-13', working: true, source: 'predicted', name: '春节调休上班' });
  });

  it('a request received on 2026-12-05 is due on 2027-01-04 (provisional), not on 元旦', () => {
    // 12-07…12-31: 19 working days; 2027-01-01…01-03 off (predicted); 01-04 is the 20th
    expect(cal.addWorkingDays('2026-12-05', 20)).toBe('2027-01-04');
    expect(cal.unknownYearsBetween('2026-12-05', '2027-01-04')).toEqual([2027]);
  });

  it('no 20-working-day deadline from a receipt in 2026-11 … 2027-12 falls on a statutory or predicted holiday', () => {
    const statutory = new Set([...statutoryDays(2027), ...statutoryDays(2028)].map(([d]) => d));
    for (let d = '2026-11-01'; d <= '2027-12-31'; d = addDays(d, 1)) {
      const due = cal.addWorkingDays(d, 20);
      expect({ d, due, statutory: statutory.has(due), working: cal.isWorkingDay(due) }).toEqual({ d, due, statutory: false, working: true });
    }
  });
});
