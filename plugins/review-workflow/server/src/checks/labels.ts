/** Chinese labels of `api::disclosure-item` attributes, used in messages (overridable per pipeline). */
export const DEFAULT_FIELD_LABELS: Readonly<Record<string, string>> = {
  title: '标题',
  indexNo: '索引号',
  organization: '发布机构',
  issuingAuthority: '发文机关',
  documentNumber: '发文字号',
  writtenDate: '成文日期',
  publishDate: '发布日期',
  subjectCategory: '主题分类',
  genre: '体裁分类',
  disclosureMode: '公开方式',
  exemptionReason: '免予公开理由',
  scope: '公开范围',
  secrecyLevel: '密级',
  keywords: '主题词',
  summary: '内容概述',
  body: '正文',
  attachments: '附件',
  catalogueNodes: '所属目录',
  validity: '有效性',
  isNormative: '是否规范性文件',
  expiryDate: '失效日期',
};

const ATTACHMENT_NAME = /^attachments\[(\d+)\]\.name$/;

/** Label for an attribute name: `body` → `正文`, `attachments[0].name` → `附件1文件名`. */
export function fieldLabel(field: string, labels: Readonly<Record<string, string>> = DEFAULT_FIELD_LABELS): string {
  if (labels[field]) return labels[field];
  const m = ATTACHMENT_NAME.exec(field);
  if (m) return `${labels.attachments ?? '附件'}${Number(m[1]) + 1}文件名`;
  return DEFAULT_FIELD_LABELS[field] ?? field;
}
