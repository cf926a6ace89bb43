/**
 * 发文字号 — "机关代字〔年份〕序号号", e.g. 国办发〔2017〕47号 (《党政机关公文格式》GB/T 9704-2012 §7.2.4:
 * 年份用六角括号〔〕括入). People type [ ] 【】 （ ） ( ) 〖〗 instead; we normalise to 〔〕.
 */

const OPENERS = /[\[【（(〖［﹝]/g;
const CLOSERS = /[\]】）)〗］﹞]/g;

export const DOCUMENT_NUMBER_PATTERN = /^(\S.*?)〔((?:19|20)\d{2})〕(\d{1,5})号$/u;
/** 命令（令） are numbered without a year: 国务院令第711号, 主席令第20号, 某省政府令第380号. */
export const ORDER_NUMBER_PATTERN = /^(\S*令)第(\d{1,5})号$/u;

/** Normalise brackets and whitespace; returns the normalised text (not validated). */
export function normaliseDocumentNumber(raw: string): string {
  return raw
    .trim()
    .replace(/\s+/g, '')
    .replace(OPENERS, '〔')
    .replace(CLOSERS, '〕')
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

export interface ParsedDocumentNumber {
  agencyCode: string;
  year: number;
  serial: number;
}

export function parseDocumentNumber(value: string): ParsedDocumentNumber | null {
  const m = DOCUMENT_NUMBER_PATTERN.exec(value);
  if (!m) return null;
  return { agencyCode: m[1], year: Number(m[2]), serial: Number(m[3]) };
}

/** Normalise and validate. Returns { value } or { error } (Chinese). Empty input is allowed (not every item has one). */
export function checkDocumentNumber(raw: unknown): { value: string | null; error?: string } {
  if (raw === null || raw === undefined || raw === '') return { value: null };
  if (typeof raw !== 'string') return { value: null, error: '发文字号必须是文本' };
  const value = normaliseDocumentNumber(raw);
  if (!parseDocumentNumber(value) && !ORDER_NUMBER_PATTERN.test(value)) {
    return {
      value,
      error: `发文字号“${raw}”格式不正确，应为“机关代字〔年份〕序号号”（例如：国办发〔2017〕47号）或“××令第N号”（例如：国务院令第711号）`,
    };
  }
  return { value };
}
