/**
 * 证件号码 of applicants. 居民身份证: GB 11643-1999《公民身份号码》 (6-digit address code, 8-digit birth date,
 * 3-digit sequence, check character by ISO 7064:1983 MOD 11-2; 15-digit numbers issued before 1999);
 * other documents get simple format checks; 统一社会信用代码 per GB 32100-2015 (src/domain/org-code.ts).
 */
import { checkCreditCode } from './org-code';
import { todayInChina } from './dates';

export const ID_TYPES = ['居民身份证', '护照', '港澳居民来往内地通行证', '台湾居民来往大陆通行证', '外国人永久居留身份证', '统一社会信用代码', '其他'] as const;
export type IdType = (typeof ID_TYPES)[number];
export const DEFAULT_ID_TYPE: IdType = '居民身份证';

/** ISO 7064 MOD 11-2 weights 2^(17-i) mod 11 of the first 17 digits, and the check characters by remainder. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** Upper case, blanks removed (numbers are often typed in groups; a lower-case x is common). */
export function normaliseIdNumber(raw: string): string {
  return raw.replace(/[\s\u3000]/g, '').toUpperCase();
}

/** The check character of the first 17 digits of an 18-digit number. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

function validBirthDate(y: number, m: number, d: number, today: string): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return false;
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return y >= 1800 && iso <= today;
}

const todayUtc8 = () => todayInChina();

/** 居民身份证号码 (18 digits, or 15 for the first-generation cards): null when valid, else the reason in Chinese. */
export function checkResidentIdNumber(raw: string, today = todayUtc8()): string | null {
  const s = normaliseIdNumber(raw);
  if (/^\d{17}[\dX]$/.test(s)) {
    if (!/^[1-8]/.test(s)) return '身份证号码前6位行政区划代码不正确';
    const [y, m, d] = [Number(s.slice(6, 10)), Number(s.slice(10, 12)), Number(s.slice(12, 14))];
    if (!validBirthDate(y, m, d, today)) return `身份证号码中的出生日期（${s.slice(6, 14)}）无效`;
    if (idCheckChar(s) !== s[17]) return '身份证号码校验位不正确';
    return null;
  }
  if (/^\d{15}$/.test(s)) {
    if (!/^[1-8]/.test(s)) return '身份证号码前6位行政区划代码不正确';
    const [y, m, d] = [1900 + Number(s.slice(6, 8)), Number(s.slice(8, 10)), Number(s.slice(10, 12))];
    if (!validBirthDate(y, m, d, today)) return `身份证号码中的出生日期（19${s.slice(6, 12)}）无效`;
    return null;
  }
  return '身份证号码应为18位（最后一位可为X）或15位数字';
}

/**
 * 证件号码 against its type: null when valid, else the reason in Chinese.
 * 护照: 5–20 letters/digits (Chinese passports E/G + 8 digits; foreign ones vary);
 * 港澳居民来往内地通行证: H or M + 8 digits (+2 renewal digits on older cards);
 * 台湾居民来往大陆通行证: 8 digits (10 on older cards);
 * 外国人永久居留身份证: 3 letters + 12 digits (2004 card) or 18 digits starting with 9 with the GB 11643 check character (2023 card);
 * 统一社会信用代码: GB 32100-2015; 其他: 2–40 characters.
 */
export function checkIdNumber(type: string, raw: string, today = todayUtc8()): string | null {
  const s = normaliseIdNumber(raw);
  switch (type) {
    case '居民身份证':
      return checkResidentIdNumber(s, today);
    case '护照':
      return /^[A-Z0-9]{5,20}$/.test(s) ? null : '护照号码格式不正确：应为5至20位字母或数字';
    case '港澳居民来往内地通行证':
      return /^[HM]\d{8}(\d{2})?$/.test(s) ? null : '港澳居民来往内地通行证号码格式不正确：应为H或M加8位数字';
    case '台湾居民来往大陆通行证':
      return /^\d{8}(\d{2})?$/.test(s) ? null : '台湾居民来往大陆通行证号码格式不正确：应为8位数字';
    case '外国人永久居留身份证':
      if (/^[A-Z]{3}\d{12}$/.test(s)) return null;
      if (/^9\d{16}[\dX]$/.test(s)) return idCheckChar(s) === s[17] ? null : '外国人永久居留身份证号码校验位不正确';
      return '外国人永久居留身份证号码格式不正确：应为3位字母加12位数字，或以9开头的18位号码';
    case '统一社会信用代码':
      return checkCreditCode(s);
    case '其他':
      return s.length >= 2 && s.length <= 40 ? null : '证件号码应为2至40个字符';
    default:
      return `证件类型“${type}”不是有效值，可选：${ID_TYPES.join('、')}`;
  }
}
