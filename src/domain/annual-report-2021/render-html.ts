/**
 * HTML rendering of 表二/表三/表四 in the official merged-cell layout, as offices publish it:
 *
 * 表二 — one 4-column table; each sub-table is a caption row (colspan 4), a header row and its
 *   rows; in the single-value sub-tables (（五）（六）（八）) the value column spans 3 columns.
 * 表三 — header rows:
 *   [top-left cell, colspan 3 × rowspan 3] [申请人情况 colspan 7]
 *   [自然人 rowspan 2] [法人或其他组织 colspan 5] [总计 rowspan 2]
 *   [商业企业] [科研机构] [社会公益组织] [法律服务机构] [其他]
 *   body: 一、/二、/四、 labels span 3 columns; 三、本年度办理结果 spans the 22 result rows;
 *   （一）（二）（七） span 2 columns; （三）–（六） span their numbered rows.
 * 表四 — [行政复议 colspan 5] [行政诉讼 colspan 10]
 *   [5 outcome headers rowspan 2] [未经复议直接起诉 colspan 5] [复议后起诉 colspan 5]
 *   [5 + 5 outcome headers], then one row of 15 numbers.
 *
 * Every data cell carries data-row / data-col (the stable keys) so a UI can highlight violations.
 * All text is HTML-escaped. No external dependencies.
 */
import {
  APPLICANT_KEYS,
  LEGAL_PERSON_KEYS,
  RESULT_ROW_KEYS,
  TABLE2_COLUMN_LABELS,
  TABLE2_CONTENT_HEADER,
  TABLE2_ROW_LABELS,
  TABLE2_SUBTABLES,
  TABLE3_APPLICANT_HEADER,
  TABLE3_COLUMN_KEYS,
  TABLE3_COLUMN_LABELS,
  TABLE3_LEGAL_PERSON_HEADER,
  TABLE3_RESULTS_LABEL,
  TABLE3_ROW_LABELS,
  TABLE3_TOP_LEFT_LABEL,
  TABLE4_COLUMN_KEYS,
  TABLE4_COLUMN_LABELS,
  TABLE4_GROUP_KEYS,
  TABLE4_GROUP_LABELS,
  TABLE4_LITIGATION_HEADER,
  TABLE4_REVIEW_HEADER,
  TABLE_HEADINGS,
  resultGroupOf,
  type AnnualReportTables,
  type Table2,
  type Table3,
  type Table3RowKey,
  type Table4,
} from './keys';
import { escapeHtml } from '../html';


export interface RenderOptions {
  /** Put the section heading (二、/三、/四、…) before each table in renderTablesHtml. Default true. */
  headings?: boolean;
  /** class attribute of each <table>. Default "annual-report-table". */
  tableClass?: string;
}

interface CellAttrs {
  colspan?: number;
  rowspan?: number;
  scope?: 'col' | 'row' | 'colgroup' | 'rowgroup';
  row?: string;
  col?: string;
}

function attrs(a: CellAttrs): string {
  let s = '';
  if (a.colspan && a.colspan > 1) s += ` colspan="${a.colspan}"`;
  if (a.rowspan && a.rowspan > 1) s += ` rowspan="${a.rowspan}"`;
  if (a.scope) s += ` scope="${a.scope}"`;
  if (a.row !== undefined) s += ` data-row="${escapeHtml(a.row)}"`;
  if (a.col !== undefined) s += ` data-col="${escapeHtml(a.col)}"`;
  return s;
}

const th = (text: string, a: CellAttrs = {}) => `<th${attrs(a)}>${escapeHtml(text)}</th>`;
const td = (text: string, a: CellAttrs = {}) => `<td${attrs(a)}>${escapeHtml(text)}</td>`;
const tr = (cells: string[]) => `<tr>${cells.join('')}</tr>`;

/** A cell value as text: numbers as written (feesWan keeps its decimals), anything else blank/escaped. */
function show(v: unknown): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (v === undefined || v === null) return '';
  return String(v);
}

function cell(table: unknown, row: string, col: string): unknown {
  const r = table && typeof table === 'object' ? (table as Record<string, unknown>)[row] : undefined;
  return r && typeof r === 'object' ? (r as Record<string, unknown>)[col] : undefined;
}

function openTable(cls: string, key: string): string {
  return `<table class="${escapeHtml(cls)}" data-table="${key}">`;
}

export function renderTable2Html(table2: Table2, opts: RenderOptions = {}): string {
  const rows: string[] = [];
  for (const sub of TABLE2_SUBTABLES) {
    rows.push(tr([th(sub.caption, { colspan: 4, scope: 'colgroup' })]));
    const span = sub.columns.length === 1 ? 3 : 1;
    rows.push(
      tr([th(TABLE2_CONTENT_HEADER, { scope: 'col' }), ...sub.columns.map((c) => th(TABLE2_COLUMN_LABELS[c], { colspan: span, scope: 'col' }))]),
    );
    for (const r of sub.rows) {
      rows.push(
        tr([th(TABLE2_ROW_LABELS[r], { scope: 'row' }), ...sub.columns.map((c) => td(show(cell(table2, r, c)), { colspan: span, row: r, col: c }))]),
      );
    }
  }
  return `${openTable(opts.tableClass ?? 'annual-report-table', 'table2')}<tbody>${rows.join('')}</tbody></table>`;
}

export function renderTable3Html(table3: Table3, opts: RenderOptions = {}): string {
  const head = [
    tr([th(TABLE3_TOP_LEFT_LABEL, { colspan: 3, rowspan: 3 }), th(TABLE3_APPLICANT_HEADER, { colspan: APPLICANT_KEYS.length + 1, scope: 'colgroup' })]),
    tr([
      th(TABLE3_COLUMN_LABELS.natural, { rowspan: 2, scope: 'col' }),
      th(TABLE3_LEGAL_PERSON_HEADER, { colspan: LEGAL_PERSON_KEYS.length, scope: 'colgroup' }),
      th(TABLE3_COLUMN_LABELS.total, { rowspan: 2, scope: 'col' }),
    ]),
    tr(LEGAL_PERSON_KEYS.map((k) => th(TABLE3_COLUMN_LABELS[k], { scope: 'col' }))),
  ];

  const values = (r: Table3RowKey) => TABLE3_COLUMN_KEYS.map((c) => td(show(cell(table3, r, c)), { row: r, col: c }));
  const body: string[] = [];
  body.push(tr([th(TABLE3_ROW_LABELS.newReceived, { colspan: 3, scope: 'row' }), ...values('newReceived')]));
  body.push(tr([th(TABLE3_ROW_LABELS.carriedOver, { colspan: 3, scope: 'row' }), ...values('carriedOver')]));
  RESULT_ROW_KEYS.forEach((r, i) => {
    const cells: string[] = [];
    if (i === 0) cells.push(th(TABLE3_RESULTS_LABEL, { rowspan: RESULT_ROW_KEYS.length, scope: 'rowgroup' }));
    const group = resultGroupOf(r);
    if (group) {
      if (group.rows[0] === r) cells.push(th(group.label, { rowspan: group.rows.length, scope: 'rowgroup' }));
      cells.push(th(TABLE3_ROW_LABELS[r], { scope: 'row' }));
    } else {
      cells.push(th(TABLE3_ROW_LABELS[r], { colspan: 2, scope: 'row' }));
    }
    body.push(tr([...cells, ...values(r)]));
  });
  body.push(tr([th(TABLE3_ROW_LABELS.carriedForward, { colspan: 3, scope: 'row' }), ...values('carriedForward')]));

  return `${openTable(opts.tableClass ?? 'annual-report-table', 'table3')}<thead>${head.join('')}</thead><tbody>${body.join('')}</tbody></table>`;
}

export function renderTable4Html(table4: Table4, opts: RenderOptions = {}): string {
  const n = TABLE4_COLUMN_KEYS.length; // 5
  const head = [
    tr([th(TABLE4_REVIEW_HEADER, { colspan: n, scope: 'colgroup' }), th(TABLE4_LITIGATION_HEADER, { colspan: 2 * n, scope: 'colgroup' })]),
    tr([
      ...TABLE4_COLUMN_KEYS.map((c) => th(TABLE4_COLUMN_LABELS[c], { rowspan: 2, scope: 'col' })),
      th(TABLE4_GROUP_LABELS.suitDirect, { colspan: n, scope: 'colgroup' }),
      th(TABLE4_GROUP_LABELS.suitAfterReview, { colspan: n, scope: 'colgroup' }),
    ]),
    tr([...TABLE4_COLUMN_KEYS.map((c) => th(TABLE4_COLUMN_LABELS[c], { scope: 'col' })), ...TABLE4_COLUMN_KEYS.map((c) => th(TABLE4_COLUMN_LABELS[c], { scope: 'col' }))]),
  ];
  const data = TABLE4_GROUP_KEYS.flatMap((g) => TABLE4_COLUMN_KEYS.map((c) => td(show(cell(table4, g, c)), { row: g, col: c })));
  return `${openTable(opts.tableClass ?? 'annual-report-table', 'table4')}<thead>${head.join('')}</thead><tbody>${tr(data)}</tbody></table>`;
}

/** 表二, 表三 and 表四, each preceded by its section heading (unless `headings: false`). */
export function renderTablesHtml(tables: AnnualReportTables, opts: RenderOptions = {}): string {
  const headings = opts.headings ?? true;
  const h = (t: keyof typeof TABLE_HEADINGS) => (headings ? `<h2>${escapeHtml(TABLE_HEADINGS[t])}</h2>` : '');
  return [
    h('table2') + renderTable2Html(tables.table2, opts),
    h('table3') + renderTable3Html(tables.table3, opts),
    h('table4') + renderTable4Html(tables.table4, opts),
  ].join('\n');
}
