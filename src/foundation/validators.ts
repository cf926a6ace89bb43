import { ENUMS } from './constants';
import { chinaDayOf, isValidDay, parseTypedDay } from '../domain/dates';
import { FieldErrors } from './errors';
import { MAX_KEYWORD_LENGTH, MAX_KEYWORDS, splitKeywords } from '../domain/keywords';

/** A real calendar day written 'YYYY-MM-DD' (src/domain/dates.ts). */
export const isValidDate = isValidDay;

/** Accepts 'YYYY-MM-DD' or a Date/ISO timestamp; returns 'YYYY-MM-DD' or undefined/null. */
export function dateOnly(v: unknown): string | null | undefined {
  if (v === undefined) return undefined;
  if (v === null || v === '') return null;
  // an instant (a Date, or a timestamp with its zone) is the day it falls on in China, not in UTC
  if (v instanceof Date) return chinaDayOf(v) ?? (v as any);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(v)) return chinaDayOf(v) ?? v;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return v.slice(0, 10);
  // as people type a day: 2026-11-20, 2026/11/20, 2026.11.20, 2026年11月20日 (src/domain/dates.ts); anything
  // else is returned as it came, for checkDate to name in its message
  if (typeof v === 'string') return parseTypedDay(v) ?? v;
  return v as string;
}

export function checkEnum(errs: FieldErrors, data: Record<string, unknown>, field: string, label: string, values: readonly string[]) {
  const v = data[field];
  if (v === undefined || v === null) return;
  if (typeof v !== 'string' || !values.includes(v)) {
    errs.add(field, `${label}“${String(v)}”不是有效值，可选值：${values.join('、')}`, v);
  }
}

export function checkDate(errs: FieldErrors, data: Record<string, unknown>, field: string, label: string) {
  const v = data[field];
  if (v === undefined || v === null || v === '') return;
  if (!isValidDate(dateOnly(v))) errs.add(field, `${label}“${String(v)}”不是有效日期，格式应为 YYYY-MM-DD`, v);
}

export function checkRequiredText(errs: FieldErrors, data: Record<string, unknown>, field: string, label: string) {
  const v = data[field];
  if (typeof v !== 'string' || !v.trim()) errs.add(field, `${label}不能为空`);
}

/** 主题词 (src/domain/keywords.ts): an array, or a string separated by ，,；; 、 or spaces. */
export function normaliseKeywords(v: unknown): { value?: string[] | null; error?: string } {
  if (v === undefined) return {};
  if (v === null || v === '') return { value: null };
  let list: unknown[];
  if (typeof v === 'string') list = splitKeywords(v);
  else if (Array.isArray(v)) list = v;
  else return { error: '主题词应为文本列表' };
  if (list.some((k) => typeof k !== 'string')) return { error: '主题词应为文本列表' };
  const words = (list as string[]).map((k) => k.trim()).filter(Boolean);
  if (words.length > MAX_KEYWORDS) return { error: `主题词最多${MAX_KEYWORDS}个，当前${words.length}个` };
  if (words.some((w) => w.length > MAX_KEYWORD_LENGTH)) return { error: `每个主题词不超过${MAX_KEYWORD_LENGTH}个字` };
  return { value: words };
}

export { ENUMS };
