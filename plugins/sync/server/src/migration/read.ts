import fs from 'fs';
import path from 'path';
import ExcelJS from 'exceljs';

/** A row of the input with its 1-based row number in the source (header = row 1 for tables). */
export interface SourceRow { row: number; values: Record<string, unknown> }
export interface SourceTable { headers: string[]; rows: SourceRow[]; package?: any }

function cellValue(v: any): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return (v.richText as any[]).map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text; // hyperlink
    if ('result' in v) return v.result; // formula
    if ('error' in v) return null;
  }
  return v;
}

/** Reads .xlsx (first sheet), .csv (UTF-8, header row) or .json (array of rows, or an export package). */
export async function readSource(file: string): Promise<SourceTable> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.json') {
    const data = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (data && data.format === 'gov-disclosure-export') {
      const rows = (data.items ?? []).map((values: any, i: number) => ({ row: i + 1, values }));
      return { headers: [], rows, package: data };
    }
    if (!Array.isArray(data)) throw new Error('JSON 文件应为对象数组或本系统导出的数据包');
    const headers = [...new Set(data.flatMap((r: any) => Object.keys(r ?? {})))] as string[];
    return { headers, rows: data.map((values: any, i: number) => ({ row: i + 1, values })) };
  }
  const wb = new ExcelJS.Workbook();
  let ws: ExcelJS.Worksheet | undefined;
  if (ext === '.xlsx') {
    await wb.xlsx.readFile(file);
    ws = wb.worksheets[0];
  } else if (ext === '.csv') {
    const text = fs.readFileSync(file, 'utf8').replace(/^\ufeff/, '');
    return parseCsv(text);
  } else {
    throw new Error(`不支持的文件类型“${ext}”：请使用 .xlsx、.csv 或 .json`);
  }
  if (!ws) throw new Error('工作簿中没有工作表');
  const headers: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => { headers[col - 1] = String(cellValue(cell.value) ?? '').trim(); });
  const rows: SourceRow[] = [];
  ws.eachRow({ includeEmpty: false }, (r, n) => {
    if (n === 1) return;
    const values: Record<string, unknown> = {};
    headers.forEach((h, i) => { if (h) values[h] = cellValue(r.getCell(i + 1).value); });
    if (Object.values(values).some((v) => v !== null && v !== '')) rows.push({ row: n, values });
  });
  return { headers: headers.filter(Boolean), rows };
}

/** RFC 4180 CSV (quotes, doubled quotes, newlines inside quotes); values stay text. */
export function parseCsv(text: string): SourceTable {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    // fast path: at the start of a record, a line without quotes is its fields split at commas
    if (!quoted && field === '' && !record.length) {
      let end = i;
      while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
      const line = text.slice(i, end);
      if (!line.includes('"')) {
        records.push(line.split(','));
        i = end < text.length && text[end] === '\r' && text[end + 1] === '\n' ? end + 1 : end;
        continue;
      }
    }
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { record.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field); field = '';
      records.push(record); record = [];
    } else field += c;
  }
  if (field !== '' || record.length) { record.push(field); records.push(record); }
  const [header = [], ...body] = records;
  const headers = header.map((h) => h.trim());
  const rows: SourceRow[] = [];
  body.forEach((r, i) => {
    if (r.every((v) => v.trim() === '')) return;
    const values: Record<string, unknown> = {};
    headers.forEach((h, j) => { if (h) values[h] = r[j] ?? ''; });
    rows.push({ row: i + 2, values });
  });
  return { headers: headers.filter(Boolean), rows };
}
