import type { Core } from '@strapi/strapi';
import { SUBJECT_CATEGORIES } from '../../src/domain/subject-categories';
import { emptyTables, computeTotals } from '../../src/domain/annual-report-2021';
import { APPLICANT_COLUMN } from '../../src/foundation/constants';
import { idCheckChar } from '../../src/domain/id-number';
import { creditCodeCheckChar } from '../../src/domain/org-code';
import {
  rng, COUNTY, COUNTY_REMEDIES, DEPARTMENTS, COUNTY_CATALOGUE, DEPARTMENT_CATALOGUE, type NodeSpec,
  NEWS_TOPICS, NOTICE_TOPICS, POLICY_TOPICS, BODY_PARAGRAPHS,
} from '../seed-data';
import { UID } from '../../src/foundation/constants';

const withIdCheck = (first17: string) => first17 + idCheckChar(first17);
const withCreditCheck = (first17: string) => first17 + creditCodeCheckChar(first17);

const U = {
  org: UID.organization,
  cat: UID.subjectCategory,
  node: UID.catalogueNode,
  item: UID.item,
  law: UID.law,
  report: UID.annualReport,
  request: UID.request,
} as const;

const YEARS = [2023, 2024, 2025, 2026];
const LAST_DAY = '2026-11-20';

type Doc = { documentId: string; [k: string]: any };
const pad = (n: number) => String(n).padStart(2, '0');

export async function seedDemo(strapi: Core.Strapi, log: (msg: string) => void) {
  const r = rng(20251101);
  const docs = (uid: string) => strapi.documents(uid as any) as any;
  // Demo content counts as migrated, already-reviewed content: an audited import approval, then publish.
  const publish = async (uid: string, documentId: string) => {
    await strapi.plugin('review-workflow').service('workflow').approveForImport(uid, documentId, { comment: '演示数据：视为已在原系统审核' });
    return docs(uid).publish({ documentId });
  };
  const started = Date.now();

  // 主题分类
  const categories = new Map<string, Doc>();
  let ci = 0;
  for (const top of SUBJECT_CATEGORIES) {
    ci++;
    const parent = await docs(U.cat).create({ data: { name: top.name, code: pad(ci), sortOrder: ci } });
    categories.set(top.name, parent);
    let cj = 0;
    for (const child of top.children ?? []) {
      cj++;
      const c = await docs(U.cat).create({ data: { name: child, code: `${pad(ci)}${pad(cj)}`, sortOrder: cj, parent: parent.documentId } });
      categories.set(`${top.name}\\${child}`, c);
    }
  }
  log(`主题分类 ${categories.size} 个`);

  // 机构
  const county: Doc = await docs(U.org).create({ data: { ...COUNTY } });
  const depts: Array<Doc & { spec: (typeof DEPARTMENTS)[number] }> = [];
  for (const [i, d] of DEPARTMENTS.entries()) {
    const created = await docs(U.org).create({
      data: { name: d.name, shortName: d.shortName, code: d.code, level: '部门', parent: county.documentId, sortOrder: i + 1, contactPhone: `0571-8800${2000 + i}`, contactAddress: `青山县人民路${10 + i}号`, ...COUNTY_REMEDIES },
    });
    depts.push({ ...created, spec: d });
  }
  const towns = ['青山镇', '白石乡'];
  for (const [i, t] of towns.entries()) {
    await docs(U.org).create({ data: { name: `青山县${t}人民政府`, shortName: t, code: `00001440${i}`, level: '乡镇', parent: county.documentId, sortOrder: 100 + i, ...COUNTY_REMEDIES } });
  }
  log(`机构 ${1 + depts.length + towns.length} 个`);

  // 公开目录
  async function createTree(orgId: string, specs: NodeSpec[], prefix: string, parent?: string, out: Map<string, Doc> = new Map()) {
    for (const [i, s] of specs.entries()) {
      const node = await docs(U.node).create({
        data: {
          name: s.name, code: `${prefix}${s.code}`, kind: s.kind, cadence: s.cadence, sortOrder: i + 1, organization: orgId,
          requiredElements: s.requiredElements ?? null, parent: parent ?? null, isPublic: true,
          description: `${s.name}（更新频率：${s.cadence}）`,
        },
      });
      out.set(s.code, node);
      if (s.children) await createTree(orgId, s.children, prefix, node.documentId, out);
    }
    return out;
  }
  const countyNodes = await createTree(county.documentId, COUNTY_CATALOGUE, 'QS-');
  const deptNodes = new Map<string, Map<string, Doc>>();
  for (const d of depts) deptNodes.set(d.documentId, await createTree(d.documentId, DEPARTMENT_CATALOGUE, `QS-${d.spec.code.slice(-2)}-`));
  log(`目录栏目 ${countyNodes.size + [...deptNodes.values()].reduce((a, m) => a + m.size, 0)} 个`);

  // 政府信息
  let itemCount = 0;
  let publishedCount = 0;
  const randomDate = (year: number) => {
    const m = r.int(1, year === 2026 ? 11 : 12);
    const d = r.int(1, 28);
    const s = `${year}-${pad(m)}-${pad(d)}`;
    return s > LAST_DAY ? LAST_DAY : s;
  };
  const bodyText = (title: string) => [`${title}`, ...Array.from({ length: r.int(2, 5) }, () => r.pick(BODY_PARAGRAPHS))].join('\n\n');

  async function createItem(org: Doc, node: Doc, data: Record<string, any>, shouldPublish = true) {
    const item = await docs(U.item).create({ data: { organization: org.documentId, catalogueNodes: [node.documentId], ...data } });
    itemCount++;
    if (shouldPublish) {
      await publish(U.item, item.documentId);
      publishedCount++;
    }
    return item;
  }

  const seqNo: Record<string, number> = {};
  const docNumber = (abbr: string, year: number, kind = '发') => {
    const key = `${abbr}${kind}${year}`;
    seqNo[key] = (seqNo[key] ?? 0) + 1;
    return `${abbr}${kind}〔${year}〕${seqNo[key]}号`;
  };

  async function seedOrgItems(org: Doc, nodes: Map<string, Doc>, abbr: string, categoryName: string, scale: number) {
    const cat = categories.get(categoryName) ?? categories.get('综合政务')!;
    const nodeBy = (code: string) => nodes.get(code);
    for (const year of YEARS) {
      // 工作动态: frequent
      const news = nodeBy('FD-GZDT') ?? nodeBy('GZDT');
      for (let i = 0; i < 6 * scale; i++) {
        const date = randomDate(year);
        const title = `${org.shortName ?? org.name}${r.pick(NEWS_TOPICS)}`;
        await createItem(org, news!, { title, publishDate: date, genre: '其他', subjectCategory: cat.documentId, summary: `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月，${title}。`, body: bodyText(title), keywords: ['工作动态'] }, !r.chance(0.04));
      }
      // 通知公告
      const notices = nodeBy('FD-TZGG') ?? nodeBy('TZGG');
      for (let i = 0; i < 3 * scale; i++) {
        const date = randomDate(year);
        const topic = r.pick(NOTICE_TOPICS);
        const title = `${org.name}${topic.replace('2025年度', `${year}年度`)}`;
        const written = date.slice(0, 8) + pad(Math.max(1, Number(date.slice(8)) - r.int(0, 3)));
        await createItem(org, notices!, {
          title, publishDate: date, writtenDate: written, genre: topic.includes('公告') ? '公告' : '通知', documentNumber: docNumber(abbr, year, '函'),
          issuingAuthority: org.name, subjectCategory: cat.documentId, summary: title, body: bodyText(title),
        });
      }
      // 规范性文件 + 政策解读
      const policyNode = nodeBy('FD-FGWJ-GFXWJ') ?? nodeBy('GFXWJ');
      const readingNode = nodeBy('FD-FGWJ-ZCJD') ?? nodeBy('GZDT');
      for (let i = 0; i < Math.max(1, scale); i++) {
        const date = randomDate(year);
        const title = `${org.name}关于印发${r.pick(POLICY_TOPICS)}的通知`;
        const policy = await createItem(org, policyNode!, {
          title, publishDate: date, writtenDate: date, genre: '通知', documentNumber: docNumber(abbr, year), issuingAuthority: org.name,
          isNormative: true, validity: year < 2024 && r.chance(0.3) ? '失效' : '有效', subjectCategory: cat.documentId,
          summary: `印发${title.replace(/^.*关于印发|的通知$/g, '')}`, body: bodyText(title), keywords: ['规范性文件'],
        });
        if (r.chance(0.6)) {
          await createItem(org, readingNode!, {
            title: `《${title.replace(/^.*关于印发|的通知$/g, '')}》政策解读`, publishDate: date, genre: '其他', interprets: policy.documentId,
            subjectCategory: cat.documentId, summary: '图文解读', body: bodyText('政策解读'),
          });
        }
      }
      // 财政信息
      const finance = nodeBy('FD-CZXX-YS') ?? nodeBy('CZXX');
      if (finance) {
        await createItem(org, finance, { title: `${org.name}${year}年部门预算公开`, publishDate: `${year}-02-${pad(r.int(10, 28))}`, genre: '其他', subjectCategory: (categories.get('财政、金融、审计\\财政') ?? cat).documentId, summary: `${year}年预算`, body: bodyText('部门预算') });
      }
    }
    // Items that must never reach the public (the review workflow refuses to publish them): internal-only,
    // on request, not disclosed, and a plain draft.
    const anyNode = news(nodes);
    await createItem(org, anyNode, { title: `${org.name}内部财务收支情况通报`, publishDate: '2025-06-30', scope: '仅对内', genre: '通报', internalNote: '仅限内部公开栏张贴' }, false);
    await createItem(org, anyNode, { title: `${org.name}某信访事项办理情况`, publishDate: '2025-07-01', disclosureMode: '依申请公开', exemptionReason: '涉及特定当事人，依申请公开' }, false);
    await createItem(org, anyNode, { title: `${org.name}干部考察材料`, publishDate: '2025-07-02', disclosureMode: '不予公开', exemptionReason: '人事管理内部事务信息（条例第十六条）' }, false);
    await createItem(org, anyNode, { title: `${org.name}2026年工作要点（征求意见稿）`, publishDate: '2026-11-18' }, false);
  }
  const news = (nodes: Map<string, Doc>) => (nodes.get('FD-GZDT') ?? nodes.get('GZDT'))!;

  await seedOrgItems(county, countyNodes, '青政', '综合政务', 3);
  // Key-area nodes of the county: monthly project progress etc.
  for (const code of ['FD-ZDLY-ZDJS', 'FD-ZDLY-ZBCG', 'FD-ZDLY-SHJZ', 'FD-ZDLY-HJBH', 'FD-XZZQ-XK', 'FD-XZZQ-CF', 'FD-GHJH', 'FD-RSXX', 'FD-JGZN', 'FD-BSZN', 'ZN', 'ZD']) {
    const node = countyNodes.get(code)!;
    const n = ['FD-ZDLY-ZDJS', 'FD-ZDLY-ZBCG', 'FD-XZZQ-XK', 'FD-XZZQ-CF'].includes(code) ? 8 : 2;
    for (let i = 0; i < n; i++) {
      const year = r.pick(YEARS);
      const date = randomDate(year);
      await createItem(county, node, { title: `${node.name}：${year}年第${i + 1}批信息`, publishDate: date, genre: '其他', summary: `${node.name}相关信息`, body: bodyText(node.name) });
    }
  }
  for (const d of depts) await seedOrgItems(d, deptNodes.get(d.documentId)!, d.spec.abbr, d.spec.category, 1);
  log(`政府信息 ${itemCount} 条（已发布 ${publishedCount} 条）`);

  // 法律法规与规范性文件: every status
  let lawCount = 0;
  const lawDocs: Doc[] = [];
  const law = async (data: Record<string, any>) => {
    const created = await docs(U.law).create({ data });
    await publish(U.law, created.documentId);
    lawDocs.push(created);
    lawCount++;
    return created;
  };
  const national = [
    ['中华人民共和国政府信息公开条例', '行政法规', '国务院', '国务院令第711号', '2019-04-03', '2019-05-15'],
    ['中华人民共和国保守国家秘密法', '法律', '全国人民代表大会常务委员会', '主席令第20号', '2024-02-27', '2024-05-01'],
    ['中华人民共和国行政许可法', '法律', '全国人民代表大会常务委员会', '主席令第29号', '2019-04-23', '2019-04-23'],
    ['中华人民共和国个人信息保护法', '法律', '全国人民代表大会常务委员会', '主席令第91号', '2021-08-20', '2021-11-01'],
    ['优化营商环境条例', '行政法规', '国务院', '国务院令第722号', '2019-10-22', '2020-01-01'],
    ['重大行政决策程序暂行条例', '行政法规', '国务院', '国务院令第713号', '2019-04-20', '2019-09-01'],
    ['某省政府信息公开规定', '地方性法规', '某省人民代表大会常务委员会', null, '2020-06-01', '2020-09-01'],
    ['某省行政规范性文件管理办法', '地方政府规章', '某省人民政府', '某省政府令第380号', '2019-12-01', '2020-03-01'],
  ] as const;
  for (const [title, level, auth, no, pub, eff] of national) {
    await law({ title, level, issuingAuthority: auth, documentNumber: no, writtenDate: pub, publishDate: pub, effectiveDate: eff, summary: title, body: `${title}全文。` });
  }
  const old1 = await law({ title: '中华人民共和国政府信息公开条例（2007年）', level: '行政法规', issuingAuthority: '国务院', documentNumber: '国务院令第492号', publishDate: '2007-04-05', effectiveDate: '2008-05-01' });
  await docs(U.law).update({ documentId: old1.documentId, data: { amendedBy: lawDocs[0].documentId } });
  await publish(U.law, old1.documentId);
  for (let i = 0; i < 30; i++) {
    const d = depts[i % depts.length];
    const year = 2019 + (i % 8);
    const eff = `${year}-${pad(1 + (i % 12))}-01`;
    const topic = POLICY_TOPICS[i % POLICY_TOPICS.length];
    const data: Record<string, any> = {
      title: `${d.name}${topic}`, level: '行政规范性文件', issuingAuthority: d.name, documentNumber: `${d.spec.abbr}规〔${year}〕${i + 1}号`,
      writtenDate: `${year}-${pad(1 + (i % 12))}-01`, publishDate: `${year}-${pad(1 + (i % 12))}-01`, effectiveDate: eff,
      expiryDate: `${year + 5}-${pad(1 + (i % 12))}-01`, organization: d.documentId, reviewByDate: `${year + 4}-${pad(1 + (i % 12))}-01`,
      summary: topic, body: `${topic}全文（第${i + 1}件）。`,
    };
    if (i === 29) { data.effectiveDate = '2027-01-01'; data.expiryDate = '2031-12-31'; data.writtenDate = data.publishDate = '2026-11-10'; data.documentNumber = `${d.spec.abbr}规〔2026〕30号`; }
    await law(data);
  }
  // repeal and amend some departments' documents: each by a LATER document of the SAME department (rule i and
  // rule i + 11 belong to department i % 11, three years apart), the repealed one ceasing on the repeal date
  const countyRules = lawDocs.slice(national.length + 1);
  for (let i = 0; i < 3; i++) {
    const by = countyRules[i + 11];
    await docs(U.law).update({ documentId: countyRules[i].documentId, data: { repealedBy: by.documentId, repealedDate: by.effectiveDate, expiryDate: by.effectiveDate } });
    await publish(U.law, countyRules[i].documentId);
  }
  // rule 16 (2019) amended by rule 27 (2022), both of department 5
  await docs(U.law).update({ documentId: countyRules[16].documentId, data: { amendedBy: countyRules[27].documentId } });
  await publish(U.law, countyRules[16].documentId);
  log(`法律法规与规范性文件 ${lawCount} 件`);

  // 依申请公开
  const results = ['disclosed', 'disclosed', 'disclosed', 'partial', 'refused.thirdParty', 'refused.processInfo', 'unable.notHeld', 'unable.notHeld', 'unable.needsCreation', 'notProcessed.petition', 'notProcessed.duplicate', 'other.noCorrection'];
  const categoriesA = ['自然人', '自然人', '自然人', '商业企业', '法律服务机构', '科研机构', '社会公益组织', '其他'];
  const channels = ['当面', '邮寄', '网络', '网络', '网络', '传真'];
  const requests: Array<{ applicantCategory: string; resultKey?: string; closedDate?: string; receivedDate: string }> = [];
  for (let i = 0; i < 30; i++) {
    const year = i < 16 ? 2025 : 2026;
    const receivedDate = `${year}-${pad(1 + (i % 11))}-${pad(3 + (i % 20))}`;
    const closed = i < 14 || (i >= 16 && i < 26);
    const resultKey = closed ? results[i % results.length] : undefined;
    const closedDate = closed ? `${year}-${pad(Math.min(12, 2 + (i % 11)))}-${pad(1 + (i % 20))}` : undefined;
    const data: Record<string, any> = {
      organization: (i % 3 === 0 ? county : depts[i % depts.length]).documentId,
      receivedDate, submittedDate: receivedDate, channel: channels[i % channels.length], applicantCategory: categoriesA[i % categoriesA.length],
      applicantName: `申请人${i + 1}`, applicantPhone: `1380013${String(8000 + i).padStart(4, '0')}`, applicantEmail: `applicant${i + 1}@example.com`,
      // valid numbers (GB 11643 check character; organisations give a GB 32100 统一社会信用代码)
      ...(categoriesA[i % categoriesA.length] === '自然人'
        ? { applicantIdType: '居民身份证', applicantIdNumber: withIdCheck(`331002${1960 + i}${pad(1 + (i % 12))}${pad(1 + (i % 28))}${String(100 + i).padStart(3, '0')}`) }
        : { applicantIdType: '统一社会信用代码', applicantIdNumber: withCreditCheck(`91331002MA2${String(i).padStart(2, '0')}DEMK`) }),
      requestedContent: r.pick(['2024年度部门决算', '某路段改造工程招标文件', '本县低保对象名单', '某项目环评批复', '2023年三公经费明细', '某地块征收补偿方案']),
      handlingStatus: closed ? '已办结' : '办理中', resultKey, closedDate, repliedDate: closedDate,
      events: [{ type: 'accepted', date: receivedDate }],
    };
    await docs(U.request).create({ data });
    requests.push({ applicantCategory: data.applicantCategory, resultKey, closedDate, receivedDate });
  }
  // an open request of 青山县发展和改革局: the demo's department users (依申请公开经办人 clerk@demo.gov.cn)
  // have one on the clock (src/foundation/demo.ts)
  const ndrc = depts.find((d) => d.spec.code === '000014351')!;
  await docs(U.request).create({
    data: {
      organization: ndrc.documentId, receivedDate: '2026-11-16', submittedDate: '2026-11-16', channel: '网络', applicantCategory: '自然人',
      applicantName: '申请人31', applicantPhone: '13800138031', applicantEmail: 'applicant31@example.com',
      applicantIdType: '居民身份证', applicantIdNumber: withIdCheck('33100219900316031'),
      requestedContent: '青山县2026年重点建设项目投资计划', handlingStatus: '办理中', events: [{ type: 'accepted', date: '2026-11-16' }],
    },
  });
  requests.push({ applicantCategory: '自然人', receivedDate: '2026-11-16' });
  log(`依申请公开 ${requests.length} 件`);

  // 2025 annual report of the county, 表三 computed from that year's requests (all organisations of the demo county).
  const tables: any = emptyTables();
  for (const q of requests) {
    const col = APPLICANT_COLUMN[q.applicantCategory];
    if (q.receivedDate.startsWith('2025')) tables.table3.newReceived[col] += 1;
    if (q.closedDate?.startsWith('2025') && q.resultKey) tables.table3[q.resultKey][col] += 1;
    else if (q.receivedDate.startsWith('2025')) tables.table3.carriedForward[col] += 1;
  }
  tables.table2.regulations.issued = 0;
  tables.table2.normativeDocuments = { issued: 4, repealed: 1, inForce: 21 };
  tables.table2.licensing.decisions = 1320;
  tables.table2.penalty.decisions = 86;
  tables.table2.enforcement.decisions = 4;
  tables.table2.fees.feesWan = 12.5;
  tables.table4.review = { upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 };
  const report = await docs(U.report).create({
    data: {
      organization: county.documentId, year: 2025, formatVersion: 2021, ...computeTotals(tables),
      overview: '2025年，青山县坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开。',
      problems: '一是政策解读形式较为单一；二是部分栏目更新不够及时。下一步将加强督促检查。',
      otherMatters: '本年度未收取信息处理费。',
    },
  });
  await publish(U.report, report.documentId);
  log(`年度报告 1 份；用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
}
