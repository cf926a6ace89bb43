import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi } from '../helpers/strapi';
import { adminApi, createAdminAndLogin } from '../helpers/admin';
import { makeNode, makeOrg } from '../helpers/fixtures';
import { publishDoc } from '../helpers/publish';

/**
 * A dataset built here with known answers: every inspection rule and every statistic asserted exactly.
 * "Today" is fixed to 2026-06-30 through the routes' `today` parameter.
 */
const ITEM = 'api::disclosure-item.disclosure-item';
const LAW = 'api::law.law';
const TODAY = '2026-06-30';

let strapi: Core.Strapi;
let api: ReturnType<typeof adminApi>;
let county: any;
let dept: any;
const nodes: Record<string, any> = {};
/** Documents approved for import and then published by the set-up (item() and law()): each is one stay in 待发布. */
let publishedInSetup = 0;

async function item(org: any, node: any, publishDate: string, data: Record<string, unknown> = {}) {
  const doc: any = await strapi.documents(ITEM).create({ data: { title: `${node.name} ${publishDate}`, organization: org.documentId, catalogueNodes: [node.documentId], publishDate, ...data } as any });
  await publishDoc(strapi, ITEM, doc.documentId);
  publishedInSetup++;
  return doc;
}
async function law(data: Record<string, unknown>) {
  const doc: any = await strapi.documents(LAW).create({ data: { organization: county.documentId, ...data } as any });
  await publishDoc(strapi, LAW, doc.documentId);
  publishedInSetup++;
  return doc;
}

beforeAll(async () => {
  strapi = await setupStrapi();
  api = adminApi(strapi, (await createAdminAndLogin(strapi)).token);
  county = await makeOrg(strapi, { name: '统计县人民政府', level: '县' });
  dept = await makeOrg(strapi, { name: '统计县财政局', level: '部门', parent: county.documentId });
  const node = (key: string, data: Record<string, unknown>) => makeNode(strapi, county.documentId, { name: key, code: key, ...data }).then((n) => (nodes[key] = n));
  await node('news-stale', { kind: '动态要闻类', cadence: '每周' });
  await node('news-fresh', { kind: '动态要闻类', cadence: '每周' });
  await node('notice-old', { kind: '通知公告类', cadence: '每两周' });
  await node('policy-old', { kind: '政策文件类', cadence: '不定期' });
  await node('monthly', { kind: '重点领域类', cadence: '每月' });
  await node('parent', { kind: '其他', cadence: '不定期' });
  await node('child', { kind: '其他', cadence: '不定期', parent: nodes.parent.documentId });
  await node('hidden-empty', { kind: '其他', cadence: '不定期', isPublic: false });
  for (const i of [1, 2, 3, 4, 5]) await node(`empty-${i}`, { kind: '其他', cadence: '不定期' });
  const deptNews = await makeNode(strapi, dept.documentId, { name: 'dept-news', code: 'dept-news', kind: '动态要闻类', cadence: '每周' });

  await item(county, nodes['news-stale'], '2026-06-10'); // 20 days before today
  await item(county, nodes['news-stale'], '2026-05-02');
  await item(county, nodes['news-fresh'], '2026-06-27', { body: '' });
  await item(county, nodes['notice-old'], '2025-11-29', { genre: '通知' }); // 7 months
  await item(county, nodes['policy-old'], '2025-12-12', { genre: '意见' }); // 200 days
  await item(county, nodes.monthly, '2026-04-16'); // 75 days
  await item(county, nodes.child, '2026-03-01');
  await item(dept, deptNews, '2026-06-25');
  await item(dept, deptNews, '2026-06-26');
  // an unpublished draft never counts
  await strapi.documents(ITEM).create({ data: { title: '草稿', organization: county.documentId, catalogueNodes: [nodes['empty-1'].documentId], publishDate: '2026-06-29' } as any });

  // laws for 表二 (2025)
  await law({ title: '规范性文件甲', level: '行政规范性文件', publishDate: '2025-03-01', effectiveDate: '2025-04-01' });
  await law({ title: '规范性文件乙', level: '行政规范性文件', publishDate: '2020-01-01', effectiveDate: '2020-01-01', repealedDate: '2025-06-01' });
  await law({ title: '规范性文件丙', level: '行政规范性文件', publishDate: '2019-01-01', effectiveDate: '2019-01-01', reviewByDate: '2026-01-01' });
  await law({ title: '政府规章丁', level: '地方政府规章', publishDate: '2025-08-01', effectiveDate: '2025-09-01' });
  await law({ title: '已到期仍标有效', level: '行政规范性文件', publishDate: '2018-01-01', effectiveDate: '2018-01-01', expiryDate: '2026-01-01' });
  // the stored status is derived at save time (有效 before its expiry passes); simulate a stale flag as the daily job would find it
  await strapi.db.connection('laws').where({ title: '已到期仍标有效' }).update({ law_status: '有效' });
});
afterAll(teardownStrapi);

describe('inspection rules', () => {
  let result: any;
  beforeAll(async () => {
    const res = await api.get(`/statistics/inspection?org=${county.documentId}&today=${TODAY}`);
    expect(res.status).toBe(200);
    result = res.body;
  });
  const rule = (key: string) => result.failing.find((r: any) => r.rule === key) ?? { count: 0, entries: [] };

  it('动态要闻类 not updated within 2 weeks', () => {
    expect(rule('newsStale').entries.map((e: any) => e.code)).toEqual(['news-stale']);
    expect(rule('newsStale').entries[0]).toMatchObject({ lastUpdate: '2026-06-10', failingSince: '2026-06-25', failingDays: 6, organization: { name: '统计县人民政府' } });
  });
  it('通知公告/政策文件类 not updated within 6 months, combined threshold not reached', () => {
    expect(rule('noticePolicyStale').entries.map((e: any) => e.code).sort()).toEqual(['notice-old', 'policy-old']);
    expect(rule('newsStale').veto).toBe(false);
  });
  it('long stale against each node\'s own cadence', () => {
    expect(rule('longStale').entries.map((e: any) => e.code).sort()).toEqual(['monthly', 'news-stale', 'notice-old']);
    const monthly = rule('longStale').entries.find((e: any) => e.code === 'monthly');
    expect(monthly).toMatchObject({ lastUpdate: '2026-04-16', failingSince: '2026-06-17' });
  });
  it('空白栏目: published leaf nodes without items, ≥5 fails the site', () => {
    expect(rule('emptyColumns').entries.map((e: any) => e.code).sort()).toEqual(['empty-1', 'empty-2', 'empty-3', 'empty-4', 'empty-5']);
    expect(rule('emptyColumns').veto).toBe(true);
    expect(result.singleVeto).toBe(true);
  });
  it('the home page rule passes (published 3 days ago) and fails 2 weeks later', async () => {
    expect(result.passing).toContain('homePage');
    const later = await api.get(`/statistics/inspection?org=${county.documentId}&today=2026-07-20`);
    expect(later.body.failing.find((r: any) => r.rule === 'homePage')).toMatchObject({ count: 1, veto: true });
  });
  it('laws past review-by and documents still 有效 after 失效日期', () => {
    expect(rule('lawsReviewDue').entries.map((e: any) => e.name)).toEqual(['规范性文件丙']);
    expect(rule('expiredStillValid').entries.map((e: any) => e.name)).toEqual(['已到期仍标有效']);
  });
  it('scopes to an organisation and its units', async () => {
    const deptOnly = await api.get(`/statistics/inspection?org=${dept.documentId}&today=${TODAY}`);
    expect(deptOnly.body.failing.flatMap((r: any) => r.entries.map((e: any) => e.code))).toEqual([]);
    expect(deptOnly.body.singleVeto).toBe(false);
  });
  it('bad parameters are 400 with a Chinese message, unknown organisations 404', async () => {
    const bad = await api.get(`/statistics/inspection?today=2026-13-01`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('today');
    expect((await api.get('/statistics/inspection?foo=1')).body.error.message).toContain('未知参数');
    expect((await api.get('/statistics/inspection?org=nope')).status).toBe(404);
  });
  it('runs daily once across nodes and keeps the result', async () => {
    const runs = strapi.plugin('statistics').service('runs');
    const [a, b] = await Promise.all([runs.runDaily('2030-01-01'), runs.runDaily('2030-01-01')]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect(await runs.count('2030-01-01')).toBe(1);
    const latest = await api.get('/statistics/inspection/latest');
    expect(latest.body.runDate).toBe('2030-01-01');
  });
});

describe('summary statistics', () => {
  it('counts published items by period, organisation, node, genre; 全文电子化率; laws; review', async () => {
    const res = await api.get(`/statistics/summary?org=${county.documentId}&from=2026-01-01&to=2026-06-30`);
    expect(res.status).toBe(200);
    const s = res.body;
    expect(s.items.published).toBe(7);
    expect(s.items.byPeriod).toEqual([
      { period: '2026-03', count: 1 }, { period: '2026-04', count: 1 }, { period: '2026-05', count: 1 }, { period: '2026-06', count: 4 },
    ]);
    expect(s.items.byOrganization).toEqual([
      { documentId: county.documentId, name: '统计县人民政府', count: 5 }, { documentId: dept.documentId, name: '统计县财政局', count: 2 },
    ]);
    expect(s.items.byNode.find((n: any) => n.code === 'news-stale').count).toBe(2);
    expect(s.items.fullText).toBe(0);
    const quarter = await api.get(`/statistics/summary?org=${county.documentId}&from=2025-01-01&to=2026-06-30&granularity=quarter`);
    expect(quarter.body.items.byPeriod).toEqual([{ period: '2025-Q4', count: 2 }, { period: '2026-Q1', count: 1 }, { period: '2026-Q2', count: 6 }]);
    expect(quarter.body.items.byGenre).toEqual(expect.arrayContaining([{ name: '通知', count: 1 }, { name: '意见', count: 1 }]));
    const deptOnly = await api.get(`/statistics/summary?org=${dept.documentId}&from=2026-01-01&to=2026-06-30`);
    expect(deptOnly.body.items.published).toBe(2);
    const laws = (await api.get(`/statistics/summary?org=${county.documentId}&from=2025-01-01&to=2025-12-31`)).body.laws;
    expect(laws).toEqual(expect.arrayContaining([
      { level: '行政规范性文件', issued: 1, repealed: 1, inForce: 3 },
      { level: '地方政府规章', issued: 1, repealed: 0, inForce: 1 },
    ]));
  });

  it('review throughput from the audit trail (median/p90 per stage, rejection rate)', async () => {
    const res = await api.get(`/statistics/summary?from=2000-01-01&to=2100-12-31`);
    expect(res.body.review.submitted).toBe(0);
    // import approvals count as time in 待发布 until publish: one stay per document the set-up published (9 items, 5 laws),
    // and no other stage was entered
    expect(publishedInSetup).toBe(14);
    expect(res.body.review.stages).toEqual([expect.objectContaining({ stage: 'readyToPublish', count: publishedInSetup })]);
  });

  it('review throughput on a known trail: per-stage median/p90 (nearest rank), rejection rate, organisation and date filters', async () => {
    const ofOrg = async (org: any) => (await strapi.db.query(ITEM).findOne({ where: { organization: { documentId: org.documentId }, publishedAt: { $notNull: true } } })).documentId;
    const d1 = await ofOrg(dept);
    const c1 = await ofOrg(county);
    const trail: Array<[string, string, string, string]> = [
      // [document, time (+08:00), action, to stage]; each entry records the document's organisation
      [d1, '2031-03-02T09:00', 'submit', 'deptReview'],
      [d1, '2031-03-02T11:00', 'approve', 'secrecyReview'], // 部门初审 2 h
      [d1, '2031-03-02T14:00', 'reject', 'draft'], // 保密审查 3 h
      [d1, '2031-03-03T09:00', 'submit', 'deptReview'], // time in 拟稿 is not review time
      [d1, '2031-03-03T13:00', 'approve', 'secrecyReview'], // 部门初审 4 h
      [d1, '2031-03-03T14:00', 'approve', 'leaderSignoff'], // 保密审查 1 h; 领导签发 still open
      [c1, '2031-03-05T09:00', 'submit', 'deptReview'],
      [c1, '2031-03-05T15:00', 'approve', 'secrecyReview'], // 部门初审 6 h
    ];
    for (const [doc, at, action, toStage] of trail) {
      const organizationId = doc === d1 ? dept.id : county.id;
      await strapi.db.query('plugin::review-workflow.audit-entry').create({ data: { targetUid: ITEM, targetDocumentId: doc, action, toStage, at: new Date(`${at}:00+08:00`), organizationId } });
    }
    const review = async (query: string) => (await api.get(`/statistics/summary?${query}`)).body.review;
    expect(await review(`org=${dept.documentId}&from=2031-01-01&to=2031-12-31`)).toEqual({
      stages: [{ stage: 'deptReview', count: 2, medianHours: 2, p90Hours: 4 }, { stage: 'secrecyReview', count: 2, medianHours: 1, p90Hours: 3 }],
      submitted: 2, rejected: 1, rejectionRate: 50,
    });
    // the county includes its department
    expect(await review(`org=${county.documentId}&from=2031-01-01&to=2031-12-31`)).toEqual({
      stages: [{ stage: 'deptReview', count: 3, medianHours: 4, p90Hours: 6 }, { stage: 'secrecyReview', count: 2, medianHours: 1, p90Hours: 3 }],
      submitted: 3, rejected: 1, rejectionRate: 33.3,
    });
    expect(await review(`org=${county.documentId}&includeDescendants=false&from=2031-01-01&to=2031-12-31`)).toEqual({
      stages: [{ stage: 'deptReview', count: 1, medianHours: 6, p90Hours: 6 }], submitted: 1, rejected: 0, rejectionRate: 0,
    });
    // a stage entered before `from` is not counted; one entered on the last day counts with its later exit
    expect(await review(`org=${dept.documentId}&from=2031-03-03&to=2031-03-03`)).toEqual({
      stages: [{ stage: 'deptReview', count: 1, medianHours: 4, p90Hours: 4 }, { stage: 'secrecyReview', count: 1, medianHours: 1, p90Hours: 1 }],
      submitted: 1, rejected: 0, rejectionRate: 0,
    });
    expect(await review(`org=${dept.documentId}&from=2031-03-02&to=2031-03-02`)).toEqual({
      stages: [{ stage: 'deptReview', count: 1, medianHours: 2, p90Hours: 2 }, { stage: 'secrecyReview', count: 1, medianHours: 3, p90Hours: 3 }],
      submitted: 1, rejected: 1, rejectionRate: 100,
    });
  });

  it('audit entries written by the workflow and by publishing record the document\'s organisation', async () => {
    const doc = await strapi.db.query(ITEM).findOne({ where: { organization: { documentId: dept.documentId }, publishedAt: { $notNull: true } } });
    const entries: any[] = await strapi.db.query('plugin::review-workflow.audit-entry').findMany({ where: { targetDocumentId: doc.documentId, at: { $lt: new Date('2030-01-01') } } });
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.organizationId === dept.id)).toBe(true);
  });

  it('the daily roll-ups follow publish, unpublish and delete at once, and equal a full rebuild', async () => {
    const deptNews: any = await strapi.db.query('api::catalogue-node.catalogue-node').findOne({ where: { code: 'dept-news' } });
    const q = `/statistics/summary?org=${dept.documentId}&from=2032-01-01&to=2032-12-31`;
    const items = async () => (await api.get(q)).body.items;
    expect((await items()).published).toBe(0);
    const doc = await item(dept, deptNews, '2032-05-01', { body: '全文', genre: '公告' });
    expect(await items()).toMatchObject({ published: 1, fullText: 1, fullTextRate: 100, byPeriod: [{ period: '2032-05', count: 1 }], byGenre: [{ name: '公告', count: 1 }], byNode: [{ code: 'dept-news', count: 1 }] });
    await strapi.plugin('review-workflow').service('workflow').unpublish(ITEM, doc.documentId, { id: null, name: '测试', roles: [] }, '测试撤稿');
    expect((await items()).published).toBe(0);
    await publishDoc(strapi, ITEM, doc.documentId);
    expect((await items()).published).toBe(1);
    await strapi.documents(ITEM).delete({ documentId: doc.documentId });
    expect(await items()).toMatchObject({ published: 0, byNode: [] });

    const dump = async () => ({
      daily: await strapi.db.connection('item_daily_stats').select('*').orderBy(['organization_id', 'publish_date', 'genre', 'subject', 'fulltext']),
      nodes: await strapi.db.connection('item_node_daily_stats').select('*').orderBy(['organization_id', 'publish_date', 'node_id']),
    });
    const incremental = await dump();
    expect(incremental.daily.length).toBeGreaterThan(0);
    await strapi.plugin('statistics').service('item-stats').refresh();
    expect(await dump()).toEqual(incremental);
  });

  it('exports XLSX and CSV, and refuses bad dates', async () => {
    const bin = (r: any) => r.buffer(true).parse((res: any, cb: any) => { const c: Buffer[] = []; res.on('data', (x: Buffer) => c.push(x)); res.on('end', () => cb(null, Buffer.concat(c))); });
    const x = await bin(api.get(`/statistics/summary?org=${county.documentId}&from=2026-01-01&to=2026-06-30&format=xlsx`));
    expect(x.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body);
    expect(wb.getWorksheet('按机构')!.getRow(2).values).toEqual([undefined, '统计县人民政府', 5]);
    const csv = await api.get(`/statistics/summary?org=${county.documentId}&from=2026-01-01&to=2026-06-30&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('主动公开条数,7');
    const bad = await api.get('/statistics/summary?from=2026-02-30&to=2026-03-01');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['from']);
    expect((await api.get('/statistics/summary?from=2026-03-01&to=2026-02-01')).status).toBe(400);
  });
});

describe('annual report builder', () => {
  it('fills 表二 from the laws data and the entered figures, keeps adjustments, validates', async () => {
    const res = await api.get(`/statistics/annual-report/${county.documentId}/2025`);
    expect(res.status).toBe(200);
    expect(res.body.tables.table2.regulations).toEqual({ issued: 1, repealed: 0, inForce: 1 });
    expect(res.body.tables.table2.normativeDocuments).toEqual({ issued: 1, repealed: 1, inForce: 3 });
    expect(res.body.valid).toBe(true);
    expect(res.body.overview).toContain('本年制发规章1件、行政规范性文件1件');

    const bad = await api.put(`/statistics/annual-report/${county.documentId}/2025`, { adjustments: [{ table: 'table3', row: 'disclosed', column: 'natural', value: 3, reason: '补录纸质申请' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/规则/);
    expect(await strapi.db.query('api::annual-report.annual-report').count({ where: { year: 2025 } })).toBe(0);

    const noReason = await api.put(`/statistics/annual-report/${county.documentId}/2025`, { adjustments: [{ table: 'table2', row: 'regulations', column: 'issued', value: 2, reason: '' }] });
    expect(noReason.status).toBe(400);

    const saved = await api.put(`/statistics/annual-report/${county.documentId}/2025`, {
      figures: { 'licensing.decisions': 1320, 'penalty.decisions': 86, 'enforcement.decisions': 4, 'fees.feesWan': 12.5 },
      adjustments: [{ table: 'table2', row: 'regulations', column: 'issued', value: 2, reason: '补录一件纸质印发的规章' }],
      problems: '政策解读形式较为单一。', otherMatters: '本年度未收取信息处理费。',
    });
    expect(saved.status).toBe(200);
    expect(saved.body.tables.table2.licensing.decisions).toBe(1320);
    expect(saved.body.tables.table2.regulations.issued).toBe(2);
    expect(saved.body.computed.table2.regulations.issued).toBe(1);
    expect(saved.body.adjustments[0]).toMatchObject({ table: 'table2', row: 'regulations', column: 'issued', computed: 1, value: 2, reason: '补录一件纸质印发的规章' });
    expect(saved.body.adjustments[0].by).toBeTruthy();
    const stored: any = await strapi.db.query('api::annual-report.annual-report').findOne({ where: { year: 2025 } });
    expect(stored.table2.fees.feesWan).toBe(12.5);
  });

  it('renders HTML with the merged-cell layout, a .docx that reads back as Word with the tables, and an .xlsx', async () => {
    const html = await api.get(`/statistics/annual-report/${county.documentId}/2025/html`);
    expect(html.status).toBe(200);
    expect(html.text).toContain('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect(html.text).toMatch(/colspan="5"[^>]*>法人或其他组织/);
    expect(html.text).toMatch(/rowspan="22"/);
    const bin = (r: any) => r.buffer(true).parse((res: any, cb: any) => { const c: Buffer[] = []; res.on('data', (x: Buffer) => c.push(x)); res.on('end', () => cb(null, Buffer.concat(c))); });
    const d = await bin(api.get(`/statistics/annual-report/${county.documentId}/2025/docx`));
    expect(d.status).toBe(200);
    const zip = await JSZip.loadAsync(d.body);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect((xml.match(/<w:tbl>/g) ?? []).length).toBe(3);
    expect(xml).toContain('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect(xml).toContain('<w:vMerge w:val="restart"/>');
    expect(xml).toMatch(/<w:gridSpan w:val="7"\/>/);
    expect(xml).toContain('一、总体情况');
    expect(xml).toContain('1320');
    const x = await bin(api.get(`/statistics/annual-report/${county.documentId}/2025/xlsx`));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body);
    const t3 = wb.getWorksheet('表三')!;
    expect(t3.getCell('A2').value).toBe('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect((t3 as any).model.merges).toEqual(expect.arrayContaining(['A2:C4', 'D2:J2', 'A7:A28']));
  });

  it('bad year or format is 400, unknown organisation 404', async () => {
    expect((await api.get(`/statistics/annual-report/${county.documentId}/20x5`)).status).toBe(400);
    expect((await api.get(`/statistics/annual-report/${county.documentId}/2025/pdf`)).status).toBe(400);
    expect((await api.get(`/statistics/annual-report/nope/2025`)).status).toBe(404);
  });
});
