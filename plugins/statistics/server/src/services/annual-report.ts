import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import * as docx from 'docx';
import ExcelJS from 'exceljs';
import {
  emptyTables, computeTotals, validateAnnualReport, renderTablesHtml, SECTION_HEADINGS,
  type AnnualReportTables,
} from '../../../../../src/domain/annual-report-2021';
import { inList, organisationIds, sqlHelpers } from './sql';
import { table2Grid, table3Grid, table4Grid, layout, type Grid } from './report-grid';
import { UID } from '../../../../../src/foundation/constants';
import { errorItem, fieldError, validationFailure } from '../../../../../src/foundation/errors';

const REPORT_UID = UID.annualReport;
const REGULATION_LEVELS = ['部门规章', '地方政府规章'];
const NORMATIVE_LEVELS = ['行政规范性文件'];

export interface Adjustment { table: 'table2' | 'table3' | 'table4'; row: string; column: string; computed: number | null; value: number; reason: string; by: string; at: string }
const ENTERED = [['licensing', 'decisions'], ['penalty', 'decisions'], ['enforcement', 'decisions'], ['fees', 'feesWan']] as const;

const bad = (path: string, message: string): never => {
  throw fieldError(path, message);
};

/**
 * Annual report builder (2021 national format, 条例第四十九条、第五十条): 表二 from the laws data plus the
 * figures the organisation enters, 表三/表四 from the 依申请公开 aggregation, the 一、总体情况 draft from the
 * same numbers; editor adjustments keep the computed value, the new value, who and why.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** 表二 第二十条第（一）项 from the organisation's published laws: issued / repealed in the year, in force on 31 December. */
  async table2Documents(orgDocumentId: string, year: number, includeDescendants = false) {
    const { knex, rows } = sqlHelpers(strapi);
    const orgIds = await organisationIds(strapi, orgDocumentId, includeDescendants);
    const start = `${year}-01-01`;
    const end = `${year}-12-31`;
    const res = rows(await knex.raw(`SELECT CASE WHEN l.level IN (${REGULATION_LEVELS.map(() => '?').join(',')}) THEN 'regulations' ELSE 'normativeDocuments' END AS kind,
        SUM(CASE WHEN l.publish_date >= ? AND l.publish_date <= ? THEN 1 ELSE 0 END) AS issued,
        SUM(CASE WHEN l.repealed_date >= ? AND l.repealed_date <= ? THEN 1 ELSE 0 END) AS repealed,
        SUM(CASE WHEN (l.effective_date IS NULL OR l.effective_date <= ?) AND (l.publish_date IS NULL OR l.publish_date <= ?)
                   AND (l.expiry_date IS NULL OR l.expiry_date > ?)
                   AND ((l.repealed_date IS NULL AND l.law_status <> '废止') OR l.repealed_date > ?) THEN 1 ELSE 0 END) AS "inForce"
      FROM laws l JOIN laws_organization_lnk lo ON lo.law_id = l.id
      WHERE l.published_at IS NOT NULL AND l.level IN (${[...REGULATION_LEVELS, ...NORMATIVE_LEVELS].map(() => '?').join(',')})
        AND lo.organization_id IN (${inList(orgIds ?? [])})
      GROUP BY 1`, [...REGULATION_LEVELS, start, end, start, end, end, end, end, end, ...REGULATION_LEVELS, ...NORMATIVE_LEVELS]));
    const out = { regulations: { issued: 0, repealed: 0, inForce: 0 }, normativeDocuments: { issued: 0, repealed: 0, inForce: 0 } };
    for (const r of res as any[]) (out as any)[r.kind] = { issued: Number(r.issued), repealed: Number(r.repealed), inForce: Number(r.inForce) };
    return out;
  },

  async loadReport(orgDocumentId: string, year: number) {
    return strapi.db.query(REPORT_UID as any).findOne({ where: { year, organization: { documentId: orgDocumentId }, publishedAt: null } });
  },

  /** The computed tables (before adjustments), with the entered 表二 figures taken from the saved report. */
  async compute(orgDocumentId: string, year: number, opts: { includeDescendants?: boolean } = {}) {
    const org: any = await strapi.db.query(UID.organization).findOne({ where: { documentId: orgDocumentId } });
    if (!org) throw new errors.NotFoundError('机构不存在');
    if (!Number.isInteger(year) || year < 2008 || year > 2100) bad('year', `年度“${year}”不正确`);
    const tables: AnnualReportTables = emptyTables();
    Object.assign(tables.table2, await this.table2Documents(orgDocumentId, year, opts.includeDescendants ?? false));
    const saved: any = await this.loadReport(orgDocumentId, year);
    for (const [row, col] of ENTERED) {
      const v = saved?.table2?.[row]?.[col];
      if (typeof v === 'number') (tables.table2 as any)[row][col] = v;
    }
    const agg: any = await strapi.service(UID.request).aggregateTables(orgDocumentId, year, { includeDescendants: opts.includeDescendants ?? true });
    tables.table3 = agg.table3 ?? agg.tables?.table3;
    tables.table4 = agg.table4 ?? agg.tables?.table4;
    return { org, tables: computeTotals(tables), saved };
  },

  /** 一、总体情况 draft: every figure quoted is read from the tables (rule 6 of the format checks it). */
  async overview(org: any, year: number, tables: AnnualReportTables) {
    const { knex, rows } = sqlHelpers(strapi);
    const orgIds = await organisationIds(strapi, org.documentId, true);
    const [items] = rows(await knex.raw(`SELECT COUNT(*) AS n FROM disclosure_items i JOIN disclosure_items_organization_lnk io ON io.disclosure_item_id = i.id
      WHERE i.published_at IS NOT NULL AND i.publish_date >= ? AND i.publish_date <= ? AND io.organization_id IN (${inList(orgIds ?? [])})`, [`${year}-01-01`, `${year}-12-31`]));
    const t3: any = tables.table3;
    const t4: any = tables.table4;
    const refused = Object.keys(t3).filter((k) => k.startsWith('refused.')).reduce((s, k) => s + t3[k].total, 0);
    const suits = t4.suitDirect.total + t4.suitAfterReview.total;
    const t2: any = tables.table2;
    return [
      `${year}年，${org.name}认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开。`,
      `（一）主动公开。全年通过政府网站主动公开政府信息${Number(items?.n ?? 0)}条；本年制发规章${t2.regulations.issued}件、行政规范性文件${t2.normativeDocuments.issued}件，现行有效行政规范性文件${t2.normativeDocuments.inForce}件。`,
      `（二）依申请公开。全年新收政府信息公开申请${t3.newReceived.total}件，上年结转${t3.carriedOver.total}件，办结${t3.resultsTotal.total}件，其中予以公开${t3.disclosed.total}件、部分公开${t3.partial.total}件、不予公开${refused}件，结转下年度继续办理${t3.carriedForward.total}件。`,
      `（三）政府信息管理。严格落实信息发布审核和保密审查制度，做到先审后发。`,
      `（四）政府信息公开平台建设。持续完善政府信息公开专栏和公开目录。`,
      `（五）监督保障。全年因政府信息公开被申请行政复议${t4.review.total}件，被提起行政诉讼${suits}件。`,
    ].join('\n\n');
  },

  /** Computed tables + adjustments + validation, as the admin route and the API return them. */
  async build(orgDocumentId: string, year: number, opts: { includeDescendants?: boolean } = {}) {
    const { org, tables: computed, saved } = await this.compute(orgDocumentId, year, opts);
    const adjustments: Adjustment[] = Array.isArray(saved?.adjustments) ? saved.adjustments : [];
    const tables = applyAdjustments(computed, adjustments);
    const overview = saved?.overview || (await this.overview(org, year, tables));
    const validation = validateAnnualReport(tables, { overviewText: overview });
    return {
      organization: { documentId: org.documentId, name: org.name }, year, formatVersion: 2021,
      tables, computed, adjustments, overview, problems: saved?.problems ?? '', otherMatters: saved?.otherMatters ?? '', validation,
      valid: !validation.some((v) => v.severity === 'error'),
      report: saved ? { documentId: saved.documentId, title: saved.title } : null,
    };
  },

  /**
   * Save the report draft: entered 表二 figures and adjustments (each with a reason), validated against
   * the arithmetic rules before anything is written (the Document Service middleware checks again).
   */
  async save(orgDocumentId: string, year: number, input: { figures?: Record<string, number | undefined>; adjustments?: Array<{ table: string; row: string; column: string; value: number; reason: string }>; overview?: string; problems?: string; otherMatters?: string }, actorName: string) {
    const { org, tables: computedBase, saved } = await this.compute(orgDocumentId, year);
    const computed = structuredClone(computedBase);
    for (const [key, value] of Object.entries(input.figures ?? {})) {
      if (value === undefined) continue;
      const [row, col] = key.split('.');
      if (!ENTERED.some(([r, c]) => r === row && c === col)) bad(`figures.${key}`, `只能填写行政许可、行政处罚、行政强制的处理决定数量和行政事业性收费金额，“${key}”不可直接填写`);
      if (typeof value !== 'number' || value < 0 || (col !== 'feesWan' && !Number.isInteger(value))) bad(`figures.${key}`, `“${key}”必须是非负${col === 'feesWan' ? '数' : '整数'}`);
      (computed.table2 as any)[row][col] = value;
    }
    const previous: Adjustment[] = Array.isArray(saved?.adjustments) ? saved.adjustments : [];
    const now = new Date().toISOString();
    const next: Adjustment[] = [...previous];
    for (const a of input.adjustments ?? []) {
      const table = (computed as any)[a.table];
      const cell = table && Object.prototype.hasOwnProperty.call(table, a.row) ? table[a.row] : null;
      if (!cell || !Object.prototype.hasOwnProperty.call(cell, a.column)) bad('adjustments', `表格单元格 ${a.table}.${a.row}.${a.column} 不存在`);
      if (!a.reason || !a.reason.trim()) bad('adjustments.reason', `调整 ${a.table}.${a.row}.${a.column} 必须说明理由`);
      if (typeof a.value !== 'number' || a.value < 0) bad('adjustments.value', `调整值必须是非负数`);
      const entry: Adjustment = { table: a.table as any, row: a.row, column: a.column, computed: cell[a.column], value: a.value, reason: a.reason.trim(), by: actorName, at: now };
      const i = next.findIndex((x) => x.table === a.table && x.row === a.row && x.column === a.column);
      if (i >= 0) next[i] = entry; else next.push(entry);
    }
    const tables = applyAdjustments(computed, next);
    const errorsFound = validateAnnualReport(tables).filter((v) => v.severity === 'error');
    if (errorsFound.length) {
      throw validationFailure(errorsFound.map((v) => errorItem([v.table, v.row, v.column], v.message)), { message: errorsFound[0].message });
    }
    const data: Record<string, unknown> = { ...tables, adjustments: next };
    if (input.overview !== undefined) data.overview = input.overview;
    else if (!saved?.overview) data.overview = await this.overview(org, year, tables);
    if (input.problems !== undefined) data.problems = input.problems;
    if (input.otherMatters !== undefined) data.otherMatters = input.otherMatters;
    const docs = strapi.documents(REPORT_UID as any) as any;
    if (saved) await docs.update({ documentId: saved.documentId, data });
    else await docs.create({ data: { ...data, organization: orgDocumentId, year, formatVersion: 2021 } });
    return this.build(orgDocumentId, year);
  },

  html(built: any): string {
    const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
    const para = (s?: string | null) => (s ?? '').split(/\n+/).filter(Boolean).map((p) => `<p>${esc(p)}</p>`).join('\n');
    return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(built.organization.name)}${built.year}年政府信息公开工作年度报告</title>
<style>body{font-family:"SimSun","Songti SC",serif;max-width:960px;margin:2em auto;line-height:1.8}table{border-collapse:collapse;width:100%;margin:1em 0}td,th{border:1px solid #000;padding:4px;text-align:center;font-size:14px}h1{text-align:center}</style></head><body>
<h1>${esc(built.organization.name)}${built.year}年政府信息公开工作年度报告</h1>
<h2>${SECTION_HEADINGS.overview}</h2>${para(built.overview)}
${renderTablesHtml(built.tables, { headings: true })}
<h2>${SECTION_HEADINGS.problems}</h2>${para(built.problems ?? '')}
<h2>${SECTION_HEADINGS.otherMatters}</h2>${para(built.otherMatters ?? '')}
</body></html>`;
  },

  /** .docx as offices publish it: headings, prose and the three tables with their merged cells. */
  async docx(built: any): Promise<Buffer> {
    const { Document, Packer, Paragraph, HeadingLevel, Table, TableRow, TableCell, WidthType, AlignmentType, TextRun, VerticalAlign } = docx as any;
    const para = (text: string) => new Paragraph({ children: [new TextRun({ text, font: '仿宋', size: 28 })], spacing: { line: 560 }, indent: { firstLine: 560 } });
    const heading = (text: string) => new Paragraph({ children: [new TextRun({ text, font: '黑体', size: 32 })], spacing: { before: 240, after: 120 } });
    const table = (grid: Grid) =>
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: grid.rows.map((cells) => new TableRow({
          children: cells.map((c) => new TableCell({
            rowSpan: c.rowSpan, columnSpan: c.colSpan, verticalAlign: VerticalAlign.CENTER,
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: c.text, bold: !!c.header, font: '宋体', size: 18 })] })],
          })),
        })),
      });
    const children: any[] = [
      new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun({ text: `${built.organization.name}${built.year}年政府信息公开工作年度报告`, font: '方正小标宋简体', size: 44 })] }),
      heading(SECTION_HEADINGS.overview), ...String(built.overview ?? '').split(/\n+/).filter(Boolean).map(para),
    ];
    for (const grid of [table2Grid(built.tables), table3Grid(built.tables), table4Grid(built.tables)]) children.push(heading(grid.title), table(grid));
    children.push(heading(SECTION_HEADINGS.problems), ...String(built.problems ?? '').split(/\n+/).filter(Boolean).map(para));
    children.push(heading(SECTION_HEADINGS.otherMatters), ...String(built.otherMatters ?? '').split(/\n+/).filter(Boolean).map(para));
    return Packer.toBuffer(new Document({ creator: 'gov-disclosure', title: `${built.organization.name}${built.year}年政府信息公开工作年度报告`, sections: [{ children }] }));
  },

  /** .xlsx of the three tables, one sheet each, merged cells as in the official layout. */
  async xlsx(built: any): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    for (const [name, grid] of [['表二', table2Grid(built.tables)], ['表三', table3Grid(built.tables)], ['表四', table4Grid(built.tables)]] as const) {
      const ws = wb.addWorksheet(name);
      ws.addRow([grid.title]);
      ws.mergeCells(1, 1, 1, grid.columns);
      for (const { cell, row, col } of layout(grid)) {
        const r = row + 2;
        const c = col + 1;
        const target = ws.getCell(r, c);
        target.value = cell.numeric && cell.text !== '' ? Number(cell.text) : cell.text;
        target.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
        target.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
        if (cell.header) target.font = { bold: true };
        if ((cell.rowSpan ?? 1) > 1 || (cell.colSpan ?? 1) > 1) ws.mergeCells(r, c, r + (cell.rowSpan ?? 1) - 1, c + (cell.colSpan ?? 1) - 1);
      }
    }
    return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  },
});

/** Applies saved adjustments to cells that exist in the format (own keys only: nothing reaches a prototype). */
export function applyAdjustments(tables: AnnualReportTables, adjustments: Adjustment[]): AnnualReportTables {
  const out = structuredClone(tables);
  const own = (o: unknown, k: unknown) => typeof k === 'string' && o !== null && typeof o === 'object' && Object.prototype.hasOwnProperty.call(o, k);
  for (const a of adjustments) {
    if (!['table2', 'table3', 'table4'].includes(a?.table)) continue;
    const table = (out as any)[a.table];
    if (!own(table, a.row)) continue;
    const row = table[a.row];
    if (own(row, a.column) && typeof a.value === 'number') row[a.column] = a.value;
  }
  return out;
}
