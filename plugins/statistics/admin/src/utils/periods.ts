import type { Granularity } from '../api';

/** Every period key between two days, in the server's format (YYYY-MM, YYYY-Qn, YYYY), so empty periods show as 0. */
export function periodKeys(from: string, to: string, granularity: Granularity): string[] {
  const keys: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endY = Number(to.slice(0, 4));
  const endM = Number(to.slice(5, 7));
  if (granularity === 'year') {
    for (; y <= endY; y++) keys.push(String(y));
    return keys;
  }
  if (granularity === 'quarter') {
    let q = Math.ceil(m / 3);
    const endQ = Math.ceil(endM / 3);
    while (y < endY || (y === endY && q <= endQ)) {
      keys.push(`${y}-Q${q}`);
      q++;
      if (q > 4) { q = 1; y++; }
    }
    return keys;
  }
  while (y < endY || (y === endY && m <= endM)) {
    keys.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) { m = 1; y++; }
  }
  return keys;
}

/** The server's rows with the missing periods filled with 0 (capped to keep the chart readable). */
export function fillPeriods(rows: Array<{ period: string; count: number }>, from: string, to: string, granularity: Granularity, max = 60) {
  const keys = periodKeys(from, to, granularity);
  if (keys.length > max) return rows;
  const counts = new Map(rows.map((r) => [r.period, r.count]));
  return keys.map((period) => ({ period, count: counts.get(period) ?? 0 }));
}
