/**
 * Backtest of the predicted holiday arrangement (src/domain/working-days/predicted.ts):
 *
 *   npm run bench:calendar [-- --from 2015 --to 2026]
 *
 * Predicts every announced year as if its State Council notice were unknown and compares each day (working or
 * not) with the announced arrangement (chinese-days data). Prints, per year, the number of wrong days and which
 * they are, then the total and the prediction for the first unannounced year.
 */
import { createWorkingDayCalendar } from '../src/domain/working-days';
import { backtestYear } from '../src/domain/working-days/backtest';
import { predictArrangement } from '../src/domain/working-days/predicted';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i === -1 ? NaN : Number(process.argv[i + 1]);
  return Number.isInteger(v) ? v : fallback;
}

const cal = createWorkingDayCalendar();
const known = cal.knownYears();
const from = arg('from', 2015);
const to = arg('to', known[known.length - 1]);
let total = 0;
let days = 0;
console.log(`预测放假安排回测（逐日比对工作日/休息日）：${from}–${to}`);
for (let y = from; y <= to; y++) {
  if (!cal.isKnownYear(y)) {
    console.log(`${y}  （该年放假安排尚未公布，跳过）`);
    continue;
  }
  const misses = backtestYear(y);
  total += misses.length;
  days += (Date.UTC(y + 1, 0, 1) - Date.UTC(y, 0, 1)) / 86400000;
  const list = misses.map((m) => `${m.date.slice(5)} 预测${m.predicted ? '上班' : '休息'}/实际${m.announced ? '上班' : '休息'}${m.name ? `（${m.name}）` : ''}`);
  console.log(`${y}  不符 ${String(misses.length).padStart(2)} 天${list.length ? '：' + list.join('；') : ''}`);
}
console.log(`合计  不符 ${total} 天 / ${days} 天（${((total / Math.max(days, 1)) * 100).toFixed(2)}%）`);
const next = known[known.length - 1] + 1;
const p = predictArrangement(next);
console.log(`\n${next}年（未公布）预测：`);
console.log(`  休息：${[...p.holidays].map(([d, n]) => `${d.slice(5)}${n}`).join(' ')}`);
console.log(`  调休上班：${[...p.workdays].map(([d, n]) => `${d.slice(5)}${n}`).join(' ')}`);
