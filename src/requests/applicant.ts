/**
 * 证件号码 and 联系电话 of an applicant, checked on the public submission (public.ts) and on every
 * Document Service write (prepareRequest → checkApplicantFields), with Chinese reasons.
 *
 * 证件号码 is checked against 证件类型 (`applicantIdType`, default 居民身份证, src/domain/id-number.ts).
 * 法人或者其他组织 (any 申请人类别 but 自然人) may give their 统一社会信用代码 instead of an ID number:
 * a valid code given with the default type 居民身份证 is accepted and recorded with type 统一社会信用代码
 * (the public form asks for “身份证件号码或统一社会信用代码” in one field).
 */
import { checkIdNumber, DEFAULT_ID_TYPE, ID_TYPES, normaliseIdNumber } from '../domain/id-number';
import { checkCreditCode } from '../domain/org-code';
import { checkPhone } from '../domain/phone';
import type { FieldErrors } from '../foundation/errors';

export const NATURAL_PERSON = '自然人';

export interface IdVerdict {
  /** null when valid */
  message: string | null;
  /** the number as stored (upper case, blanks removed) */
  number: string;
  /** the type to record (an organisation's credit code given as 居民身份证 is recorded as 统一社会信用代码) */
  type: string;
}

export function checkApplicantId(category: string | null | undefined, type: string | null | undefined, raw: string): IdVerdict {
  const number = normaliseIdNumber(raw);
  const given = type || DEFAULT_ID_TYPE;
  const organisation = (category || NATURAL_PERSON) !== NATURAL_PERSON;
  if (given === '统一社会信用代码' && !organisation) {
    return { message: '统一社会信用代码仅适用于法人或者其他组织申请人（申请人类别不是自然人）', number, type: given };
  }
  if (organisation && given === DEFAULT_ID_TYPE && checkCreditCode(number) === null) {
    return { message: null, number, type: '统一社会信用代码' };
  }
  let message = checkIdNumber(given, number);
  // an organisation that typed a (wrong) credit code into the ID field: tell it about the credit code
  if (message && organisation && given === DEFAULT_ID_TYPE && /^[0-9A-Z]{18}$/.test(number) && /[A-Z]/.test(number.slice(0, 17))) {
    message = checkCreditCode(number);
  }
  return { message, number, type: given };
}

const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && !v.trim());
const same = (a: unknown, b: unknown): boolean => (blank(a) && blank(b)) || a === b;

/**
 * Document Service writes: a value that this write sets (or whose type/category this write changes)
 * is checked; values stored before these rules are left alone until they are edited.
 */
export function checkApplicantFields(data: Record<string, any>, existing: Record<string, any> | null, errs: FieldErrors): void {
  const changed = (f: string) => f in data && !same(data[f], existing?.[f]);
  const merged = { ...(existing ?? {}), ...data };

  if (changed('applicantPhone') && !blank(data.applicantPhone)) {
    if (typeof data.applicantPhone !== 'string') errs.add('applicantPhone', '联系电话应为文本');
    else {
      const message = checkPhone(data.applicantPhone);
      if (message) errs.add('applicantPhone', message, data.applicantPhone);
      else data.applicantPhone = data.applicantPhone.trim();
    }
  }

  const type = merged.applicantIdType;
  if (!blank(type) && !(ID_TYPES as readonly string[]).includes(type)) return; // reported by checkEnum
  if (!['applicantIdNumber', 'applicantIdType', 'applicantCategory'].some(changed) || blank(merged.applicantIdNumber)) return;
  if (typeof merged.applicantIdNumber !== 'string') {
    errs.add('applicantIdNumber', '证件号码应为文本');
    return;
  }
  const verdict = checkApplicantId(merged.applicantCategory, blank(type) ? null : type, merged.applicantIdNumber);
  if (verdict.message) {
    errs.add('applicantIdNumber', verdict.message, merged.applicantIdNumber);
    return;
  }
  if ('applicantIdNumber' in data) data.applicantIdNumber = verdict.number;
  if (verdict.type !== (blank(type) ? DEFAULT_ID_TYPE : type)) data.applicantIdType = verdict.type;
}
