import { ID_TYPES } from '../domain/id-number';

/** Content-type UIDs (fixed: other work and external checks refer to them). */
export const UID = {
  organization: 'api::organization.organization',
  catalogueNode: 'api::catalogue-node.catalogue-node',
  item: 'api::disclosure-item.disclosure-item',
  law: 'api::law.law',
  annualReport: 'api::annual-report.annual-report',
  request: 'api::disclosure-request.disclosure-request',
  subjectCategory: 'api::subject-category.subject-category',
} as const;

export type OurUid = (typeof UID)[keyof typeof UID];

/**
 * Enumerations, in the agencies' own words (values stored as written). Strapi's `enumeration` type
 * only accepts ASCII identifiers (a GraphQL constraint), so these are `string` attributes whose
 * values are checked against these lists by the Document Service middleware (400 + Chinese message).
 */
export const ENUMS = {
  orgLevel: ['省', '市', '县', '乡镇', '部门'],
  nodeKind: ['动态要闻类', '通知公告类', '政策文件类', '机构职能类', '重点领域类', '公开指南', '年度报告', '其他'],
  cadence: ['实时', '每日', '每周', '每两周', '每月', '每季', '每年', '常年', '不定期'],
  genre: ['命令（令）', '决定', '公告', '通告', '通知', '通报', '议案', '报告', '请示', '批复', '意见', '函', '纪要', '其他'],
  disclosureMode: ['主动公开', '依申请公开', '不予公开'],
  scope: ['面向社会', '仅对内'],
  secrecyLevel: ['非密', '秘密', '机密', '绝密'],
  validity: ['有效', '失效', '废止', '已修改'],
  lawLevel: ['法律', '行政法规', '地方性法规', '部门规章', '地方政府规章', '行政规范性文件', '其他'],
  lawStatus: ['尚未生效', '有效', '失效', '废止', '已修改'],
  channel: ['当面', '邮寄', '网络', '传真', '其他'],
  applicantCategory: ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'],
  requestStatus: ['已登记', '办理中', '待补正', '暂停计时', '已答复', '已办结'],
  deliveryMethod: ['纸质', '电子邮件', '光盘', '当场阅读', '其他'],
  /** 证件类型 of an applicant (src/domain/id-number.ts). */
  applicantIdType: ID_TYPES,
} as const;

/** 申请人类别 → 表三 column key (annual-report-2021.md). */
export const APPLICANT_COLUMN: Record<string, string> = {
  自然人: 'natural',
  商业企业: 'business',
  科研机构: 'research',
  社会公益组织: 'publicInterest',
  法律服务机构: 'legalService',
  其他: 'otherOrg',
};
