import {
  TABLE2_SUBTABLES, TABLE2_ROW_LABELS, TABLE2_COLUMN_LABELS, TABLE2_CONTENT_HEADER,
  TABLE3_TOP_LEFT_LABEL, TABLE3_APPLICANT_HEADER, TABLE3_LEGAL_PERSON_HEADER, TABLE3_COLUMN_KEYS, TABLE3_COLUMN_LABELS,
  TABLE3_ROW_LABELS, TABLE3_RESULTS_LABEL, RESULT_GROUPS, LEGAL_PERSON_KEYS,
  TABLE4_GROUP_KEYS, TABLE4_COLUMN_KEYS, TABLE4_GROUP_LABELS, TABLE4_COLUMN_LABELS,
  SECTION_HEADINGS, type AnnualReportTables,
} from '../../../../../src/domain/annual-report-2021';

/**
 * The official merged-cell layout of 表二/表三/表四 as a grid model (rows of cells with spans), shared by
 * the .docx and .xlsx renderers so both print the tables the way offices publish them.
 */
export interface GridCell { text: string; rowSpan?: number; colSpan?: number; header?: boolean; numeric?: boolean }
export interface Grid { title: string; columns: number; rows: GridCell[][] }

const n = (v: unknown) => ({ text: v === null || v === undefined ? '' : String(v), numeric: true });

export function table2Grid(t: AnnualReportTables): Grid {
  const rows: GridCell[][] = [];
  for (const sub of TABLE2_SUBTABLES as any[]) {
    rows.push([{ text: sub.caption, colSpan: 4, header: true }]);
    const cols: string[] = sub.columns;
    if (cols.length === 3) {
      rows.push([{ text: TABLE2_CONTENT_HEADER, header: true }, ...cols.map((c) => ({ text: (TABLE2_COLUMN_LABELS as any)[c], header: true }))]);
      for (const r of sub.rows) rows.push([{ text: (TABLE2_ROW_LABELS as any)[r] }, ...cols.map((c) => n((t.table2 as any)[r]?.[c]))]);
    } else {
      rows.push([{ text: TABLE2_CONTENT_HEADER, header: true }, { text: (TABLE2_COLUMN_LABELS as any)[cols[0]], colSpan: 3, header: true }]);
      for (const r of sub.rows) rows.push([{ text: (TABLE2_ROW_LABELS as any)[r] }, { ...n((t.table2 as any)[r]?.[cols[0]]), colSpan: 3 }]);
    }
  }
  return { title: SECTION_HEADINGS.proactiveDisclosure, columns: 4, rows };
}

export function table3Grid(t: AnnualReportTables): Grid {
  const v = (row: string) => TABLE3_COLUMN_KEYS.map((c) => n((t.table3 as any)[row]?.[c]));
  const rows: GridCell[][] = [
    [{ text: TABLE3_TOP_LEFT_LABEL, rowSpan: 3, colSpan: 3, header: true }, { text: TABLE3_APPLICANT_HEADER, colSpan: 7, header: true }],
    [{ text: TABLE3_COLUMN_LABELS.natural, rowSpan: 2, header: true }, { text: TABLE3_LEGAL_PERSON_HEADER, colSpan: 5, header: true }, { text: TABLE3_COLUMN_LABELS.total, rowSpan: 2, header: true }],
    LEGAL_PERSON_KEYS.map((k) => ({ text: (TABLE3_COLUMN_LABELS as any)[k], header: true })),
    [{ text: TABLE3_ROW_LABELS.newReceived, colSpan: 3 }, ...v('newReceived')],
    [{ text: TABLE3_ROW_LABELS.carriedOver, colSpan: 3 }, ...v('carriedOver')],
  ];
  // 三、本年度办理结果 spans its 22 rows
  const resultRows: GridCell[][] = [];
  resultRows.push([{ text: (TABLE3_ROW_LABELS as any).disclosed, colSpan: 2 }, ...v('disclosed')]);
  resultRows.push([{ text: (TABLE3_ROW_LABELS as any).partial, colSpan: 2 }, ...v('partial')]);
  for (const group of RESULT_GROUPS as any[]) {
    group.rows.forEach((key: string, i: number) => {
      const label = { text: (TABLE3_ROW_LABELS as any)[key] };
      resultRows.push(i === 0 ? [{ text: group.label, rowSpan: group.rows.length }, label, ...v(key)] : [label, ...v(key)]);
    });
  }
  resultRows.push([{ text: (TABLE3_ROW_LABELS as any).resultsTotal, colSpan: 2 }, ...v('resultsTotal')]);
  resultRows[0] = [{ text: TABLE3_RESULTS_LABEL, rowSpan: resultRows.length }, ...resultRows[0]];
  rows.push(...resultRows);
  rows.push([{ text: TABLE3_ROW_LABELS.carriedForward, colSpan: 3 }, ...v('carriedForward')]);
  return { title: SECTION_HEADINGS.requests, columns: 10, rows };
}

export function table4Grid(t: AnnualReportTables): Grid {
  const [review, direct, after] = TABLE4_GROUP_KEYS as readonly string[];
  const cols = TABLE4_COLUMN_KEYS as readonly string[];
  return {
    title: SECTION_HEADINGS.reviewAndLitigation,
    columns: 15,
    rows: [
      [{ text: (TABLE4_GROUP_LABELS as any)[review], colSpan: 5, header: true }, { text: '行政诉讼', colSpan: 10, header: true }],
      [...cols.map((c) => ({ text: (TABLE4_COLUMN_LABELS as any)[c], rowSpan: 2, header: true })), { text: (TABLE4_GROUP_LABELS as any)[direct], colSpan: 5, header: true }, { text: (TABLE4_GROUP_LABELS as any)[after], colSpan: 5, header: true }],
      [...cols.map((c) => ({ text: (TABLE4_COLUMN_LABELS as any)[c], header: true })), ...cols.map((c) => ({ text: (TABLE4_COLUMN_LABELS as any)[c], header: true }))],
      [...[review, direct, after].flatMap((g) => cols.map((c) => n((t.table4 as any)[g]?.[c])))],
    ],
  };
}

/** Place cells on a rectangular grid honouring spans: returns [row, col] of each cell. */
export function layout(grid: Grid): Array<{ cell: GridCell; row: number; col: number }> {
  const taken: boolean[][] = [];
  const out: Array<{ cell: GridCell; row: number; col: number }> = [];
  grid.rows.forEach((cells, r) => {
    taken[r] ??= [];
    let c = 0;
    for (const cell of cells) {
      while (taken[r][c]) c++;
      out.push({ cell, row: r, col: c });
      for (let dr = 0; dr < (cell.rowSpan ?? 1); dr++) {
        taken[r + dr] ??= [];
        for (let dc = 0; dc < (cell.colSpan ?? 1); dc++) taken[r + dr][c + dc] = true;
      }
      c += cell.colSpan ?? 1;
    }
  });
  return out;
}
