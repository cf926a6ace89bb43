import type { Core } from '@strapi/strapi';
import { SUBJECT_CATEGORIES } from '../../src/domain/subject-categories';
import { addDays, yearOf, todayInChina } from '../../src/domain/dates';
import { idCheckChar } from '../../src/domain/id-number';
import { creditCodeCheckChar } from '../../src/domain/org-code';
import { addEvent, addDispute } from '../../src/requests/events';
import { getCalendar } from '../../src/requests/calendar';
import { COUNTY, COUNTY_REMEDIES, DEPARTMENTS, COUNTY_CATALOGUE, DEPARTMENT_CATALOGUE, type NodeSpec } from '../seed-data';
import { COUNTY_ITEMS, DEPARTMENT_ITEMS, type CorpusItem } from '../seed-corpus';
import { bodyOf, issuedName, publishDateOf, resolveTokens, type DocOrg } from './demo-documents';
import { DEMO_LAWS, DEMO_REQUESTS, type DemoRequest } from './demo-records';
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

type Doc = { documentId: string; [k: string]: any };
const pad = (n: number) => String(n).padStart(2, '0');

/** The documents every organisation publishes each year in the same form: 指南, 部门预算, 部门决算, 年度报告 (a department's). */
function deptGenerated(org: DocOrg, county: boolean): CorpusItem[] {
  if (county) return [];
  return [
    { node: 'ZN', kind: 'guide', genre: '其他', title: `${org.name}政府信息公开指南`, summary: `${org.shortName ?? org.name}主动公开的途径、依申请公开的受理机构和地址电话，以及申请人的救济渠道。`, points: [], age: 400 + (Number(org.code.slice(-2)) % 30) },
    { node: 'CZXX', kind: 'budget', genre: '其他', title: `${org.name}{Y}年部门预算`, summary: `${org.shortName ?? org.name}本年度收支预算总表、基本支出和项目支出安排以及“三公”经费预算。`, points: ['部门预算'], on: '02-20', category: '财政、金融、审计\\财政' },
    { node: 'CZXX', kind: 'budget', genre: '其他', title: `${org.name}{Y-1}年度部门决算`, summary: `${org.shortName ?? org.name}上年度收入支出决算、“三公”经费支出和机关运行情况。`, points: ['决算'], on: '08-25', category: '财政、金融、审计\\财政' },
    { node: 'NB', kind: 'annual', genre: '报告', title: `${org.name}{Y-1}年政府信息公开工作年度报告`, summary: `${org.shortName ?? org.name}上年度主动公开、依申请公开办理情况和存在的问题。`, points: [], on: '01-25' },
  ];
}

/**
 * Fills an empty database with the demo county (scripts/seed-data.ts, scripts/seed-corpus.ts), every date
 * relative to `today` (default: today in China) so the columns, the legal clock of the requests and the
 * inspection tell the same story whenever the demo runs.
 */
export async function seedDemo(strapi: Core.Strapi, log: (msg: string) => void) {
  const today = todayInChina();
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

  async function createItem(org: Doc, node: Doc, data: Record<string, any>, shouldPublish = true) {
    const item = await docs(U.item).create({ data: { organization: org.documentId, catalogueNodes: [node.documentId], ...data } });
    itemCount++;
    if (shouldPublish) {
      await publish(U.item, item.documentId);
      publishedCount++;
    }
    return item;
  }

  // 政府信息: the curated corpus (scripts/seed-corpus.ts), created in date order so 索引号 and 发文字号 serials follow the dates
  let itemCount = 0;
  let publishedCount = 0;
  const seqNo: Record<string, number> = {};
  const docNumber = (abbr: string, year: number, kind: string) => {
    const prefix = kind === '办' ? '青政办发' : `${abbr}${kind}`;
    const key = `${prefix}${year}`;
    seqNo[key] = (seqNo[key] ?? 0) + 1;
    return `${prefix}〔${year}〕${seqNo[key]}号`;
  };
  type Planned = { org: Doc; docOrg: DocOrg; nodes: Map<string, Doc>; category: string; item: CorpusItem; day: string; county: boolean };
  const planned: Planned[] = [];
  const countyDocOrg: DocOrg = { ...COUNTY, abbr: '青政' };
  for (const item of [...COUNTY_ITEMS, ...deptGenerated(countyDocOrg, true)]) {
    planned.push({ org: county, docOrg: countyDocOrg, nodes: countyNodes, category: '综合政务', item, day: publishDateOf(item, today), county: true });
  }
  for (const d of depts) {
    const docOrg: DocOrg = { name: d.spec.name, shortName: d.spec.shortName, code: d.spec.code, abbr: d.spec.abbr, contactPhone: d.contactPhone, contactAddress: d.contactAddress, ...COUNTY_REMEDIES };
    for (const item of [...(DEPARTMENT_ITEMS[d.spec.code] ?? []), ...deptGenerated(docOrg, false)]) {
      planned.push({ org: d, docOrg, nodes: deptNodes.get(d.documentId)!, category: d.spec.category, item, day: publishDateOf(item, today), county: false });
    }
  }
  planned.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const byTitle = new Map<string, Doc>();
  const normative: Array<{ doc: Doc; planned: Planned; title: string; documentNumber: string; writtenDate: string; issuer: string }> = [];
  const nodeOf = (nodes: Map<string, Doc>, code: string) => nodes.get(code) ?? nodes.get(`FD-${code}`) ?? nodes.get(`FD-FGWJ-${code}`);
  for (const p of planned) {
    const { item, day, org } = p;
    const node = nodeOf(p.nodes, item.node);
    if (!node) throw new Error(`演示数据：${org.name}没有目录栏目 ${item.node}`);
    const title = resolveTokens(item.title, day);
    const issuer = [COUNTY.name, ...DEPARTMENTS.map((x) => x.name)].filter((n) => title.startsWith(n)).sort((a, b) => b.length - a.length)[0] ?? org.name;
    const writtenDate = item.numbered ? addDays(day, -((title.length % 5) + 1)) : undefined;
    const documentNumber = item.numbered ? docNumber(p.docOrg.abbr, yearOf(writtenDate!), item.numbered) : undefined;
    const interprets = item.interprets ? byTitle.get(resolveTokens(item.interprets, day)) : undefined;
    if (item.interprets && !interprets) throw new Error(`演示数据：解读“${title}”找不到被解读的文件“${item.interprets}”`);
    const created = await createItem(org, node, {
      title, summary: resolveTokens(item.summary, day), body: bodyOf(item, p.docOrg, day, { county: p.county, issuer }),
      publishDate: day, writtenDate, documentNumber, genre: item.genre, issuingAuthority: issuer,
      subjectCategory: (categories.get(item.category ?? '') ?? categories.get(p.category) ?? categories.get('综合政务'))!.documentId,
      keywords: item.keywords ?? null, isNormative: item.normative ?? false, validity: item.validity ?? '有效',
      ...(interprets ? { interprets: interprets.documentId } : {}),
    });
    byTitle.set(title, created);
    if (item.normative && documentNumber && writtenDate) normative.push({ doc: created, planned: p, title, documentNumber, writtenDate, issuer });
  }
  // Items that must never reach the public (the review workflow refuses to publish them): internal-only,
  // on request, not disclosed, and a plain draft.
  for (const [org, nodes] of [[county, countyNodes], ...depts.map((d) => [d, deptNodes.get(d.documentId)!] as const)] as Array<[Doc, Map<string, Doc>]>) {
    const anyNode = nodeOf(nodes, 'GZDT')!;
    await createItem(org, anyNode, { title: `${org.name}内部财务收支情况通报`, publishDate: addDays(today, -160), scope: '仅对内', genre: '通报', internalNote: '仅限内部公开栏张贴' }, false);
    await createItem(org, anyNode, { title: `${org.name}信访事项办理情况`, publishDate: addDays(today, -150), disclosureMode: '依申请公开', exemptionReason: '涉及特定当事人，依申请公开' }, false);
    await createItem(org, anyNode, { title: `${org.name}干部考察材料`, publishDate: addDays(today, -140), disclosureMode: '不予公开', exemptionReason: '人事管理内部事务信息（条例第十六条）' }, false);
    await createItem(org, anyNode, { title: `${org.name}${yearOf(today) + 1}年工作要点（征求意见稿）`, publishDate: addDays(today, -2) }, false);
  }
  log(`政府信息 ${itemCount} 条（已发布 ${publishedCount} 条）`);

  // 法律法规与规范性文件: national and city law as published (fixed dates), the county's normative documents —
  // one record per normative item of the corpus, and their predecessors repealed or amended by the SAME issuer
  let lawCount = 0;
  const lawByKey = new Map<string, Doc>();
  const law = async (data: Record<string, any>) => {
    const created = await docs(U.law).create({ data });
    await publish(U.law, created.documentId);
    lawCount++;
    return created;
  };
  const orgByCode = new Map<string, Doc>([[COUNTY.code, county], ...depts.map((d) => [d.spec.code, d] as [string, Doc])]);
  for (const spec of DEMO_LAWS.filter((l) => l.fixed)) {
    const created = await law({ title: spec.title, level: spec.level, issuingAuthority: spec.issuer, documentNumber: spec.documentNumber, writtenDate: spec.fixed!.written, publishDate: spec.fixed!.published, effectiveDate: spec.fixed!.effective, summary: spec.summary, body: spec.body });
    lawByKey.set(spec.key, created);
  }
  for (const n of normative) {
    const name = issuedName(n.title) ?? n.title;
    const effective = n.planned.item.points.some((x) => x.includes('30日后施行')) ? addDays(n.planned.day, 30) : n.planned.day;
    const expiry = `${yearOf(effective) + 5}${effective.slice(4)}`;
    const created = await law({
      title: name, level: '行政规范性文件', issuingAuthority: n.issuer, documentNumber: n.documentNumber, organization: n.planned.org.documentId,
      writtenDate: n.writtenDate, publishDate: n.planned.day, effectiveDate: effective, expiryDate: expiry,
      // 评估清理: a year before the five-year validity ends; the demo's one warning is eighteen months after publication
      reviewByDate: n.planned.item.reviewOverdue ? addDays(today, -20) : addDays(expiry, -365),
      summary: resolveTokens(n.planned.item.summary, n.planned.day), body: bodyOf(n.planned.item, n.planned.docOrg, n.planned.day, { county: n.planned.county, issuer: n.issuer }),
    });
    lawByKey.set(name, created);
  }
  // the county's own older documents: repealed or amended later by a document of the same issuer, never by another
  for (const spec of DEMO_LAWS.filter((l) => !l.fixed)) {
    const org = orgByCode.get(spec.org!)!;
    const published = addDays(today, -spec.age!);
    const effective = addDays(published, spec.effectiveAfter ?? 0);
    const data: Record<string, any> = {
      title: spec.title, level: '行政规范性文件', issuingAuthority: spec.issuer, documentNumber: resolveTokens(spec.documentNumber!, published), organization: org.documentId,
      writtenDate: addDays(published, -3), publishDate: published, effectiveDate: effective,
      expiryDate: spec.validYears ? addDays(`${yearOf(effective) + spec.validYears}${effective.slice(4)}`, 0) : null,
      reviewByDate: spec.validYears && spec.validYears > 1 ? addDays(`${yearOf(effective) + spec.validYears - 1}${effective.slice(4)}`, 0) : null,
      summary: spec.summary, body: spec.body,
    };
    const created = await law(data);
    lawByKey.set(spec.key, created);
  }
  for (const spec of DEMO_LAWS.filter((l) => l.repealedBy || l.amendedBy)) {
    const self = lawByKey.get(spec.key)!;
    const byKey = (spec.repealedBy ?? spec.amendedBy)!;
    const by: any = await strapi.db.query(U.law).findOne({ where: { documentId: lawByKey.get(byKey)!.documentId, publishedAt: null }, populate: { organization: true } });
    const me: any = await strapi.db.query(U.law).findOne({ where: { documentId: self.documentId, publishedAt: null } });
    if (by.issuingAuthority !== me.issuingAuthority) throw new Error(`演示数据：“${me.title}”只能由同一发布机关的文件废止或修改（${by.title}）`);
    if (spec.repealedBy) {
      // the repealed document ceases on the day its successor takes effect: its 失效日期 never lies after its 废止日期
      const repealedDate = by.effectiveDate;
      const expiryDate = me.expiryDate && me.expiryDate < repealedDate ? me.expiryDate : repealedDate;
      await docs(U.law).update({ documentId: self.documentId, data: { repealedBy: by.documentId, repealedDate, expiryDate } });
    } else {
      await docs(U.law).update({ documentId: self.documentId, data: { amendedBy: by.documentId } });
    }
    await publish(U.law, self.documentId);
  }
  log(`法律法规与规范性文件 ${lawCount} 件`);

  // 依申请公开: every state of the legal clock, recorded through the clock's own service (src/requests/events.ts)
  // so the due dates, the statuses and the annual report's 表三 come from the same events
  const calendar = await getCalendar(strapi);
  const workingDaysAgo = (n: number) => {
    let day = calendar.addWorkingDays(today, -n);
    if (n === 0 && !calendar.isWorkingDay(today)) day = calendar.addWorkingDays(today, -1);
    return day;
  };
  const clerk = { lastname: '王', firstname: '丽（演示）' };
  const requestOrg = (code: string) => orgByCode.get(code)!;
  let requestCount = 0;
  for (const [i, q] of DEMO_REQUESTS.entries()) {
    const receivedDate = workingDaysAgo(q.receivedAgo);
    const org = requestOrg(q.org);
    const natural = q.category === '自然人';
    const created = await docs(U.request).create({
      data: {
        organization: org.documentId, receivedDate, submittedDate: q.channel === '邮寄' ? addDays(receivedDate, -2) : receivedDate, channel: q.channel,
        applicantCategory: q.category, applicantName: q.applicant,
        applicantPhone: `1${35 + (i % 5)}${String(57100000 + i * 7919).slice(0, 8)}`, applicantEmail: natural ? `applicant${i + 1}@example.com` : `zhengwu${i + 1}@example.com`,
        applicantAddress: q.address,
        ...(natural
          ? { applicantIdType: '居民身份证', applicantIdNumber: withIdCheck(`331002${1962 + ((i * 7) % 38)}${pad(1 + (i % 12))}${pad(1 + ((i * 3) % 28))}${String(101 + i * 13).slice(-3)}`) }
          : { applicantIdType: '统一社会信用代码', applicantIdNumber: withCreditCheck(`91331002MA2${String(i).padStart(2, '0')}QJXK`) }),
        requestedContent: resolveTokens(q.content, receivedDate), purpose: q.purpose ?? null, deliveryMethod: q.delivery ?? '电子邮件',
        events: [{ type: 'accepted', date: receivedDate }],
      },
    });
    for (const e of q.events) {
      const { at, ...body } = e;
      const date = workingDaysAgo(q.receivedAgo - at);
      const extra: Record<string, unknown> = {};
      if (body.type === 'extended') extra.applicantNotified = date;
      await addEvent(strapi, created.documentId, { ...body, ...extra, date }, clerk);
    }
    if (q.dispute) {
      const closedAt = workingDaysAgo(q.receivedAgo - q.events[q.events.length - 1].at);
      const filed = calendar.addWorkingDays(closedAt, q.dispute.filedAfter);
      const decided = calendar.addWorkingDays(filed, q.dispute.decidedAfter);
      await addDispute(strapi, created.documentId, { kind: 'review', filedDate: filed, result: q.dispute.result, decidedDate: decided, authority: q.dispute.authority, caseNo: resolveTokens(q.dispute.caseNo, filed) });
    }
    requestCount++;
  }
  log(`依申请公开 ${requestCount} 件`);

  // The county's annual report of last year, built by the statistics plugin's own builder (表二 from the laws,
  // 表三/表四 from the requests above, 一、总体情况 quoting them), as the 政务公开办 would save and publish it
  const lastYear = yearOf(today) - 1;
  const builder = strapi.plugin('statistics').service('annual-report') as any;
  await builder.save(county.documentId, lastYear, {
    figures: { 'licensing.decisions': 1320, 'penalty.decisions': 86, 'enforcement.decisions': 4, 'fees.feesWan': 12.5 },
    problems: '一是政策解读形式较为单一，图解、问答类解读占比不高；二是个别部门栏目更新不够及时。下一步将建立栏目更新台账，按月督促检查。',
    otherMatters: '本年度未收取信息处理费。',
  }, '演示数据');
  const report: any = await strapi.db.query(U.report).findOne({ where: { year: lastYear, organization: { documentId: county.documentId }, publishedAt: null } });
  await publish(U.report, report.documentId);
  log(`年度报告 1 份；用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
}

export type { DemoRequest };
