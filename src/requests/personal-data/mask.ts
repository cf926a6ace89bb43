/**
 * Masking of applicant data in lists (GB/T 35273 去标识化 display): 张* / 张*三, 110***********002X,
 * 138****1234, a***@x.cn, the address up to the district (区/县/旗/市).
 */
export const ANONYMISED = '已匿名化';

const chars = (s: string) => Array.from(s);

export function maskName(v: string): string {
  const c = chars(v.trim());
  if (c.length <= 1) return c.length ? '*' : '';
  if (c.length === 2) return `${c[0]}*`;
  if (c.length === 3) return `${c[0]}*${c[2]}`;
  // organisations and long names: first and last character kept
  return `${c[0]}${'*'.repeat(Math.min(c.length - 2, 8))}${c[c.length - 1]}`;
}

export function maskIdNumber(v: string): string {
  const c = chars(v.trim());
  if (c.length <= 4) return '*'.repeat(c.length);
  if (c.length < 10) return `${c.slice(0, 1).join('')}${'*'.repeat(c.length - 3)}${c.slice(-2).join('')}`;
  return `${c.slice(0, 3).join('')}${'*'.repeat(c.length - 7)}${c.slice(-4).join('')}`;
}

export function maskPhone(v: string): string {
  const s = v.trim();
  const digits = s.replace(/\D/g, '');
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  const c = chars(s);
  if (c.length <= 4) return '*'.repeat(c.length);
  return `${c.slice(0, Math.min(4, c.length - 4)).join('')}${'*'.repeat(Math.max(c.length - 8, 4))}${c.slice(-4).join('')}`;
}

export function maskEmail(v: string): string {
  const s = v.trim();
  const at = s.lastIndexOf('@');
  if (at <= 0) return maskName(s);
  return `${chars(s)[0]}***${s.slice(at)}`;
}

/** The address up to the district level (…区/县/旗/市 after the province/city), the rest replaced by ***. */
export function maskAddress(v: string): string {
  const s = v.trim();
  const m = /^((?:[^省]+省|.+?自治区|.+?特别行政区)?(?:.+?(?:自治州|市|州|盟|地区))?.+?(?:区|县|旗|市))/.exec(s);
  if (!m) return '***';
  return m[1].length < s.length ? `${m[1]}***` : m[1];
}

export const PERSONAL_FIELDS = ['applicantName', 'applicantIdNumber', 'applicantPhone', 'applicantEmail', 'applicantAddress'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];

const MASKS: Record<PersonalField, (v: string) => string> = {
  applicantName: maskName,
  applicantIdNumber: maskIdNumber,
  applicantPhone: maskPhone,
  applicantEmail: maskEmail,
  applicantAddress: maskAddress,
};

export function maskField(field: PersonalField, v: unknown): unknown {
  if (typeof v !== 'string' || !v || v === ANONYMISED) return v;
  return MASKS[field](v);
}

/** Masks the personal fields of a row in place. */
export function maskRow<T>(row: T): T {
  if (!row || typeof row !== 'object') return row;
  const r = row as any;
  for (const f of PERSONAL_FIELDS) if (f in r) r[f] = maskField(f, r[f]);
  return row;
}
