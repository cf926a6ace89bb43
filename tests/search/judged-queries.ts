/**
 * The judged query set of the public search (issue 17), on the demo county (scripts/seed-corpus.ts, seeded
 * by scripts/lib/seed-demo.ts). Each query lists its relevant 政府信息 by stable keys:
 *
 *   titles            corpus titles; `{Y}`, `{Y-1}`, `{PQ}` … tokens (resolved at seeding from the day) match any year,
 *                     month or quarter
 *   titlePatterns     regular expressions on the title (the documents generated per organisation: 指南, 预算 …)
 *   docNoPrefix       every document whose 发文字号 begins with it (the numbers' serials follow the seed day)
 *   indexNoPrefix     every document whose 索引号 begins with it
 *
 * The relevant documents were judged by reading the corpus (titles, summaries, points): a document is relevant
 * when it is about the query or states a rule or a figure on it, not when a word merely shares characters
 * with it (the failure issue 17 reports: 低保 matching 低温 and 保障, 青政办 matching 青山县政府办公室…).
 * Searches are of 政府信息 only (`type=item`): the demo's laws are a separate list.
 *
 * Metrics (tests/integration/search-judged.test.ts holds both ≥ 0.9; `npm run bench:search` prints them):
 *   precision@10  relevant among the first k hits / k, with k = min(10, number of relevant documents) — a query
 *                 with 3 relevant documents must put them in the first 3 places
 *   recall        relevant documents among all hits (every page) / relevant documents
 */

export interface RelevantKeys {
  titles?: string[];
  titlePatterns?: string[];
  docNoPrefix?: string;
  indexNoPrefix?: string;
}

export interface JudgedQuery {
  q: string;
  /** why these documents (what a reader would want) */
  note: string;
  relevant: RelevantKeys;
}


export const JUDGED_QUERIES: JudgedQuery[] = [
  // agency abbreviations and terms (the search dictionary)
  { q: '低保', note: '最低生活保障：标准、资金发放、公租房对低保家庭的保障', relevant: { titles: [
    '青山县人民政府关于调整城乡居民最低生活保障标准的通知', '青山县{PQY}年第{PQ}季度城乡低保、特困供养资金发放情况',
    '青山县住房和城乡建设局关于印发青山县公共租赁住房管理办法的通知', '《青山县公共租赁住房管理办法》政策解读'] } },
  { q: '医保', note: '医疗保障参保与报销', relevant: { titles: [
    '新生儿出生“一件事”办事指南', '青山县卫生健康局关于印发青山县家庭医生签约服务管理办法的通知', '《青山县家庭医生签约服务管理办法》问答'] } },
  { q: '社保', note: '社会保险经办与服务', relevant: { titles: [
    '新生儿出生“一件事”办事指南', '县人力资源和社会保障局举办冬季专场招聘会', '县人力资源和社会保障局开展“社保服务进万家”活动', '《青山县就业创业补贴管理办法》政策问答'] } },
  { q: '双减', note: '义务教育“双减”', relevant: { titles: [
    '县教育局开展“双减”工作专项督查', '青山县教育局关于印发青山县中小学课后服务管理办法的通知', '《青山县中小学课后服务管理办法》问答'] } },
  { q: '一件事', note: '“一件事”集成办理', relevant: { titles: [
    '青山县开展“政府开放日”活动 邀请市民走进政务服务中心', '青山县“一件事”集成改革经验在全市推广', '新生儿出生“一件事”办事指南'] } },
  { q: '三公经费', note: '“三公”经费预决算（县级说明和各部门预算、决算）', relevant: {
    titles: ['青山县{Y}年县级部门“三公”经费预算情况说明'], titlePatterns: ['部门预算$', '部门决算$'] } },
  { q: '个转企', note: '个体工商户转型为企业', relevant: { titles: [
    '青山县市场监督管理局关于印发青山县“个转企”扶持办法的通知', '《青山县“个转企”扶持办法》政策解读'] } },
  { q: '两癌筛查', note: '适龄妇女“两癌”免费筛查', relevant: { titles: ['青山县卫生健康局关于开展{Y}年度适龄妇女“两癌”免费筛查的通知'] } },
  { q: '带押过户', note: '不动产登记“带押过户”', relevant: { titles: ['县自然资源和规划局推行不动产登记“带押过户”'] } },
  { q: '医联体', note: '紧密型医联体', relevant: { titles: ['青山县与青州市中心医院签订紧密型医联体协议'] } },

  // 发文字号 and 索引号, whole or begun
  { q: '青政办发〔', note: '县政府办公室发文（县政府和县政府办公室以“青政办发”编号的文件）', relevant: { docNoPrefix: '青政办发〔' } },
  { q: '青教规〔', note: '县教育局规范性文件', relevant: { docNoPrefix: '青教规〔' } },
  { q: '青人社函', note: '县人社局函（机关代字，不带年份）', relevant: { docNoPrefix: '青人社函〔' } },
  { q: '青政规', note: '县政府规范性文件（机关代字）', relevant: { docNoPrefix: '青政规〔' } },
  { q: '青应急函〔', note: '县应急管理局函', relevant: { docNoPrefix: '青应急函〔' } },
  { q: '000014352/', note: '县教育局的全部信息（索引号前段码）', relevant: { indexNoPrefix: '000014352/' } },
  { q: '000014360/', note: '县应急管理局的全部信息（索引号前段码）', relevant: { indexNoPrefix: '000014360/' } },

  // topics
  { q: '停车收费', note: '城区停车收费办法及其决策过程', relevant: { titles: [
    '青山县人民政府关于印发青山县城区停车收费管理办法的通知', '《青山县城区停车收费管理办法》政策解读', '县政府召开第18次常务会议 研究部署冬季安全生产等工作',
    '县政府开展重大行政决策事项目录编制工作', '青山县发展和改革局关于公布政府定价目录清单的公告'] } },
  { q: '宅基地', note: '农村宅基地管理', relevant: { titles: [
    '青山县人民政府关于印发青山县农村宅基地管理办法的通知', '《青山县农村宅基地管理办法》解读', '青山县农业农村局主要职责'] } },
  { q: '公共租赁住房', note: '公租房管理与配租', relevant: { titles: [
    '青山县住房和城乡建设局关于公共租赁住房配租结果的公示', '青山县住房和城乡建设局关于印发青山县公共租赁住房管理办法的通知', '《青山县公共租赁住房管理办法》政策解读'] } },
  { q: '家庭医生', note: '家庭医生签约服务', relevant: { titles: [
    '县卫生健康局开展“优质服务基层行”活动', '青山县卫生健康局关于印发青山县家庭医生签约服务管理办法的通知', '《青山县家庭医生签约服务管理办法》问答'] } },
  { q: '课后服务', note: '中小学课后服务', relevant: { titles: [
    '县教育局开展“双减”工作专项督查', '青山县教育局关于印发青山县中小学课后服务管理办法的通知', '《青山县中小学课后服务管理办法》问答'] } },
  { q: '最低工资', note: '最低工资标准', relevant: { titles: ['青山县人力资源和社会保障局关于调整最低工资标准的通知'] } },
  { q: '杨梅', note: '杨梅产业', relevant: { titles: ['青山县举办首届杨梅文化节', '县政府与省农业科学院签署战略合作协议', '全县推进基层政务公开标准化规范化工作现场会召开'] } },
  { q: '森林防火', note: '森林防火期和责任', relevant: { titles: ['全县冬春森林防火工作会议召开'] } },
  { q: '老旧小区改造', note: '城镇老旧小区改造', relevant: { titles: ['{Y}年城镇老旧小区改造项目全部开工', '青山县住房和城乡建设局主要职责'] } },
  { q: '政府采购意向', note: '政府采购意向公开', relevant: { titles: ['青山县财政局关于政府采购意向公开的公告'] } },
  { q: '经济普查', note: '全国经济普查', relevant: { titles: ['青山县完成第五次全国经济普查单位清查工作'] } },
  { q: '烟花爆竹', note: '烟花爆竹禁放和经营安全', relevant: { titles: [
    '青山县人民政府关于{Y+1}年元旦春节期间烟花爆竹禁放限放的通告', '青山县应急管理局关于开展烟花爆竹经营单位安全检查的通知'] } },
  { q: '地质灾害', note: '地质灾害防治', relevant: { titles: [
    '青山县自然资源和规划局关于{Y}年度地质灾害防治方案的公告', '县政府召开全县防汛防台工作部署会', '青山县自然资源和规划局主要职责', '青山县应急管理局主要职责'] } },
  { q: '电梯', note: '电梯安全与加装电梯', relevant: { titles: ['县市场监督管理局开展电梯安全隐患排查', '{Y}年城镇老旧小区改造项目全部开工'] } },
  { q: '燃气安全', note: '城镇燃气安全', relevant: { titles: [
    '县住房和城乡建设局开展城镇燃气安全专项检查', '县政府召开第18次常务会议 研究部署冬季安全生产等工作', '青山县召开全县安全生产和消防工作会议',
    '青山县开展第31个全国“安全生产月”宣传咨询日活动', '青山县住房和城乡建设局主要职责'] } },
  { q: '粮食安全', note: '粮食安全责任制', relevant: { titles: ['县发展和改革局召开全县粮食安全责任制考核部署会', '青山县发展和改革局主要职责'] } },
  { q: '根治欠薪', note: '农民工工资', relevant: { titles: ['县人力资源和社会保障局开展根治欠薪冬季专项行动'] } },
  { q: '营商环境', note: '优化营商环境', relevant: { titles: ['全县优化营商环境大会召开', '行政处罚决定公示（第23期）', '青山县财政局关于政府采购意向公开的公告'] } },
  { q: '民营经济', note: '促进民营经济发展', relevant: { titles: [
    '青山县人民政府关于促进民营经济高质量发展的若干意见', '一图读懂《关于促进民营经济高质量发展的若干意见》'] } },
  { q: '高标准农田', note: '高标准农田建设管护', relevant: { titles: [
    '青山县农业农村局关于印发青山县高标准农田建设管护办法的通知', '《青山县高标准农田建设管护办法》解读', '青山县晚稻喜获丰收 平均亩产达到512公斤'] } },
  { q: '动物疫病', note: '动物疫病免疫', relevant: { titles: ['青山县农业农村局关于开展秋冬季动物疫病集中免疫的通知'] } },
  { q: '政府信息公开指南', note: '各机构的信息公开指南', relevant: { titlePatterns: ['政府信息公开指南$'] } },
  { q: '主要职责', note: '各机构职能', relevant: { titlePatterns: ['主要职责$'] } },
  { q: '部门预算', note: '各部门预算', relevant: { titlePatterns: ['部门预算$'] } },
  { q: '政务公开工作考核', note: '政务公开考核办法', relevant: { titles: [
    '青山县人民政府办公室关于印发青山县政务公开工作考核办法的通知', '《青山县政务公开工作考核办法》解读'] } },
];

export interface Hit {
  title: string;
  documentNumber: string | null;
  indexNo: string | null;
}

export interface SeededItem extends Hit {
  id: string;
}

const tokenPattern = (title: string) =>
  new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{[^}]*\\\}/g, '(?:\\d{1,4}|[一二三四])')}$`, 'u');

/** The seeded documents a query's keys name (its relevant set). */
export function relevantIds(keys: RelevantKeys, items: SeededItem[]): Set<string> {
  const out = new Set<string>();
  const titles = (keys.titles ?? []).map(tokenPattern);
  const patterns = (keys.titlePatterns ?? []).map((p) => new RegExp(p, 'u'));
  for (const it of items) {
    if (titles.some((re) => re.test(it.title)) || patterns.some((re) => re.test(it.title))) out.add(it.id);
    if (keys.docNoPrefix && it.documentNumber?.startsWith(keys.docNoPrefix)) out.add(it.id);
    if (keys.indexNoPrefix && it.indexNo?.startsWith(keys.indexNoPrefix)) out.add(it.id);
  }
  return out;
}

/** Keys that name no seeded document (a corpus change the set must follow). */
export function unmatchedKeys(keys: RelevantKeys, items: SeededItem[]): string[] {
  const missing: string[] = [];
  for (const t of keys.titles ?? []) if (!items.some((it) => tokenPattern(t).test(it.title))) missing.push(t);
  for (const p of keys.titlePatterns ?? []) if (!items.some((it) => new RegExp(p, 'u').test(it.title))) missing.push(p);
  if (keys.docNoPrefix && !items.some((it) => it.documentNumber?.startsWith(keys.docNoPrefix!))) missing.push(keys.docNoPrefix);
  if (keys.indexNoPrefix && !items.some((it) => it.indexNo?.startsWith(keys.indexNoPrefix!))) missing.push(keys.indexNoPrefix);
  return missing;
}

export interface QueryScore {
  q: string;
  relevant: number;
  returned: number;
  precisionAt10: number;
  recall: number;
  /** relevant documents not found, and irrelevant ones in the first k places (titles) */
  missed: string[];
  intruders: string[];
}

/** Scores one query from its hits (all pages, in rank order; ids of 政府信息). */
export function score(q: string, hits: Array<{ id: string; title: string }>, relevant: Set<string>, titleOf: (id: string) => string): QueryScore {
  const k = Math.min(10, relevant.size);
  const top = hits.slice(0, k);
  const inTop = top.filter((h) => relevant.has(h.id)).length;
  const found = new Set(hits.filter((h) => relevant.has(h.id)).map((h) => h.id));
  return {
    q,
    relevant: relevant.size,
    returned: hits.length,
    precisionAt10: k ? inTop / k : 1,
    recall: relevant.size ? found.size / relevant.size : 1,
    missed: [...relevant].filter((id) => !found.has(id)).map(titleOf),
    intruders: top.filter((h) => !relevant.has(h.id)).map((h) => h.title),
  };
}

export function overall(scores: QueryScore[]): { precisionAt10: number; recall: number } {
  const mean = (f: (s: QueryScore) => number) => scores.reduce((a, s) => a + f(s), 0) / (scores.length || 1);
  return { precisionAt10: mean((s) => s.precisionAt10), recall: mean((s) => s.recall) };
}

/** A table of the scores, for the benchmark and failing tests. */
export function report(scores: QueryScore[]): string {
  const pct = (n: number) => n.toFixed(2);
  const lines = scores.map((s) => `${pct(s.precisionAt10)}  ${pct(s.recall)}  ${String(s.relevant).padStart(3)}  ${String(s.returned).padStart(4)}  ${s.q}` +
    (s.missed.length ? `\n      未找到：${s.missed.join('；')}` : '') + (s.intruders.length ? `\n      前列无关：${s.intruders.join('；')}` : ''));
  const o = overall(scores);
  return [`P@10  召回   相关  返回  查询`, ...lines, `总体：precision@10 ${pct(o.precisionAt10)}，recall ${pct(o.recall)}（${scores.length} 个查询）`].join('\n');
}
