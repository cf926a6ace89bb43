/**
 * Column mapping for imports: the headers legacy systems and the provincial exchange formats use
 * (Chinese), and our own field names, to disclosure-item fields. `--mapping file.json` adds or
 * overrides entries: { "列名": "field" }.
 */
export const IMPORT_FIELDS = [
  'title', 'indexNo', 'issuingAuthority', 'documentNumber', 'writtenDate', 'publishDate', 'subjectCategory', 'genre',
  'disclosureMode', 'exemptionReason', 'scope', 'secrecyLevel', 'keywords', 'summary', 'body', 'catalogue', 'validity',
  'isNormative', 'expiryDate', 'interpretsIndexNo',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const DEFAULT_COLUMNS: Record<string, ImportField> = {
  标题: 'title', 名称: 'title', 信息名称: 'title', 文件名称: 'title',
  索引号: 'indexNo',
  发文机关: 'issuingAuthority', 发布机关: 'issuingAuthority',
  发文字号: 'documentNumber', 文号: 'documentNumber',
  成文日期: 'writtenDate', 生成日期: 'writtenDate',
  发布日期: 'publishDate', 公开日期: 'publishDate', 发布时间: 'publishDate',
  主题分类: 'subjectCategory',
  体裁分类: 'genre', 体裁: 'genre', 公文种类: 'genre',
  公开方式: 'disclosureMode', 公开属性: 'disclosureMode',
  免予公开理由: 'exemptionReason', 不公开理由: 'exemptionReason',
  公开范围: 'scope',
  密级: 'secrecyLevel',
  主题词: 'keywords', 关键词: 'keywords',
  内容概述: 'summary', 摘要: 'summary',
  正文: 'body', 内容: 'body',
  所属目录: 'catalogue', 目录: 'catalogue', 栏目: 'catalogue', 公开目录: 'catalogue',
  有效性: 'validity',
  是否规范性文件: 'isNormative',
  失效日期: 'expiryDate',
  解读的政策索引号: 'interpretsIndexNo',
};

export function resolveColumns(headers: string[], overrides: Record<string, string> = {}): { map: Map<string, ImportField>; unknown: string[] } {
  const map = new Map<string, ImportField>();
  const unknown: string[] = [];
  for (const raw of headers) {
    const h = raw.trim();
    const target = (overrides[h] ?? DEFAULT_COLUMNS[h] ?? ((IMPORT_FIELDS as readonly string[]).includes(h) ? h : undefined)) as ImportField | undefined;
    if (target && (IMPORT_FIELDS as readonly string[]).includes(target)) map.set(raw, target);
    else unknown.push(raw);
  }
  return { map, unknown };
}
