/**
 * Days as editors type them (src/domain/dates.ts parseTypedDay): the admin's date inputs and the server's
 * validators (dateOnly) read the same forms.
 */
import { parseTypedDay } from '../../src/domain/dates';
import { dateOnly } from '../../src/foundation/validators';

describe('parseTypedDay', () => {
  it.each([
    ['2026-11-20', '2026-11-20'],
    ['2026/11/20', '2026-11-20'],
    ['2026.11.20', '2026-11-20'],
    ['2026年11月20日', '2026-11-20'],
    ['2026年1月5日', '2026-01-05'],
    ['2026-1-5', '2026-01-05'],
    [' 2026 年 11 月 20 日 ', '2026-11-20'],
    ['２０２６年１１月２０日', '2026-11-20'],
    ['2026年11月20', '2026-11-20'],
    ['2024年2月29日', '2024-02-29'],
  ])('reads %j as %s', (typed, day) => {
    expect(parseTypedDay(typed)).toBe(day);
  });

  it.each(['2026年2月30日', '2025-02-29', '2026-13-01', '2026-11', '20261120', '11/20/2026', '二〇二六年十一月二十日', '', 'abc', '2026-11-20T08:00'])(
    'refuses %j',
    (typed) => {
      expect(parseTypedDay(typed)).toBeNull();
    },
  );
});

describe('dateOnly (the server validators) reads the same forms', () => {
  it('normalises typed days and leaves the unreadable for the validator to name', () => {
    expect(dateOnly('2026年11月20日')).toBe('2026-11-20');
    expect(dateOnly('2026.11.20')).toBe('2026-11-20');
    expect(dateOnly('2026年2月30日')).toBe('2026年2月30日');
    expect(dateOnly('')).toBeNull();
    expect(dateOnly(undefined)).toBeUndefined();
  });
});
