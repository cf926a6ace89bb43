/**
 * The demo county's laws and 依申请公开 requests (scripts/lib/seed-demo.ts).
 *
 * Laws: national and city law with their real numbers and dates (`fixed`); the county's own older normative
 * documents dated `age` days before the seed day, each repealed or amended by a later document of the SAME
 * issuer (the normative items of scripts/seed-corpus.ts become law records of their own).
 *
 * Requests: one per state of the legal clock (open with days left, 待补正, paused by a consultation, extended,
 * replied, exactly two overdue) and one closed request per 表三 result key, dated in working days before the
 * seed day (`receivedAgo`) and after receipt (`at`), recorded through the clock's service.
 */
import type { ResultKey } from '../../src/domain/request-clock';

export interface DemoLaw {
  key: string;
  title: string;
  level: string;
  issuer: string;
  documentNumber: string | null;
  summary: string;
  body: string;
  /** national / city law: its real dates */
  fixed?: { written: string; published: string; effective: string };
  /** a county document: organisation code, published `age` days before the seed day */
  org?: string;
  age?: number;
  effectiveAfter?: number;
  validYears?: number;
  /** key of the later document (same issuer) that repeals or amends this one */
  repealedBy?: string;
  amendedBy?: string;
}

const COUNTY = '000014349';

export const DEMO_LAWS: DemoLaw[] = [
  {
    key: 'ogi-2019', title: '中华人民共和国政府信息公开条例', level: '行政法规', issuer: '国务院', documentNumber: '国务院令第711号',
    fixed: { written: '2019-04-03', published: '2019-04-03', effective: '2019-05-15' },
    summary: '规定行政机关主动公开和依申请公开政府信息的范围、程序、监督和保障，2019年修订后确立“以公开为常态、不公开为例外”。',
    body: '（2007年4月5日中华人民共和国国务院令第492号公布　2019年4月3日中华人民共和国国务院令第711号修订）\n\n## 第一章　总则\n\n**第一条**　为了保障公民、法人和其他组织依法获取政府信息，提高政府工作的透明度，建设法治政府，充分发挥政府信息对人民群众生产、生活和经济社会活动的服务作用，制定本条例。',
  },
  {
    key: 'ogi-2007', title: '中华人民共和国政府信息公开条例（2007年）', level: '行政法规', issuer: '国务院', documentNumber: '国务院令第492号', amendedBy: 'ogi-2019',
    fixed: { written: '2007-01-17', published: '2007-04-05', effective: '2008-05-01' },
    summary: '2007年公布、2008年施行的政府信息公开条例，已由2019年修订的条例取代。',
    body: '（2007年1月17日国务院第165次常务会议通过　2007年4月5日中华人民共和国国务院令第492号公布）\n\n**第一条**　为了保障公民、法人和其他组织依法获取政府信息，提高政府工作的透明度，促进依法行政，充分发挥政府信息对人民群众生产、生活和经济社会活动的服务作用，制定本条例。',
  },
  {
    key: 'secrets', title: '中华人民共和国保守国家秘密法', level: '法律', issuer: '全国人民代表大会常务委员会', documentNumber: '主席令第20号',
    fixed: { written: '2024-02-27', published: '2024-02-27', effective: '2024-05-01' },
    summary: '国家秘密的范围和密级、保密制度、监督管理和法律责任；机关单位应当建立信息公开保密审查制度。',
    body: '（2024年2月27日第十四届全国人民代表大会常务委员会第八次会议修订）\n\n**第一条**　为了保守国家秘密，维护国家安全和利益，保障改革开放和社会主义现代化建设事业的顺利进行，根据宪法，制定本法。',
  },
  {
    key: 'licensing', title: '中华人民共和国行政许可法', level: '法律', issuer: '全国人民代表大会常务委员会', documentNumber: '主席令第29号',
    fixed: { written: '2019-04-23', published: '2019-04-23', effective: '2019-04-23' },
    summary: '行政许可的设定、实施机关、实施程序、费用和监督检查；行政许可的实施和结果应当公开。',
    body: '（2019年4月23日第十三届全国人民代表大会常务委员会第十次会议修正）\n\n**第一条**　为了规范行政许可的设定和实施，保护公民、法人和其他组织的合法权益，维护公共利益和社会秩序，保障和监督行政机关有效实施行政管理，根据宪法，制定本法。',
  },
  {
    key: 'pipl', title: '中华人民共和国个人信息保护法', level: '法律', issuer: '全国人民代表大会常务委员会', documentNumber: '主席令第91号',
    fixed: { written: '2021-08-20', published: '2021-08-20', effective: '2021-11-01' },
    summary: '个人信息处理规则、个人在处理活动中的权利和国家机关处理个人信息的特别规定。',
    body: '（2021年8月20日第十三届全国人民代表大会常务委员会第三十次会议通过）\n\n**第一条**　为了保护个人信息权益，规范个人信息处理活动，促进个人信息合理利用，根据宪法，制定本法。',
  },
  {
    key: 'business', title: '优化营商环境条例', level: '行政法规', issuer: '国务院', documentNumber: '国务院令第722号',
    fixed: { written: '2019-10-08', published: '2019-10-22', effective: '2020-01-01' },
    summary: '保护市场主体、优化市场环境和政务服务、规范监管执法，涉企政策应当公开并留出适应调整期。',
    body: '（2019年10月8日国务院第66次常务会议通过）\n\n**第一条**　为了持续优化营商环境，不断解放和发展社会生产力，加快建设现代化经济体系，推动高质量发展，制定本条例。',
  },
  {
    key: 'decisions', title: '重大行政决策程序暂行条例', level: '行政法规', issuer: '国务院', documentNumber: '国务院令第713号',
    fixed: { written: '2019-04-20', published: '2019-04-20', effective: '2019-09-01' },
    summary: '重大行政决策的公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序。',
    body: '（2019年4月20日中华人民共和国国务院令第713号公布）\n\n**第一条**　为了健全科学、民主、依法决策机制，规范重大行政决策程序，提高决策质量和效率，明确决策责任，根据宪法、地方各级人民代表大会和地方各级人民政府组织法等规定，制定本条例。',
  },
  {
    key: 'qz-openness', title: '青州市政务公开条例', level: '地方性法规', issuer: '青州市人民代表大会常务委员会', documentNumber: null,
    fixed: { written: '2021-09-29', published: '2021-10-12', effective: '2022-01-01' },
    summary: '青州市行政区域内政务公开的主体、内容、方式和监督，规定基层政务公开标准目录和政策解读要求。',
    body: '（2021年9月29日青州市第十六届人民代表大会常务委员会第三十七次会议通过）\n\n**第一条**　为了推进本市政务公开工作，保障公民、法人和其他组织的知情权、参与权、表达权和监督权，根据有关法律、行政法规，结合本市实际，制定本条例。',
  },
  {
    key: 'qz-normative', title: '青州市行政规范性文件管理办法', level: '地方政府规章', issuer: '青州市人民政府', documentNumber: '青州市人民政府令第126号',
    fixed: { written: '2020-11-30', published: '2020-12-08', effective: '2021-01-01' },
    summary: '行政规范性文件的制定程序、合法性审核、备案审查和定期评估清理，有效期一般不超过5年。',
    body: '（2020年11月30日青州市人民政府第58次常务会议审议通过）\n\n**第一条**　为了加强行政规范性文件管理，推进依法行政，根据国务院办公厅有关规定，结合本市实际，制定本办法。',
  },

  // the county's own older documents (and the later documents of the same issuer that repeal or amend them)
  {
    key: 'gkkh-old', title: '青山县政务公开工作考核办法（试行）', level: '行政规范性文件', issuer: '青山县人民政府办公室', documentNumber: '青政办发〔{Y}〕21号',
    org: '000014350', age: 1650, validYears: 5, repealedBy: '青山县政务公开工作考核办法',
    summary: '试行期间的政务公开考核办法，考核内容为主动公开、依申请公开和平台建设三个方面。',
    body: '**第一条**　为推动全县政务公开工作落实，试行政务公开工作年度考核，制定本办法。\n\n**第二条**　考核内容为主动公开50分、依申请公开30分、平台建设20分。',
  },
  {
    key: 'zftz-old', title: '青山县政府投资项目管理暂行办法', level: '行政规范性文件', issuer: '青山县发展和改革局', documentNumber: '青发改规〔{Y}〕3号',
    org: '000014351', age: 1500, validYears: 5, repealedBy: '青山县政府投资项目管理办法',
    summary: '《政府投资条例》施行前的县级政府投资项目管理规定，概算调增超过15%须重新报批。',
    body: '**第一条**　为加强政府投资项目管理，规范项目审批程序，制定本暂行办法。\n\n**第九条**　项目概算调增幅度超过15%的，项目单位应当重新报批可行性研究报告。',
  },
  {
    key: 'gzf-old', title: '青山县公共租赁住房管理暂行办法', level: '行政规范性文件', issuer: '青山县住房和城乡建设局', documentNumber: '青建规〔{Y}〕2号',
    org: '000014356', age: 1450, validYears: 5, repealedBy: '青山县公共租赁住房管理办法',
    summary: '公共租赁住房的申请条件和租金标准（市场租金的80%），保障对象限于县城户籍家庭。',
    body: '**第一条**　为解决县城中低收入家庭住房困难，制定本暂行办法。\n\n**第八条**　公共租赁住房租金按同地段市场租金的80%确定。',
  },
  {
    key: 'nfjs-old', title: '青山县农村住房建设管理办法', level: '行政规范性文件', issuer: '青山县人民政府', documentNumber: '青政规〔{Y}〕4号',
    org: COUNTY, age: 1700, validYears: 5, repealedBy: '青山县农村宅基地管理办法',
    summary: '宅基地审批权下放前的农村建房管理规定，农村村民建房由县自然资源部门审批。',
    body: '**第一条**　为规范农村村民住房建设，节约集约利用土地，制定本办法。\n\n**第十条**　农村村民建造住宅，经乡镇人民政府审核后报县自然资源主管部门审批。',
  },
  {
    key: 'db-old', title: '青山县城乡居民最低生活保障实施办法', level: '行政规范性文件', issuer: '青山县人民政府', documentNumber: '青政规〔{Y}〕7号',
    org: COUNTY, age: 1200, validYears: 5, amendedBy: 'db-amend',
    summary: '最低生活保障的对象认定、家庭经济状况核查、审核确认程序和动态管理。',
    body: '**第一条**　为规范城乡居民最低生活保障工作，保障困难群众基本生活，根据《社会救助暂行办法》，制定本办法。\n\n**第六条**　最低生活保障标准由县人民政府确定，并向社会公布。',
  },
  {
    key: 'db-amend', title: '青山县人民政府关于修改《青山县城乡居民最低生活保障实施办法》的决定', level: '行政规范性文件', issuer: '青山县人民政府', documentNumber: '青政规〔{Y}〕5号',
    org: COUNTY, age: 95,
    summary: '将低保审核确认权限下放至乡镇人民政府，并明确低保标准随上年度居民人均消费支出动态调整。',
    body: '县人民政府决定对《青山县城乡居民最低生活保障实施办法》作如下修改：\n\n一、将第十二条中的“县民政部门审批”修改为“乡镇人民政府审核确认”。\n\n二、增加一条作为第七条：“最低生活保障标准按照不低于上年度全县居民人均消费支出的30%确定，并适时调整。”',
  },
  {
    key: 'jk-old', title: '青山县支持中小微企业纾困发展若干政策措施', level: '行政规范性文件', issuer: '青山县发展和改革局', documentNumber: '青发改规〔{Y}〕6号',
    org: '000014351', age: 1100, validYears: 1,
    summary: '阶段性减免国有房屋租金、缓缴社会保险费等纾困措施，有效期一年，已到期失效。',
    body: '**一、**　承租县属国有企业经营用房的中小微企业和个体工商户，减免三个月租金。\n\n**二、**　受疫情影响生产经营困难的中小微企业可申请缓缴社会保险费，缓缴期间免收滞纳金。',
  },
  {
    key: 'ljfl', title: '青山县城区生活垃圾分类管理办法', level: '行政规范性文件', issuer: '青山县人民政府', documentNumber: '青政规〔{Y}〕9号',
    org: COUNTY, age: 12, effectiveAfter: 30, validYears: 5,
    summary: '县城规划区生活垃圾分为可回收物、有害垃圾、厨余垃圾和其他垃圾，公布后30日起施行。',
    body: '**第一条**　为加强城区生活垃圾分类管理，改善人居环境，根据《中华人民共和国固体废物污染环境防治法》，制定本办法。\n\n**第四条**　城区生活垃圾分为可回收物、有害垃圾、厨余垃圾和其他垃圾四类。',
  },
];

export interface DemoRequestEvent {
  type: 'correctionRequested' | 'correctionReceived' | 'extended' | 'consultationSent' | 'consultationAnswered' | 'feeNoticeSent' | 'replied' | 'closed';
  /** working days after receipt */
  at: number;
  days?: number;
  note?: string;
  resultKey?: ResultKey;
  approvedBy?: string;
}

export interface DemoRequest {
  /** what the demo shows with it */
  state: 'open' | 'awaitingCorrection' | 'paused' | 'extended' | 'replied' | 'overdue' | 'closed';
  org: string;
  /** working days before the seed day */
  receivedAgo: number;
  channel: '当面' | '邮寄' | '网络' | '传真' | '其他';
  category: '自然人' | '商业企业' | '科研机构' | '社会公益组织' | '法律服务机构' | '其他';
  applicant: string;
  address: string;
  /** `{Y}`: the year of receipt */
  content: string;
  purpose?: string;
  delivery?: '纸质' | '电子邮件' | '光盘' | '当场阅读' | '其他';
  events: DemoRequestEvent[];
  dispute?: { filedAfter: number; decidedAfter: number; result: 'upheld' | 'corrected' | 'other'; authority: string; caseNo: string };
}

/** replied and closed the same day with the same result */
const done = (at: number, resultKey: ResultKey, note?: string): DemoRequestEvent[] => [
  { type: 'replied', at, resultKey, ...(note ? { note } : {}) },
  { type: 'closed', at, resultKey },
];

export const DEMO_REQUESTS: DemoRequest[] = [
  // on the clock, days left
  { state: 'open', org: '000014351', receivedAgo: 2, channel: '网络', category: '自然人', applicant: '张伟', address: '青山县溪东路18号', content: '青山县{Y}年重点建设项目投资计划中城东片区道路项目的批复文件', purpose: '了解住所周边道路建设安排', events: [] },
  { state: 'open', org: COUNTY, receivedAgo: 6, channel: '邮寄', category: '商业企业', applicant: '青山竹木制品有限公司', address: '青山经济开发区创业路9号', content: '青山经济开发区标准厂房三期项目的租赁分配方案', delivery: '纸质', events: [] },
  { state: 'open', org: '000014352', receivedAgo: 12, channel: '当面', category: '自然人', applicant: '陈静', address: '青山县环城东路66号', content: '青山县第二实验小学新校区学区划分的依据和范围', events: [] },
  // 待补正 (第三十条): no due date while the correction is awaited
  { state: 'awaitingCorrection', org: '000014356', receivedAgo: 5, channel: '网络', category: '自然人', applicant: '刘洋', address: '青山县人民路120号', content: '我家小区改造的相关文件', events: [{ type: 'correctionRequested', at: 2, note: '请写明小区名称和所需文件的名称、文号或者其他特征描述' }] },
  // paused: a third party consulted (第三十二条), the clock frozen until it answers
  { state: 'paused', org: '000014355', receivedAgo: 9, channel: '网络', category: '法律服务机构', applicant: '青州明德律师事务所', address: '青州市府前路200号', content: '青山经济开发区创业路以南两宗工业用地的出让合同', events: [{ type: 'consultationSent', at: 4, note: '出让合同涉及竞得企业的商业信息，书面征求竞得企业意见' }] },
  // extended once by 20 working days (第三十三条第二款)
  { state: 'extended', org: COUNTY, receivedAgo: 24, channel: '网络', category: '科研机构', applicant: '青州大学公共管理学院', address: '青州市学院路1号', content: '近三年县政府常务会议研究重大行政决策事项的会议纪要目录', purpose: '政务公开课题研究', events: [{ type: 'extended', at: 18, days: 20, approvedBy: '县政府办公室主任 李明', note: '涉及三个年度的会议材料，需逐件审查' }] },
  // replied, not yet closed
  { state: 'replied', org: '000014353', receivedAgo: 14, channel: '网络', category: '自然人', applicant: '杨磊', address: '青山县解放街32号', content: '{Y}年度县级部门“三公”经费预算明细', events: [{ type: 'replied', at: 13, resultKey: 'disclosed', note: '已通过电子邮件提供' }] },
  // the demo's two overdue requests
  { state: 'overdue', org: '000014359', receivedAgo: 27, channel: '网络', category: '自然人', applicant: '赵敏', address: '青山县溪东路5号', content: '青山县溪东路某餐饮店食品经营许可的审查材料', events: [] },
  { state: 'overdue', org: '000014357', receivedAgo: 23, channel: '邮寄', category: '社会公益组织', applicant: '青山县绿水环保志愿者协会', address: '青山县青溪南路8号', content: '白石乡高标准农田建设项目的竣工验收报告', delivery: '纸质', events: [] },

  // closed, one per 表三 result
  { state: 'closed', org: COUNTY, receivedAgo: 35, channel: '网络', category: '自然人', applicant: '黄强', address: '青山县人民路88号', content: '青山县城区停车收费管理办法的听证会记录', events: done(8, 'disclosed') },
  { state: 'closed', org: '000014356', receivedAgo: 48, channel: '当面', category: '自然人', applicant: '周婷', address: '青山县城东安居小区3幢', content: '城东安居小区公共租赁住房配租对象名单', events: [
    { type: 'consultationSent', at: 3, days: 15, note: '名单涉及配租对象的个人信息，征求配租对象意见' }, { type: 'consultationAnswered', at: 10 },
    ...done(14, 'partial', '提供配租对象姓名和房号，身份证号码和联系电话不予公开'),
  ] },
  { state: 'closed', org: '000014360', receivedAgo: 60, channel: '网络', category: '自然人', applicant: '吴昊', address: '青山县青溪北路21号', content: '县级应急物资储备库的具体位置和储备清单', events: done(10, 'refused.stateSecret') },
  { state: 'closed', org: '000014354', receivedAgo: 72, channel: '网络', category: '自然人', applicant: '徐丽', address: '青山镇杨梅岭村', content: '某企业全体职工的社会保险缴费记录', events: done(9, 'refused.lawProhibited') },
  { state: 'closed', org: COUNTY, receivedAgo: 85, channel: '邮寄', category: '自然人', applicant: '孙浩', address: '青山县人民路15号', content: '县城供水厂取水口和加压站的安防布置图', delivery: '纸质', events: done(11, 'refused.securityStability') },
  { state: 'closed', org: '000014355', receivedAgo: 98, channel: '网络', category: '商业企业', applicant: '青州宏达置业有限公司', address: '青州市滨江路58号', content: '其他竞买人参加土地竞买时提交的财务报表', events: [
    { type: 'consultationSent', at: 2, days: 15, note: '征求竞买人意见' }, { type: 'consultationAnswered', at: 9, note: '竞买人不同意公开' },
    ...done(12, 'refused.thirdParty'),
  ], dispute: { filedAfter: 20, decidedAfter: 40, result: 'upheld', authority: '青山县人民政府', caseNo: '青政复〔{Y}〕12号' } },
  { state: 'closed', org: '000014352', receivedAgo: 110, channel: '网络', category: '自然人', applicant: '胡军', address: '青山县实验路7号', content: '县教育局机关内部年度考核打分表', events: done(7, 'refused.internalAffairs') },
  { state: 'closed', org: '000014351', receivedAgo: 122, channel: '网络', category: '商业企业', applicant: '青州恒远能源有限公司', address: '青州市能源路3号', content: '城区管道天然气价格调整方案的讨论稿和内部审核意见', events: done(10, 'refused.processInfo') },
  { state: 'closed', org: '000014359', receivedAgo: 135, channel: '当面', category: '自然人', applicant: '朱琳', address: '青山县解放街101号', content: '对某超市行政处罚案件的全部案卷材料', events: done(12, 'refused.enforcementFile') },
  { state: 'closed', org: '000014355', receivedAgo: 147, channel: '当面', category: '自然人', applicant: '高峰', address: '白石乡下溪村', content: '本人名下的不动产登记信息', events: done(5, 'refused.queryMatter', '属于不动产登记资料查询事项，请持身份证到县不动产登记中心查询') },
  { state: 'closed', org: '000014358', receivedAgo: 160, channel: '网络', category: '自然人', applicant: '林晓', address: '青山县青溪北路9号', content: '青州市中心医院医疗设备采购合同', events: done(6, 'unable.notHeld', '该信息由青州市中心医院制作保存，请向其主管部门申请') },
  { state: 'closed', org: '000014353', receivedAgo: 172, channel: '网络', category: '科研机构', applicant: '青州财经学院财政研究所', address: '青州市学府路12号', content: '近十年全县各乡镇财政收入按行业分类的统计分析表', events: done(9, 'unable.needsCreation') },
  { state: 'closed', org: COUNTY, receivedAgo: 185, channel: '网络', category: '自然人', applicant: '何涛', address: '白石乡石门村', content: '关于我村的所有文件', events: [
    { type: 'correctionRequested', at: 3, note: '请说明所需文件的名称、时间范围或者其他特征描述' }, { type: 'correctionReceived', at: 8 },
    ...done(20, 'unable.unclear'),
  ] },
  { state: 'closed', org: '000014356', receivedAgo: 198, channel: '当面', category: '自然人', applicant: '郭燕', address: '青山县溪东路36号', content: '要求对小区违章搭建进行查处并答复处理结果', events: done(4, 'notProcessed.petition', '属于信访、投诉举报事项，已告知通过信访渠道反映') },
  { state: 'closed', org: '000014357', receivedAgo: 210, channel: '网络', category: '自然人', applicant: '马骏', address: '青山镇杨梅岭村', content: '耕地地力保护补贴发放名单（与上月已答复的申请内容相同）', events: done(3, 'notProcessed.duplicate') },
  { state: 'closed', org: '000014359', receivedAgo: 224, channel: '网络', category: '商业企业', applicant: '青山县便民超市有限公司', address: '青山县人民路203号', content: '《食品安全国家标准 预包装食品标签通则》全文', events: done(5, 'notProcessed.publication') },
  { state: 'closed', org: COUNTY, receivedAgo: 236, channel: '网络', category: '自然人', applicant: '罗丹', address: '青山县环城西路12号', content: '2010年以来县政府及各部门制发的全部文件', events: done(10, 'notProcessed.excessive') },
  { state: 'closed', org: '000014354', receivedAgo: 250, channel: '邮寄', category: '自然人', applicant: '郑凯', address: '青山镇青山村', content: '请确认本人的工伤认定决定书是否合法有效', delivery: '纸质', events: done(6, 'notProcessed.confirmation') },
  { state: 'closed', org: '000014355', receivedAgo: 262, channel: '网络', category: '自然人', applicant: '冯雪', address: '白石乡下溪村', content: '关于征地的文件', events: [
    { type: 'correctionRequested', at: 3, days: 15, note: '请写明征地项目名称或者所在村组' },
    ...done(25, 'other.noCorrection', '申请人逾期未补正，视为放弃申请'),
  ] },
  { state: 'closed', org: '000014353', receivedAgo: 275, channel: '网络', category: '商业企业', applicant: '青州信达咨询有限公司', address: '青州市中山路77号', content: '近五年全部政府采购合同的纸质复印件', events: [
    { type: 'feeNoticeSent', at: 5, days: 10, note: '申请数量明显超过合理范围，按规定收取信息处理费' },
    ...done(18, 'other.unpaidFee'),
  ] },
  { state: 'closed', org: '000014358', receivedAgo: 290, channel: '传真', category: '其他', applicant: '白石乡下溪村村民委员会', address: '白石乡下溪村', content: '下溪村卫生室改建项目的补助资金拨付情况', events: done(8, 'other.other', '已转由白石乡人民政府按村务公开程序公开') },
  { state: 'closed', org: '000014352', receivedAgo: 300, channel: '网络', category: '自然人', applicant: '谢婉', address: '青山县实验路15号', content: '{Y}年学前教育资助对象的评审标准', events: done(6, 'disclosed') },
  { state: 'closed', org: COUNTY, receivedAgo: 320, channel: '网络', category: '法律服务机构', applicant: '青州正义律师事务所', address: '青州市府前路15号', content: '青山县农村宅基地管理办法起草过程中公众意见的采纳情况', events: [
    { type: 'extended', at: 17, days: 10, approvedBy: '县政府办公室副主任 陈刚', note: '需会同县自然资源和规划局整理意见' },
    ...done(26, 'disclosed'),
  ] },
  { state: 'closed', org: '000014351', receivedAgo: 40, channel: '网络', category: '自然人', applicant: '唐杰', address: '青山县人民路56号', content: '城区居民管道天然气价格听证会的听证报告', events: done(7, 'disclosed') },
  { state: 'closed', org: '000014351', receivedAgo: 95, channel: '网络', category: '商业企业', applicant: '青山县顺达运输有限公司', address: '青山县物流园2号', content: '青州至青山高速公路连接线的设计图纸', events: done(8, 'unable.notHeld', '该项目由市交通运输部门负责，本机关未制作、获取该信息') },
];
