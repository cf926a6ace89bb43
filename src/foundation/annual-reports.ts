/**
 * Write rules of 年度报告 (annual report): 格式版本 2021 or 2019; 年度 2008–2100, one report per
 * organisation and year; an organisation that exists; the tables of the 2021 format add up (rules 1–5,
 * src/domain/annual-report-2021); a default title.
 */
import type { Core } from '@strapi/strapi';
import { UID } from './constants';
import { FieldErrors } from './errors';
import { applyRelationChange, loadRefs, parseRelationInput, refOf } from './relations';
import { loadExisting, type Prepared } from './prepare';
import { validateAnnualReport, emptyTables } from '../domain/annual-report-2021';

export async function prepareAnnualReport(strapi: Core.Strapi, action: string, params: any): Promise<Prepared> {
  const data = (params.data ??= {});
  const errs = new FieldErrors();
  const existing = action === 'update' ? await loadExisting(strapi, UID.annualReport, params, { organization: true }, true) : null;
  if (action === 'update' && !existing) return null;
  if ('formatVersion' in data && ![2019, 2021].includes(Number(data.formatVersion))) errs.add('formatVersion', `格式版本“${data.formatVersion}”不正确，可选：2021（现行格式）、2019（试行格式，仅用于导入）`);
  const merged = { ...(existing ?? {}), ...data };
  if (action === 'create' && (merged.year === undefined || merged.year === null)) errs.add('year', '必须填写年度');
  else if (!Number.isInteger(Number(merged.year)) || Number(merged.year) < 2008 || Number(merged.year) > 2100) errs.add('year', `年度“${merged.year}”不正确`);
  const orgRefs = applyRelationChange(refOf(existing?.organization), parseRelationInput(data.organization), true);
  const [org] = await loadRefs(strapi, UID.organization, orgRefs);
  if (!org) errs.add('organization', orgRefs.length ? '机构不存在' : '必须选择机构');
  if (org && merged.year && ('year' in data || 'organization' in data || action === 'create')) {
    const dups = await strapi.db.query(UID.annualReport as any).findMany({ where: { year: Number(merged.year), organization: { documentId: org.documentId } }, select: ['documentId'] });
    if (dups.some((d: any) => d.documentId !== existing?.documentId)) errs.add('year', `${org.name} 的 ${merged.year} 年度报告已存在`);
  }
  // Arithmetic rules 1–5 of the 2021 format (the 2019 trial format is stored as imported).
  if (Number(merged.formatVersion ?? 2021) === 2021 && (merged.table2 || merged.table3 || merged.table4) && ('table2' in data || 'table3' in data || 'table4' in data || action === 'create')) {
    // Tables not entered yet are validated as empty (all zeros); entered ones must be complete and add up.
    const blank = emptyTables();
    const tables = { table2: merged.table2 ?? blank.table2, table3: merged.table3 ?? blank.table3, table4: merged.table4 ?? blank.table4 };
    const violations = validateAnnualReport(tables).filter((v) => v.severity === 'error');
    for (const v of violations) errs.add(`${v.table}.${v.row}.${v.column}`, v.message);
  }
  errs.throwIfAny();
  if (!merged.title && org) data.title = `${org.name}${merged.year}年政府信息公开工作年度报告`;
  return null;
}
