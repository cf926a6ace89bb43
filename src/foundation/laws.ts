/**
 * Write rules of 法规文件 (law): title required; 效力级别 from the list; dates valid and in order
 * (成文 ≤ 发布, 施行 ≤ 失效); 发文字号 normalised; a law neither repeals nor amends itself. 效力状态 is
 * derived from the dates and relations (src/domain/law-status.ts), never typed by hand; a slug is
 * assigned on create and clone.
 */
import type { Core } from '@strapi/strapi';
import { UID, ENUMS } from './constants';
import { FieldErrors } from './errors';
import { checkDate, checkEnum, dateOnly, checkRequiredText } from './validators';
import { applyRelationChange, parseRelationInput, refOf, type Ref } from './relations';
import { loadExisting, type Prepared } from './prepare';
import { checkDocumentNumber } from '../domain/document-number';
import { lawStatusOn } from '../domain/law-status';
import { todayInChina } from '../domain/dates';
import { assignSlug } from './slugs';
import { renderItemRichText } from './rich-text-fields';

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
  // bodyHtml / summaryHtml: rendered and sanitized from body / summary, as for items (issue 17)
  renderItemRichText(data);
  // 效力状态 is derived, never typed by hand (one canonical record).
  data.lawStatus = lawStatusOn(
    { effectiveDate: merged.effectiveDate, expiryDate: merged.expiryDate, repealedDate: merged.repealedDate, repealed: repealed.length > 0, amended: amended.length > 0 },
    todayInChina()
  );
  if (action === 'create' || action === 'clone') await assignSlug(strapi, UID.law, data, merged.title, action === 'clone' ? undefined : data.slug);
  return null;
}
