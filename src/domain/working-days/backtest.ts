/**
 * Backtest of the predicted arrangement (predicted.ts): for a year whose State Council notice IS known, predict
 * the year as if it were not, and compare every day (working or not) with the announced arrangement.
 * Used by `npm run bench:calendar` and tests/unit/working-days-predicted.test.ts.
 */
import { createWorkingDayCalendar } from './calendar';
import { addDays, dayOfWeek } from './dates';
import { predictArrangement } from './predicted';

export interface Mismatch {
  date: string;
  predicted: boolean;
  announced: boolean;
  /** the announced holiday / make-up day, or the predicted one */
  name?: string;
}

/** Working or not by a predicted arrangement. */
export function predictedWorking(arrangement: ReturnType<typeof predictArrangement>, d: string): boolean {
  if (arrangement.holidays.has(d)) return false;
  if (arrangement.workdays.has(d)) return true;
  const w = dayOfWeek(d);
  return w >= 1 && w <= 5;
}

export function backtestYear(year: number): Mismatch[] {
  const official = createWorkingDayCalendar();
  if (!official.isKnownYear(year)) throw new RangeError(`${year}年的放假安排未知，无法回测`);
  const predicted = predictArrangement(year);
  const out: Mismatch[] = [];
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) {
    const info = official.describeDay(d);
    const p = predictedWorking(predicted, d);
    if (p !== info.working) out.push({ date: d, predicted: p, announced: info.working, name: info.name ?? predicted.holidays.get(d) ?? predicted.workdays.get(d) });
  }
  return out;
}
