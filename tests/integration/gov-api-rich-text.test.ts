/**
 * Bodies rendered once, on the server, at write time (issue 17): an item whose body carries <script>,
 * a javascript: link and an <img onerror> passes review and is served as sanitized bodyHtml / summaryHtml
 * (and WeChat rich-text nodes with ?format=wx) beside its unchanged Markdown source; the change feed's
 * representation carries the HTML too; the derived fields are not writable and do not touch approvals.
 */
import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi } from '../helpers/strapi';
import { makeItem, makeOrg, orgCode } from '../helpers/fixtures';
import { publishDoc } from '../helpers/publish';
import { OpenApiChecker, UIDS, get, relax } from '../../plugins/gov-api/server/src/__tests__/support';
import { fillRenderedBodies } from '../../src/foundation/rich-text-fields';
import { GovApiClient, fetchTransport } from '../../client/src';

let strapi: Core.Strapi;
let checker: OpenApiChecker;
let org: any;

const BODY = [
  '## 一、总体要求',
  '',
  '请**认真**贯彻执行，详见[中国政府网](https://www.gov.cn/)。',
  '',
  '<script>alert(1)</script>',
  '',
  '[点我](javascript:alert(1)) <a href="jav&#x09;ascript:alert(2)">再点</a> <img src=x onerror=alert(3)>',
  '',
  '| 项目 | 数量 |',
  '|---|---|',
  '| 申请 | 3 |',
  '',
  '![示意图](/uploads/plan_1a2b.png)',
].join('\n');
const SUMMARY = '*概述*<svg onload=alert(4)></svg><p style="background:url(javascript:alert(5))" onclick="x()">段落</p>';

function assertClean(html: string) {
  expect(html).not.toMatch(/<script|<svg|<iframe|javascript:|onerror|onload|onclick|style=/i);
}

beforeAll(async () => {
  strapi = await setupStrapi();
  relax(strapi);
  checker = new OpenApiChecker((await get(strapi, '/openapi.json')).body);
  org = await makeOrg(strapi, { name: '青山县人民政府', code: orgCode() });
});

afterAll(teardownStrapi);

const draftRow = (documentId: string) => strapi.db.query(UIDS.item as any).findOne({ where: { documentId, publishedAt: null } });

it('renders and sanitizes at write time; the item passes review and is served with bodyHtml, summaryHtml and, with ?format=wx, bodyNodes', async () => {
  const item = await makeItem(strapi, org.documentId, { body: BODY, summary: SUMMARY });
  const draft = await draftRow(item.documentId);
  expect(draft.body).toBe(BODY);
  assertClean(draft.bodyHtml);
  expect(draft.bodyHtml).toContain('<strong>认真</strong>');

  await publishDoc(strapi, UIDS.item, item.documentId);

  const res = await get(strapi, `/items/${item.documentId}`);
  expect(res.status).toBe(200);
  checker.check(res, `/items/${item.documentId}`);
  const d = res.body.data;
  expect(d.body).toBe(BODY);
  expect(d.summary).toBe(SUMMARY);
  expect(d.bodyFormat).toBe('markdown');
  assertClean(d.bodyHtml);
  assertClean(d.summaryHtml);
  expect(d.bodyHtml).toContain('<h2>一、总体要求</h2>');
  expect(d.bodyHtml).toContain('<a href="https://www.gov.cn/" rel="noopener noreferrer" target="_blank">中国政府网</a>');
  expect(d.bodyHtml).toMatch(/<th>项目<\/th>/);
  expect(d.bodyHtml).toContain('<img src="/uploads/plan_1a2b.png" alt="示意图" />');
  expect(d.bodyHtml).toContain('<a>点我</a> <a>再点</a>');
  expect(d.summaryHtml).toContain('<em>概述</em>');
  expect(d.summaryHtml).toContain('<p>段落</p>');
  expect(d).not.toHaveProperty('bodyNodes');

  const wx = await get(strapi, `/items/${item.documentId}?format=wx`);
  expect(wx.status).toBe(200);
  checker.check(wx, `/items/${item.documentId}?format=wx`);
  const nodes = wx.body.data.bodyNodes;
  expect(Array.isArray(nodes)).toBe(true);
  expect(nodes[0]).toEqual({ name: 'h2', children: [{ type: 'text', text: '一、总体要求' }] });
  const text = JSON.stringify(nodes);
  expect(text).not.toMatch(/script|javascript|onerror|onload|"href"|style/i);
  expect(text).toContain('"src":"/uploads/plan_1a2b.png"');

  const bad = await get(strapi, `/items/${item.documentId}?format=html`);
  expect(bad.status).toBe(400);

  // the change feed and pushes
  const rep = await (strapi.plugin('sync') as any).service('representation').get(UIDS.item, [item.documentId]);
  const doc = rep.get(item.documentId);
  expect(doc.body).toBe(BODY);
  expect(doc.bodyHtml).toBe(d.bodyHtml);
  expect(doc.summaryHtml).toBe(d.summaryHtml);
});

it('bodyHtml follows the source only: a client cannot write it, an update of body re-renders it', async () => {
  const item = await makeItem(strapi, org.documentId, { body: '正文' });
  await strapi.documents(UIDS.item as any).update({ documentId: item.documentId, data: { bodyHtml: '<script>alert(1)</script>', summaryHtml: '<b>x</b>' } as any });
  let row = await draftRow(item.documentId);
  expect(row.bodyHtml).toBe('<p>正文</p>');
  expect(row.summaryHtml).toBeNull();
  await strapi.documents(UIDS.item as any).update({ documentId: item.documentId, data: { body: '新**正文**', summary: '' } as any });
  row = await draftRow(item.documentId);
  expect(row.bodyHtml).toBe('<p>新<strong>正文</strong></p>');
  expect(row.summaryHtml).toBe('');
});

it('rows without HTML are filled at boot (idempotent) without invalidating their approval', async () => {
  const item = await makeItem(strapi, org.documentId, { body: '# 旧数据\n\n<script>x</script>', summary: '旧概述' });
  const workflow = strapi.plugin('review-workflow').service('workflow') as any;
  await workflow.approveForImport(UIDS.item, item.documentId, { comment: '测试数据' });
  // as written before issue 17 (or by a raw seed)
  await strapi.db.connection('disclosure_items').where({ document_id: item.documentId }).update({ body_html: null, summary_html: null });
  expect(await fillRenderedBodies(strapi)).toBeGreaterThanOrEqual(1);
  expect(await fillRenderedBodies(strapi)).toBe(0);
  const row = await draftRow(item.documentId);
  expect(row.bodyHtml).toBe('<h1>旧数据</h1>');
  expect(row.summaryHtml).toBe('<p>旧概述</p>');
  // the approval recorded before the fill still matches the draft: publishing goes through
  await (strapi.documents(UIDS.item as any) as any).publish({ documentId: item.documentId });
  const res = await get(strapi, `/items/${item.documentId}`);
  expect(res.status).toBe(200);
  expect(res.body.data.bodyHtml).toBe('<h1>旧数据</h1>');
});

it('the typed client asks for the WeChat nodes with item(id, { format: "wx" })', async () => {
  const item = await makeItem(strapi, org.documentId, { body: '## 小标题\n\n正文<script>x</script>' });
  await publishDoc(strapi, UIDS.item, item.documentId);
  await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
  try {
    const api = new GovApiClient({ baseUrl: `http://127.0.0.1:${(strapi.server.httpServer.address() as any).port}/api/gov/v1`, transport: fetchTransport() });
    const plain = await api.item(item.documentId);
    expect(plain.data.bodyHtml).toBe('<h2>小标题</h2>\n<p>正文</p>');
    expect(plain.data.bodyNodes).toBeUndefined();
    const wx = await api.item(item.documentId, { format: 'wx' });
    expect(wx.data.bodyNodes).toEqual([
      { name: 'h2', children: [{ type: 'text', text: '小标题' }] },
      { type: 'text', text: '\n' },
      { name: 'p', children: [{ type: 'text', text: '正文' }] },
    ]);
  } finally {
    await new Promise<void>((resolve) => strapi.server.httpServer.close(() => resolve()));
  }
});

describe('laws (法规文件) have the same rendered bodies', () => {
  const lawDraft = (documentId: string) => strapi.db.query(UIDS.law as any).findOne({ where: { documentId, publishedAt: null } });
  const makeLaw = (data: Record<string, unknown>) =>
    (strapi.documents(UIDS.law as any) as any).create({ data: { title: `测试规范性文件${Math.random().toString(36).slice(2, 8)}`, level: '行政规范性文件', organization: org.documentId, ...data } });

  it('renders at write time and serves bodyHtml / summaryHtml (and bodyNodes with ?format=wx) on GET /laws/:id and in the change feed', async () => {
    const law = await makeLaw({ body: BODY, summary: SUMMARY, bodyHtml: '<script>alert(0)</script>' });
    const draft = await lawDraft(law.documentId);
    expect(draft.body).toBe(BODY);
    assertClean(draft.bodyHtml);
    expect(draft.bodyHtml).toContain('<h2>一、总体要求</h2>');
    assertClean(draft.summaryHtml);

    await publishDoc(strapi, UIDS.law, law.documentId);
    const res = await get(strapi, `/laws/${law.documentId}`);
    expect(res.status).toBe(200);
    checker.check(res, `/laws/${law.documentId}`);
    const d = res.body.data;
    expect(d.body).toBe(BODY);
    expect(d.summary).toBe(SUMMARY);
    assertClean(d.bodyHtml);
    assertClean(d.summaryHtml);
    expect(d.bodyHtml).toContain('<a href="https://www.gov.cn/" rel="noopener noreferrer" target="_blank">中国政府网</a>');
    expect(d.bodyHtml).toContain('<a>点我</a> <a>再点</a>');
    expect(d.summaryHtml).toContain('<em>概述</em>');
    expect(d).not.toHaveProperty('bodyNodes');

    const wx = await get(strapi, `/laws/${law.documentId}?format=wx`);
    expect(wx.status).toBe(200);
    checker.check(wx, `/laws/${law.documentId}?format=wx`);
    expect(wx.body.data.bodyNodes[0]).toEqual({ name: 'h2', children: [{ type: 'text', text: '一、总体要求' }] });
    expect(JSON.stringify(wx.body.data.bodyNodes)).not.toMatch(/script|javascript|onerror|onload|"href"|style/i);
    expect((await get(strapi, `/laws/${law.documentId}?format=html`)).status).toBe(400);

    const rep = await (strapi.plugin('sync') as any).service('representation').get(UIDS.law, [law.documentId]);
    const doc = rep.get(law.documentId);
    expect(doc.body).toBe(BODY);
    expect(doc.bodyHtml).toBe(d.bodyHtml);
    expect(doc.summaryHtml).toBe(d.summaryHtml);
  });

  it('an update of body re-renders; rows without HTML are filled at boot without invalidating the approval', async () => {
    const law = await makeLaw({ body: '正文' });
    await strapi.documents(UIDS.law as any).update({ documentId: law.documentId, data: { body: '新**正文**', summaryHtml: '<b>x</b>' } as any });
    let row = await lawDraft(law.documentId);
    expect(row.bodyHtml).toBe('<p>新<strong>正文</strong></p>');
    expect(row.summaryHtml).toBeNull();

    const workflow = strapi.plugin('review-workflow').service('workflow') as any;
    await workflow.approveForImport(UIDS.law, law.documentId, { comment: '测试数据' });
    await strapi.db.connection('laws').where({ document_id: law.documentId }).update({ body_html: null });
    expect(await fillRenderedBodies(strapi)).toBeGreaterThanOrEqual(1);
    expect(await fillRenderedBodies(strapi)).toBe(0);
    row = await lawDraft(law.documentId);
    expect(row.bodyHtml).toBe('<p>新<strong>正文</strong></p>');
    await (strapi.documents(UIDS.law as any) as any).publish({ documentId: law.documentId });
    const res = await get(strapi, `/laws/${law.documentId}`);
    expect(res.status).toBe(200);
    expect(res.body.data.bodyHtml).toBe('<p>新<strong>正文</strong></p>');
  });

  it('the typed client asks for the law\'s WeChat nodes with law(id, { format: "wx" })', async () => {
    const law = await makeLaw({ body: '## 第一条\n\n内容' });
    await publishDoc(strapi, UIDS.law, law.documentId);
    await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
    try {
      const api = new GovApiClient({ baseUrl: `http://127.0.0.1:${(strapi.server.httpServer.address() as any).port}/api/gov/v1`, transport: fetchTransport() });
      const plain = await api.law(law.documentId);
      expect(plain.data.bodyHtml).toBe('<h2>第一条</h2>\n<p>内容</p>');
      expect(plain.data.bodyNodes).toBeUndefined();
      const wx = await api.law(law.documentId, { format: 'wx' });
      expect(wx.data.bodyNodes?.[0]).toEqual({ name: 'h2', children: [{ type: 'text', text: '第一条' }] });
    } finally {
      await new Promise<void>((resolve) => strapi.server.httpServer.close(() => resolve()));
    }
  });
});
