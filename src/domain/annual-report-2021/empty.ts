/**
 * Empty (all-zero) 2021-format tables, and the derivation of the total cells from their parts.
 */
import {
  APPLICANT_KEYS,
  RESULT_KEYS,
  TABLE2_COLUMNS_BY_ROW,
  TABLE2_ROW_KEYS,
  TABLE3_COLUMN_KEYS,
  TABLE3_ROW_KEYS,
  TABLE4_COLUMN_KEYS,
  TABLE4_GROUP_KEYS,
  TABLE4_OUTCOME_KEYS,
  type AnnualReportTables,
  type Table2,
  type Table3,
  type Table3ColumnKey,
  type Table4,
  type Table4ColumnKey,
} from './keys';

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

export function emptyTable2(): Table2 {
  return Object.fromEntries(TABLE2_ROW_KEYS.map((r) => [r, zeros(TABLE2_COLUMNS_BY_ROW[r])])) as unknown as Table2;
}

export function emptyTable3(): Table3 {
  return Object.fromEntries(TABLE3_ROW_KEYS.map((r) => [r, zeros(TABLE3_COLUMN_KEYS)])) as Table3;
}

export function emptyTable4(): Table4 {
  return Object.fromEntries(TABLE4_GROUP_KEYS.map((g) => [g, zeros(TABLE4_COLUMN_KEYS)])) as Table4;
}

/** All three tables, every cell 0 (a valid report). */
export function emptyTables(): AnnualReportTables {
  return { table2: emptyTable2(), table3: emptyTable3(), table4: emptyTable4() };
}

/** Deep copy of plain objects/arrays (tables are JSON-like). */
function clone<T>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => clone(x)) as unknown as T;
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, clone(x)])) as T;
  }
  return v;
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Sum of the cells, or undefined if any of them is not a finite number. */
function sumOf(values: unknown[]): number | undefined {
  let s = 0;
  for (const v of values) {
    if (!isCount(v)) return undefined;
    s += v;
  }
  return s;
}

/**
 * Returns a new object with the derived cells filled in from their parts:
 *  - 表三 （七）总计 (`resultsTotal`) for each applicant column = sum of the 21 result rows (rule 2);
 *  - 表三 `total` column of every row = sum of the six applicant columns (rule 3);
 *  - 表四 `total` of each group = upheld + corrected + other + pending (rule 4).
 * Rule 1 (结转下年度) is not derived: it is a fact to enter, checked by validation.
 * A total whose parts are not all finite numbers is left as it was (validation reports the part).
 * Missing rows/groups are created (zero-filled) so the result always has the full shape.
 */
export function computeTotals(tables: AnnualReportTables): AnnualReportTables {
  const out = clone(tables) as AnnualReportTables;
  const empty = emptyTables();
  if (!out.table2 || typeof out.table2 !== 'object') out.table2 = empty.table2;
  if (!out.table3 || typeof out.table3 !== 'object') out.table3 = empty.table3;
  if (!out.table4 || typeof out.table4 !== 'object') out.table4 = empty.table4;

  const t3 = out.table3 as Record<string, Record<string, unknown>>;
  for (const r of TABLE3_ROW_KEYS) {
    if (!t3[r] || typeof t3[r] !== 'object') t3[r] = zeros<Table3ColumnKey>(TABLE3_COLUMN_KEYS);
  }
  for (const c of APPLICANT_KEYS) {
    const s = sumOf(RESULT_KEYS.map((r) => t3[r][c]));
    if (s !== undefined) t3.resultsTotal[c] = s;
  }
  for (const r of TABLE3_ROW_KEYS) {
    const s = sumOf(APPLICANT_KEYS.map((c) => t3[r][c]));
    if (s !== undefined) t3[r].total = s;
  }

  const t4 = out.table4 as Record<string, Record<string, unknown>>;
  for (const g of TABLE4_GROUP_KEYS) {
    if (!t4[g] || typeof t4[g] !== 'object') t4[g] = zeros<Table4ColumnKey>(TABLE4_COLUMN_KEYS);
    const s = sumOf(TABLE4_OUTCOME_KEYS.map((c) => t4[g][c]));
    if (s !== undefined) t4[g].total = s;
  }
  return out;
}
