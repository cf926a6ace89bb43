/**
 * Personal-information detectors: 居民身份证号码 (GB 11643), mainland mobile numbers, bank card numbers.
 *
 * All offsets are UTF-16 offsets in the original text. Full-width digits (０-９, Ｘ) are recognised
 * too (they map 1:1 onto ASCII, so offsets are unchanged).
 */

export type PiiKind = 'idCard' | 'mobile' | 'bankCard';

export interface PiiMatch {
  kind: PiiKind;
  start: number;
  end: number;
  /** The matched text as it appears in the input (possibly with separators / full-width digits). */
  text: string;
  /** idCard only: region code and birth date are plausible but the GB 11643 check character is not (a typo, or a number altered by hand). */
  checkDigitMismatch?: boolean;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_CHARS = '10X98765432';

/** Two-digit province-level codes (GB/T 2260), plus 81/82/83 used on residence permits. */
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

/** GB 11643 check character for the first 17 digits. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  return ID_CHECK_CHARS[sum % 11];
}

/**
 * True for a plausible 18-character 居民身份证号码: known province code, a real birth date between
 * 1900-01-01 and `today`, and a correct GB 11643 check character (`X` in either case).
 */
export function isValidIdCardNumber(value: string, today: Date = new Date()): boolean {
  return hasIdCardShape(value, today) && idCardCheckChar(value) === value[17].toUpperCase();
}

/**
 * True for 18 characters that look like a 居民身份证号码 whatever the check character: known province code and a
 * real birth date between 1900-01-01 and `today`. With a wrong check character it is still reported
 * (疑似身份证号（校验位不符）): one mistyped digit must not let a person's number through.
 */
export function hasIdCardShape(value: string, today: Date = new Date()): boolean {
  if (!/^\d{17}[\dXx]$/.test(value)) return false;
  if (!PROVINCE_CODES.has(value.slice(0, 2))) return false;
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return false;
  const birth = Date.UTC(year, month - 1, day);
  const todayUtc = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return birth <= todayUtc;
}

/** Luhn (mod 10) check over a string of ASCII digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

const FULL_WIDTH = /[\uFF10-\uFF19\uFF38\uFF58\uFF0D\u3000]/;
const FULL_WIDTH_G = /[\uFF10-\uFF19\uFF38\uFF58\uFF0D\u3000]/g;

/** Maps full-width digits / Ｘ / － / ideographic space to ASCII, one code unit for one. */
function toHalfWidth(text: string): string {
  if (!FULL_WIDTH.test(text)) return text;
  return text.replace(FULL_WIDTH_G, (c) => {
    const code = c.charCodeAt(0);
    if (code === 0x3000) return ' ';
    return String.fromCharCode(code - 0xfee0);
  });
}

// 18 characters, not inside a longer digit run.
const ID_RE = /(?<!\d)\d{17}[\dXx](?!\d)/g;
// 1[3-9]x xxxx xxxx with one consistent optional separator (hyphen, space, NBSP); a directly
// attached country code (86 / +86 / 0086) is allowed, any other adjacent digit is not.
const MOBILE_RE = /(?:(?<!\d)|(?<=(?<!\d)(?:\+86|0086|86)))1[3-9]\d([- \u00A0]?)\d{4}\1\d{4}(?!\d)/g;
// 16–19 digits in one run, or 4-4-4-4(-1..3) groups separated by one consistent space/hyphen
// (the grouped form only for the IIN first digits actually used: 3, 4, 5, 6, 9).
const CARD_RE = /(?<!\d)(?:\d{16,19}|[34569]\d{3}([- ])\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?)(?!\d)/g;

/** Whether [start, end) overlaps a span of `sorted` (sorted by start, non-overlapping). */
function overlapsSorted(sorted: readonly PiiMatch[], start: number, end: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid].end <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo].start < end;
}

function byStart(a: PiiMatch, b: PiiMatch): number {
  return a.start - b.start;
}

export interface FindPiiOptions {
  /** Reference date for the birth-date plausibility check (default: now). */
  today?: Date;
}

/**
 * All personal numbers in `text`, sorted by start, non-overlapping. A run that has the shape of a
 * 身份证号 (region, birth date; check character right or wrong) is reported only as `idCard` (never also
 * as a bank card).
 */
export function findPii(text: string, options: FindPiiOptions = {}): PiiMatch[] {
  const today = options.today ?? new Date();
  const norm = toHalfWidth(text);
  // Cheap pre-test: every detector needs at least three consecutive digits.
  if (!/\d{3}/.test(norm)) return [];

  const ids: PiiMatch[] = []; // regex order = sorted by start
  for (const m of norm.matchAll(ID_RE)) {
    const start = m.index ?? 0;
    if (!hasIdCardShape(m[0], today)) continue;
    const match: PiiMatch = { kind: 'idCard', start, end: start + 18, text: text.slice(start, start + 18) };
    if (idCardCheckChar(m[0]) !== m[0][17].toUpperCase()) match.checkDigitMismatch = true;
    ids.push(match);
  }
  const cards: PiiMatch[] = [];
  for (const m of norm.matchAll(CARD_RE)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (!luhnValid(m[0].replace(/[- ]/g, '')) || overlapsSorted(ids, start, end)) continue;
    cards.push({ kind: 'bankCard', start, end, text: text.slice(start, end) });
  }
  const found = cards.length === 0 ? ids : ids.concat(cards).sort(byStart);
  const mobiles: PiiMatch[] = [];
  for (const m of norm.matchAll(MOBILE_RE)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (!overlapsSorted(found, start, end)) mobiles.push({ kind: 'mobile', start, end, text: text.slice(start, end) });
  }
  return mobiles.length === 0 ? found : found.concat(mobiles).sort(byStart);
}

// Digit runs shaped like a personal number, valid or not: 15–19 digits (a 15- or 18-digit ID, a card), an
// 11-digit number starting with 1 (a mobile, with one consistent separator), 4-4-4-4 groups.
const SHAPE_RE = /(?<!\d)(?:\d{14,18}[\dXx]|1\d{2}([- \u00A0]?)\d{4}\1\d{4}|\d{4}([- ])\d{4}\2\d{4}\2\d{4}(?:\2\d{1,3})?)(?!\d)/g;

/**
 * The spans a snippet must mask: every personal number found AND every digit run of ID, mobile or bank-card shape
 * around it, valid or not (a neighbouring number with a wrong check digit is still somebody's number). Sorted by
 * start, non-overlapping.
 */
export function maskSpans(text: string, found: readonly PiiMatch[]): Array<{ start: number; end: number }> {
  const norm = toHalfWidth(text);
  const spans: Array<{ start: number; end: number }> = found.map(({ start, end }) => ({ start, end }));
  if (/\d{11}|\d{3}[- \u00A0]\d{4}/.test(norm)) {
    for (const m of norm.matchAll(SHAPE_RE)) spans.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Array<{ start: number; end: number }> = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}
