/**
 * The typed client (client/) against the running server on an ephemeral port, through its three
 * transports: fetch, Node's http (with gzip/br), and wx.request (a stand-in `wx` object that behaves
 * like the mini-program API, backed by real HTTP).
 */
import http from 'http';
import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi } from '../helpers/strapi';
import { makeOrg, orgCode } from '../helpers/fixtures';
import { computeTotals, emptyTables } from '../../src/domain/annual-report-2021';
import { GovApiClient, GovApiError, fetchTransport, wxTransport, type Transport, type WxLike } from '../../client/src';
import { nodeTransport } from '../../client/src/node';
import { UIDS, docs, publish, relax, uniq } from '../../plugins/gov-api/server/src/__tests__/support';

let strapi: Core.Strapi;
let baseUrl: string;
const D: Record<string, any> = {};

/** A stand-in for the mini-program global: wx.request over real HTTP, answering like WeChat does. */
const fakeWx: WxLike & { calls: number } = {
  calls: 0,
  request(options) {
    fakeWx.calls++;
    const req = http.get(options.url, { headers: options.header }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => options.success({ statusCode: res.statusCode ?? 0, header: res.headers as Record<string, string>, data: text }));
    });
    req.on('error', (e) => options.fail({ errMsg: `request:fail ${e.message}` }));
    return req;
  },
};

beforeAll(async () => {
  strapi = await setupStrapi();
  relax(strapi);
  await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
  baseUrl = `http://127.0.0.1:${(strapi.server.httpServer.address() as any).port}/api/gov/v1`;
  D.org = await makeOrg(strapi, { name: '客户端测试县人民政府', code: orgCode() });
  D.node = await docs(strapi, UIDS.node).create({ data: { name: '工作动态', code: uniq('CL'), kind: '动态要闻类', cadence: '每周', organization: D.org.documentId } });
  D.items = [];
  for (let i = 0; i < 12; i++) {
    const it = await docs(strapi, UIDS.item).create({
      data: { title: `客户端测试第${i + 1}号通知`, organization: D.org.documentId, publishDate: `2025-04-${String(10 + i).padStart(2, '0')}`, genre: '通知', catalogueNodes: [D.node.documentId], summary: '摘要', body: '关于乡村振兴的正文' },
    });
    await publish(strapi, UIDS.item, it.documentId);
    D.items.push(it);
  }
  D.law = await docs(strapi, UIDS.law).create({ data: { title: '客户端测试县行政规范性文件管理办法', level: '行政规范性文件', effectiveDate: '2024-01-01', organization: D.org.documentId } });
  await publish(strapi, UIDS.law, D.law.documentId);
  D.report = await docs(strapi, UIDS.report).create({ data: { organization: D.org.documentId, year: 2024, overview: '总体情况', ...computeTotals(emptyTables()) } });
  await publish(strapi, UIDS.report, D.report.documentId);
}, 180000);
afterAll(async () => {
  await new Promise<void>((resolve) => strapi.server.httpServer.close(() => resolve()));
  await teardownStrapi();
});

const transports: Array<[string, () => Transport]> = [
  ['fetch', () => fetchTransport()],
  ['node', () => nodeTransport({ timeoutMs: 10000 })],
  ['wx.request', () => wxTransport(fakeWx)],
];

describe.each(transports)('client over %s', (_name, makeTransport) => {
  let api: GovApiClient;
  beforeAll(() => {
    api = new GovApiClient({ baseUrl, transport: makeTransport() });
  });

  it('catalogue, items (filters, fields, cursors), item by 索引号', async () => {
    const cat = await api.catalogue({ org: D.org.documentId });
    expect(cat.data[0].nodes[0]).toMatchObject({ code: D.node.code, itemCount: 12, lastPublishDate: '2025-04-21' });
    const page = await api.items({ node: D.node.code, limit: 5 });
    expect(page.data.map((d) => d.title)).toEqual(['客户端测试第12号通知', '客户端测试第11号通知', '客户端测试第10号通知', '客户端测试第9号通知', '客户端测试第8号通知']);
    expect(page.meta.pagination.nextCursor).toEqual(expect.any(String));
    const sparse = await api.items({ org: D.org.documentId, fields: ['title'], limit: 1 });
    expect(Object.keys(sparse.data[0])).toEqual(['id', 'title']);
    const all: string[] = [];
    for await (const it of api.allItems({ org: D.org.documentId, limit: 5 })) all.push(it.id);
    expect(all.sort()).toEqual(D.items.map((i: any) => i.documentId).sort());
    const one = await api.item(D.items[0].indexNo);
    expect(one.data).toMatchObject({ id: D.items[0].documentId, body: '关于乡村振兴的正文', organization: { name: '客户端测试县人民政府' } });
  });

  it('laws, annual reports, search, feeds, openapi', async () => {
    const laws = await api.laws({ status: '有效', org: D.org.documentId });
    expect(laws.data.map((l) => l.id)).toEqual([D.law.documentId]);
    expect((await api.law(D.law.documentId)).data.status).toBe('有效');
    const reports = await api.annualReports({ org: D.org.documentId, year: 2024 });
    expect(reports.data[0].id).toBe(D.report.documentId);
    const report = await api.annualReport(D.report.documentId);
    expect(report.data.tables?.table3.newReceived.total).toBe(0);
    const hits = await api.search({ q: '乡村振兴', limit: 3 });
    expect(hits.meta.pagination.total).toBe(12);
    expect(hits.data[0].snippet).toContain('<mark>乡村振兴</mark>');
    const json = await api.feed(D.node.code, 'json');
    expect(json.items).toHaveLength(12);
    expect(await api.feed(D.node.code, 'rss')).toMatch(/^<\?xml[\s\S]*<rss version="2.0"/);
    expect(await api.feed(D.node.code, 'atom')).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">');
    expect((await api.openapi()).openapi).toBe('3.1.0');
  });

  it('throws GovApiError with the status and the Chinese message', async () => {
    await expect(api.items({ limit: 500 })).rejects.toMatchObject({ name: 'GovApiError', status: 400, errorName: 'ValidationError', message: '参数 limit（每页条数）不能大于 100' });
    const err = await api.item('no-such-document').catch((e) => e);
    expect(err).toBeInstanceOf(GovApiError);
    expect(err.status).toBe(404);
    expect(err.message).toContain('未找到政府信息');
  });
});

it('conditional cache: revalidates with If-None-Match and reuses the kept copy on 304', async () => {
  const statuses: number[] = [];
  const inner = nodeTransport();
  const recording: Transport = async (req) => {
    const res = await inner(req);
    statuses.push(res.status);
    return res;
  };
  const api = new GovApiClient({ baseUrl, transport: recording, conditionalCache: true });
  const a = await api.items({ node: D.node.code, limit: 3 });
  const b = await api.items({ node: D.node.code, limit: 3 });
  expect(statuses).toEqual([200, 304]);
  expect(b).toEqual(a);
  expect(fakeWx.calls).toBeGreaterThan(0);
});
