import type { Core } from '@strapi/strapi';
import { UID, ENUMS } from './constants';
import { FieldErrors } from './errors';
import { checkDate, checkEnum, dateOnly, checkRequiredText } from './validators';
import { applyRelationChange, loadRefs, parseRelationInput, type Ref } from './relations';
import { checkDocumentNumber } from '../domain/document-number';
import { checkOrgCode } from '../domain/org-code';
import { lawStatusOn } from '../domain/law-status';
import { todayInChina } from '../domain/dates';
import { assignSlug } from './slugs';
import { nextSequence } from './sequences';
import { validateAnnualReport, emptyTables, RESULT_KEYS } from '../domain/annual-report-2021';
import { applyRequestClock } from '../requests/request-fields';
import { checkApplicantFields } from '../requests/applicant';

type Prepared = ((trx: any) => Promise<void>) | null;
const refOf = (row: any): Ref[] => (row ? [{ id: row.id, documentId: row.documentId }] : []);

async function loadExisting(strapi: Core.Strapi, uid: string, params: any, populate: Record<string, unknown> = {}, draftAndPublish = false) {
  const where: Record<string, unknown> = { documentId: params.documentId };
  if (draftAndPublish) where.publishedAt = null;
  return strapi.db.query(uid as any).findOne({ where, populate });
}

/** Walks up the parent chain to refuse cycles in a tree (organisations, catalogue nodes). */
async function wouldCreateCycle(strapi: Core.Strapi, uid: string, selfDocumentId: string, parentRef: Ref | undefined): Promise<boolean> {
  let [cursor] = parentRef ? await loadRefs(strapi, uid, [parentRef], { parent: true }) : [];
  for (let depth = 0; cursor && depth < 100; depth++) {
    if (cursor.documentId === selfDocumentId) return true;
    [cursor] = cursor.parent ? await loadRefs(strapi, uid, [{ id: cursor.parent.id }], { parent: true }) : [];
  }
  return false;
}

export async function prepareOrganization(strapi: Core.Strapi, action: string, params: any): Promise<Prepared> {
  const data = (params.data ??= {});
  const errs = new FieldErrors();
  const existing = action === 'update' ? await loadExisting(strapi, UID.organization, params, { parent: true }) : null;
  if (action === 'update' && !existing) return null;
  if (action === 'create') checkRequiredText(errs, data, 'name', '机构名称');
  if (action === 'create' || 'code' in data) {
    if (typeof data.code === 'string') data.code = data.code.trim().toUpperCase();
    const e = checkOrgCode(data.code);
    if (e) errs.add('code', e, data.code);
    else {
      const dup = await strapi.db.query(UID.organization as any).findOne({ where: { code: data.code }, select: ['documentId'] });
      if (dup && dup.documentId !== existing?.documentId) errs.add('code', `机构代码 ${data.code} 已被其他机构使用`, data.code);
    }
  }
  checkEnum(errs, data, 'level', '层级', ENUMS.orgLevel);
  const parentChange = parseRelationInput(data.parent);
  if (existing && parentChange) {
    const parent = applyRelationChange(refOf(existing.parent), parentChange, true)[0];
    if (await wouldCreateCycle(strapi, UID.organization, existing.documentId, parent)) errs.add('parent', '上级机构不能是本机构或其下级机构');
  }
  errs.throwIfAny();
  return null;
}

const ITEM_FIELDS = new Set(['title', 'indexNo', 'organization', 'issuingAuthority', 'documentNumber', 'writtenDate', 'publishDate', 'subjectCategory', 'genre', 'disclosureMode', 'exemptionReason', 'scope', 'secrecyLevel', 'keywords', 'summary', 'body', 'attachments', 'validity', 'isNormative', 'expiryDate']);

export async function prepareCatalogueNode(strapi: Core.Strapi, action: string, params: any): Promise<Prepared> {
  const data = (params.data ??= {});
  const errs = new FieldErrors();
  const existing = action === 'update' ? await loadExisting(strapi, UID.catalogueNode, params, { parent: true, organization: true }) : null;
  if (action === 'update' && !existing) return null;
  if (action === 'create') {
    checkRequiredText(errs, data, 'name', '栏目名称');
    checkRequiredText(errs, data, 'code', '目录编码');
  }
  checkEnum(errs, data, 'kind', '栏目类别', ENUMS.nodeKind);
  checkEnum(errs, data, 'cadence', '更新频率', ENUMS.cadence);
  if ('requiredElements' in data && data.requiredElements != null) {
    const v = data.requiredElements;
    if (!Array.isArray(v) || v.some((f: unknown) => typeof f !== 'string' || !ITEM_FIELDS.has(f))) {
      errs.add('requiredElements', `核心要素应为政府信息字段名列表，可选：${[...ITEM_FIELDS].join('、')}`);
    }
  }
  const orgRefs = applyRelationChange(refOf(existing?.organization), parseRelationInput(data.organization), true);
  const [org] = await loadRefs(strapi, UID.organization, orgRefs);
  if (!org) errs.add('organization', orgRefs.length ? '维护机构不存在' : '必须选择维护机构');
  const code = 'code' in data ? data.code : existing?.code;
  if (org && typeof code === 'string' && code) {
    const dups = await strapi.db.query(UID.catalogueNode as any).findMany({ where: { code, organization: { documentId: org.documentId } }, select: ['documentId'] });
    if (dups.some((d: any) => d.documentId !== existing?.documentId)) errs.add('code', `本机构已有目录编码为 ${code} 的栏目`, code);
  }
  const parentChange = parseRelationInput(data.parent);
  if (existing && parentChange) {
    const parent = applyRelationChange(refOf(existing.parent), parentChange, true)[0];
    if (await wouldCreateCycle(strapi, UID.catalogueNode, existing.documentId, parent)) errs.add('parent', '上级栏目不能是本栏目或其下级栏目');
  }
  errs.throwIfAny();
  return null;
}

export async function prepareLaw(strapi: Core.Strapi, action: string, params: any): Promise<Prepared> {
  const data = (params.data ??= {});
  const errs = new FieldErrors();
  const existing = action === 'update' || action === 'clone'
    ? await loadExisting(strapi, UID.law, params, { repealedBy: true, amendedBy: true }, true)
    : null;
  if ((action === 'update' || action === 'clone') && !existing) return null;
  if (action === 'create') checkRequiredText(errs, data, 'title', '标题');
  checkEnum(errs, data, 'level', '效力级别', ENUMS.lawLevel);
  checkEnum(errs, data, 'lawStatus', '效力状态', ENUMS.lawStatus);
  for (const [f, label] of [['writtenDate', '成文日期'], ['publishDate', '发布日期'], ['effectiveDate', '施行日期'], ['expiryDate', '失效日期'], ['repealedDate', '废止日期'], ['reviewByDate', '评估清理期限']]) {
    checkDate(errs, data, f, label);
    if (f in data) data[f] = dateOnly(data[f]);
  }
  const merged = { ...(existing ?? {}), ...data };
  if (merged.writtenDate && merged.publishDate && merged.writtenDate > merged.publishDate) {
    errs.add('writtenDate', `成文日期（${merged.writtenDate}）不能晚于发布日期（${merged.publishDate}）`);
  }
  if (merged.effectiveDate && merged.expiryDate && merged.expiryDate < merged.effectiveDate) {
    errs.add('expiryDate', `失效日期（${merged.expiryDate}）不能早于施行日期（${merged.effectiveDate}）`);
  }
  if ('documentNumber' in data) {
    const { value, error } = checkDocumentNumber(data.documentNumber);
    if (error) errs.add('documentNumber', error, data.documentNumber);
    else data.documentNumber = value;
  }
  const repealed = applyRelationChange(refOf(existing?.repealedBy), parseRelationInput(data.repealedBy), true);
  const amended = applyRelationChange(refOf(existing?.amendedBy), parseRelationInput(data.amendedBy), true);
  if (existing) {
    const self = (r: Ref) => r.documentId === existing.documentId || r.id === existing.id;
    if (repealed.some(self)) errs.add('repealedBy', '文件不能废止其自身');
    if (amended.some(self)) errs.add('amendedBy', '文件不能修改其自身');
  }
  errs.throwIfAny();
  // 效力状态 is derived, never typed by hand (one canonical record).
  data.lawStatus = lawStatusOn(
    { effectiveDate: merged.effectiveDate, expiryDate: merged.expiryDate, repealedDate: merged.repealedDate, repealed: repealed.length > 0, amended: amended.length > 0 },
    todayInChina()
  );
  if (action === 'create' || action === 'clone') await assignSlug(strapi, UID.law, data, merged.title, action === 'clone' ? undefined : data.slug);
  return null;
}

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

export async function prepareRequest(strapi: Core.Strapi, action: string, params: any): Promise<Prepared> {
  const data = (params.data ??= {});
  const errs = new FieldErrors();
  const existing = action === 'update' ? await loadExisting(strapi, UID.request, params, { organization: true }) : null;
  if (action === 'update' && !existing) return null;
  checkEnum(errs, data, 'channel', '申请方式', ENUMS.channel);
  checkEnum(errs, data, 'applicantCategory', '申请人类别', ENUMS.applicantCategory);
  checkEnum(errs, data, 'handlingStatus', '办理状态', ENUMS.requestStatus);
  checkEnum(errs, data, 'deliveryMethod', '获取信息方式', ENUMS.deliveryMethod);
  checkEnum(errs, data, 'applicantIdType', '证件类型', ENUMS.applicantIdType);
  // 证件号码 against 证件类型, 联系电话 (src/requests/applicant.ts)
  checkApplicantFields(data, existing, errs);
  for (const [f, label] of [['submittedDate', '提交日期'], ['receivedDate', '收到申请日期'], ['dueDate', '答复期限'], ['repliedDate', '答复日期'], ['closedDate', '办结日期']]) {
    checkDate(errs, data, f, label);
    if (f in data) data[f] = dateOnly(data[f]);
  }
  if (action === 'create') {
    checkRequiredText(errs, data, 'requestedContent', '申请公开的内容');
    if (!data.receivedDate) errs.add('receivedDate', '必须填写收到申请日期');
  }
  if ('resultKey' in data && data.resultKey != null && !(RESULT_KEYS as readonly string[]).includes(data.resultKey)) {
    errs.add('resultKey', `办理结果“${data.resultKey}”不是年度报告表三的结果项，可选：${RESULT_KEYS.join('、')}`, data.resultKey);
  }
  const merged = { ...(existing ?? {}), ...data };
  if (merged.handlingStatus === '已办结' && !merged.resultKey) errs.add('resultKey', '办结的申请必须选择一个办理结果（表三结果项）');
  const orgRefs = applyRelationChange(refOf(existing?.organization), parseRelationInput(data.organization), true);
  const [org] = await loadRefs(strapi, UID.organization, orgRefs);
  if (!org) errs.add('organization', orgRefs.length ? '受理机关不存在' : '必须选择受理机关');
  if (action === 'update' && 'trackingNo' in data && data.trackingNo !== existing.trackingNo) errs.add('trackingNo', '受理编号不可修改');
  // The legal clock: events/disputes validated, due date and derived fields recomputed (src/requests/request-fields.ts).
  await applyRequestClock(strapi, action, data, existing, errs);
  errs.throwIfAny();
  if (action === 'update') {
    delete data.trackingNo;
    return null;
  }
  if (data.trackingNo) return null;
  const year = Number(String(merged.receivedDate).slice(0, 4));
  return async (trx: any) => {
    const seq = await nextSequence(strapi, trx, 'request', year);
    data.trackingNo = `YSQ${year}${String(seq).padStart(6, '0')}`;
  };
}
