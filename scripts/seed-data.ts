/**
 * Deterministic demo data for a fictional county (青山县), following the 主动公开基本目录 of
 * shared/domain/metadata.md. Names and titles are in the style of the agencies' own documents.
 */

/** Small deterministic PRNG (mulberry32) so every seed run produces the same county. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(arr: readonly T[]): T => arr[Math.floor(next() * arr.length)],
    chance: (p: number) => next() < p,
  };
}

export const COUNTY = {
  name: '青山县人民政府',
  shortName: '青山县政府',
  code: '000014349',
  level: '县',
  contactPhone: '0571-88001234',
  contactAddress: '青山县人民路1号',
  postcode: '311300',
  officeHours: '工作日 8:30-12:00，14:00-17:30',
  contactEmail: 'zwgk@qingshan.gov.cn',
  // 行政复议法（2023年修订）第二十四条: the next-level government; 行政诉讼法第十五条: a county government is sued at the 中级人民法院
  reviewAuthority: '青州市人民政府',
  litigationCourt: '青州市中级人民法院',
};

/** 复议机关 and court of the county's departments and towns (行政复议法第二十四条: 本级人民政府; 行政诉讼法第十四条: 基层人民法院). */
export const COUNTY_REMEDIES = { reviewAuthority: '青山县人民政府', litigationCourt: '青山县人民法院' };

export const DEPARTMENTS: Array<{ name: string; shortName: string; code: string; abbr: string; category: string }> = [
  { name: '青山县人民政府办公室', shortName: '县政府办', code: '000014350', abbr: '青政办', category: '综合政务' },
  { name: '青山县发展和改革局', shortName: '县发改局', code: '000014351', abbr: '青发改', category: '国民经济管理、国有资产监管' },
  { name: '青山县教育局', shortName: '县教育局', code: '000014352', abbr: '青教', category: '科技、教育' },
  { name: '青山县财政局', shortName: '县财政局', code: '000014353', abbr: '青财', category: '财政、金融、审计' },
  { name: '青山县人力资源和社会保障局', shortName: '县人社局', code: '000014354', abbr: '青人社', category: '劳动、人事、监察' },
  { name: '青山县自然资源和规划局', shortName: '县资规局', code: '000014355', abbr: '青资规', category: '国土资源、能源' },
  { name: '青山县住房和城乡建设局', shortName: '县住建局', code: '000014356', abbr: '青建', category: '城乡建设、环境保护' },
  { name: '青山县农业农村局', shortName: '县农业农村局', code: '000014357', abbr: '青农', category: '农业、林业、水利' },
  { name: '青山县卫生健康局', shortName: '县卫健局', code: '000014358', abbr: '青卫健', category: '卫生、体育' },
  { name: '青山县市场监督管理局', shortName: '县市场监管局', code: '000014359', abbr: '青市监', category: '市场监管、安全生产监管' },
  { name: '青山县应急管理局', shortName: '县应急局', code: '000014360', abbr: '青应急', category: '市场监管、安全生产监管' },
];

export interface NodeSpec {
  code: string;
  name: string;
  kind: string;
  cadence: string;
  requiredElements?: string[];
  children?: NodeSpec[];
}

/** The county government's catalogue (主动公开基本目录). */
export const COUNTY_CATALOGUE: NodeSpec[] = [
  { code: 'ZN', name: '政府信息公开指南', kind: '公开指南', cadence: '常年' },
  { code: 'ZD', name: '政府信息公开制度', kind: '政策文件类', cadence: '不定期' },
  {
    code: 'FD', name: '法定主动公开内容', kind: '其他', cadence: '不定期', children: [
      { code: 'FD-JGZN', name: '机构职能', kind: '机构职能类', cadence: '常年' },
      {
        code: 'FD-FGWJ', name: '法规文件', kind: '政策文件类', cadence: '不定期', children: [
          { code: 'FD-FGWJ-FLFG', name: '法律法规', kind: '政策文件类', cadence: '不定期' },
          { code: 'FD-FGWJ-GFXWJ', name: '规范性文件', kind: '政策文件类', cadence: '不定期', requiredElements: ['documentNumber', 'writtenDate', 'issuingAuthority'] },
          { code: 'FD-FGWJ-ZCJD', name: '政策解读', kind: '政策文件类', cadence: '不定期' },
        ],
      },
      { code: 'FD-GHJH', name: '规划计划', kind: '政策文件类', cadence: '每年' },
      {
        code: 'FD-CZXX', name: '财政信息', kind: '重点领域类', cadence: '每年', children: [
          { code: 'FD-CZXX-YS', name: '财政预算', kind: '重点领域类', cadence: '每年' },
          { code: 'FD-CZXX-JS', name: '财政决算', kind: '重点领域类', cadence: '每年' },
          { code: 'FD-CZXX-SGJF', name: '“三公”经费', kind: '重点领域类', cadence: '每年' },
        ],
      },
      { code: 'FD-RSXX', name: '人事信息', kind: '通知公告类', cadence: '不定期' },
      {
        code: 'FD-XZZQ', name: '行政职权', kind: '重点领域类', cadence: '实时', children: [
          { code: 'FD-XZZQ-XK', name: '行政许可', kind: '重点领域类', cadence: '实时' },
          { code: 'FD-XZZQ-CF', name: '行政处罚', kind: '重点领域类', cadence: '实时' },
          { code: 'FD-XZZQ-QZ', name: '行政强制', kind: '重点领域类', cadence: '实时' },
          { code: 'FD-XZZQ-SF', name: '行政收费', kind: '重点领域类', cadence: '每年' },
        ],
      },
      {
        code: 'FD-ZDLY', name: '重点领域', kind: '重点领域类', cadence: '不定期', children: [
          { code: 'FD-ZDLY-ZDJS', name: '重大建设项目', kind: '重点领域类', cadence: '每月', requiredElements: ['summary'] },
          { code: 'FD-ZDLY-ZBCG', name: '招标采购', kind: '重点领域类', cadence: '实时' },
          { code: 'FD-ZDLY-SHJZ', name: '社会救助', kind: '重点领域类', cadence: '每季' },
          { code: 'FD-ZDLY-HJBH', name: '环境保护', kind: '重点领域类', cadence: '每月' },
          { code: 'FD-ZDLY-AQSC', name: '安全生产', kind: '重点领域类', cadence: '每月' },
          { code: 'FD-ZDLY-SPYP', name: '食品药品', kind: '重点领域类', cadence: '每季' },
        ],
      },
      { code: 'FD-BSZN', name: '办事指南', kind: '机构职能类', cadence: '常年' },
      { code: 'FD-YJGL', name: '应急管理', kind: '通知公告类', cadence: '不定期' },
      { code: 'FD-GZDT', name: '工作动态', kind: '动态要闻类', cadence: '每周' },
      { code: 'FD-TZGG', name: '通知公告', kind: '通知公告类', cadence: '每两周' },
    ],
  },
  { code: 'NB', name: '政府信息公开年度报告', kind: '年度报告', cadence: '每年' },
  { code: 'YSQ', name: '依申请公开', kind: '公开指南', cadence: '常年' },
];

/** A department's catalogue. */
export const DEPARTMENT_CATALOGUE: NodeSpec[] = [
  { code: 'ZN', name: '政府信息公开指南', kind: '公开指南', cadence: '常年' },
  { code: 'JGZN', name: '机构职能', kind: '机构职能类', cadence: '常年' },
  { code: 'GFXWJ', name: '规范性文件', kind: '政策文件类', cadence: '不定期', requiredElements: ['documentNumber', 'writtenDate'] },
  { code: 'ZCJD', name: '政策解读', kind: '政策文件类', cadence: '不定期' },
  { code: 'CZXX', name: '财政信息', kind: '重点领域类', cadence: '每年' },
  { code: 'GZDT', name: '工作动态', kind: '动态要闻类', cadence: '每周' },
  { code: 'TZGG', name: '通知公告', kind: '通知公告类', cadence: '每两周' },
  { code: 'NB', name: '政府信息公开年度报告', kind: '年度报告', cadence: '每年' },
];

/**
 * Topics and paragraphs of the BENCHMARK data only (scripts/lib/bulk-items.ts, bench-import.ts, bench-api.ts): volume, not
 * realism. The demo county's documents are the curated corpus of scripts/seed-corpus.ts.
 */
export const NEWS_TOPICS = [
  '召开政务公开工作推进会', '开展安全生产大检查', '部署防汛防台工作', '推进优化营商环境改革', '开展“我为群众办实事”实践活动',
  '召开经济运行分析会', '推进乡村振兴重点工作', '开展食品安全专项整治', '举办政府开放日活动', '召开民生实事项目督查会',
  '推进数字政府建设', '开展森林防火宣传', '部署冬春火灾防控工作', '召开人大代表建议办理工作会议', '推进基层政务公开标准化规范化',
];

export const BODY_PARAGRAPHS = [
  '为深入贯彻落实《中华人民共和国政府信息公开条例》，进一步提升政务公开质量，结合本县实际，现就有关事项通知如下。',
  '各乡镇人民政府、县政府各部门要高度重视，明确责任分工，确保各项任务按时保质完成。',
  '坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开，保障人民群众知情权、参与权、表达权和监督权。',
  '严格落实信息发布审核制度，做到先审后发，未经审核批准的信息不得上网发布。',
  '加强政策解读，对重要政策文件做到同步起草、同步审签、同步发布解读材料。',
  '本通知自印发之日起施行，执行中遇到的问题请及时向县政务公开办公室反映。',
];
