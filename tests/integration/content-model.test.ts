import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi } from '../helpers/strapi';
import { adminApi, createAdminAndLogin } from '../helpers/admin';
import { makeItem, makeNode, makeOrg, orgCode } from '../helpers/fixtures';
import { publishDoc } from '../helpers/publish';

const ITEM = 'api::disclosure-item.disclosure-item';
const CM = '/content-manager/collection-types';

let strapi: Core.Strapi;
let api: ReturnType<typeof adminApi>;

beforeAll(async () => {
  strapi = await setupStrapi();
  const { token } = await createAdminAndLogin(strapi);
  api = adminApi(strapi, token);
});
afterAll(teardownStrapi);

describe('Document Service: every content type', () => {
  it('creates, reads, updates and deletes an organisation tree, catalogue nodes and subject categories', async () => {
    const parent = await makeOrg(strapi, { name: '示范县人民政府', level: '县' });
    const child = await makeOrg(strapi, { name: '示范县教育局', level: '部门', parent: parent.documentId });
    const found: any = await strapi.documents('api::organization.organization').findOne({ documentId: parent.documentId, populate: ['children'] });
    expect(found.children.map((c: any) => c.documentId)).toEqual([child.documentId]);

    const node = await makeNode(strapi, parent.documentId, { requiredElements: ['documentNumber'] });
    const sub = await makeNode(strapi, parent.documentId, { parent: node.documentId, cadence: '每月' });
    const tree: any = await strapi.documents('api::catalogue-node.catalogue-node').findOne({ documentId: node.documentId, populate: ['children', 'organization'] });
    expect(tree.children[0].documentId).toBe(sub.documentId);
    expect(tree.organization.documentId).toBe(parent.documentId);

    const cat = await strapi.documents('api::subject-category.subject-category').create({ data: { name: '综合政务', code: 'T01' } as any });
    await strapi.documents('api::subject-category.subject-category').update({ documentId: cat.documentId, data: { name: '综合政务（改）' } as any });
    expect((await strapi.documents('api::subject-category.subject-category').findOne({ documentId: cat.documentId }))!.name).toBe('综合政务（改）');

    await strapi.documents('api::catalogue-node.catalogue-node').delete({ documentId: sub.documentId });
    expect(await strapi.documents('api::catalogue-node.catalogue-node').findOne({ documentId: sub.documentId })).toBeNull();
  });

  it('creates a disclosure item with generated 索引号, pinyin slug and normalised 发文字号', async () => {
    const org = await makeOrg(strapi, { code: '000014349' });
    const item: any = await makeItem(strapi, org.documentId, { documentNumber: '示府办发[2025]3号', keywords: '政务公开，通知' });
    expect(item.indexNo).toBe('000014349/2025-00001');
    expect(item.slug).toBe('guan-yu-zuo-hao-2025-nian-zheng-wu-gong-kai-gong-zuo-de-tong-zhi');
    expect(item.documentNumber).toBe('示府办发〔2025〕3号');
    expect(item.keywords).toEqual(['政务公开', '通知']);
    const second: any = await makeItem(strapi, org.documentId);
    expect(second.indexNo).toBe('000014349/2025-00002');
    expect(second.slug).toBe(`${item.slug}-2`);
    const nextYear: any = await makeItem(strapi, org.documentId, { publishDate: '2026-01-05', writtenDate: '2026-01-04' });
    expect(nextYear.indexNo).toBe('000014349/2026-00001');
  });

  it('stores an instant given for a date field as its day in China, not in UTC', async () => {
    const org = await makeOrg(strapi);
    // 2026-11-20 00:30 in Beijing is still 2026-11-19 in UTC
    const item: any = await makeItem(strapi, org.documentId, { writtenDate: '2026-11-19T16:30:00.000Z', publishDate: new Date('2026-11-19T16:30:00.000Z') });
    expect([item.writtenDate, item.publishDate]).toEqual(['2026-11-20', '2026-11-20']);
    const plain: any = await makeItem(strapi, org.documentId, { writtenDate: '2026-11-19', publishDate: '2026-11-20T09:00:00' });
    expect([plain.writtenDate, plain.publishDate]).toEqual(['2026-11-19', '2026-11-20']);
  });

  it('refuses a parent that would make a cycle in the organisation tree and in the catalogue tree (field parent)', async () => {
    const top = await makeOrg(strapi);
    const child = await makeOrg(strapi, { parent: top.documentId, level: '部门' });
    await expect(strapi.documents('api::organization.organization').update({ documentId: top.documentId, data: { parent: child.documentId } as any })).rejects.toMatchObject({
      name: 'ValidationError',
      details: { errors: [expect.objectContaining({ path: ['parent'], message: '上级机构不能是本机构或其下级机构' })] },
    });
    const node = await makeNode(strapi, top.documentId);
    const sub = await makeNode(strapi, top.documentId, { parent: node.documentId });
    await expect(strapi.documents('api::catalogue-node.catalogue-node').update({ documentId: node.documentId, data: { parent: { connect: [{ documentId: sub.documentId }] } } as any })).rejects.toMatchObject({
      name: 'ValidationError',
      details: { errors: [expect.objectContaining({ path: ['parent'], message: '上级栏目不能是本栏目或其下级栏目' })] },
    });
    // a parent that is not a descendant is accepted
    const other = await makeOrg(strapi);
    expect((await strapi.documents('api::organization.organization').update({ documentId: child.documentId, data: { parent: other.documentId } as any }))?.documentId).toBe(child.documentId);
  });

  it('accepts a day as people type it: 2026/11/20, 2026.11.20, 2026年11月20日, 2026-1-5, full-width digits', async () => {
    const org = await makeOrg(strapi);
    for (const [typed, day] of [['2026/11/20', '2026-11-20'], ['2026.11.20', '2026-11-20'], ['2026年11月20日', '2026-11-20'], ['2026-1-5', '2026-01-05'], ['２０２６年１１月２０日', '2026-11-20']]) {
      const item: any = await makeItem(strapi, org.documentId, { writtenDate: typed, publishDate: '2026-12-01' });
      expect({ typed, stored: item.writtenDate }).toEqual({ typed, stored: day });
    }
    // not a day: a clear error naming the field
    await expect(makeItem(strapi, org.documentId, { writtenDate: '2026年13月1日' })).rejects.toMatchObject({ name: 'ValidationError' });
  });

  it('keeps a valid imported 索引号 and continues numbering above it', async () => {
    const org = await makeOrg(strapi, { code: '01424668-5' });
    const imported: any = await makeItem(strapi, org.documentId, { indexNo: '01424668-5/2025-00063' });
    expect(imported.indexNo).toBe('01424668-5/2025-00063');
    const next: any = await makeItem(strapi, org.documentId);
    expect(next.indexNo).toBe('01424668-5/2025-00064');
    await expect(makeItem(strapi, org.documentId, { indexNo: '01424668-5/2025-00063' })).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(makeItem(strapi, org.documentId, { indexNo: 'abc' })).rejects.toMatchObject({ name: 'ValidationError' });
  });

  it('refuses to change a 索引号 and keeps it through publish and update', async () => {
    const org = await makeOrg(strapi);
    const item: any = await makeItem(strapi, org.documentId);
    await expect(strapi.documents(ITEM).update({ documentId: item.documentId, data: { indexNo: 'X/2025-00009' } as any })).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining('索引号生成后不可修改'),
    });
    await strapi.documents(ITEM).update({ documentId: item.documentId, data: { title: '修改后的标题' } as any });
    const published: any = await publishDoc(strapi, ITEM, item.documentId);
    expect(published.entries[0].indexNo).toBe(item.indexNo);
  });

  it('links interpretations both ways', async () => {
    const org = await makeOrg(strapi);
    const policy: any = await makeItem(strapi, org.documentId, { title: '示范县促进就业若干措施' });
    const reading: any = await makeItem(strapi, org.documentId, { title: '《示范县促进就业若干措施》政策解读', interprets: policy.documentId });
    const loaded: any = await strapi.documents(ITEM).findOne({ documentId: policy.documentId, populate: ['interpretations'] });
    expect(loaded.interpretations.map((i: any) => i.documentId)).toEqual([reading.documentId]);
  });

  it('creates and derives the status of laws, with repeal links', async () => {
    const org = await makeOrg(strapi);
    const LAW = 'api::law.law';
    const newer: any = await strapi.documents(LAW).create({ data: { title: '示范县政府信息公开办法（2024年修订）', level: '行政规范性文件', effectiveDate: '2024-01-01', organization: org.documentId } as any });
    expect(newer.lawStatus).toBe('有效');
    const old: any = await strapi.documents(LAW).create({ data: { title: '示范县政府信息公开办法', level: '行政规范性文件', effectiveDate: '2015-01-01', repealedDate: '2024-01-01', repealedBy: newer.documentId, organization: org.documentId } as any });
    expect(old.lawStatus).toBe('废止');
    const future: any = await strapi.documents(LAW).create({ data: { title: '将来施行的规定', level: '地方政府规章', effectiveDate: '2099-01-01', documentNumber: '示府令【2099】1号' } as any });
    expect(future.lawStatus).toBe('尚未生效');
    expect(future.documentNumber).toBe('示府令〔2099〕1号');
    const expired: any = await strapi.documents(LAW).create({ data: { title: '已到期的规范性文件', level: '行政规范性文件', effectiveDate: '2015-01-01', expiryDate: '2020-01-01', lawStatus: '有效' } as any });
    expect(expired.lawStatus).toBe('失效');
    const withRepeals: any = await strapi.documents(LAW).findOne({ documentId: newer.documentId, populate: ['repeals'] });
    expect(withRepeals.repeals.map((r: any) => r.documentId)).toEqual([old.documentId]);
  });

  it('creates annual reports and disclosure requests', async () => {
    const org = await makeOrg(strapi, { name: '示范县人民政府' });
    const report: any = await strapi.documents('api::annual-report.annual-report').create({ data: { organization: org.documentId, year: 2025 } as any });
    expect(report.title).toBe('示范县人民政府2025年政府信息公开工作年度报告');
    const req: any = await strapi.documents('api::disclosure-request.disclosure-request').create({
      data: { organization: org.documentId, receivedDate: '2025-09-26', channel: '当面', applicantCategory: '自然人', applicantName: '张三', requestedContent: '2024年财政决算' } as any,
    });
    expect(req.trackingNo).toMatch(/^YSQ2025\d{6}$/);
    await expect(strapi.documents('api::disclosure-request.disclosure-request').update({ documentId: req.documentId, data: { handlingStatus: '已办结' } as any })).rejects.toMatchObject({
      message: expect.stringContaining('办理结果'),
    });
    const closed: any = await strapi.documents('api::disclosure-request.disclosure-request').update({ documentId: req.documentId, data: { handlingStatus: '已办结', resultKey: 'disclosed', closedDate: '2025-10-20' } as any });
    expect(closed.resultKey).toBe('disclosed');
  });
});

describe('Validation: 400, Strapi error shape, the field named in Chinese, nothing written', () => {
  const countItems = () => strapi.db.query(ITEM).count();

  async function expectRefused(data: Record<string, unknown>, field: string, text: string) {
    const before = await countItems();
    const res = await api.post(`${CM}/${ITEM}`, data);
    expect(res.status).toBe(400);
    expect(res.body.data).toBeNull();
    expect(res.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
    expect(res.body.error.message).toContain(text);
    expect(res.body.error.details.errors.map((e: any) => e.path.join('.'))).toContain(field);
    expect(await countItems()).toBe(before);
  }

  let org: any;
  let otherOrg: any;
  beforeAll(async () => {
    org = await makeOrg(strapi);
    otherOrg = await makeOrg(strapi);
  });

  it('unknown enum value', async () => {
    await expectRefused({ title: '标题', organization: org.documentId, genre: '小说' }, 'genre', '体裁分类“小说”不是有效值');
  });
  it('成文日期 after 发布日期', async () => {
    await expectRefused({ title: '标题', organization: org.documentId, writtenDate: '2025-03-02', publishDate: '2025-03-01' }, 'writtenDate', '成文日期（2025-03-02）不能晚于发布日期（2025-03-01）');
  });
  it('不予公开 without a reason', async () => {
    await expectRefused({ title: '标题', organization: org.documentId, disclosureMode: '不予公开' }, 'exemptionReason', '必须填写免予公开理由');
  });
  it('malformed 发文字号', async () => {
    await expectRefused({ title: '标题', organization: org.documentId, documentNumber: '2025年3号文' }, 'documentNumber', '发文字号“2025年3号文”格式不正确');
  });
  it('a catalogue node of another organisation', async () => {
    const foreign = await makeNode(strapi, otherOrg.documentId, { name: '他人栏目' });
    await expectRefused({ title: '标题', organization: org.documentId, catalogueNodes: { connect: [{ documentId: foreign.documentId }] } }, 'catalogueNodes', '属于其他机构');
  });
  it('more than five keywords', async () => {
    await expectRefused({ title: '标题', organization: org.documentId, keywords: ['一', '二', '三', '四', '五', '六'] }, 'keywords', '主题词最多5个');
  });
  it('missing organisation', async () => {
    await expectRefused({ title: '标题' }, 'organization', '必须选择发布机构');
  });
  it('an invalid date', async () => {
    await expectRefused({ title: '标题', organization: org.documentId, publishDate: '2025-02-30' }, 'publishDate', '不是有效日期');
  });
  it('a malformed organisation code and a duplicate one', async () => {
    const res = await api.post(`${CM}/api::organization.organization`, { name: '某局', code: 'bad code!', level: '部门' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['code']);
    const dup = await api.post(`${CM}/api::organization.organization`, { name: '某局', code: org.code, level: '部门' });
    expect(dup.status).toBe(400);
    expect(dup.body.error.message).toContain('已被其他机构使用');
  });
  it('an annual report breaking arithmetic rule 1', async () => {
    const res = await api.post(`${CM}/api::annual-report.annual-report`, {
      organization: org.documentId,
      year: 2024,
      table3: { newReceived: { natural: 3, total: 3 }, carriedOver: { natural: 0, total: 0 }, disclosed: { natural: 1, total: 1 }, resultsTotal: { natural: 1, total: 1 }, carriedForward: { natural: 0, total: 0 } },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/规则/);
    expect(await strapi.db.query('api::annual-report.annual-report').count({ where: { year: 2024 } })).toBe(0);
  });
});

describe('Content Manager admin API', () => {
  it('CRUD and publish of a disclosure item, with 索引号 immutable', async () => {
    const org = await makeOrg(strapi);
    const node = await makeNode(strapi, org.documentId);
    const created = await api.post(`${CM}/${ITEM}`, {
      title: '示范县2025年重点民生实事项目公示', organization: { connect: [{ documentId: org.documentId }] },
      catalogueNodes: { connect: [{ documentId: node.documentId }] }, publishDate: '2025-05-06', genre: '公告',
    });
    expect(created.status).toBe(201);
    const doc = created.body.data;
    expect(doc.indexNo).toBe(`${org.code}/2025-00001`);
    expect(doc.slug).toBe('shi-fan-xian-2025-nian-zhong-dian-min-sheng-shi-shi-xiang-mu-gong-shi');

    const read = await api.get(`${CM}/${ITEM}/${doc.documentId}`);
    expect(read.status).toBe(200);
    expect(read.body.data.title).toBe('示范县2025年重点民生实事项目公示');

    const list = await api.get(`${CM}/${ITEM}?page=1&pageSize=10&filters[$and][0][indexNo][$eq]=${encodeURIComponent(doc.indexNo)}`);
    expect(list.status).toBe(200);
    expect(list.body.results).toHaveLength(1);

    const changeNo = await api.put(`${CM}/${ITEM}/${doc.documentId}`, { ...read.body.data, indexNo: `${org.code}/2025-09999` });
    expect(changeNo.status).toBe(400);
    expect(changeNo.body.error.details.errors[0].path).toEqual(['indexNo']);

    const updated = await api.put(`${CM}/${ITEM}/${doc.documentId}`, { summary: '公示十项民生实事' });
    expect(updated.status).toBe(200);
    expect(updated.body.data.indexNo).toBe(doc.indexNo);

    // publishing needs the review workflow's approval (tests/integration/review-workflow.test.ts)
    await strapi.plugin('review-workflow').service('workflow').approveForImport(ITEM, doc.documentId);
    const published = await api.post(`${CM}/${ITEM}/${doc.documentId}/actions/publish`, {});
    expect(published.status).toBe(200);
    expect(published.body.data.publishedAt).toBeTruthy();

    const removed = await api.del(`${CM}/${ITEM}/${doc.documentId}`);
    expect(removed.status).toBe(200);
    expect(await strapi.documents(ITEM).findOne({ documentId: doc.documentId })).toBeNull();
  });

  it('CRUD of organisations, catalogue nodes, laws, annual reports and requests', async () => {
    const orgRes = await api.post(`${CM}/api::organization.organization`, { name: '示范县财政局', code: orgCode(), level: '部门' });
    expect(orgRes.status).toBe(201);
    const orgId = orgRes.body.data.documentId;
    const cases: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
      ['api::catalogue-node.catalogue-node', { name: '财政预决算', code: 'CZ01', kind: '重点领域类', cadence: '每年', organization: { connect: [{ documentId: orgId }] } }, { cadence: '每季' }],
      ['api::law.law', { title: '示范县财政资金管理办法', level: '行政规范性文件', effectiveDate: '2025-01-01', organization: { connect: [{ documentId: orgId }] } }, { summary: '修订' }],
      ['api::annual-report.annual-report', { year: 2025, organization: { connect: [{ documentId: orgId }] } }, { problems: '无' }],
      ['api::disclosure-request.disclosure-request', { receivedDate: '2025-06-03', requestedContent: '某项目预算', channel: '网络', applicantCategory: '商业企业', organization: { connect: [{ documentId: orgId }] } }, { handlingStatus: '办理中' }],
    ];
    for (const [uid, createBody, updateBody] of cases) {
      const c = await api.post(`${CM}/${uid}`, createBody);
      expect([uid, c.status]).toEqual([uid, 201]);
      const id = c.body.data.documentId;
      const u = await api.put(`${CM}/${uid}/${id}`, updateBody);
      expect([uid, u.status, u.body.error]).toEqual([uid, 200, undefined]);
      const [[k, v]] = Object.entries(updateBody);
      expect(u.body.data[k]).toBe(v);
      const r = await api.get(`${CM}/${uid}/${id}`);
      expect(r.status).toBe(200);
      const d = await api.del(`${CM}/${uid}/${id}`);
      expect([uid, d.status]).toEqual([uid, 200]);
    }
    const bad = await api.post(`${CM}/api::law.law`, { title: '某文件', level: '条例' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['level']);
  });
});

describe('demo accounts', () => {
  it('exist only in demo mode', async () => {
    expect(await strapi.db.query('admin::user').findOne({ where: { email: 'admin@demo.gov.cn' } })).toBeNull();
    expect(await strapi.db.query('admin::user').count({ where: { email: { $endsWith: '@demo.gov.cn' } } })).toBe(0);
  });
});

describe('索引号 under concurrency', () => {
  it('100 concurrent creates get 100 distinct, gap-free numbers', async () => {
    const org = await makeOrg(strapi, { code: '11441700007280420Y' });
    const settled = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) => makeItem(strapi, org.documentId, { title: `并发创建测试${i}` }))
    );
    expect(settled.filter((s) => s.status === 'rejected').map((s: any) => String(s.reason))).toEqual([]);
    const results = settled.map((s: any) => s.value);
    const serials = results.map((r: any) => Number(r.indexNo.split('-').pop())).sort((a, b) => a - b);
    expect(new Set(results.map((r: any) => r.indexNo)).size).toBe(100);
    expect(serials).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(results.every((r: any) => r.indexNo.startsWith('11441700007280420Y/2025-'))).toBe(true);
  });
});
