import type { Core } from '@strapi/strapi';
import { readSource } from './read';
import type { RowIssue } from './validate';
import { UID } from '../../../../../src/foundation/constants';

const ORG = UID.organization;

/** Column names of an organisations sheet (Chinese headers or our field names). */
const COLUMNS: Record<string, 'code' | 'name' | 'level' | 'shortName' | 'parentCode' | 'sortOrder'> = {
  机构代码: 'code', 代码: 'code', code: 'code',
  机构名称: 'name', 名称: 'name', name: 'name',
  层级: 'level', 机构层级: 'level', level: 'level',
  简称: 'shortName', shortName: 'shortName',
  上级机构代码: 'parentCode', 上级代码: 'parentCode', parentCode: 'parentCode',
  排序: 'sortOrder', sortOrder: 'sortOrder',
};

export interface OrganizationsReport { total: number; created: number; existing: number; issues: RowIssue[] }

/**
 * `npm run org -- import <file>`: organisations from a sheet (.xlsx / .csv / .json rows) — 机构代码, 机构名称, 层级,
 * 简称, 上级机构代码, 排序 — created through the Document Service, parents before children (a parent may be in the
 * sheet or already in the database). Existing codes are left alone (re-running is safe); bad rows are reported
 * (row, field, reason) and left out.
 */
export async function importOrganizations(strapi: Core.Strapi, file: string, dryRun = false): Promise<OrganizationsReport> {
  const source = await readSource(file);
  const issues: RowIssue[] = [];
  const rows: Array<{ row: number; code: string; name: string; level: string; shortName: string | null; parentCode: string | null; sortOrder: number }> = [];
  const seen = new Map<string, number>();
  for (const r of source.rows) {
    const v: Record<string, string | null> = {};
    for (const [k, val] of Object.entries(r.values)) {
      const f = COLUMNS[k.trim()];
      if (f) v[f] = val === null || val === undefined || String(val).trim() === '' ? null : String(val).trim();
    }
    const err = (field: string, reason: string) => issues.push({ row: r.row, field, reason, severity: 'error' });
    if (!v.code) err('code', '机构代码不能为空');
    else if (!/^[0-9A-Za-z-]{5,30}$/.test(v.code)) err('code', `机构代码“${v.code}”格式不正确（5–30 位字母、数字或“-”）`);
    if (!v.name) err('name', '机构名称不能为空');
    if (!v.level) err('level', '层级不能为空（如 省、市、县、乡、部门）');
    if (v.sortOrder && !/^-?\d+$/.test(v.sortOrder)) err('sortOrder', `排序“${v.sortOrder}”应为整数`);
    if (v.code && seen.has(v.code)) err('code', `与第${seen.get(v.code)}行重复：机构代码 ${v.code}`);
    if (issues.some((i) => i.row === r.row)) continue;
    seen.set(v.code!, r.row);
    rows.push({ row: r.row, code: v.code!, name: v.name!, level: v.level!, shortName: v.shortName ?? null, parentCode: v.parentCode ?? null, sortOrder: Number(v.sortOrder ?? 0) });
  }
  const existing = new Map<string, string>((await strapi.db.query(ORG).findMany({ select: ['code', 'documentId'] })).map((o: any) => [o.code, o.documentId]));
  const report: OrganizationsReport = { total: source.rows.length, created: 0, existing: 0, issues };
  const inSheet = new Set(rows.map((r) => r.code));
  let pending = rows;
  while (pending.length) {
    const later: typeof rows = [];
    for (const o of pending) {
      if (existing.has(o.code)) { report.existing++; continue; }
      if (o.parentCode && !existing.has(o.parentCode)) {
        if (inSheet.has(o.parentCode) && !issues.some((i) => i.row === rows.find((x) => x.code === o.parentCode)?.row)) later.push(o);
        else issues.push({ row: o.row, field: 'parentCode', reason: `上级机构代码 ${o.parentCode} 不存在（数据库和本表中都没有）`, severity: 'error' });
        continue;
      }
      if (dryRun) { existing.set(o.code, ''); report.created++; continue; }
      try {
        const created: any = await strapi.documents(ORG).create({ data: { code: o.code, name: o.name, level: o.level, shortName: o.shortName, sortOrder: o.sortOrder, parent: o.parentCode ? existing.get(o.parentCode) : null } as any });
        existing.set(o.code, created.documentId);
        report.created++;
      } catch (e: any) {
        const msg = e?.details?.errors?.map((x: any) => x.message).join('；') || (/[\u4e00-\u9fa5]/.test(String(e?.message)) ? e.message : '写入失败');
        issues.push({ row: o.row, field: 'code', reason: `创建失败：${msg}`, severity: 'error' });
      }
    }
    if (later.length === pending.length) {
      for (const o of later) issues.push({ row: o.row, field: 'parentCode', reason: `上级机构关系成环（${o.code} → ${o.parentCode}）`, severity: 'error' });
      break;
    }
    pending = later;
  }
  issues.sort((a, b) => a.row - b.row);
  return report;
}
