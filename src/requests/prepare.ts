/**
 * Write rules of 依申请公开 requests (disclosure-request), whatever the path (Content Manager, REST, the
 * routes, code): enumerations from the lists; 证件号码 and 联系电话 (./applicant.ts); dates valid;
 * content and 收到申请日期 required; 办理结果 a 表三 result, required when 已办结; a 受理机关 that exists;
 * 受理编号 never changed, drawn inside the write transaction on create; the legal clock (./request-fields.ts).
 * Run by the Document Service middleware of src/foundation/document-middleware.ts (handed over by
 * src/index.ts, so that src/foundation does not import this feature).
 */
import type { Core } from '@strapi/strapi';
import { UID, ENUMS } from '../foundation/constants';
import { FieldErrors } from '../foundation/errors';
import { checkDate, checkEnum, dateOnly, checkRequiredText } from '../foundation/validators';
import { applyRelationChange, loadRefs, parseRelationInput, refOf } from '../foundation/relations';
import { loadExisting, type Prepared } from '../foundation/prepare';
import { nextSequence } from '../foundation/sequences';
import { RESULT_KEYS } from '../domain/annual-report-2021';
import { applyRequestClock } from './request-fields';
import { checkApplicantFields } from './applicant';

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
