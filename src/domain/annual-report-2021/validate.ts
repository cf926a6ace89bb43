/**
 * Validation of the 2021-format tables (validate on save and before publishing).
 *
 * Rules (numbering as in the spec, /work/shared/domain/annual-report-2021.md):
 *  1. 表三, every column c (the six applicant columns and 总计):
 *     newReceived[c] + carriedOver[c] = resultsTotal[c] + carriedForward[c]   — error
 *  2. 表三, every column c: resultsTotal[c] = Σ the 21 result rows[c]           — error
 *  3. 表三, every row: total = Σ the six applicant columns                       — error
 *  4. 表四, every group: upheld + corrected + other + pending = total            — error
 *  5. every cell present; counts are non-negative integers; feesWan a non-negative
 *     finite decimal                                                              — error
 *  6. soft checks                                                                 — warning
 *     a. 表二 inForce continuity (needs `previousInForce`):
 *        last year's inForce + issued − repealed = this year's inForce
 *        (documents can also leave force by expiry, hence only a warning);
 *     b. figures quoted in 一、总体情况 (needs `overviewText`), see OVERVIEW_FIGURES below.
 *
 * Rules 1–4 skip any check involving a cell that already failed rule 5 (no cascades).
 * A report with any error (rules 1–5) must not be published: `assertValidAnnualReport`.
 */
import {
  APPLICANT_KEYS,
  RESULT_GROUP_LABELS,
  RESULT_GROUPS,
  RESULT_KEYS,
  TABLE2_COLUMN_LABELS,
  TABLE2_COLUMNS_BY_ROW,
  TABLE2_DECIMAL_COLUMNS,
  TABLE2_ROW_KEYS,
  TABLE2_ROW_LABELS,
  TABLE3_COLUMN_KEYS,
  TABLE3_COLUMN_LABELS,
  TABLE3_ROW_KEYS,
  TABLE3_ROW_QUALIFIED_LABELS,
  TABLE4_COLUMN_KEYS,
  TABLE4_COLUMN_LABELS,
  TABLE4_GROUP_KEYS,
  TABLE4_GROUP_QUALIFIED_LABELS,
  TABLE4_LITIGATION_HEADER,
  TABLE4_OUTCOME_KEYS,
  TABLE_NAMES,
  type AnnualReportTables,
  type TableKey,
} from './keys';

export type RuleNumber = 1 | 2 | 3 | 4 | 5 | 6;
export type ViolationSeverity = 'error' | 'warning';

export interface Violation {
  rule: RuleNumber;
  severity: ViolationSeverity;
  table: TableKey;
  /** Row key (表二/表三 row, 表四 group). Rule 6 prose checks on a sum use a group key, see OVERVIEW_FIGURES. */
  row: string;
  /** Column key. */
  column: string;
  rowLabel: string;
  columnLabel: string;
  /**
   * What the arithmetic requires / what was found:
   *  rule 1: expected = newReceived + carriedOver, actual = resultsTotal + carriedForward;
   *  rules 2–4: expected = sum of the parts, actual = the total cell;
   *  rule 5: actual = the offending value when it is a number;
   *  rule 6: expected = the figure derived from the tables, actual = the reported/quoted figure.
   */
  expected?: number;
  actual?: number;
  /** Other rows involved in the check (rule 1 involves four rows). */
  relatedRows?: string[];
  /** Chinese message naming the rule, the row and the column. */
  message: string;
}

export interface ValidateOptions {
  /** 现行有效件数 of last year's report (31 December of the previous year), for rule 6. */
  previousInForce?: { regulations?: number | null; normativeDocuments?: number | null } | null;
  /** The prose of 一、总体情况, for rule 6 (figures quoted in the text). */
  overviewText?: string | null;
}

type Dict = Record<string, unknown>;

function isDict(v: unknown): v is Dict {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function showValue(v: unknown): string {
  if (typeof v === 'string') {
    const s = v.length > 20 ? `${v.slice(0, 20)}…` : v;
    return `“${s}”`;
  }
  if (typeof v === 'number') return `(${String(v)})`;
  if (typeof v === 'boolean') return `(${String(v)})`;
  return `(${Object.prototype.toString.call(v).slice(8, -1)})`;
}

const CELL_SEP = '\u0000';

/** Read access to the cells that passed rule 5. */
export interface CellLookup {
  get(table: TableKey, row: string, col: string): number | undefined;
  /** All values, or undefined if any is invalid/missing. */
  all(table: TableKey, cells: ReadonlyArray<readonly [string, string]>): number[] | undefined;
}

class Cells implements CellLookup {
  private readonly values = new Map<string, number>();
  set(table: TableKey, row: string, col: string, v: number) {
    this.values.set([table, row, col].join(CELL_SEP), v);
  }
  get(table: TableKey, row: string, col: string): number | undefined {
    return this.values.get([table, row, col].join(CELL_SEP));
  }
  all(table: TableKey, cells: ReadonlyArray<readonly [string, string]>): number[] | undefined {
    const out: number[] = [];
    for (const [r, c] of cells) {
      const v = this.get(table, r, c);
      if (v === undefined) return undefined;
      out.push(v);
    }
    return out;
  }
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function labelsOf(table: TableKey, row: string, column: string): { rowLabel: string; columnLabel: string } {
  if (table === 'table2') {
    return {
      rowLabel: TABLE2_ROW_LABELS[row as keyof typeof TABLE2_ROW_LABELS] ?? row,
      columnLabel: TABLE2_COLUMN_LABELS[column as keyof typeof TABLE2_COLUMN_LABELS] ?? column,
    };
  }
  if (table === 'table3') {
    return {
      rowLabel:
        TABLE3_ROW_QUALIFIED_LABELS[row as keyof typeof TABLE3_ROW_QUALIFIED_LABELS] ??
        RESULT_GROUP_LABELS[row as keyof typeof RESULT_GROUP_LABELS] ??
        row,
      columnLabel: TABLE3_COLUMN_LABELS[column as keyof typeof TABLE3_COLUMN_LABELS] ?? column,
    };
  }
  return {
    rowLabel:
      TABLE4_GROUP_QUALIFIED_LABELS[row as keyof typeof TABLE4_GROUP_QUALIFIED_LABELS] ??
      (row === 'suit' ? TABLE4_LITIGATION_HEADER : row),
    columnLabel: TABLE4_COLUMN_LABELS[column as keyof typeof TABLE4_COLUMN_LABELS] ?? column,
  };
}

/** The expected cells of every table: [table, row, column, decimal?]. */
function* expectedCells(): Generator<[TableKey, string, string, boolean]> {
  for (const r of TABLE2_ROW_KEYS) {
    for (const c of TABLE2_COLUMNS_BY_ROW[r]) yield ['table2', r, c, TABLE2_DECIMAL_COLUMNS.includes(c)];
  }
  for (const r of TABLE3_ROW_KEYS) for (const c of TABLE3_COLUMN_KEYS) yield ['table3', r, c, false];
  for (const g of TABLE4_GROUP_KEYS) for (const c of TABLE4_COLUMN_KEYS) yield ['table4', g, c, false];
}

/** Rule 5, and collects the valid cells for the other rules. */
function checkCells(tables: unknown, cells: Cells, out: Violation[]) {
  const root = isDict(tables) ? tables : {};
  for (const [table, row, column, decimal] of expectedCells()) {
    const t = root[table];
    const r = isDict(t) ? t[row] : undefined;
    const v = isDict(r) ? r[column] : undefined;
    let problem: string | undefined;
    if (v === undefined || v === null) problem = '缺少数值';
    else if (typeof v !== 'number') problem = `值${showValue(v)}不是数字`;
    else if (!Number.isFinite(v)) problem = `值${showValue(v)}不是有限数值`;
    else if (v < 0) problem = `值${showValue(v)}为负数`;
    else if (!decimal && !Number.isInteger(v)) problem = `值${showValue(v)}不是整数`;
    if (problem === undefined) {
      cells.set(table, row, column, v as number);
      continue;
    }
    const { rowLabel, columnLabel } = labelsOf(table, row, column);
    const what = decimal ? '收费金额须为非负数' : '数值须为非负整数';
    out.push({
      rule: 5,
      severity: 'error',
      table,
      row,
      column,
      rowLabel,
      columnLabel,
      ...(typeof v === 'number' ? { actual: v } : {}),
      message: `规则5（${what}）不成立：${TABLE_NAMES[table]}“${rowLabel}”行“${columnLabel}”列 ${problem}`,
    });
  }
}

function checkRule1(cells: Cells, out: Violation[]) {
  const rows = ['newReceived', 'carriedOver', 'resultsTotal', 'carriedForward'] as const;
  for (const c of TABLE3_COLUMN_KEYS) {
    const vs = cells.all(
      'table3',
      rows.map((r) => [r, c] as const),
    );
    if (!vs) continue;
    const [n, o, t, f] = vs;
    if (n + o === t + f) continue;
    const { rowLabel, columnLabel } = labelsOf('table3', 'carriedForward', c);
    out.push({
      rule: 1,
      severity: 'error',
      table: 'table3',
      row: 'carriedForward',
      column: c,
      rowLabel,
      columnLabel,
      expected: n + o,
      actual: t + f,
      relatedRows: [...rows],
      message: `规则1（本列勾稽关系）不成立：“${columnLabel}”列 本年新收(${n})+上年结转(${o})≠办理结果总计(${t})+结转下年度(${f})`,
    });
  }
}

/**
 * Rules 2–4 as data: each names its total cell and the cells that must add up to it, once per line
 * (a column of 表三 for rule 2, a row of 表三 for rule 3, a group of 表四 for rule 4), and how its
 * message spells the two sides. One `checkSum()` checks them all.
 */
export interface SumRule {
  rule: 2 | 3 | 4;
  /** The rule's name in its message, e.g. 办理结果总计. */
  label: string;
  table: TableKey;
  /** What the row is called in the message: 行 (表三) or 组 (表四). */
  rowNoun: string;
  sums: ReadonlyArray<{ total: readonly [string, string]; parts: ReadonlyArray<readonly [string, string]> }>;
  /** The left-hand side of the message (the parts). */
  partsText(parts: number[], expected: number): string;
  /** The name of the total cell in the message. */
  totalText: string;
}

export const SUM_RULES: readonly SumRule[] = [
  {
    rule: 2,
    label: '办理结果总计',
    table: 'table3',
    rowNoun: '行',
    sums: TABLE3_COLUMN_KEYS.map((c) => ({ total: ['resultsTotal', c] as const, parts: RESULT_KEYS.map((r) => [r, c] as const) })),
    partsText: (_parts, expected) => `（一）至（六）各项之和(${expected})`,
    totalText: '（七）总计',
  },
  {
    rule: 3,
    label: '总计列',
    table: 'table3',
    rowNoun: '行',
    sums: TABLE3_ROW_KEYS.map((r) => ({ total: [r, 'total'] as const, parts: APPLICANT_KEYS.map((c) => [r, c] as const) })),
    partsText: (_parts, expected) => `各类申请人之和(${expected})`,
    totalText: '总计',
  },
  {
    rule: 4,
    label: '表四各组总计',
    table: 'table4',
    rowNoun: '组',
    sums: TABLE4_GROUP_KEYS.map((g) => ({ total: [g, 'total'] as const, parts: TABLE4_OUTCOME_KEYS.map((c) => [g, c] as const) })),
    partsText: (parts) => TABLE4_OUTCOME_KEYS.map((c, i) => `${TABLE4_COLUMN_LABELS[c]}(${parts[i]})`).join('+'),
    totalText: '总计',
  },
];

/** One sum rule: every line whose cells all passed rule 5 and whose parts do not add up to its total. */
function checkSum(rule: SumRule, cells: Cells, out: Violation[]) {
  for (const { total: [row, column], parts: partCells } of rule.sums) {
    const parts = cells.all(rule.table, partCells);
    const total = cells.get(rule.table, row, column);
    if (!parts || total === undefined) continue;
    const expected = sum(parts);
    if (expected === total) continue;
    const { rowLabel, columnLabel } = labelsOf(rule.table, row, column);
    out.push({
      rule: rule.rule,
      severity: 'error',
      table: rule.table,
      row,
      column,
      rowLabel,
      columnLabel,
      expected,
      actual: total,
      message: `规则${rule.rule}（${rule.label}）不成立：“${rowLabel}”${rule.rowNoun}“${columnLabel}”列 ${rule.partsText(parts, expected)}≠${rule.totalText}(${total})`,
    });
  }
}

function checkInForceContinuity(cells: Cells, prev: ValidateOptions['previousInForce'], out: Violation[]) {
  if (!prev) return;
  for (const r of ['regulations', 'normativeDocuments'] as const) {
    const p = prev[r];
    if (typeof p !== 'number' || !Number.isFinite(p)) continue;
    const vs = cells.all('table2', [
      [r, 'issued'],
      [r, 'repealed'],
      [r, 'inForce'],
    ]);
    if (!vs) continue;
    const [issued, repealed, inForce] = vs;
    const expected = p + issued - repealed;
    if (expected === inForce) continue;
    const { rowLabel, columnLabel } = labelsOf('table2', r, 'inForce');
    out.push({
      rule: 6,
      severity: 'warning',
      table: 'table2',
      row: r,
      column: 'inForce',
      rowLabel,
      columnLabel,
      expected,
      actual: inForce,
      message:
        `规则6（现行有效件数连续性）提示：表二“${rowLabel}”行“${columnLabel}”列 ` +
        `上年现行有效(${p})+本年制发(${issued})−本年废止(${repealed})=${expected}，本年填报为${inForce}` +
        `（如有文件因失效、修改等原因变动，请核实）`,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Rule 6b: figures quoted in 一、总体情况
// ---------------------------------------------------------------------------------------------

/**
 * A figure the overview prose may quote. Deliberately simple and conservative:
 *  - a keyword (`pattern`), then at most 16 characters that contain no digit and no
 *    punctuation （，,。；;、！？ or a line break), then an Arabic-digit number, then 件/起/宗;
 *    e.g. "本年度新收政府信息公开申请120件", "上年结转5件", "予以公开60件", "被申请行政复议2起";
 *  - matches whose gap contains comparison, share or breakdown words (较/比/增/减/降/升/占/率/约/
 *    超/近/余/多/少/和/及/与/其中/维持/纠正/审结/自然人/法人/企业/机构/组织) are ignored, so
 *    "新收申请较上年增加5件" or "新收和上年结转申请共125件" are not read as a figure;
 *  - full-width digits are normalised; thousands separators and Chinese numerals are not
 *    recognised (such mentions are skipped, never misread);
 *  - ambiguous wording ("收到申请N件" — new, or new + carried over?) is not checked, nor are
 *    表二 行政许可/处罚/强制 decisions and fees (too varied in real reports).
 * Sums (不予公开 etc. and 行政诉讼) are reported on a group key: table3 rows
 * `refused`/`unable`/`notProcessed`/`other`, table4 row `suit` (suitDirect + suitAfterReview).
 */
export interface OverviewFigure {
  id: string;
  pattern: string;
  table: TableKey;
  row: string;
  column: string;
  /** The figure the tables imply, or undefined when a cell involved is invalid. */
  value(cells: CellLookup): number | undefined;
}

const t3Total = (row: string) => (cells: CellLookup) => cells.get('table3', row, 'total');
const t3GroupTotal = (rows: readonly string[]) => (cells: CellLookup) => {
  const vs = cells.all(
    'table3',
    rows.map((r) => [r, 'total'] as const),
  );
  return vs ? sum(vs) : undefined;
};
const t2 = (row: string, col: string) => (cells: CellLookup) => cells.get('table2', row, col);
const groupRows = (key: string) => RESULT_GROUPS.find((g) => g.key === key)?.rows ?? [];

const ISSUE_VERB = '(?:制发|出台|印发|制定|发布)了?';
const NORMATIVE = '(?:行政)?规范性文件';

export const OVERVIEW_FIGURES: readonly OverviewFigure[] = [
  { id: 'newReceived', pattern: '新收', table: 'table3', row: 'newReceived', column: 'total', value: t3Total('newReceived') },
  { id: 'carriedOver', pattern: '上一?年度?结转', table: 'table3', row: 'carriedOver', column: 'total', value: t3Total('carriedOver') },
  { id: 'carriedForward', pattern: '结转(?:至|到)?下一?年度?', table: 'table3', row: 'carriedForward', column: 'total', value: t3Total('carriedForward') },
  { id: 'resultsTotal', pattern: '办结', table: 'table3', row: 'resultsTotal', column: 'total', value: t3Total('resultsTotal') },
  { id: 'disclosed', pattern: '(?<!不)予以公开', table: 'table3', row: 'disclosed', column: 'total', value: t3Total('disclosed') },
  { id: 'partial', pattern: '部分公开', table: 'table3', row: 'partial', column: 'total', value: t3Total('partial') },
  { id: 'refused', pattern: '不予以?公开', table: 'table3', row: 'refused', column: 'total', value: t3GroupTotal(groupRows('refused')) },
  { id: 'unable', pattern: '无法提供', table: 'table3', row: 'unable', column: 'total', value: t3GroupTotal(groupRows('unable')) },
  { id: 'notProcessed', pattern: '不予处理', table: 'table3', row: 'notProcessed', column: 'total', value: t3GroupTotal(groupRows('notProcessed')) },
  { id: 'otherHandling', pattern: '其他处理', table: 'table3', row: 'other', column: 'total', value: t3GroupTotal(groupRows('other')) },
  { id: 'review', pattern: '行政复议', table: 'table4', row: 'review', column: 'total', value: (c) => c.get('table4', 'review', 'total') },
  {
    id: 'suit',
    pattern: '行政诉讼',
    table: 'table4',
    row: 'suit',
    column: 'total',
    value: (c) => {
      const vs = c.all('table4', [
        ['suitDirect', 'total'],
        ['suitAfterReview', 'total'],
      ]);
      return vs ? sum(vs) : undefined;
    },
  },
  { id: 'regulations.issued', pattern: `${ISSUE_VERB}规章`, table: 'table2', row: 'regulations', column: 'issued', value: t2('regulations', 'issued') },
  { id: 'regulations.repealed', pattern: '废止了?规章', table: 'table2', row: 'regulations', column: 'repealed', value: t2('regulations', 'repealed') },
  { id: 'regulations.inForce', pattern: '现行有效(?:的)?规章', table: 'table2', row: 'regulations', column: 'inForce', value: t2('regulations', 'inForce') },
  { id: 'normativeDocuments.issued', pattern: `${ISSUE_VERB}${NORMATIVE}`, table: 'table2', row: 'normativeDocuments', column: 'issued', value: t2('normativeDocuments', 'issued') },
  { id: 'normativeDocuments.repealed', pattern: `废止了?${NORMATIVE}`, table: 'table2', row: 'normativeDocuments', column: 'repealed', value: t2('normativeDocuments', 'repealed') },
  { id: 'normativeDocuments.inForce', pattern: `现行有效(?:的)?${NORMATIVE}`, table: 'table2', row: 'normativeDocuments', column: 'inForce', value: t2('normativeDocuments', 'inForce') },
];

const GAP_STOP_WORDS = /较|比|增|减|降|升|占|率|约|超|近|余|多|少|和|及|与|其中|维持|纠正|审结|自然人|法人|企业|机构|组织/;

function normaliseDigits(s: string): string {
  return s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30));
}

/** Figures quoted in the overview prose: [figure, quoted number, matched text]. */
export function extractOverviewFigures(text: string): Array<{ figure: OverviewFigure; quoted: number; text: string }> {
  const src = normaliseDigits(text);
  const found: Array<{ figure: OverviewFigure; quoted: number; text: string; index: number }> = [];
  for (const figure of OVERVIEW_FIGURES) {
    const re = new RegExp(`(?:${figure.pattern})([^\\d，,。；;、！!？?\\r\\n]{0,16}?)(\\d+)\\s*(?:件|起|宗)`, 'g');
    for (const m of src.matchAll(re)) {
      if (GAP_STOP_WORDS.test(m[1])) continue;
      // A number directly followed by "." / "%" etc. cannot reach here: the unit must follow.
      found.push({ figure, quoted: Number(m[2]), text: m[0], index: m.index ?? 0 });
    }
  }
  found.sort((a, b) => a.index - b.index);
  return found.map(({ figure, quoted, text: t }) => ({ figure, quoted, text: t }));
}

function checkOverview(cells: CellLookup, text: string | null | undefined, out: Violation[]) {
  if (!text) return;
  for (const { figure, quoted, text: quote } of extractOverviewFigures(text)) {
    const expected = figure.value(cells);
    if (expected === undefined || expected === quoted) continue;
    const { rowLabel, columnLabel } = labelsOf(figure.table, figure.row, figure.column);
    out.push({
      rule: 6,
      severity: 'warning',
      table: figure.table,
      row: figure.row,
      column: figure.column,
      rowLabel,
      columnLabel,
      expected,
      actual: quoted,
      message:
        `规则6（总体情况与表格一致）提示：总体情况中“${quote}”为${quoted}，` +
        `${TABLE_NAMES[figure.table]}“${rowLabel}”行“${columnLabel}”列为${expected}`,
    });
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * All violations of rules 1–6, errors first (rule 5, 1, 2, 3, 4), then rule-6 warnings.
 * `tables` may be untrusted JSON: anything missing or malformed is reported under rule 5.
 */
export function validateAnnualReport(tables: unknown, opts: ValidateOptions = {}): Violation[] {
  const out: Violation[] = [];
  const cells = new Cells();
  checkCells(tables, cells, out);
  checkRule1(cells, out);
  for (const rule of SUM_RULES) checkSum(rule, cells, out);
  checkInForceContinuity(cells, opts.previousInForce, out);
  checkOverview(cells, opts.overviewText, out);
  return out;
}

export class AnnualReportValidationError extends Error {
  /** The errors (rules 1–5); warnings are never included. */
  readonly violations: Violation[];
  constructor(violations: Violation[]) {
    const head = violations
      .slice(0, 3)
      .map((v) => v.message)
      .join('；');
    const more = violations.length > 3 ? `；等共${violations.length}项` : '';
    super(`年度报告表格校验未通过（${violations.length}项错误）：${head}${more}`);
    this.name = 'AnnualReportValidationError';
    this.violations = violations;
  }
}

/** Throws AnnualReportValidationError (carrying the errors only) if any rule 1–5 is broken. */
export function assertValidAnnualReport(tables: unknown): asserts tables is AnnualReportTables {
  const errors = validateAnnualReport(tables).filter((v) => v.severity === 'error');
  if (errors.length > 0) throw new AnnualReportValidationError(errors);
}
