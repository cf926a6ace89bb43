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
