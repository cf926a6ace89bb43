/** Instants written in China time for feeds (src/domain/dates.ts): never UTC, the same instant. */
import { chinaIsoTime, chinaMidnight, chinaRfc822Time } from '../../src/domain/dates';

it('writes an instant as ISO 8601 and RFC 822 in China time', () => {
  const t = new Date('2025-02-28T16:30:05.123Z');
  expect(chinaIsoTime(t)).toBe('2025-03-01T00:30:05+08:00');
  expect(chinaRfc822Time(t)).toBe('Sat, 01 Mar 2025 00:30:05 +0800');
  expect(new Date(chinaIsoTime(t)!).getTime()).toBe(Math.floor(t.getTime() / 1000) * 1000);
  expect(chinaIsoTime('2025-12-31T23:59:59Z')).toBe('2026-01-01T07:59:59+08:00');
  expect(chinaIsoTime('not a date')).toBeNull();
  expect(chinaRfc822Time(new Date(NaN))).toBeNull();
});

it('a calendar day is midnight in China', () => {
  expect(chinaMidnight('2025-03-01').toISOString()).toBe('2025-02-28T16:00:00.000Z');
  expect(chinaIsoTime(chinaMidnight('2025-03-01'))).toBe('2025-03-01T00:00:00+08:00');
});
