import { UID } from './constants';

/** Chinese field labels shown in the Content Manager (edit and list views). */
export const FIELD_LABELS: Record<string, Record<string, string>> = {
  [UID.organization]: {
    name: '机构名称', shortName: '简称', code: '机构代码（索引号前段码）', level: '层级', parent: '上级机构',
    children: '下级机构', sortOrder: '排序', contactPhone: '联系电话', contactFax: '传真', contactEmail: '电子邮箱',
    contactAddress: '办公地址', postcode: '邮政编码', officeHours: '办公时间', website: '网站',
    reviewAuthority: '行政复议机关', litigationCourt: '行政诉讼管辖法院',
  },
  [UID.subjectCategory]: { name: '分类名称', code: '分类代码', parent: '上级分类', children: '下级分类', sortOrder: '排序' },
  [UID.catalogueNode]: {
    name: '栏目名称', code: '目录编码', provincialCode: '省级平台编码', organization: '维护机构', delegates: '委托维护机构',
    parent: '上级栏目', children: '下级栏目', sortOrder: '排序', kind: '栏目类别', cadence: '更新频率',
    requiredElements: '核心要素', publishDeadlineDays: '公开时限（工作日）', isPublic: '栏目已上线', description: '栏目说明',
  },
  [UID.item]: {
    title: '标题', slug: '链接名（拼音）', indexNo: '索引号', organization: '发布机构', issuingAuthority: '发文机关',
    documentNumber: '发文字号', writtenDate: '成文日期', publishDate: '发布日期', subjectCategory: '主题分类',
    genre: '体裁分类', disclosureMode: '公开方式', exemptionReason: '免予公开理由', scope: '公开范围',
    secrecyLevel: '密级', keywords: '主题词', summary: '内容概述', body: '正文', bodyHtml: '正文（HTML，自动生成）', summaryHtml: '内容概述（HTML，自动生成）', attachments: '附件',
    catalogueNodes: '所属目录', validity: '有效性', isNormative: '是否规范性文件', expiryDate: '失效日期',
    interprets: '解读的政策', interpretations: '政策解读', internalNote: '内部备注',
  },
  [UID.law]: {
    title: '标题', slug: '链接名（拼音）', level: '效力级别', issuingAuthority: '制定机关', documentNumber: '发文字号',
    writtenDate: '成文日期', publishDate: '发布日期', effectiveDate: '施行日期', expiryDate: '失效日期',
    repealedDate: '废止日期', lawStatus: '效力状态', repealedBy: '被以下文件废止', repeals: '废止的文件',
    amendedBy: '被以下文件修改', amends: '修改的文件', organization: '发布机构', summary: '内容概述', body: '正文',
    bodyHtml: '正文（HTML，自动生成）', summaryHtml: '内容概述（HTML，自动生成）', reviewByDate: '评估清理期限', internalNote: '内部备注',
  },
  [UID.annualReport]: {
    title: '标题', organization: '机构', year: '年度', formatVersion: '格式版本', overview: '一、总体情况',
    table2: '二、主动公开政府信息情况', table3: '三、收到和处理政府信息公开申请情况',
    table4: '四、政府信息公开行政复议、行政诉讼情况', problems: '五、存在的主要问题及改进情况',
    otherMatters: '六、其他需要报告的事项', adjustments: '数据调整记录',
  },
  [UID.request]: {
    trackingNo: '受理编号', organization: '受理机关', channel: '申请方式', submittedDate: '提交日期',
    receivedDate: '收到申请日期', applicantCategory: '申请人类别', applicantName: '申请人姓名/名称',
    applicantIdType: '证件类型', applicantIdNumber: '证件号码', applicantPhone: '联系电话', applicantEmail: '电子邮箱', applicantAddress: '通讯地址',
    requestedContent: '申请公开的内容', purpose: '用途说明', deliveryMethod: '获取信息方式', handlingStatus: '办理状态',
    resultKey: '办理结果', events: '办理记录', dueDate: '答复期限', dueDateProvisional: '期限为暂定',
    dueDateHistory: '期限变更记录', repliedDate: '答复日期', closedDate: '办结日期', disputes: '复议/诉讼',
    queryCodeHash: '查询码（摘要）', internalNote: '内部备注',
  },
  'api::working-day-override.working-day-override': {
    date: '日期', working: '当日上班（工作日）', note: '说明', source: '来源（本地调整/国务院通知）',
  },
};

/** Main field shown for relations in the admin. */
export const MAIN_FIELD: Record<string, string> = {
  [UID.organization]: 'name',
  [UID.subjectCategory]: 'name',
  [UID.catalogueNode]: 'name',
  [UID.item]: 'title',
  [UID.law]: 'title',
  [UID.annualReport]: 'title',
  [UID.request]: 'trackingNo',
};
