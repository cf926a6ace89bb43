/**
 * Fixed vocabularies of the filter forms, as the API accepts them (tests/integration/portal.test.ts compares
 * them with the server's lists, so they cannot drift).
 */

/** The 22 top-level 主题分类 (suggestions; the API also takes second-level names and codes). */
export const CATEGORIES = [
  '国务院组织机构', '综合政务', '国民经济管理、国有资产监管', '财政、金融、审计', '国土资源、能源', '农业、林业、水利', '工业、交通',
  '商贸、海关、旅游', '市场监管、安全生产监管', '城乡建设、环境保护', '科技、教育', '文化、广电、新闻出版', '卫生、体育',
  '人口与计划生育、妇女儿童工作', '劳动、人事、监察', '公安、安全、司法', '民政、扶贫、救灾', '民族、宗教', '对外事务', '港澳台侨工作', '国防', '其他',
];

/** 体裁分类 (公文种类, 《党政机关公文处理工作条例》第八条, and 其他): the API's `genre` values. */
export const GENRES = ['命令（令）', '决定', '公告', '通告', '通知', '通报', '议案', '报告', '请示', '批复', '意见', '函', '纪要', '其他'];

/** The catalogue node kind whose content is the 年度报告 (annual reports are their own content type). */
export const ANNUAL_REPORT_KIND = '年度报告';
