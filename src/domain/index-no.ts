/**
 * 索引号 (indexNo): "前段码/后段码" — 前段码 is the organisation's code, 后段码 is YYYY-NNNNN
 * (year, per-organisation serial). Generated once on creation, never changes, unique
 * (《政府信息公开目录系统实施指引（试行）》; example from gov.cn: 000014349/2018-00222).
 * Formats differ by province, so the template is configurable (config/disclosure.ts → indexNoTemplate).
 */

export const DEFAULT_INDEX_NO_TEMPLATE = '{orgCode}/{year}-{seq:5}';

const PLACEHOLDER = /\{(orgCode|year|seq)(?::(\d+))?\}/g;

export interface IndexNoParts {
  orgCode: string;
  year: number;
  seq: number;
}

export function formatIndexNo(template: string, parts: IndexNoParts): string {
  return template.replace(PLACEHOLDER, (_m, name: string, width?: string) => {
    if (name === 'orgCode') return parts.orgCode;
    if (name === 'year') return String(parts.year);
    const s = String(parts.seq);
    const w = width ? Number(width) : 0;
    return s.length >= w ? s : '0'.repeat(w - s.length) + s;
  });
}

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A RegExp that recognises index numbers produced by the template (for any org code). */
export function indexNoPattern(template: string): RegExp {
  let src = '';
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    src += escapeRegExp(template.slice(last, m.index));
    const [, name, width] = m;
    if (name === 'orgCode') src += '(?<orgCode>[0-9A-Z-]{5,24})';
    else if (name === 'year') src += '(?<year>(?:19|20)\\d{2})';
    else src += width ? `(?<seq>\\d{${width},})` : '(?<seq>\\d+)';
    last = (m.index ?? 0) + m[0].length;
  }
  src += escapeRegExp(template.slice(last));
  return new RegExp(`^${src}$`);
}

export function parseIndexNo(template: string, value: string): IndexNoParts | null {
  const m = indexNoPattern(template).exec(value);
  if (!m || !m.groups) return null;
  return {
    orgCode: m.groups.orgCode ?? '',
    year: m.groups.year ? Number(m.groups.year) : 0,
    seq: m.groups.seq ? Number(m.groups.seq) : 0,
  };
}

/**
 * An imported item may bring its own 索引号. It is kept when it has the generic national shape
 * "前段码/YYYY-serial" (provinces differ in the 前段码), otherwise refused.
 */
export const GENERIC_INDEX_NO = /^[0-9A-Za-z][0-9A-Za-z-]{3,30}\/(?:19|20)\d{2}-\d{1,8}$/;

export function checkImportedIndexNo(value: unknown): string | null {
  if (typeof value !== 'string' || !GENERIC_INDEX_NO.test(value)) {
    return `索引号“${String(value)}”格式不正确，应为“前段码/年份-流水号”，例如 000014349/2025-00001`;
  }
  return null;
}
