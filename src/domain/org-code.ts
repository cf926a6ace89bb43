/**
 * Organisation codes used as the 前段码 of 索引号: the 9-character 组织机构代码 (GB 11714, often written
 * with a hyphen before the check character, e.g. 01424668-5) or the 18-character 统一社会信用代码
 * (GB 32100-2015). Provinces use other codes too (Shanghai's 21-char codes), so we validate the shape
 * only: 6–24 characters of digits, capital letters and at most one hyphen.
 */
export const ORG_CODE_PATTERN = /^[0-9A-Z]{5,22}(-[0-9A-Z])?$/;

export function checkOrgCode(raw: unknown): string | null {
  if (typeof raw !== 'string' || !raw.trim()) return '机构代码不能为空';
  if (!ORG_CODE_PATTERN.test(raw.trim())) {
    return `机构代码“${raw}”格式不正确：应为组织机构代码（9位，如 000014349 或 01424668-5）或统一社会信用代码（18位）`;
  }
  return null;
}

/** GB 32100-2015 统一社会信用代码: 18 characters from this alphabet (no I, O, Z, S, V), the last a MOD 31 check character. */
const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character of the first 17 characters of a 统一社会信用代码. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARS.indexOf(first17[i]) * CREDIT_CODE_WEIGHTS[i];
  return CREDIT_CODE_CHARS[(31 - (sum % 31)) % 31];
}

/** null when `raw` is a valid 统一社会信用代码 (GB 32100-2015, check character verified), else the reason in Chinese. */
export function checkCreditCode(raw: string): string | null {
  const s = raw.replace(/[\s\u3000]/g, '').toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(s)) return '统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）';
  if (creditCodeCheckChar(s) !== s[17]) return '统一社会信用代码校验位不正确';
  return null;
}
