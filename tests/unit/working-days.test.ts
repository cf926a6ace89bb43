import { isWorkday as libIsWorkday } from 'chinese-days';
import { addDays, createWorkingDayCalendar, dayOfWeek, isValidDay } from '../../src/domain/working-days';

// Expected dates below were counted by hand against chinese-days 1.5.7 data (dist/chinese-days.json),
// which follows the State Council notices 国办发明电〔2024〕12号 (2025) and the 2026 notice.
const cal = createWorkingDayCalendar();

describe('UTC date helpers', () => {
  it('validates and walks plain days', () => {
    expect(isValidDay('2025-02-28')).toBe(true);
    expect(isValidDay('2025-02-29')).toBe(false);
    expect(isValidDay('2024-02-29')).toBe(true);
    expect(isValidDay('2025-9-26')).toBe(false);
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(dayOfWeek('2025-09-26')).toBe(5); // Friday
    expect(dayOfWeek('2026-01-01')).toBe(4); // Thursday
  });

  it('does not depend on the process time zone', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['Pacific/Kiritimati', 'America/Los_Angeles', 'Asia/Shanghai', 'UTC']) {
        process.env.TZ = tz;
        const c = createWorkingDayCalendar();
        expect(c.addWorkingDays('2025-09-26', 20)).toBe('2025-10-30');
        expect(dayOfWeek('2025-09-28')).toBe(0);
      }
    } finally {
      process.env.TZ = saved;
    }
  });
});

describe('official calendar', () => {
  it('public worked example: received 2025-09-26 (Fri) → due 2025-10-30', () => {
    expect(cal.addWorkingDays('2025-09-26', 20)).toBe('2025-10-30');
    expect(cal.workingDaysBetween('2025-09-26', '2025-10-30')).toBe(20);
    // National Day + Mid-Autumn 10-01…10-08 are days off
    for (let d = '2025-10-01'; d <= '2025-10-08'; d = addDays(d, 1)) expect(cal.isWorkingDay(d)).toBe(false);
    // make-up days 09-28 (Sun) and 10-11 (Sat) count
    expect(cal.isWorkingDay('2025-09-28')).toBe(true);
    expect(cal.isWorkingDay('2025-10-11')).toBe(true);
    expect(cal.describeDay('2025-10-11')).toEqual({ date: '2025-10-11', working: true, source: 'official', name: '国庆节' });
    expect(cal.describeDay('2025-10-06')).toMatchObject({ working: false, source: 'official', name: '中秋' });
    expect(cal.describeDay('2025-10-04')).toMatchObject({ working: false, source: 'official' });
    expect(cal.describeDay('2025-10-18')).toEqual({ date: '2025-10-18', working: false, source: 'weekday' });
    // day 1 is the next working day: the Sunday make-up day right after the Friday of receipt
    expect(cal.addWorkingDays('2025-09-26', 1)).toBe('2025-09-28');
    expect(cal.addWorkingDays('2025-09-26', 4)).toBe('2025-10-09');
  });

  it('Spring Festival 2025: 01-28…02-04 off, make-up days 01-26 (Sun) and 02-08 (Sat)', () => {
    for (let d = '2025-01-28'; d <= '2025-02-04'; d = addDays(d, 1)) expect(cal.isWorkingDay(d)).toBe(false);
    expect(dayOfWeek('2025-01-26')).toBe(0);
    expect(cal.isWorkingDay('2025-01-26')).toBe(true);
    expect(dayOfWeek('2025-02-08')).toBe(6);
    expect(cal.isWorkingDay('2025-02-08')).toBe(true);
    // received Mon 2025-01-20: 01-21…01-24 (4), 01-26 (5), 01-27 (6), 02-05…02-07 (9), 02-08 (10), 02-10…02-21 (20)
    expect(cal.addWorkingDays('2025-01-20', 20)).toBe('2025-02-21');
    expect(cal.addWorkingDays('2025-01-20', 6)).toBe('2025-01-27');
    expect(cal.addWorkingDays('2025-01-20', 7)).toBe('2025-02-05');
    expect(cal.addWorkingDays('2025-01-20', 10)).toBe('2025-02-08');
  });

  it('Spring Festival 2026: 02-15…02-23 off, make-up days 02-14 (Sat) and 02-28 (Sat)', () => {
    for (let d = '2026-02-15'; d <= '2026-02-23'; d = addDays(d, 1)) expect(cal.isWorkingDay(d)).toBe(false);
    expect(cal.isWorkingDay('2026-02-14')).toBe(true);
    expect(cal.isWorkingDay('2026-02-28')).toBe(true);
    expect(cal.describeDay('2026-02-14')).toMatchObject({ source: 'official', name: '春节' });
    // received Fri 2026-02-06: 02-09…02-13 (5), 02-14 (6), 02-24…02-27 (10), 02-28 (11), 03-02…03-12 (20)
    expect(cal.addWorkingDays('2026-02-06', 6)).toBe('2026-02-14');
    expect(cal.addWorkingDays('2026-02-06', 7)).toBe('2026-02-24');
    expect(cal.addWorkingDays('2026-02-06', 11)).toBe('2026-02-28');
    expect(cal.addWorkingDays('2026-02-06', 20)).toBe('2026-03-12');
  });

  it('National Day 2026 with Mid-Autumn 09-25…09-27 and make-up days 09-20 (Sun), 10-10 (Sat)', () => {
    expect(cal.isWorkingDay('2026-09-20')).toBe(true);
    expect(cal.isWorkingDay('2026-09-25')).toBe(false);
    expect(cal.isWorkingDay('2026-10-07')).toBe(false);
    expect(cal.isWorkingDay('2026-10-10')).toBe(true);
    expect(cal.addWorkingDays('2026-09-18', 1)).toBe('2026-09-20');
    expect(cal.addWorkingDays('2026-09-18', 20)).toBe('2026-10-22');
  });

  it('agrees with chinese-days isWorkday for every day of 2024–2026', () => {
    for (let d = '2024-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) {
      if (cal.isWorkingDay(d) !== libIsWorkday(d)) throw new Error(`mismatch on ${d}`);
    }
  });

  it('workingDaysBetween: after `from` up to and including `to`, negative backwards', () => {
    expect(cal.workingDaysBetween('2025-10-27', '2025-10-30')).toBe(3);
    expect(cal.workingDaysBetween('2025-10-30', '2025-10-30')).toBe(0);
    expect(cal.workingDaysBetween('2025-10-30', '2025-10-27')).toBe(-3);
    expect(cal.workingDaysBetween('2025-09-30', '2025-10-08')).toBe(0);
    expect(cal.workingDaysBetween('2025-09-30', '2025-10-09')).toBe(1);
  });

  it('addWorkingDays: 0 is the day itself, negative counts backwards', () => {
    expect(cal.addWorkingDays('2025-10-04', 0)).toBe('2025-10-04');
    expect(cal.addWorkingDays('2025-10-09', -1)).toBe('2025-09-30');
    expect(cal.addWorkingDays('2025-10-09', -4)).toBe('2025-09-26');
    expect(() => cal.addWorkingDays('2025-10-09', 1.5)).toThrow(RangeError);
  });

  it('nextWorkingDay is strictly after the day', () => {
    expect(cal.nextWorkingDay('2025-09-30')).toBe('2025-10-09');
    expect(cal.nextWorkingDay('2025-09-27')).toBe('2025-09-28');
    expect(cal.nextWorkingDay('2025-10-10')).toBe('2025-10-11');
    expect(cal.nextWorkingDay('2025-10-13')).toBe('2025-10-14');
  });

  it('rejects malformed dates', () => {
    expect(() => cal.isWorkingDay('2025-02-30')).toThrow(/YYYY-MM-DD/);
    expect(() => cal.addWorkingDays('2025/10/01', 1)).toThrow(RangeError);
    expect(() => createWorkingDayCalendar({ overrides: [{ date: '2025-13-01', working: false }] })).toThrow(RangeError);
  });
});

describe('known years and the Monday–Friday fallback', () => {
  it('knows exactly the years chinese-days has an arrangement for (2004–2026)', () => {
    const years = cal.knownYears();
    expect(years[0]).toBe(2004);
    expect(years[years.length - 1]).toBe(2026);
    expect(years).toHaveLength(23);
    expect(cal.isKnownYear(2025)).toBe(true);
    expect(cal.isKnownYear(2026)).toBe(true);
    expect(cal.isKnownYear(2027)).toBe(false);
    expect(cal.isKnownYear(2003)).toBe(false);
  });

  it('an unknown year uses the predicted arrangement, detectably', () => {
    // 2027-01-01 is a Friday: the notice is not known yet, but 元旦 is a statutory day (predicted.ts)
    expect(cal.describeDay('2027-01-01')).toEqual({ date: '2027-01-01', working: false, source: 'predicted', name: '元旦' });
    expect(cal.describeDay('2027-01-02')).toEqual({ date: '2027-01-02', working: false, source: 'fallback' });
    expect(cal.describeDay('2027-01-04')).toEqual({ date: '2027-01-04', working: true, source: 'fallback' });
    expect(cal.unknownYearsBetween('2026-12-15', '2027-01-12')).toEqual([2027]);
    expect(cal.unknownYearsBetween('2025-09-26', '2026-10-30')).toEqual([]);
    // Tue 2026-12-15: 12-16…12-31 (12 working days), then 2027 (predicted): 01-01 off, 01-04…01-08 (17), 01-11…01-13 (20)
    expect(cal.addWorkingDays('2026-12-15', 20)).toBe('2027-01-13');
  });

  it('extraKnownYears + overrides: a year entered locally before the package is updated', () => {
    const c = createWorkingDayCalendar({
      overrides: [{ date: '2027-01-01', working: false, note: '元旦' }],
      extraKnownYears: [2027],
    });
    expect(c.isKnownYear(2027)).toBe(true);
    expect(c.knownYears()).toContain(2027);
    expect(c.unknownYearsBetween('2026-12-15', '2027-01-13')).toEqual([]);
    expect(c.describeDay('2027-01-01')).toEqual({ date: '2027-01-01', working: false, source: 'override', name: '元旦' });
    expect(c.describeDay('2027-01-05')).toEqual({ date: '2027-01-05', working: true, source: 'weekday' });
    expect(c.addWorkingDays('2026-12-15', 20)).toBe('2027-01-13');
  });
});

describe('local overrides win over the official calendar', () => {
  it('a local day off pushes the worked example to 2025-10-31', () => {
    const c = createWorkingDayCalendar({ overrides: [{ date: '2025-10-20', working: false, note: '地方性休息日' }] });
    expect(c.isWorkingDay('2025-10-20')).toBe(false);
    expect(c.describeDay('2025-10-20')).toMatchObject({ source: 'override', name: '地方性休息日' });
    expect(c.addWorkingDays('2025-09-26', 20)).toBe('2025-10-31');
  });

  it('a local working Saturday brings it forward to 2025-10-29', () => {
    const c = createWorkingDayCalendar({ overrides: [{ date: '2025-10-18', working: true }] });
    expect(c.isWorkingDay('2025-10-18')).toBe(true);
    expect(c.addWorkingDays('2025-09-26', 20)).toBe('2025-10-29');
  });

  it('an override beats an official make-up day and an official holiday', () => {
    const c = createWorkingDayCalendar({
      overrides: [
        { date: '2025-10-11', working: false },
        { date: '2025-10-08', working: true },
      ],
    });
    expect(c.isWorkingDay('2025-10-11')).toBe(false);
    expect(c.isWorkingDay('2025-10-08')).toBe(true);
    expect(c.addWorkingDays('2025-09-26', 4)).toBe('2025-10-08');
    expect(c.addWorkingDays('2025-09-26', 20)).toBe('2025-10-30'); // one day lost, one gained
  });

  it('the last override of a date wins; overrides do not leak between calendars', () => {
    const c = createWorkingDayCalendar({
      overrides: [
        { date: '2025-10-20', working: false },
        { date: '2025-10-20', working: true },
      ],
    });
    expect(c.isWorkingDay('2025-10-20')).toBe(true);
    expect(createWorkingDayCalendar().isWorkingDay('2025-10-11')).toBe(true);
  });
});
