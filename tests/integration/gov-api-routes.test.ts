/**
 * gov-api: every route of /api/gov/v1 on real data — filters, cursor and page pagination (stable while
 * publishing), sparse fields, details, laws, annual reports, search ranking and highlighting, feeds —
 * and every response validated against the OpenAPI document the server publishes.
 */
import type { Core } from '@strapi/strapi';
import { XMLParser } from 'fast-xml-parser';
import { setupStrapi, teardownStrapi } from '../helpers/strapi';
import { makeOrg, orgCode } from '../helpers/fixtures';
import { emptyTables, computeTotals } from '../../src/domain/annual-report-2021';
import { OpenApiChecker, UIDS, docs, get, publish, relax, uniq, unpublish } from '../../plugins/gov-api/server/src/__tests__/support';

let strapi: Core.Strapi;
let checker: OpenApiChecker;

/** GET, check against the OpenAPI document, return the response. */
async function call(path: string, headers: Record<string, string> = {}) {
  const res = await get(strapi, path, headers);
  checker.check(res, `/api/gov/v1${path}`);
  return res;
}

const D: Record<string, any> = {};

async function item(data: Record<string, unknown>, opts: { publish?: boolean } = {}) {
  const created = await docs(strapi, UIDS.item).create({ data: { genre: '其他', ...data } });
  if (opts.publish !== false) await publish(strapi, UIDS.item, created.documentId);
  return created;
}

beforeAll(async () => {
  strapi = await setupStrapi();
  relax(strapi);
  const doc = (await get(strapi, '/openapi.json')).body;
  checker = new OpenApiChecker(doc);

  const code = orgCode();
  D.org = await makeOrg(strapi, { name: '青山县人民政府', code, shortName: '青山县政府' });
  D.orgB = await makeOrg(strapi, { name: '白水县人民政府', code: orgCode() });
  D.catTop = await docs(strapi, UIDS.category).create({ data: { name: '综合政务', code: uniq('C') } });
  D.catChild = await docs(strapi, UIDS.category).create({ data: { name: '政务公开', code: uniq('C'), parent: D.catTop.documentId } });
  const node = (data: Record<string, unknown>, org = D.org) =>
    docs(strapi, UIDS.node).create({ data: { kind: '动态要闻类', cadence: '每周', organization: org.documentId, ...data } });
  D.root = await node({ name: '法定主动公开内容', code: uniq('R'), sortOrder: 1, kind: '其他', cadence: '常年' });
  D.news = await node({ name: '工作动态', code: uniq('N'), parent: D.root.documentId, sortOrder: 1 });
  D.newsSub = await node({ name: '部门动态', code: uniq('NS'), parent: D.news.documentId, sortOrder: 1, cadence: '每月' });
  D.notices = await node({ name: '通知公告', code: uniq('TZ'), parent: D.root.documentId, sortOrder: 2, kind: '通知公告类' });
  D.hidden = await node({ name: '内部栏目', code: uniq('H'), isPublic: false, sortOrder: 3 });
  D.hiddenChild = await node({ name: '内部子栏目', code: uniq('HC'), parent: D.hidden.documentId });
  D.nodeB = await node({ name: '白水动态', code: uniq('B') }, D.orgB);

  const file = await strapi.db.query('plugin::upload.file' as any).create({
    data: { name: '实施方案.pdf', url: '/uploads/shishi_fangan.pdf', mime: 'application/pdf', ext: '.pdf', size: 12.5, hash: uniq('h'), provider: 'local' },
  });
  D.policy = await item({
    title: '关于做好2025年政务公开工作的通知', organization: D.org.documentId, publishDate: '2025-03-01', writtenDate: '2025-02-27', genre: '通知',
    documentNumber: '青政办发〔2025〕3号', issuingAuthority: '青山县人民政府办公室', subjectCategory: D.catChild.documentId,
    catalogueNodes: [D.news.documentId], keywords: ['政务公开', '通知'], summary: '部署2025年政务公开重点工作。',
    body: '# 总体要求\n\n全面推进**财政预算**信息公开，提升政务服务水平。', isNormative: true, attachments: [file.id],
  });
  D.older = await item({
    title: '县教育局开展春季招生工作', organization: D.org.documentId, publishDate: '2024-06-01', genre: '公告', validity: '失效',
    catalogueNodes: [D.newsSub.documentId], summary: '春季招生安排。', body: '招生工作按计划进行。',
  });
  D.reading = await item({
    title: '《关于做好2025年政务公开工作的通知》政策解读', organization: D.org.documentId, publishDate: '2025-03-05',
    catalogueNodes: [D.notices.documentId], interprets: D.policy.documentId, summary: '解读政务公开重点。', body: '本文解读通知要点，其中提到财政预算。',
  });
  D.otherOrg = await item({ title: '白水县防汛工作通知', organization: D.orgB.documentId, publishDate: '2025-07-01', genre: '通知', catalogueNodes: [D.nodeB.documentId], body: '防汛备汛。' });
  D.inHidden = await item({ title: '放在内部栏目的公开信息', organization: D.org.documentId, publishDate: '2025-02-01', catalogueNodes: [D.hiddenChild.documentId] });
  D.noDate = await item({ title: '未填发布日期的公开信息', organization: D.org.documentId, catalogueNodes: [D.notices.documentId] });
  D.page = [];
  for (let i = 0; i < 24; i++) {
    // several on the same day, to exercise the documentId tie-breaker
    const day = `2023-${String(1 + (i % 6)).padStart(2, '0')}-${i % 4 === 0 ? '10' : '15'}`;
    D.page.push(await item({ title: `通知公告第${i + 1}号`, organization: D.org.documentId, publishDate: day, genre: '通知', catalogueNodes: [D.notices.documentId] }));
  }
  D.draftOnly = await item({ title: '仍在拟稿的通知', organization: D.org.documentId, publishDate: '2025-08-01', catalogueNodes: [D.notices.documentId] }, { publish: false });

  const law = async (data: Record<string, unknown>) => {
    const created = await docs(strapi, UIDS.law).create({ data: { organization: D.org.documentId, ...data } });
    await publish(strapi, UIDS.law, created.documentId);
    return created;
  };
  D.lawNew = await law({ title: '青山县政府信息公开办法（2024年修订）', level: '行政规范性文件', effectiveDate: '2024-01-01', publishDate: '2023-12-20', documentNumber: '青政发〔2023〕9号', summary: '政府信息公开办法', body: '第一条 为了保障公民依法获取政府信息。' });
  D.lawOld = await law({ title: '青山县政府信息公开办法', level: '行政规范性文件', effectiveDate: '2015-01-01', repealedDate: '2024-01-01', repealedBy: D.lawNew.documentId, publishDate: '2014-12-01' });
  D.lawFuture = await law({ title: '青山县数据开放管理规定', level: '地方政府规章', effectiveDate: '2099-01-01', publishDate: '2025-10-01' });

  const tables = computeTotals(emptyTables());
  tables.table2.regulations.issued = 2;
  tables.table2.regulations.inForce = 2;
  const report = await docs(strapi, UIDS.report).create({
    data: { organization: D.org.documentId, year: 2024, overview: '2024年，青山县扎实推进政务公开。', problems: '公开质量有待提高。', otherMatters: '本年度未收取信息处理费。', ...tables },
  });
  await publish(strapi, UIDS.report, report.documentId);
  D.report = report;
  const draftReport = await docs(strapi, UIDS.report).create({ data: { organization: D.org.documentId, year: 2025 } });
  D.draftReport = draftReport;
}, 180000);
afterAll(teardownStrapi);

describe('GET /catalogue', () => {
  it('returns the public tree of an organisation with own and subtree counts and last publish dates', async () => {
    const res = await call(`/catalogue?org=${D.org.documentId}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(1);
    const tree = res.body.data[0];
    expect(tree.organization).toMatchObject({ id: D.org.documentId, name: '青山县人民政府', shortName: '青山县政府' });
    expect(tree.nodes.map((n: any) => n.code)).toEqual([D.root.code]); // the non-public root is absent
    const root = tree.nodes[0];
    expect(root.children.map((n: any) => n.name)).toEqual(['工作动态', '通知公告']);
    const [news, notices] = root.children;
    expect(news).toMatchObject({ itemCount: 1, totalItemCount: 2, lastPublishDate: '2025-03-01', kind: '动态要闻类', cadence: '每周' });
    expect(news.children[0]).toMatchObject({ name: '部门动态', itemCount: 1, totalItemCount: 1, lastPublishDate: '2024-06-01', cadence: '每月' });
    expect(notices).toMatchObject({ itemCount: 26, totalItemCount: 26, lastPublishDate: '2025-03-05' }); // draft not counted
    expect(root).toMatchObject({ itemCount: 0, totalItemCount: 28 });
    expect(JSON.stringify(res.body)).not.toContain('内部栏目');
  });

  it('without org lists every organisation; org accepts the organisation code', async () => {
    const all = await call('/catalogue');
    const names = all.body.data.map((t: any) => t.organization.name);
    expect(names).toEqual(expect.arrayContaining(['青山县人民政府', '白水县人民政府']));
    const org = await strapi.db.query(UIDS.org as any).findOne({ where: { documentId: D.org.documentId } });
    const byCode = await call(`/catalogue?org=${encodeURIComponent(org.code)}`);
    expect(byCode.body.data[0].organization.code).toBe(org.code);
    const unknown = await call('/catalogue?org=NOPE');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('机构“NOPE”不存在');
  });
});

describe('GET /items', () => {
  const ids = (res: any) => res.body.data.map((d: any) => d.id);

  it('lists public items newest first with metadata and summary, never the body', async () => {
    const res = await call('/items?limit=3');
    expect(res.status).toBe(200);
    expect(res.body.data[0]).toMatchObject({ id: D.otherOrg.documentId, publishDate: '2025-07-01' });
    expect(ids(res)).toEqual([D.otherOrg.documentId, D.reading.documentId, D.policy.documentId]);
    const policy = res.body.data[2];
    expect(policy).toEqual({
      id: D.policy.documentId, indexNo: D.policy.indexNo, title: '关于做好2025年政务公开工作的通知', slug: D.policy.slug,
      organization: { id: D.org.documentId, code: expect.any(String), name: '青山县人民政府', shortName: '青山县政府' },
      issuingAuthority: '青山县人民政府办公室', documentNumber: '青政办发〔2025〕3号', writtenDate: '2025-02-27', publishDate: '2025-03-01',
      subjectCategory: { id: D.catChild.documentId, code: D.catChild.code, name: '政务公开', path: '综合政务\\政务公开' },
      genre: '通知', validity: '有效', isNormative: true, expiryDate: null, keywords: ['政务公开', '通知'], summary: '部署2025年政务公开重点工作。',
    });
    expect(res.body.meta.pagination).toMatchObject({ limit: 3, total: 30, page: null, pageCount: 10, nextCursor: expect.any(String) });
  });

  it('filters by node (with descendants), org, year, category (with children), genre, from/to, validity and q', async () => {
    expect(ids(await call(`/items?node=${D.news.code}`)).sort()).toEqual([D.policy.documentId, D.older.documentId].sort());
    expect(ids(await call(`/items?node=${D.newsSub.documentId}`))).toEqual([D.older.documentId]);
    expect(ids(await call(`/items?org=${D.orgB.documentId}`))).toEqual([D.otherOrg.documentId]);
    expect((await call(`/items?year=2024&org=${D.org.documentId}`)).body.data.map((d: any) => d.title)).toEqual(['县教育局开展春季招生工作']);
    expect(ids(await call(`/items?category=${D.catTop.code}`))).toEqual([D.policy.documentId]);
    expect(ids(await call(`/items?category=${encodeURIComponent('综合政务\\政务公开')}`))).toEqual([D.policy.documentId]);
    expect(ids(await call(`/items?genre=${encodeURIComponent('公告')}`))).toEqual([D.older.documentId]);
    expect(ids(await call('/items?from=2025-03-01&to=2025-03-05'))).toEqual([D.reading.documentId, D.policy.documentId]);
    expect(ids(await call(`/items?validity=${encodeURIComponent('失效')}`))).toEqual([D.older.documentId]);
    expect(ids(await call(`/items?q=${encodeURIComponent('财政预算')}`))).toEqual([D.reading.documentId, D.policy.documentId]);
    expect(ids(await call(`/items?q=${encodeURIComponent('预算')}&node=${D.news.code}`))).toEqual([D.policy.documentId]);
    // items of a non-public node are still public items (visibility is per item), but the node is not a filter
    expect((await call(`/items?node=${D.hidden.code}`)).status).toBe(400);
  });

  it('supports ascending order, sparse fields and pages', async () => {
    const asc = await call(`/items?sort=publishDate:asc&node=${D.notices.code}&limit=2`);
    expect(asc.body.data[0].id).toBe(D.noDate.documentId); // no date: first ascending, last descending
    const sparse = await call('/items?fields=title,publishDate&limit=2');
    expect(Object.keys(sparse.body.data[0])).toEqual(['id', 'title', 'publishDate']);
    const p1 = await call(`/items?node=${D.notices.code}&page=1&limit=10`);
    const p3 = await call(`/items?node=${D.notices.code}&page=3&limit=10`);
    expect(p1.body.meta.pagination).toMatchObject({ page: 1, pageCount: 3, total: 26, nextCursor: null });
    expect(p3.body.data).toHaveLength(6);
    expect(p3.body.data[5].id).toBe(D.noDate.documentId);
  });

  it('walks every entry exactly once with cursors, in the same order as pages', async () => {
    const viaPages: string[] = [];
    for (let page = 1; page <= 4; page++) viaPages.push(...ids(await call(`/items?node=${D.notices.code}&page=${page}&limit=7`)));
    const viaCursor: string[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await call(`/items?node=${D.notices.code}&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      viaCursor.push(...ids(res));
      cursor = res.body.meta.pagination.nextCursor;
    } while (cursor);
    expect(viaCursor).toEqual(viaPages);
    expect(new Set(viaCursor).size).toBe(26);
  });

  it('keeps the cursor stable while items are published and unpublished', async () => {
    const first = await call(`/items?node=${D.notices.code}&limit=5`);
    const seen: string[] = ids(first);
    // meanwhile: a newer item, one in the middle of the remaining range, one unpublished from the next page
    const newer = await item({ title: '最新通知', organization: D.org.documentId, publishDate: '2026-01-01', catalogueNodes: [D.notices.documentId] });
    const middle = await item({ title: '补录的通知', organization: D.org.documentId, publishDate: '2023-03-12', catalogueNodes: [D.notices.documentId] });
    const firstPage2 = (await call(`/items?node=${D.notices.code}&limit=5&cursor=${encodeURIComponent(first.body.meta.pagination.nextCursor)}`)).body.data[0].id;
    await unpublish(strapi, UIDS.item, firstPage2);
    let cursor: string | null = first.body.meta.pagination.nextCursor;
    while (cursor) {
      const res: any = await call(`/items?node=${D.notices.code}&limit=5&cursor=${encodeURIComponent(cursor)}`);
      seen.push(...ids(res));
      cursor = res.body.meta.pagination.nextCursor;
    }
    expect(new Set(seen).size).toBe(seen.length); // nothing twice
    expect(seen).not.toContain(newer.documentId); // sorts before the cursor: not in this walk
    expect(seen).toContain(middle.documentId); // sorts after it: picked up
    expect(seen).not.toContain(firstPage2);
    const expected = [...D.page.map((d: any) => d.documentId), D.reading.documentId, D.noDate.documentId, middle.documentId].filter((id) => id !== firstPage2);
    expect(seen.sort()).toEqual(expected.sort());
    // restore
    await publish(strapi, UIDS.item, firstPage2);
    await docs(strapi, UIDS.item).delete({ documentId: newer.documentId });
    await docs(strapi, UIDS.item).delete({ documentId: middle.documentId });
  });
});

describe('GET /items/:id', () => {
  it('returns the full record by documentId and by URL-encoded 索引号', async () => {
    const res = await call(`/items/${D.policy.documentId}`);
    expect(res.status).toBe(200);
    const d = res.body.data;
    expect(d).toMatchObject({
      id: D.policy.documentId, indexNo: D.policy.indexNo, disclosureMode: '主动公开', bodyFormat: 'markdown',
      body: expect.stringContaining('财政预算'), publishedAt: expect.any(String),
      attachments: [{ name: '实施方案.pdf', url: '/uploads/shishi_fangan.pdf', mime: 'application/pdf', ext: '.pdf', size: 12.5 }],
      cataloguePaths: [[{ id: D.root.documentId, code: D.root.code, name: '法定主动公开内容' }, { id: D.news.documentId, code: D.news.code, name: '工作动态' }]],
      interprets: null,
      interpretations: [{ id: D.reading.documentId, indexNo: D.reading.indexNo, title: D.reading.title, publishDate: '2025-03-05' }],
    });
    const byIndexNo = await call(`/items/${encodeURIComponent(D.policy.indexNo)}`);
    expect(byIndexNo.body.data.id).toBe(D.policy.documentId);
    const reading = await call(`/items/${D.reading.documentId}`);
    expect(reading.body.data.interprets).toMatchObject({ id: D.policy.documentId, title: D.policy.title });
  });

  it('404 for unknown ids, drafts and non-public nodes paths are omitted', async () => {
    expect((await call('/items/doesnotexist')).status).toBe(404);
    const draft = await call(`/items/${D.draftOnly.documentId}`);
    expect(draft.status).toBe(404);
    expect(draft.body).toMatchObject({ data: null, error: { status: 404, name: 'NotFoundError' } });
    expect(draft.body.error.message).toMatch(/未找到政府信息/);
    const inHidden = await call(`/items/${D.inHidden.documentId}`);
    expect(inHidden.body.data.cataloguePaths).toEqual([]);
    expect((await call(`/items/${D.policy.documentId}?fields=title`)).status).toBe(400);
  });
});

describe('GET /laws', () => {
  it('lists published laws with status, filters by level, status, effectiveOn, org and q', async () => {
    const all = await call('/laws');
    expect(all.body.data.map((l: any) => l.title)).toEqual(['青山县数据开放管理规定', '青山县政府信息公开办法（2024年修订）', '青山县政府信息公开办法']);
    expect(all.body.data[2]).toMatchObject({ status: '废止', repealedDate: '2024-01-01', level: '行政规范性文件' });
    const ids = (r: any) => r.body.data.map((l: any) => l.id);
    expect(ids(await call(`/laws?status=${encodeURIComponent('尚未生效')}`))).toEqual([D.lawFuture.documentId]);
    expect(ids(await call(`/laws?level=${encodeURIComponent('地方政府规章')}`))).toEqual([D.lawFuture.documentId]);
    expect(ids(await call('/laws?effectiveOn=2020-06-30'))).toEqual([D.lawOld.documentId]);
    expect(ids(await call('/laws?effectiveOn=2025-06-30'))).toEqual([D.lawNew.documentId]);
    expect(ids(await call(`/laws?org=${D.orgB.documentId}`))).toEqual([]);
    expect(ids(await call(`/laws?q=${encodeURIComponent('获取政府信息')}`))).toEqual([D.lawNew.documentId]);
    const page = await call('/laws?limit=2&fields=title,status');
    expect(Object.keys(page.body.data[0])).toEqual(['id', 'title', 'status']);
    const next = await call(`/laws?limit=2&fields=title,status&cursor=${encodeURIComponent(page.body.meta.pagination.nextCursor)}`);
    expect(next.body.data.map((l: any) => l.id)).toEqual([D.lawOld.documentId]);
  });

  it('shows repeal links both ways', async () => {
    const old = await call(`/laws/${D.lawOld.documentId}`);
    expect(old.body.data).toMatchObject({ status: '废止', repealedBy: { id: D.lawNew.documentId, title: '青山县政府信息公开办法（2024年修订）', status: '有效' }, repeals: [], amendedBy: null });
    const newer = await call(`/laws/${D.lawNew.documentId}`);
    expect(newer.body.data.repeals).toEqual([{ id: D.lawOld.documentId, title: '青山县政府信息公开办法', documentNumber: null, status: '废止' }]);
    expect(newer.body.data.body).toContain('第一条');
    expect((await call('/laws/unknown')).status).toBe(404);
  });
});

describe('GET /annual-reports', () => {
  it('lists published reports and returns the tables under the 2021 keys', async () => {
    const list = await call(`/annual-reports?org=${D.org.documentId}`);
    expect(list.body.data).toEqual([expect.objectContaining({ id: D.report.documentId, year: 2024, formatVersion: 2021, title: '青山县人民政府2024年政府信息公开工作年度报告' })]);
    expect((await call(`/annual-reports?org=${D.org.documentId}&year=2025`)).body.data).toEqual([]);
    const res = await call(`/annual-reports/${D.report.documentId}`);
    const r = res.body.data;
    expect(r.sections.overview).toEqual({ heading: '一、总体情况', text: '2024年，青山县扎实推进政务公开。' });
    expect(r.sections.requests).toEqual({ heading: '三、收到和处理政府信息公开申请情况', text: null });
    expect(r.tables.table2.regulations).toEqual({ issued: 2, repealed: 0, inForce: 2 });
    expect(r.tables.table2.fees).toEqual({ feesWan: 0 });
    expect(Object.keys(r.tables.table3)).toHaveLength(25);
    expect(r.tables.table3['refused.stateSecret']).toMatchObject({ natural: 0, total: 0 });
    expect(r.tables.table4.suitAfterReview).toEqual({ upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 });
    expect(r.tablesHtml).toContain('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect(r.formatSource).toBe('国办公开办函〔2021〕30号');
    expect(JSON.stringify(r)).not.toContain('adjustments');
    expect((await call(`/annual-reports/${D.draftReport.documentId}`)).status).toBe(404);
  });
});

describe('GET /search', () => {
  it('ranks title matches first, highlights, and searches 索引号 and 发文字号', async () => {
    const res = await call(`/search?q=${encodeURIComponent('政务公开')}`);
    expect(res.status).toBe(200);
    const hits = res.body.data;
    expect(hits.length).toBeGreaterThanOrEqual(2);
    expect(hits.slice(0, 2).every((h: any) => h.titleMatch)).toBe(true);
    expect(hits[0].highlightedTitle).toContain('<mark>政务公开</mark>');
    // 政务公开 is a word of the search dictionary (search.dictionary): one term, not 政务 + 公开
    expect(res.body.meta.query).toEqual({ q: '政务公开', terms: ['政务公开'], capped: false });
    const body = await call(`/search?q=${encodeURIComponent('财政预算')}`);
    expect(body.body.data.map((h: any) => h.id).sort()).toEqual([D.policy.documentId, D.reading.documentId].sort());
    expect(body.body.data.every((h: any) => h.titleMatch === false)).toBe(true);
    expect(body.body.data[0].snippet).toMatch(/<mark>财政预算<\/mark>/);
    // bigrams of compound words: 预算 finds 财政预算
    expect((await call(`/search?q=${encodeURIComponent('预算')}`)).body.meta.pagination.total).toBe(2);
    const byIndexNo = await call(`/search?q=${encodeURIComponent(D.policy.indexNo)}`);
    expect(byIndexNo.body.data[0]).toMatchObject({ id: D.policy.documentId, indexNo: D.policy.indexNo });
    const byNumber = await call(`/search?q=${encodeURIComponent('青政办发〔2025〕3号')}`);
    expect(byNumber.body.data[0].id).toBe(D.policy.documentId);
  });

  it('covers laws and accepts the /items filters', async () => {
    const laws = await call(`/search?q=${encodeURIComponent('政府信息公开办法')}`);
    expect(laws.body.data.map((h: any) => h.type)).toContain('law');
    expect((await call(`/search?q=${encodeURIComponent('政府信息公开办法')}&type=item`)).body.data).toEqual([]);
    const filtered = await call(`/search?q=${encodeURIComponent('通知')}&node=${D.news.code}&genre=${encodeURIComponent('通知')}`);
    expect(filtered.body.data.map((h: any) => h.id)).toEqual([D.policy.documentId]);
    const paged = await call(`/search?q=${encodeURIComponent('通知')}&limit=5&page=2`);
    expect(paged.body.meta.pagination).toMatchObject({ page: 2, limit: 5 });
    expect(paged.body.data).toHaveLength(5);
    expect((await call('/search')).status).toBe(400);
    expect((await call(`/search?q=${encodeURIComponent('，，')}`)).status).toBe(400);
    expect((await call(`/search?q=${encodeURIComponent('拟稿')}`)).body.data).toEqual([]);
  });

  it('ranks every match, not only the newest: title matches first whatever their date, total counts all', async () => {
    const all = await call(`/search?q=${encodeURIComponent('通知')}&limit=100`);
    expect(all.body.meta.query.capped).toBe(false);
    expect(all.body.meta.pagination.total).toBe(all.body.data.length);
    const flags = all.body.data.map((h: any) => (h.titleMatch ? 1 : 0));
    expect(flags).toEqual([...flags].sort((a: number, b: number) => b - a));
    const page2 = await call(`/search?q=${encodeURIComponent('通知')}&limit=2&page=2`);
    expect(page2.body.data.map((h: any) => h.id)).toEqual(all.body.data.slice(2, 4).map((h: any) => h.id));
    const past = await call(`/search?q=${encodeURIComponent('通知')}&limit=100&page=9`);
    expect(past.body).toMatchObject({ data: [], meta: { pagination: { total: all.body.data.length } } });
  });
});

describe('GET /search at scale: tiers read in order, a capped count', () => {
  it('title matches newest first, then the other matches newest first; past search.countCap the total is the cap and capped is true', async () => {
    const all = await call(`/search?q=${encodeURIComponent('通知')}&limit=100`);
    const hits = all.body.data;
    expect(hits.length).toBeGreaterThanOrEqual(4);
    const tiers = hits.map((h: any) => (h.titleMatch ? 1 : 0));
    expect(tiers).toEqual([...tiers].sort((a: number, b: number) => b - a));
    expect(tiers).toContain(1);
    // within a tier: newest first (publish date, then documentId, descending)
    for (const t of [1, 0]) {
      const keys = hits.filter((h: any) => (h.titleMatch ? 1 : 0) === t).map((h: any) => `${h.publishDate ?? ''}|${h.id}`);
      expect(keys).toEqual([...keys].sort().reverse());
    }
    const settings = strapi.plugin('gov-api').service('settings');
    const cap = hits.length - 2;
    settings.configure({ search: { countCap: cap } });
    try {
      strapi.plugin('gov-api').service('cache').flush('test');
      const capped = await call(`/search?q=${encodeURIComponent('通知')}&limit=2`);
      expect(capped.body.meta.query.capped).toBe(true);
      expect(capped.body.meta.pagination).toMatchObject({ total: cap, pageCount: Math.ceil(cap / 2) });
      expect(capped.body.data.map((h: any) => h.id)).toEqual(hits.slice(0, 2).map((h: any) => h.id));
      // the pages themselves are not capped: the last matches are still reachable
      const last = await call(`/search?q=${encodeURIComponent('通知')}&limit=2&page=${Math.ceil(hits.length / 2)}`);
      expect(last.body.data.map((h: any) => h.id)).toEqual(hits.slice(2 * (Math.ceil(hits.length / 2) - 1)).map((h: any) => h.id));
      const rare = await call(`/search?q=${encodeURIComponent('财政预算')}`);
      expect([rare.body.meta.query.capped, rare.body.meta.pagination.total]).toEqual([false, 2]);
      // a one-word count far above the cap is taken from the planner's estimate (PostgreSQL), not counted: still capped
      settings.configure({ search: { countCap: 1 } });
      strapi.plugin('gov-api').service('cache').flush('test');
      const one = await call(`/search?q=${encodeURIComponent('通知')}&limit=2`);
      expect([one.body.meta.query.capped, one.body.meta.pagination.total]).toEqual([true, 1]);
    } finally {
      settings.configure({ search: { countCap: 1_000 } });
      strapi.plugin('gov-api').service('cache').flush('test');
    }
  });
});

describe('GET /search: the index walk and the GIN read give the same pages', () => {
  it('with search.walk 1 (every tier from its GIN index) every query answers exactly as with the default walk', async () => {
    const settings = strapi.plugin('gov-api').service('settings');
    const queries = ['通知', '政务公开', '财政预算', '通知 工作', '政务公开 通知', '教育 招生', '青政办', '预算', '不存在的词语'];
    const pages = async () => {
      const out: unknown[] = [];
      for (const q of queries) {
        for (const page of [1, 2]) {
          strapi.plugin('gov-api').service('cache').flush('test');
          const res = await call(`/search?q=${encodeURIComponent(q)}&limit=3&page=${page}`);
          expect(res.status).toBe(200);
          out.push({ q, page, ids: res.body.data.map((h: any) => `${h.id}:${h.titleMatch}`), total: res.body.meta.pagination.total, capped: res.body.meta.query.capped });
        }
      }
      return out;
    };
    const walked = await pages();
    expect(walked.some((p: any) => p.ids.length === 3)).toBe(true);
    settings.configure({ search: { walk: 1 } });
    try {
      expect(await pages()).toEqual(walked);
    } finally {
      settings.configure({ search: { walk: 2000 } });
      strapi.plugin('gov-api').service('cache').flush('test');
    }
  });
});

describe('GET /feeds/:nodeCode.rss|.atom|.json', () => {
  it('serves RSS 2.0, Atom and JSON Feed of a node with its descendants', async () => {
    const parser = new XMLParser({ ignoreAttributes: false });
    const rss = await call(`/feeds/${D.news.code}.rss`);
    expect(rss.status).toBe(200);
    expect(rss.headers['content-type']).toMatch(/^application\/rss\+xml/);
    const channel = parser.parse(rss.text).rss.channel;
    expect(channel.title).toBe('青山县人民政府 - 工作动态');
    const titles = [channel.item].flat().map((i: any) => i.title);
    expect(titles).toEqual(['关于做好2025年政务公开工作的通知', '县教育局开展春季招生工作']);
    const atom = await call(`/feeds/${D.news.code}.atom`);
    expect(atom.headers['content-type']).toMatch(/^application\/atom\+xml/);
    expect([parser.parse(atom.text).feed.entry].flat()).toHaveLength(2);
    const json = await call(`/feeds/${D.news.code}.json`);
    expect(json.headers['content-type']).toMatch(/^application\/feed\+json/);
    const feed = JSON.parse(json.text);
    expect(feed.items.map((i: any) => i.title)).toEqual(titles);
    expect(feed.items[0].url).toContain(D.policy.documentId);
  });

  const settings = () => (strapi.plugin('gov-api') as any).service('settings');
  const publicUrl = () => settings().get().feeds.publicUrl as string;
  /** Every date-like text of a feed: none in UTC ('Z', GMT, +00:00). */
  const noUtc = (text: string) => {
    expect(text).not.toMatch(/\d{2}:\d{2}:\d{2}(\.\d+)?Z/);
    expect(text).not.toMatch(/GMT|\+00:?00/);
  };

  it('RSS 2.0: the required channel and item elements, dc:creator (namespaced) for the organisation, no <author>, China time, links to portal pages', async () => {
    const res = await call(`/feeds/${D.news.code}.rss`);
    const xml = res.text;
    noUtc(xml);
    expect(xml).not.toMatch(/<author>/);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml);
    expect(doc.rss['@version']).toBe('2.0');
    expect(doc.rss['@xmlns:dc']).toBe('http://purl.org/dc/elements/1.1/');
    const ch = doc.rss.channel;
    // RSS 2.0 required channel elements: title, link, description
    expect(ch.title).toBe('青山县人民政府 - 工作动态');
    expect(ch.link).toBe(`${publicUrl()}/portal/#/items?org=${D.org.code}&node=${D.news.documentId}`);
    expect(ch.description).toBeTruthy();
    expect(ch['atom:link']['@rel']).toBe('self');
    expect(ch['atom:link']['@href']).toBe(`${publicUrl()}/api/gov/v1/feeds/${D.news.code}.rss`);
    expect(ch.lastBuildDate).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0800$/);
    const items = [ch.item].flat();
    expect(items).toHaveLength(2);
    for (const it of items) {
      expect(it.title).toBeTruthy(); // an item needs a title or a description; ours have both
      expect(it.description).toBeDefined();
      expect(it.link).toMatch(new RegExp(`^${publicUrl().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/portal/#/item/[A-Za-z0-9]+$`));
      expect(it.guid['#text']).toBe(it.link);
      expect(it.guid['@isPermaLink']).toBe('true');
      expect(it['dc:creator']).toBe('青山县人民政府');
      expect(it.pubDate).toMatch(/\+0800$/);
    }
    expect(items[0].link).toBe(`${publicUrl()}/portal/#/item/${D.policy.documentId}`);
    expect(items[0].pubDate).toBe('Sat, 01 Mar 2025 00:00:00 +0800'); // 发布日期 2025-03-01, midnight in China
    expect(items[0].category).toBe('通知');
    expect(items[0].description).toContain('发文字号：青政办发〔2025〕3号');
  });

  it('Atom 1.0: the required feed and entry elements (id, title, updated; author), alternate links to portal pages, China time', async () => {
    const res = await call(`/feeds/${D.news.code}.atom`);
    noUtc(res.text);
    const feed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(res.text).feed;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBeTruthy();
    expect(feed.title['#text']).toBe('青山县人民政府 - 工作动态');
    expect(feed.updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    expect(feed.author.name).toBe('青山县人民政府');
    const links = [feed.link].flat();
    expect(links.find((l: any) => l['@rel'] === 'self')['@href']).toBe(`${publicUrl()}/api/gov/v1/feeds/${D.news.code}.atom`);
    expect(links.find((l: any) => l['@rel'] === 'alternate')['@href']).toContain('/portal/#/items?');
    const entries = [feed.entry].flat();
    expect(entries).toHaveLength(2);
    for (const e of entries) {
      expect(e.id).toBeTruthy();
      expect(e.title['#text']).toBeTruthy();
      expect(e.updated).toMatch(/\+08:00$/);
      expect(e.published).toMatch(/\+08:00$/);
      expect(e.author.name).toBe('青山县人民政府');
      expect(e.link['@rel']).toBe('alternate');
      expect(e.link['@href']).toContain('/portal/#/item/');
    }
    expect(entries[0].published).toBe('2025-03-01T00:00:00+08:00');
    expect(entries[0].link['@href']).toBe(`${publicUrl()}/portal/#/item/${D.policy.documentId}`);
  });

  it('JSON Feed 1.1: version, title, items with id and content_html (the sanitized HTML), authors, China time, links to portal pages', async () => {
    const res = await call(`/feeds/${D.news.code}.json`); // validated against the JsonFeed schema of the document
    noUtc(res.text);
    const feed = JSON.parse(res.text);
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.title).toBe('青山县人民政府 - 工作动态');
    expect(feed.home_page_url).toBe(`${publicUrl()}/portal/#/items?org=${D.org.code}&node=${D.news.documentId}`);
    expect(feed.feed_url).toBe(`${publicUrl()}/api/gov/v1/feeds/${D.news.code}.json`);
    expect(feed.authors).toEqual([{ name: '青山县人民政府' }]);
    expect(feed.items).toHaveLength(2);
    const [first, second] = feed.items;
    expect(first).toMatchObject({ id: `${publicUrl()}/portal/#/item/${D.policy.documentId}`, url: `${publicUrl()}/portal/#/item/${D.policy.documentId}`, date_published: '2025-03-01T00:00:00+08:00', authors: [{ name: '青山县人民政府' }], tags: ['通知'] });
    const detail = (await call(`/items/${D.older.documentId}`)).body.data;
    expect(second.content_html).toContain(detail.bodyHtml); // the HTML stored at write time
    expect(second.summary).toBe('春季招生安排。');
    for (const it of feed.items) {
      expect(typeof it.content_html).toBe('string');
      expect(it.content_html).not.toMatch(/<script|javascript:/i);
      expect(it.date_modified).toMatch(/\+08:00$/);
    }
  });

  it('the laws feed (/feeds/laws/all.*) links to the portal\'s law pages, in all three formats', async () => {
    const json = JSON.parse((await call('/feeds/laws/all.json')).text);
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.home_page_url).toBe(`${publicUrl()}/portal/#/laws`);
    const ids = json.items.map((i: any) => i.url);
    expect(ids).toContain(`${publicUrl()}/portal/#/law/${D.lawNew.documentId}`);
    expect(ids.every((u: string) => u.startsWith(`${publicUrl()}/portal/#/law/`))).toBe(true);
    const mine = JSON.parse((await call(`/feeds/laws/all.json?org=${D.org.code}`)).text);
    expect(mine.title).toBe('青山县人民政府 - 法律法规与规范性文件');
    expect(mine.items.find((i: any) => i.url.endsWith(D.lawNew.documentId))).toMatchObject({ date_published: '2023-12-20T00:00:00+08:00', authors: [{ name: '青山县人民政府' }], tags: ['行政规范性文件'] });
    const rss = await call('/feeds/laws/all.rss');
    expect(rss.headers['content-type']).toMatch(/^application\/rss\+xml/);
    noUtc(rss.text);
    expect(rss.text).toContain(`<link>${publicUrl()}/portal/#/law/${D.lawNew.documentId}</link>`);
    const atom = await call('/feeds/laws/all.atom');
    noUtc(atom.text);
    expect(atom.text).toContain(`href="${publicUrl()}/portal/#/law/${D.lawNew.documentId}"`);
    expect((await call('/feeds/laws/other.rss')).status).toBe(404);
  });

  it('the page link templates are configurable (feeds.itemLinkTemplate, channelLinkTemplate)', async () => {
    const before = { ...settings().get().feeds };
    settings().configure({ feeds: { itemLinkTemplate: 'https://www.example.gov.cn/art/{id}.html', channelLinkTemplate: 'https://www.example.gov.cn/col/{code}/' } });
    (strapi.plugin('gov-api') as any).service('cache').flush('test');
    try {
      const feed = JSON.parse((await call(`/feeds/${D.news.code}.json`)).text);
      expect(feed.home_page_url).toBe(`https://www.example.gov.cn/col/${encodeURIComponent(D.news.code)}/`);
      expect(feed.items[0].url).toBe(`https://www.example.gov.cn/art/${D.policy.documentId}.html`);
    } finally {
      settings().configure({ feeds: before });
      (strapi.plugin('gov-api') as any).service('cache').flush('test');
    }
  });

  it('404 for unknown or non-public nodes, 400 for a bad format', async () => {
    expect((await call('/feeds/NOPE.rss')).status).toBe(404);
    expect((await call(`/feeds/${D.hidden.code}.rss`)).status).toBe(404);
    expect((await call(`/feeds/${D.news.code}.xml`)).status).toBe(400);
  });
});

/** Documented routes of /api/gov/v1 served outside the gov-api plugin (tests/integration/openapi-client-types.test.ts). */
const OTHER_PATHS = ['/requests', '/requests/{trackingNo}', '/changes'];

describe('GET /openapi.json', () => {
  it('is OpenAPI 3.1 and documents exactly the routes under /api/gov/v1 (the plugin\'s, 依申请公开, the change feed), all of which Strapi serves', async () => {
    const res = await call('/openapi.json');
    expect(res.body.openapi).toBe('3.1.0');
    const served = (strapi.server as any).api('content-api').listRoutes()
      .filter((l: any) => String(l.path).startsWith('/api/gov/v1/'))
      .flatMap((l: any) => (l.methods as string[]).filter((m) => m !== 'HEAD').map((m) => `${m} ${String(l.path).slice('/api/gov/v1'.length).replace(/:([A-Za-z]+)/g, '{$1}')}`));
    const documented = Object.entries<any>(res.body.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect([...new Set(served)].sort()).toEqual([...documented].sort());
    expect(documented).toEqual(expect.arrayContaining(['POST /requests', 'GET /requests/{trackingNo}', 'GET /changes']));
    // public routes say so; the change feed names its bearer scheme
    for (const [p, ops] of Object.entries<any>(res.body.paths)) {
      for (const op of Object.values<any>(ops)) expect([p, op.security]).toEqual([p, p === '/changes' ? [{ changeFeedToken: [] }] : []]);
    }
    expect(res.body.components.securitySchemes.changeFeedToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(res.body.info.license.name).toBeTruthy();
    for (const t of res.body.tags) expect(t.description).toBeTruthy();
  });

  it('accepts every documented parameter (with its example or first enum value)', async () => {
    const doc = (await get(strapi, '/openapi.json')).body;
    const samples: Record<string, string> = { node: D.news.code, org: D.org.documentId, category: D.catTop.code, q: '通知', cursor: '', id: D.policy.documentId, feed: `${D.news.code}.json` };
    for (const [template, item] of Object.entries<any>(doc.paths)) {
      if (OTHER_PATHS.includes(template)) continue; // exercised in openapi-client-types.test.ts
      const op = item.get;
      const pathParams = op.parameters.filter((p: any) => p.in === 'path');
      let path = template;
      for (const p of pathParams) path = path.replace(`{${p.name}}`, encodeURIComponent(samples[p.name] ?? String(p.example)));
      if (template === '/laws/{id}') path = `/laws/${D.lawNew.documentId}`;
      if (template === '/feeds/laws/{feed}') path = '/feeds/laws/all.json';
      if (template === '/annual-reports/{id}') path = `/annual-reports/${D.report.documentId}`;
      const required = op.parameters.filter((p: any) => p.in === 'query' && p.required).map((p: any) => `${p.name}=${encodeURIComponent(samples[p.name])}`);
      for (const p of op.parameters.filter((x: any) => x.in === 'query')) {
        const value = samples[p.name] ?? (p.schema.enum ? p.schema.enum[0] : p.example ?? p.schema.default ?? p.schema.minimum);
        if (value === '' || value === undefined) continue;
        const qs = [...required.filter((r: string) => !r.startsWith(`${p.name}=`)), `${p.name}=${encodeURIComponent(String(value))}`].join('&');
        const res = await call(`${path}?${qs}`);
        expect([res.status, `${path}?${qs}`]).toEqual([200, `${path}?${qs}`]);
      }
    }
  });

  it('every documented route was exercised with a validated 200 response', () => {
    const doc200 = Object.keys((checker as any).doc.paths).filter((p) => !OTHER_PATHS.includes(p)).map((p) => `${p} 200`);
    for (const key of doc200) expect([...checker.checked]).toContain(key);
    for (const key of ['/items 400', '/items/{id} 404', '/search 400', '/feeds/{feed} 404', '/feeds/laws/{feed} 404', '/laws/{id} 404']) expect([...checker.checked]).toContain(key);
  });
});
