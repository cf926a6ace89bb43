/**
 * 联系电话: mainland mobile numbers (1[3-9] + 9 digits, 工业和信息化部《电信网编号计划》), landlines with their
 * 长途区号 (010 or 02 plus one digit, then 8 digits; a four-digit area code, then 7–8 digits) and an optional
 * extension, 400/800 service numbers.
 * Spaces, dashes and parentheses are allowed; +86/0086 may precede (then the area code may drop its 0).
 */
export type PhoneKind = 'mobile' | 'landline' | 'service';

export interface ParsedPhone {
  kind: PhoneKind;
  /** Digits only, without the country code (landline: area code with its 0, then the local number). */
  number: string;
  extension?: string;
}

export const PHONE_MESSAGE = '联系电话格式不正确，应为手机号码或带区号的固定电话';

const MOBILE = /^1[3-9]\d{9}$/;
const SERVICE = /^[48]00\d{7}$/;
/** 010 / 02n + 8-digit local number; a four-digit area code 0[3-9]nn + 7–8 digits; a local number never starts with 0 or 1. */
const LANDLINE = /^(?:0(?:10|2\d)[2-9]\d{7}|0[3-9]\d{2}[2-9]\d{6,7})$/;

function parseMain(main: string): ParsedPhone | null {
  if (!/^[+\d\s\-()（）]+$/.test(main)) return null;
  let digits = main.replace(/[\s\-()（）]/g, '');
  let international = false;
  if (digits.startsWith('+86')) [digits, international] = [digits.slice(3), true];
  else if (digits.startsWith('0086')) [digits, international] = [digits.slice(4), true];
  if (!/^\d+$/.test(digits)) return null;
  if (MOBILE.test(digits)) return { kind: 'mobile', number: digits };
  if (SERVICE.test(digits)) return { kind: 'service', number: digits };
  if (international && !digits.startsWith('0')) digits = `0${digits}`;
  if (LANDLINE.test(digits)) return { kind: 'landline', number: digits };
  return null;
}

/** The number's kind and digits, or null when it is not a plausible mainland phone number. */
export function parsePhone(raw: string): ParsedPhone | null {
  const s = String(raw ?? '').trim();
  if (!s || s.length > 40) return null;
  const whole = parseMain(s);
  if (whole) return whole;
  // extension: 转 / 分机 / ext / x / # … digits, or a trailing “-digits” after a complete landline
  const marked = /^(.*?)\s*(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$/i.exec(s) ?? /^(.*\d)\s*-\s*(\d{1,6})$/.exec(s);
  if (!marked) return null;
  const main = parseMain(marked[1]);
  return main && main.kind === 'landline' ? { ...main, extension: marked[2] } : null;
}

/** null when valid, else the Chinese message. */
export function checkPhone(raw: string): string | null {
  return parsePhone(raw) ? null : PHONE_MESSAGE;
}
