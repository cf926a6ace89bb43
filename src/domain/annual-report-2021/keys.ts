/**
 * 政府信息公开工作年度报告 — the 2021 national format
 * (国务院办公厅政府信息与政务公开办公室《中华人民共和国政府信息公开工作年度报告格式》,
 * 国办公开办函〔2021〕30号; legal basis: 《中华人民共和国政府信息公开条例》第四十九条、第五十条).
 *
 * Stable English keys (used by the API, exports and the provincial sync — never rename them) and
 * the OFFICIAL Chinese labels, verbatim. See /work/shared/domain/annual-report-2021.md.
 *
 * Pure module: no Strapi imports.
 */

export const ANNUAL_REPORT_FORMAT_VERSION = '2021' as const;
export const ANNUAL_REPORT_FORMAT_SOURCE = '国办公开办函〔2021〕30号' as const;

// ---------------------------------------------------------------------------------------------
// The six sections
// ---------------------------------------------------------------------------------------------

export const SECTION_KEYS = [
  'overview',
  'proactiveDisclosure',
  'requests',
  'reviewAndLitigation',
  'problems',
  'otherMatters',
] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

/** Official headings, in order (the renderer always uses these, importers accept variants). */
export const SECTION_HEADINGS: Readonly<Record<SectionKey, string>> = {
  overview: '一、总体情况',
  proactiveDisclosure: '二、主动公开政府信息情况',
  requests: '三、收到和处理政府信息公开申请情况',
  reviewAndLitigation: '四、政府信息公开行政复议、行政诉讼情况',
  problems: '五、存在的主要问题及改进情况',
  otherMatters: '六、其他需要报告的事项',
};

/** Topics 一、总体情况 must cover (监督保障 includes 工作考核、社会评议和责任追究结果情况). */
export const OVERVIEW_TOPICS = ['主动公开', '依申请公开', '政府信息管理', '政府信息公开平台建设', '监督保障'] as const;

// ---------------------------------------------------------------------------------------------
// 表二 二、主动公开政府信息情况 (four stacked sub-tables)
// ---------------------------------------------------------------------------------------------

export const TABLE2_CONTENT_HEADER = '信息内容' as const;

export const TABLE2_ROW_KEYS = ['regulations', 'normativeDocuments', 'licensing', 'penalty', 'enforcement', 'fees'] as const;
export type Table2RowKey = (typeof TABLE2_ROW_KEYS)[number];

export const TABLE2_COLUMN_KEYS = ['issued', 'repealed', 'inForce', 'decisions', 'feesWan'] as const;
export type Table2ColumnKey = (typeof TABLE2_COLUMN_KEYS)[number];

export const TABLE2_ROW_LABELS: Readonly<Record<Table2RowKey, string>> = {
  regulations: '规章',
  normativeDocuments: '行政规范性文件',
  licensing: '行政许可',
  penalty: '行政处罚',
  enforcement: '行政强制',
  fees: '行政事业性收费',
};

export const TABLE2_COLUMN_LABELS: Readonly<Record<Table2ColumnKey, string>> = {
  issued: '本年制发件数',
  repealed: '本年废止件数',
  inForce: '现行有效件数',
  decisions: '本年处理决定数量',
  feesWan: '本年收费金额（单位：万元）',
};

export type Table2DocumentColumnKey = 'issued' | 'repealed' | 'inForce';

export interface Table2 {
  /** 第二十条第（一）项 */
  regulations: Record<Table2DocumentColumnKey, number>;
  normativeDocuments: Record<Table2DocumentColumnKey, number>;
  /** 第二十条第（五）项 */
  licensing: { decisions: number };
  /** 第二十条第（六）项 */
  penalty: { decisions: number };
  enforcement: { decisions: number };
  /** 第二十条第（八）项 — amount in 万元, a non-negative decimal. */
  fees: { feesWan: number };
}

export const TABLE2_SUBTABLE_KEYS = ['article20Item1', 'article20Item5', 'article20Item6', 'article20Item8'] as const;
export type Table2SubtableKey = (typeof TABLE2_SUBTABLE_KEYS)[number];

export interface Table2Subtable {
  key: Table2SubtableKey;
  caption: string;
  rows: readonly Table2RowKey[];
  columns: readonly Table2ColumnKey[];
}

/** The four sub-tables, in order, with their official captions. */
export const TABLE2_SUBTABLES: readonly Table2Subtable[] = [
  { key: 'article20Item1', caption: '第二十条第（一）项', rows: ['regulations', 'normativeDocuments'], columns: ['issued', 'repealed', 'inForce'] },
  { key: 'article20Item5', caption: '第二十条第（五）项', rows: ['licensing'], columns: ['decisions'] },
  { key: 'article20Item6', caption: '第二十条第（六）项', rows: ['penalty', 'enforcement'], columns: ['decisions'] },
  { key: 'article20Item8', caption: '第二十条第（八）项', rows: ['fees'], columns: ['feesWan'] },
];

/** The columns each 表二 row has. */
export const TABLE2_COLUMNS_BY_ROW: Readonly<Record<Table2RowKey, readonly Table2ColumnKey[]>> = {
  regulations: ['issued', 'repealed', 'inForce'],
  normativeDocuments: ['issued', 'repealed', 'inForce'],
  licensing: ['decisions'],
  penalty: ['decisions'],
  enforcement: ['decisions'],
  fees: ['feesWan'],
};

/** Cells holding a decimal (万元) rather than a count. */
export const TABLE2_DECIMAL_COLUMNS: readonly Table2ColumnKey[] = ['feesWan'];

// ---------------------------------------------------------------------------------------------
// 表三 三、收到和处理政府信息公开申请情况
// ---------------------------------------------------------------------------------------------

/** Top-left cell (spans 3 columns × 3 header rows), verbatim. */
export const TABLE3_TOP_LEFT_LABEL = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）' as const;
export const TABLE3_APPLICANT_HEADER = '申请人情况' as const;
export const TABLE3_LEGAL_PERSON_HEADER = '法人或其他组织' as const;

/** The six applicant categories (no 总计; there is no 法人小计 column). */
export const APPLICANT_KEYS = ['natural', 'business', 'research', 'publicInterest', 'legalService', 'otherOrg'] as const;
export type ApplicantKey = (typeof APPLICANT_KEYS)[number];

/** The five categories under 法人或其他组织. */
export const LEGAL_PERSON_KEYS = ['business', 'research', 'publicInterest', 'legalService', 'otherOrg'] as const;

export const TABLE3_COLUMN_KEYS = [...APPLICANT_KEYS, 'total'] as const;
export type Table3ColumnKey = (typeof TABLE3_COLUMN_KEYS)[number];

export const TABLE3_COLUMN_LABELS: Readonly<Record<Table3ColumnKey, string>> = {
  natural: '自然人',
  business: '商业企业',
  research: '科研机构',
  publicInterest: '社会公益组织',
  legalService: '法律服务机构',
  otherOrg: '其他',
  total: '总计',
};

/**
 * The 办理结果 parts, in table order. The official table has 22 rows under 三、本年度办理结果:
 * these 21 parts plus （七）总计 (`resultsTotal`, their sum — rule 2). See RESULT_ROW_KEYS.
 */
export const RESULT_KEYS = [
  'disclosed',
  'partial',
  'refused.stateSecret',
  'refused.lawProhibited',
  'refused.securityStability',
  'refused.thirdParty',
  'refused.internalAffairs',
  'refused.processInfo',
  'refused.enforcementFile',
  'refused.queryMatter',
  'unable.notHeld',
  'unable.needsCreation',
  'unable.unclear',
  'notProcessed.petition',
  'notProcessed.duplicate',
  'notProcessed.publication',
  'notProcessed.excessive',
  'notProcessed.confirmation',
  'other.noCorrection',
  'other.unpaidFee',
  'other.other',
] as const;
export type ResultKey = (typeof RESULT_KEYS)[number];

/** All 22 rows under 三、本年度办理结果 (the 21 parts + （七）总计). */
export const RESULT_ROW_KEYS = [...RESULT_KEYS, 'resultsTotal'] as const;
export type ResultRowKey = (typeof RESULT_ROW_KEYS)[number];

/** Every 表三 row, in table order. */
export const TABLE3_ROW_KEYS = ['newReceived', 'carriedOver', ...RESULT_KEYS, 'resultsTotal', 'carriedForward'] as const;
export type Table3RowKey = (typeof TABLE3_ROW_KEYS)[number];

/** Label of the merged cell spanning all 22 result rows. */
export const TABLE3_RESULTS_LABEL = '三、本年度办理结果' as const;

/** The text of each row's own (innermost) label cell, verbatim. */
export const TABLE3_ROW_LABELS: Readonly<Record<Table3RowKey, string>> = {
  newReceived: '一、本年新收政府信息公开申请数量',
  carriedOver: '二、上年结转政府信息公开申请数量',
  disclosed: '（一）予以公开',
  partial: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  'refused.stateSecret': '1.属于国家秘密',
  'refused.lawProhibited': '2.其他法律行政法规禁止公开',
  'refused.securityStability': '3.危及“三安全一稳定”',
  'refused.thirdParty': '4.保护第三方合法权益',
  'refused.internalAffairs': '5.属于三类内部事务信息',
  'refused.processInfo': '6.属于四类过程性信息',
  'refused.enforcementFile': '7.属于行政执法案卷',
  'refused.queryMatter': '8.属于行政查询事项',
  'unable.notHeld': '1.本机关不掌握相关政府信息',
  'unable.needsCreation': '2.没有现成信息需要另行制作',
  'unable.unclear': '3.补正后申请内容仍不明确',
  'notProcessed.petition': '1.信访举报投诉类申请',
  'notProcessed.duplicate': '2.重复申请',
  'notProcessed.publication': '3.要求提供公开出版物',
  'notProcessed.excessive': '4.无正当理由大量反复申请',
  'notProcessed.confirmation': '5.要求行政机关确认或重新出具已获取信息',
  'other.noCorrection': '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  'other.unpaidFee': '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  'other.other': '3.其他',
  resultsTotal: '（七）总计',
  carriedForward: '四、结转下年度继续办理',
};

export const RESULT_GROUP_KEYS = ['refused', 'unable', 'notProcessed', 'other'] as const;
export type ResultGroupKey = (typeof RESULT_GROUP_KEYS)[number];

export interface ResultGroup {
  key: ResultGroupKey;
  /** Label of the merged cell spanning the group's rows. */
  label: string;
  rows: readonly ResultKey[];
}

/** （三）–（六）: the groups of numbered rows (no subtotal rows in the 2021 format). */
export const RESULT_GROUPS: readonly ResultGroup[] = [
  { key: 'refused', label: '（三）不予公开', rows: RESULT_KEYS.filter((k) => k.startsWith('refused.')) },
  { key: 'unable', label: '（四）无法提供', rows: RESULT_KEYS.filter((k) => k.startsWith('unable.')) },
  { key: 'notProcessed', label: '（五）不予处理', rows: RESULT_KEYS.filter((k) => k.startsWith('notProcessed.')) },
  { key: 'other', label: '（六）其他处理', rows: RESULT_KEYS.filter((k) => k.startsWith('other.')) },
];

export const RESULT_GROUP_LABELS: Readonly<Record<ResultGroupKey, string>> = {
  refused: '（三）不予公开',
  unable: '（四）无法提供',
  notProcessed: '（五）不予处理',
  other: '（六）其他处理',
};

/** The group a result row belongs to, if any. */
export function resultGroupOf(row: string): ResultGroup | undefined {
  return RESULT_GROUPS.find((g) => (g.rows as readonly string[]).includes(row));
}

/**
 * A row label that is unambiguous on its own (for messages): numbered rows get their group label
 * prefixed, e.g. "（三）不予公开 1.属于国家秘密"; other rows are their own label.
 */
export const TABLE3_ROW_QUALIFIED_LABELS: Readonly<Record<Table3RowKey, string>> = Object.fromEntries(
  TABLE3_ROW_KEYS.map((k) => {
    const g = resultGroupOf(k);
    return [k, g ? `${g.label} ${TABLE3_ROW_LABELS[k]}` : TABLE3_ROW_LABELS[k]];
  }),
) as Record<Table3RowKey, string>;

export type Table3 = Record<Table3RowKey, Record<Table3ColumnKey, number>>;

// ---------------------------------------------------------------------------------------------
// 表四 四、政府信息公开行政复议、行政诉讼情况
// ---------------------------------------------------------------------------------------------

export const TABLE4_REVIEW_HEADER = '行政复议' as const;
export const TABLE4_LITIGATION_HEADER = '行政诉讼' as const;

export const TABLE4_GROUP_KEYS = ['review', 'suitDirect', 'suitAfterReview'] as const;
export type Table4GroupKey = (typeof TABLE4_GROUP_KEYS)[number];

/** Label of each group's header cell (suitDirect/suitAfterReview sit under 行政诉讼). */
export const TABLE4_GROUP_LABELS: Readonly<Record<Table4GroupKey, string>> = {
  review: '行政复议',
  suitDirect: '未经复议直接起诉',
  suitAfterReview: '复议后起诉',
};

/** Unambiguous group labels for messages. */
export const TABLE4_GROUP_QUALIFIED_LABELS: Readonly<Record<Table4GroupKey, string>> = {
  review: '行政复议',
  suitDirect: '行政诉讼 未经复议直接起诉',
  suitAfterReview: '行政诉讼 复议后起诉',
};

export const TABLE4_OUTCOME_KEYS = ['upheld', 'corrected', 'other', 'pending'] as const;
export type Table4OutcomeKey = (typeof TABLE4_OUTCOME_KEYS)[number];

export const TABLE4_COLUMN_KEYS = [...TABLE4_OUTCOME_KEYS, 'total'] as const;
export type Table4ColumnKey = (typeof TABLE4_COLUMN_KEYS)[number];

export const TABLE4_COLUMN_LABELS: Readonly<Record<Table4ColumnKey, string>> = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
  pending: '尚未审结',
  total: '总计',
};

export type Table4 = Record<Table4GroupKey, Record<Table4ColumnKey, number>>;

// ---------------------------------------------------------------------------------------------

export interface AnnualReportTables {
  table2: Table2;
  table3: Table3;
  table4: Table4;
}

export const TABLE_KEYS = ['table2', 'table3', 'table4'] as const;
export type TableKey = (typeof TABLE_KEYS)[number];

/** Short names used in messages. */
export const TABLE_NAMES: Readonly<Record<TableKey, string>> = { table2: '表二', table3: '表三', table4: '表四' };

/** The section heading each table belongs to. */
export const TABLE_HEADINGS: Readonly<Record<TableKey, string>> = {
  table2: SECTION_HEADINGS.proactiveDisclosure,
  table3: SECTION_HEADINGS.requests,
  table4: SECTION_HEADINGS.reviewAndLitigation,
};
