/**
 * Status of a law or normative document (法律法规/规范性文件): 尚未生效 / 有效 / 失效 / 废止 / 已修改.
 * Derived from the dates (施行日期, 失效日期) plus the explicit repeal/amend links, so that one
 * canonical record decides — 《政府网站发展指引》(国办发〔2017〕47号): when a document is amended,
 * repealed or expires, say so promptly and mark the original.
 */
export type LawStatus = '尚未生效' | '有效' | '失效' | '废止' | '已修改';
export const LAW_STATUSES: LawStatus[] = ['尚未生效', '有效', '失效', '废止', '已修改'];

export interface LawDates {
  effectiveDate?: string | null;
  expiryDate?: string | null;
  repealedDate?: string | null;
  repealed?: boolean; // has a repealedBy link
  amended?: boolean; // has an amendedBy link
}

/** Status on a given day (YYYY-MM-DD). Repeal wins over amendment, amendment over expiry. */
export function lawStatusOn(law: LawDates, day: string): LawStatus {
  if (law.repealed || (law.repealedDate && law.repealedDate <= day)) return '废止';
  if (law.amended) return '已修改';
  if (law.expiryDate && law.expiryDate <= day) return '失效';
  if (law.effectiveDate && law.effectiveDate > day) return '尚未生效';
  return '有效';
}

/** In force on a day (表二 现行有效件数 counts documents in force on 31 December). */
export function inForceOn(law: LawDates, day: string): boolean {
  if (law.effectiveDate && law.effectiveDate > day) return false;
  if (law.repealedDate && law.repealedDate <= day) return false;
  if (law.expiryDate && law.expiryDate <= day) return false;
  return true;
}

