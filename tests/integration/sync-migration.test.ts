import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import ExcelJS from 'exceljs';
import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi } from '../helpers/strapi';
import { makeItem, makeNode, makeOrg } from '../helpers/fixtures';
import { publishDoc } from '../helpers/publish';

const ITEM = 'api::disclosure-item.disclosure-item';
let strapi: Core.Strapi;
let org: any;
let tmp: string;

beforeAll(async () => {
  strapi = await setupStrapi();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gov-import-'));
  org = await makeOrg(strapi, { name: '迁移县人民政府', code: '000077001' });
  const parent = await makeNode(strapi, org.documentId, { name: '法定主动公开内容', code: 'FD', kind: '其他' });
  await makeNode(strapi, org.documentId, { name: '工作动态', code: 'FD-GZDT', parent: parent.documentId });
  await makeNode(strapi, org.documentId, { name: '通知公告', code: 'FD-TZGG', kind: '通知公告类', parent: parent.documentId });
  const top = await strapi.documents('api::subject-category.subject-category').create({ data: { name: '综合政务', code: '02' } as any });
  await strapi.documents('api::subject-category.subject-category').create({ data: { name: '政务公开', code: '0201', parent: top.documentId } as any });
});
afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
  await teardownStrapi();
});

const migration = () => strapi.plugin('sync').service('migration');

const CSV = [
  '标题,索引号,发文字号,成文日期,发布日期,体裁分类,公开方式,免予公开理由,所属目录,主题分类,主题词,正文,备注',
  '关于开展2019年政务公开工作的通知,000077001/2019-00007,迁政发[2019]3号,2019-03-01,2019/3/2,通知,主动公开,,FD-TZGG,综合政务\\政务公开,政务公开；通知,"正文第一段,含逗号",旧系统',
  '2019年第一季度工作动态,bad-number,,,2019年4月1日,其他,主动公开,,法定主动公开内容/工作动态,,,动态正文,',
  ',000077001/2019-00008,,,2019-04-02,通知,主动公开,,FD-TZGG,,,缺标题,',
  '日期错误的信息,,,,2019-02-30,通知,主动公开,,FD-TZGG,,,x,',
  '成文晚于发布,,,2019-05-02,2019-05-01,通知,主动公开,,FD-TZGG,,,x,',
  '体裁错误,,,,2019-05-01,小说,主动公开,,FD-TZGG,,,x,',
  '不予公开没有理由,,,,2019-05-01,通知,不予公开,,FD-TZGG,,,x,',
  '目录不存在,,,,2019-05-01,通知,主动公开,,NO-SUCH,,,x,',
  '重复的原索引号,000077001/2019-00007,,,2019-06-01,通知,主动公开,,FD-TZGG,,,x,',
].join('\n');

describe('import', () => {
  it('dry run validates every row and writes nothing', async () => {
    const file = path.join(tmp, 'legacy.csv');
    fs.writeFileSync(file, CSV);
    const before = await strapi.db.query(ITEM).count();
    const report = await migration().importItems({ file, orgCode: org.code, dryRun: true });
    expect(report).toMatchObject({ total: 9, valid: 2, imported: 0, invalidRows: 7, dryRun: true, created: 2, updated: 0, unchanged: 0 });
    expect(await strapi.db.query(ITEM).count()).toBe(before);
    const errors = report.issues.filter((i: any) => i.severity === 'error').map((i: any) => [i.row, i.field]);
    expect(errors).toEqual([[4, 'title'], [5, 'publishDate'], [6, 'writtenDate'], [7, 'genre'], [8, 'exemptionReason'], [9, 'catalogue'], [10, 'indexNo']]);
    expect(report.issues.find((i: any) => i.row === 10).reason).toContain('与第2行重复');
    expect(report.issues.find((i: any) => i.row === 9).reason).toContain('目录“NO-SUCH”不存在');
    expect(report.unknownColumns).toEqual(['备注']);
  });

  it('imports the valid rows: keeps a valid original 索引号, assigns others, links nodes by code and by path, publishes with an audited import approval', async () => {
    const file = path.join(tmp, 'legacy.csv');
    const report = await migration().importItems({ file, orgCode: org.code });
    expect(report).toMatchObject({ valid: 2, imported: 2, created: 2, updated: 0, unchanged: 0, invalidRows: 7, failedBatches: [] });
    const rows: any[] = await strapi.db.query(ITEM).findMany({ where: { organization: { documentId: org.documentId }, publishedAt: { $notNull: true } }, populate: ['catalogueNodes', 'subjectCategory'], orderBy: { indexNo: 'asc' } });
    expect(rows.map((r) => r.indexNo)).toEqual(['000077001/2019-00007', '000077001/2019-00008']);
    const first = rows.find((r) => r.indexNo === '000077001/2019-00007');
    expect(first).toMatchObject({ title: '关于开展2019年政务公开工作的通知', documentNumber: '迁政发〔2019〕3号', writtenDate: '2019-03-01', publishDate: '2019-03-02', genre: '通知', keywords: ['政务公开', '通知'], body: '正文第一段,含逗号', bodyHtml: '<p>正文第一段,含逗号</p>' }); // rendered by the import (#17)
    expect(first.catalogueNodes.map((n: any) => n.code)).toEqual(['FD-TZGG']);
    expect(first.subjectCategory.name).toBe('政务公开');
    const news = rows.find((r) => r.title === '2019年第一季度工作动态');
    expect(news.catalogueNodes.map((n: any) => n.code)).toEqual(['FD-GZDT']);
    expect(news.publishDate).toBe('2019-04-01');
    expect(report.issues.find((i: any) => i.row === 3 && i.field === 'indexNo').reason).toContain('将重新分配');
    expect(report.issues.find((i: any) => i.row === 10 && i.field === 'indexNo')).toMatchObject({ severity: 'error' });
    // drafts exist too, and the Document Service continues numbering after the imported serials
    expect(await strapi.db.query(ITEM).count({ where: { organization: { documentId: org.documentId }, publishedAt: null } })).toBe(2);
    const next: any = await makeItem(strapi, org.documentId, { publishDate: '2019-07-01', writtenDate: '2019-07-01' });
    expect(next.indexNo).toBe('000077001/2019-00009');
    const audit = await strapi.db.query('plugin::review-workflow.audit-entry').findOne({ where: { targetDocumentId: first.documentId } });
    expect(audit).toMatchObject({ action: 'import-approve', organizationId: org.id });
    expect(audit.comment).toContain('第2行');
  });

  it('reads .xlsx with Excel dates and a custom column mapping', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('旧系统导出');
    ws.addRow(['信息标题', '发布时间', '栏目']);
    ws.addRow(['Excel 导入的工作动态', new Date('2020-08-08T00:00:00+08:00'), 'FD-GZDT']);
    ws.addRow(['Excel 导入的通知', '2020-08-09', 'FD-TZGG']);
    const file = path.join(tmp, 'legacy.xlsx');
    await wb.xlsx.writeFile(file);
    const mapping = path.join(tmp, 'mapping.json');
    fs.writeFileSync(mapping, JSON.stringify({ 信息标题: 'title' }));
    const report = await migration().importItems({ file, orgCode: org.code, mappingFile: mapping });
    expect(report).toMatchObject({ total: 2, imported: 2, invalidRows: 0 });
    const got: any = await strapi.db.query(ITEM).findOne({ where: { title: 'Excel 导入的工作动态', publishedAt: { $notNull: true } } });
    expect(got.publishDate).toBe('2020-08-08');
    expect(got.indexNo).toBe('000077001/2020-00001');
  });

  it('refuses an unknown organisation and an unsupported file', async () => {
    await expect(migration().importItems({ file: path.join(tmp, 'legacy.csv'), orgCode: '999999999' })).rejects.toThrow('机构代码 999999999 不存在');
    fs.writeFileSync(path.join(tmp, 'x.txt'), 'a');
    await expect(migration().importItems({ file: path.join(tmp, 'x.txt'), orgCode: org.code })).rejects.toThrow('不支持的文件类型');
  });
});

describe('idempotent import', () => {
  const countOf = async (title: string) => strapi.db.query(ITEM).count({ where: { title } });

  it('running the same legacy file again changes nothing (0 created, 0 updated, N unchanged)', async () => {
    const file = path.join(tmp, 'legacy.csv');
    const before = await strapi.db.query(ITEM).count();
    const outbox = Number((await strapi.db.connection('sync_outbox').count({ n: '*' }).first() as any).n);
    const report = await migration().importItems({ file, orgCode: org.code });
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: 2, skipped: 0, imported: 0, invalidRows: 7, failedBatches: [] });
    expect(await strapi.db.query(ITEM).count()).toBe(before);
    expect(Number((await strapi.db.connection('sync_outbox').count({ n: '*' }).first() as any).n)).toBe(outbox);
  });

  it('a changed row: skipped by default for legacy files, updated with --on-existing=update (same document and 索引号), an error row with error', async () => {
    const file = path.join(tmp, 'changed.csv');
    fs.writeFileSync(file, CSV.replace('"正文第一段,含逗号"', '"修订后的正文"'));
    const skipped = await migration().importItems({ file, orgCode: org.code });
    expect(skipped).toMatchObject({ created: 0, updated: 0, unchanged: 1, skipped: 1 });
    expect(skipped.issues.find((i: any) => i.row === 2).reason).toContain('--on-existing=skip');
    const refused = await migration().importItems({ file, orgCode: org.code, onExisting: 'error' });
    expect(refused).toMatchObject({ created: 0, updated: 0, unchanged: 1, invalidRows: 8 });
    expect(refused.issues.find((i: any) => i.row === 2 && i.severity === 'error').reason).toContain('内容不同');
    const docBefore: any = await strapi.db.query(ITEM).findOne({ where: { indexNo: '000077001/2019-00007', publishedAt: { $notNull: true } } });
    const start = Number((await strapi.db.connection('sync_outbox').max({ m: 'id' }).first() as any).m ?? 0);
    const updated = await migration().importItems({ file, orgCode: org.code, onExisting: 'update' });
    expect(updated).toMatchObject({ created: 0, updated: 1, unchanged: 1, imported: 1 });
    const rows: any[] = await strapi.db.query(ITEM).findMany({ where: { indexNo: '000077001/2019-00007' } });
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.body === '修订后的正文' && r.bodyHtml === '<p>修订后的正文</p>' && r.documentId === docBefore.documentId && r.slug === docBefore.slug)).toBe(true);
    const events = await strapi.db.connection('sync_outbox').where('id', '>', start).select('document_id', 'op');
    expect(events).toEqual([{ document_id: docBefore.documentId, op: 'upsert' }]);
    const audit: any[] = await strapi.db.query('plugin::review-workflow.audit-entry').findMany({ where: { targetDocumentId: docBefore.documentId, action: 'import-approve' } });
    expect(audit.map((a) => a.comment)).toEqual(expect.arrayContaining([expect.stringContaining('（更新）')]));
    // and again: nothing
    expect(await migration().importItems({ file, orgCode: org.code, onExisting: 'update' })).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  it('duplicate keys within one file are error rows, never new documents', async () => {
    const file = path.join(tmp, 'dupes.csv');
    fs.writeFileSync(file, [
      '标题,索引号,发文字号,成文日期,发布日期,所属目录',
      '重复键测试甲,000077001/2018-00001,,,2018-01-02,FD-TZGG',
      '重复键测试乙,000077001/2018-00001,,,2018-01-03,FD-TZGG',
      '重复键测试丙,,迁政发〔2018〕9号,2018-01-01,2018-01-04,FD-TZGG',
      '重复键测试丙,,迁政发〔2018〕9号,2018-01-01,2018-01-05,FD-TZGG',
      '重复键测试丙,,迁政发〔2018〕10号,2018-01-01,2018-01-05,FD-TZGG',
    ].join('\n'));
    const report = await migration().importItems({ file, orgCode: org.code });
    expect(report).toMatchObject({ total: 5, created: 3, invalidRows: 2 });
    expect(report.issues.filter((i: any) => i.severity === 'error').map((i: any) => [i.row, i.field])).toEqual([[3, 'indexNo'], [5, 'title']]);
    expect(report.issues.find((i: any) => i.row === 5).reason).toContain('与第4行重复');
    expect(await countOf('重复键测试乙')).toBe(0);
    expect(await countOf('重复键测试丙')).toBe(4); // two documents (draft + published each)
  });
});

describe('concurrent imports', () => {
  it('two imports of the same file at the same time: each row once', async () => {
    const file = path.join(tmp, 'concurrent.csv');
    fs.writeFileSync(file, ['标题,发文字号,成文日期,发布日期,所属目录', ...Array.from({ length: 30 }, (_, i) => `并发导入${i + 1},,2022-01-01,2022-02-0${(i % 9) + 1},FD-GZDT`)].join('\n'));
    const [a, b] = await Promise.all([migration().importItems({ file, orgCode: org.code, batchSize: 7 }), migration().importItems({ file, orgCode: org.code, batchSize: 7 })]);
    expect([a.created + b.created, a.unchanged + b.unchanged, a.failedBatches.length + b.failedBatches.length]).toEqual([30, 30, 0]);
    expect(await strapi.db.query(ITEM).count({ where: { title: { $startsWith: '并发导入' }, publishedAt: { $notNull: true } } })).toBe(30);
  });
});

describe('atomic batches', () => {
  const rows = (prefix: string, n: number) => ['标题,发布日期,所属目录', ...Array.from({ length: n }, (_, i) => `${prefix}${i + 1},2021-05-0${i + 1},FD-GZDT`)].join('\n');
  const searchRows = async (ids: string[]) => Number((await strapi.db.connection('gov_api_search').whereIn('document_id', ids).count({ n: '*' }).first() as any).n);

  it('a failing batch is rolled back whole (rows, outbox, search index, roll-ups), reported in Chinese with its rows, and the import continues', async () => {
    const file = path.join(tmp, 'batches.csv');
    fs.writeFileSync(file, rows('批次测试', 5));
    const outboxBefore = Number((await strapi.db.connection('sync_outbox').count({ n: '*' }).first() as any).n);
    const report = await migration().importItems({
      file, orgCode: org.code, batchSize: 2,
      beforeCommit: async ({ index }: any, trx: any) => { if (index === 2) await trx.raw('INSERT INTO no_such_table (x) VALUES (1)'); },
    });
    expect(report).toMatchObject({ created: 3, stopped: false });
    expect(report.failedBatches).toHaveLength(1);
    expect(report.failedBatches[0]).toMatchObject({ batch: 2, rows: [4, 5] });
    expect(report.failedBatches[0].reason).toMatch(/^第2批（共2行：第4–5行）已整批回滚：/);
    expect(report.failedBatches[0].reason).not.toMatch(/INSERT|no_such_table|SQLITE|relation/i);
    expect(report.failedBatches[0].reason).toContain('数据库写入失败（详细信息见调试日志 LOG_LEVEL=debug）');
    expect(await countOf2(['批次测试3', '批次测试4'])).toBe(0);
    const written: any[] = await strapi.db.query(ITEM).findMany({ where: { title: { $startsWith: '批次测试' }, publishedAt: { $notNull: true } } });
    expect(written.map((r) => r.title).sort()).toEqual(['批次测试1', '批次测试2', '批次测试5']);
    expect(Number((await strapi.db.connection('sync_outbox').count({ n: '*' }).first() as any).n)).toBe(outboxBefore + 3);
    expect(await searchRows(written.map((r) => r.documentId))).toBe(3);
    const stats: any = await strapi.db.connection('item_daily_stats').where({ organization_id: org.id }).whereIn('publish_date', ['2021-05-03', '2021-05-04']).count({ n: '*' }).first();
    expect(Number(stats.n)).toBe(0);
    // run again: the failed batch's rows are created, the others unchanged
    const again = await migration().importItems({ file, orgCode: org.code, batchSize: 2 });
    expect(again).toMatchObject({ created: 2, updated: 0, unchanged: 3, failedBatches: [] });
    expect(await strapi.db.query(ITEM).count({ where: { title: { $startsWith: '批次测试' }, publishedAt: { $notNull: true } } })).toBe(5);
  });

  it('each row of a multi-batch import is found by its own words (search text segmented ahead of its batch)', async () => {
    const file = path.join(tmp, 'search-ahead.csv');
    const words = ['白鹭湿地', '梯田灌溉', '茶叶采摘', '古桥修缮', '竹编非遗'];
    fs.writeFileSync(file, ['标题,发布日期,所属目录,正文', ...words.map((w, i) => `分批检索${i + 1}号,2021-06-0${i + 1},FD-GZDT,关于${w}的工作安排`)].join('\n'));
    const report = await migration().importItems({ file, orgCode: org.code, batchSize: 2 });
    expect(report).toMatchObject({ created: 5, failedBatches: [] });
    const search = async (q: string) => (await request(strapi.server.httpServer).get(`/api/gov/v1/search?q=${encodeURIComponent(q)}`).expect(200)).body.data.map((h: any) => h.title);
    for (const [i, w] of words.entries()) expect(await search(w)).toEqual([`分批检索${i + 1}号`]);
    const indexNo = (await strapi.db.query(ITEM).findOne({ where: { title: '分批检索4号', publishedAt: { $notNull: true } } })).indexNo;
    expect(await search(indexNo)).toEqual(['分批检索4号']);
  });

  it('--stop-on-error stops at the failed batch', async () => {
    const file = path.join(tmp, 'stop.csv');
    fs.writeFileSync(file, rows('停止测试', 5));
    const report = await migration().importItems({
      file, orgCode: org.code, batchSize: 2, stopOnError: true,
      beforeCommit: async ({ index }: any) => { if (index === 2) throw new Error('模拟故障'); },
    });
    expect(report).toMatchObject({ created: 2, stopped: true });
    expect(report.failedBatches.map((b: any) => [b.batch, b.reason])).toEqual([[2, '第2批（共2行：第4–5行）已整批回滚：模拟故障']]);
    expect(await strapi.db.query(ITEM).count({ where: { title: { $startsWith: '停止测试' }, publishedAt: null } })).toBe(2);
  });

  const countOf2 = async (titles: string[]) => strapi.db.query(ITEM).count({ where: { title: { $in: titles } } });
});

describe('roll-ups kept by imports', () => {
  it('new rows counted as a delta and updated rows recomputed: equal to a full rebuild, across batches and days shared with existing items', async () => {
    const gzdt: any = await strapi.db.query('api::catalogue-node.catalogue-node').findOne({ where: { code: 'FD-GZDT' } });
    const existing: any = await makeItem(strapi, org.documentId, { title: '统计同日已有信息', publishDate: '2020-03-01', writtenDate: '2020-03-01', catalogueNodes: [gzdt.documentId], body: '正文' });
    await publishDoc(strapi, ITEM, existing.documentId);
    const head = '标题,索引号,发布日期,体裁分类,所属目录,主题分类,正文';
    const rowsA = [
      '统计导入一,000077001/2020-00101,2020-03-01,通知,FD-GZDT,综合政务\\政务公开,有正文',
      '统计导入二,000077001/2020-00102,2020-03-01,通知,FD-GZDT,,',
      '统计导入三,000077001/2020-00103,2020-03-01,公告,FD-TZGG,,有正文',
      '统计导入四,000077001/2020-00104,2020-03-02,通知,FD-GZDT;FD-TZGG,,有正文',
      '统计导入五,000077001/2020-00105,2020-03-01,通知,FD-GZDT,综合政务\\政务公开,有正文',
      '统计导入六,000077001/2020-00106,2020-03-03,其他,FD-TZGG,,有正文',
      '统计导入七,000077001/2020-00107,2020-03-01,通知,FD-GZDT,,有正文',
    ];
    const a = path.join(tmp, 'rollups-a.csv');
    fs.writeFileSync(a, [head, ...rowsA].join('\n'));
    const first = await migration().importItems({ file: a, orgCode: org.code, batchSize: 3 });
    expect(first).toMatchObject({ created: 7, failedBatches: [] });
    // the second file moves two rows to other days and nodes, unpublishes none, adds one
    const b = path.join(tmp, 'rollups-b.csv');
    fs.writeFileSync(b, [head, rowsA[0].replace('2020-03-01,通知,FD-GZDT', '2020-03-05,通知,FD-TZGG'), rowsA[3].replace('2020-03-02', '2020-03-01'), '统计导入八,000077001/2020-00108,2020-03-05,通知,FD-GZDT,,有正文'].join('\n'));
    const second = await migration().importItems({ file: b, orgCode: org.code, onExisting: 'update', batchSize: 2 });
    expect(second).toMatchObject({ created: 1, updated: 2, failedBatches: [] });

    const dump = async () => ({
      daily: (await strapi.db.connection('item_daily_stats').select('*').orderBy(['organization_id', 'publish_date', 'genre', 'disclosure_mode', 'subject', 'fulltext'])).map((r: any) => ({ ...r, n: Number(r.n) })),
      nodes: (await strapi.db.connection('item_node_daily_stats').select('*').orderBy(['organization_id', 'publish_date', 'node_id'])).map((r: any) => ({ ...r, n: Number(r.n) })),
      catalogue: (await strapi.db.connection('catalogue_node_stats').select('*').orderBy('node_id')).map((r: any) => ({ ...r, item_count: Number(r.item_count) })),
    });
    const kept = await dump();
    expect(kept.daily.filter((r: any) => r.organization_id === org.id && String(r.publish_date).startsWith('2020-03')).reduce((t: number, r: any) => t + r.n, 0)).toBe(9);
    await strapi.plugin('statistics').service('item-stats').refresh();
    await strapi.plugin('statistics').service('node-stats').refresh();
    expect(await dump()).toEqual(kept);
  });
});

describe('export → import round trip', () => {
  it('reads its own package back losslessly', async () => {
    const o = await makeOrg(strapi, { name: '往返县人民政府', code: '000077002' });
    const root = await makeNode(strapi, o.documentId, { name: '政策文件', code: 'ZC', kind: '政策文件类', requiredElements: ['documentNumber'] });
    const leaf = await makeNode(strapi, o.documentId, { name: '政策解读', code: 'ZC-JD', parent: root.documentId, cadence: '每月' });
    const policy: any = await makeItem(strapi, o.documentId, { title: '往返县促进就业办法', documentNumber: '往政发〔2024〕1号', catalogueNodes: [root.documentId], keywords: ['就业'], isNormative: true });
    await publishDoc(strapi, ITEM, policy.documentId);
    const reading: any = await makeItem(strapi, o.documentId, { title: '往返县促进就业办法解读', catalogueNodes: [leaf.documentId], interprets: policy.documentId, internalNote: '内部备注也保留' });
    await publishDoc(strapi, ITEM, reading.documentId);
    await makeItem(strapi, o.documentId, { title: '未发布的草稿', catalogueNodes: [leaf.documentId] });
    const LAW = 'api::law.law';
    const newer: any = await strapi.documents(LAW).create({ data: { title: '新办法', level: '行政规范性文件', effectiveDate: '2024-01-01', organization: o.documentId } as any });
    await publishDoc(strapi, LAW, newer.documentId);
    const older: any = await strapi.documents(LAW).create({ data: { title: '旧办法', level: '行政规范性文件', effectiveDate: '2015-01-01', repealedDate: '2024-01-01', repealedBy: newer.documentId, organization: o.documentId } as any });
    await publishDoc(strapi, LAW, older.documentId);
    await strapi.documents('api::annual-report.annual-report').create({ data: { organization: o.documentId, year: 2024, overview: '总体情况', problems: '问题' } as any });

    const first = await migration().exportOrganization('000077002');
    expect(first).toMatchObject({ format: 'gov-disclosure-export', version: 1 });
    expect(first.items).toHaveLength(3);
    expect(first.laws.find((l: any) => l.title === '旧办法').repealedBy).toBe(newer.documentId);

    // wipe the organisation's content, then import the package back
    for (const uid of [ITEM, LAW, 'api::annual-report.annual-report']) {
      const docs: any[] = await strapi.db.query(uid as any).findMany({ where: { organization: { documentId: o.documentId }, publishedAt: null }, select: ['documentId'] });
      for (const d of docs) await (strapi.documents(uid as any) as any).delete({ documentId: d.documentId });
    }
    for (const n of [leaf, root]) await strapi.documents('api::catalogue-node.catalogue-node').delete({ documentId: n.documentId });
    const file = path.join(tmp, 'package.json');
    fs.writeFileSync(file, JSON.stringify(first));
    const report = await migration().importItems({ file, orgCode: '000077002' });
    expect(report).toMatchObject({ total: 3, imported: 3, invalidRows: 0 });

    const second = await migration().exportOrganization('000077002');
    const strip = (p: any) => ({ ...p, exportedAt: undefined });
    expect(strip(second)).toEqual(strip(first));
  });
});

describe('change feed', () => {
  const feed = (token?: string, query = '') => {
    const r = request(strapi.server.httpServer).get(`/api/gov/v1/changes${query}`);
    return token ? r.set('Authorization', `Bearer ${token}`) : r;
  };
  let scoped: string;
  beforeAll(async () => {
    scoped = (await strapi.service('admin::api-token').create({ name: `sync-${Date.now()}`, type: 'custom', lifespan: null, description: '', permissions: ['plugin::sync.changes.find'] }) as any).accessKey;
  });

  it('401 without a token, 403 without the scope', async () => {
    expect((await feed()).status).toBe(401);
    expect((await feed('not-a-token')).status).toBe(401);
    const readOnly: any = await strapi.service('admin::api-token').create({ name: `ro-${Date.now()}`, type: 'read-only', lifespan: null, description: '' });
    const res = await feed(readOnly.accessKey);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('变更订阅权限');
  });

  it('returns upserts and tombstones in order with resumable cursors; bad parameters are 400', async () => {
    const start = (await feed(scoped, '?since=0&limit=500')).body.meta.nextCursor;
    const o = await makeOrg(strapi, { code: '000077003' });
    const a: any = await makeItem(strapi, o.documentId, { title: '订阅测试甲' });
    const b: any = await makeItem(strapi, o.documentId, { title: '订阅测试乙' });
    await publishDoc(strapi, ITEM, a.documentId);
    await publishDoc(strapi, ITEM, b.documentId);
    await strapi.plugin('review-workflow').service('workflow').unpublish(ITEM, a.documentId, { id: null, name: '测试', roles: [] }, '测试撤稿');
    await strapi.documents(ITEM).delete({ documentId: b.documentId });
    const page1 = await feed(scoped, `?since=${start}&limit=2`);
    expect(page1.status).toBe(200);
    expect(page1.body.data.map((e: any) => e.documentId)).toEqual([a.documentId, b.documentId]);
    expect(page1.body.meta).toMatchObject({ nextCursor: page1.body.data[1].cursor, hasMore: true });
    const all = await feed(scoped, `?since=${start}&limit=100`);
    expect(all.body.data.map((e: any) => e.op)).toEqual(['tombstone', 'tombstone', 'tombstone', 'tombstone']);
    // a and b were published, then removed: their upserts are reported as superseded tombstones, never leaked
    expect(all.body.data.map((e: any) => e.documentId)).toEqual([a.documentId, b.documentId, a.documentId, b.documentId]);
    expect(all.body.data.slice(0, 2).every((e: any) => e.superseded === true)).toBe(true);
    const cursors = all.body.data.map((e: any) => Number(e.cursor));
    expect([...cursors].sort((x, y) => x - y)).toEqual(cursors);
    const resumed = await feed(scoped, `?since=${page1.body.meta.nextCursor}&limit=100`);
    expect(resumed.body.data.map((e: any) => e.cursor)).toEqual(all.body.data.slice(2).map((e: any) => e.cursor));
    const c: any = await makeItem(strapi, o.documentId, { title: '订阅测试丙', body: '正文', internalNote: '内部备注' });
    await publishDoc(strapi, ITEM, c.documentId);
    const up = await feed(scoped, `?since=${resumed.body.meta.nextCursor}`);
    expect(up.body.data).toHaveLength(1);
    expect(up.body.data[0]).toMatchObject({ op: 'upsert', type: 'item', documentId: c.documentId, data: { title: '订阅测试丙', indexNo: c.indexNo } });
    expect(JSON.stringify(up.body.data[0])).not.toContain('内部备注');
    for (const q of ['?since=abc', '?limit=0', '?limit=501', '?foo=1']) expect([q, (await feed(scoped, q)).status]).toEqual([q, 400]);
  });

  it('concurrent publishes: every event present once, cursors strictly increasing', async () => {
    const start = Number((await feed(scoped, '?since=0&limit=500')).body.meta.nextCursor);
    const o = await makeOrg(strapi, { code: '000077004' });
    const docs: any[] = [];
    for (let i = 0; i < 20; i++) docs.push(await makeItem(strapi, o.documentId, { title: `并发发布${i}` }));
    await Promise.all(docs.map((d) => publishDoc(strapi, ITEM, d.documentId)));
    const res = await feed(scoped, `?since=${start}&limit=500`);
    const ids = res.body.data.map((e: any) => e.documentId);
    expect(ids.sort()).toEqual(docs.map((d) => d.documentId).sort());
    const cursors = res.body.data.map((e: any) => Number(e.cursor));
    for (let i = 1; i < cursors.length; i++) expect(cursors[i]).toBeGreaterThan(cursors[i - 1]);
  });
});
