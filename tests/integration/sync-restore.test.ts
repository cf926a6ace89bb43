/**
 * Migration without duplicates, end to end: a small fixture set (a county and one of its departments,
 * catalogue trees, items with a 政策解读 link, laws with repeal / amend links, annual reports) exported
 * organisation by organisation; re-imported into its own database (nothing changes); restored into an
 * EMPTY database (organisations with their parent chain, catalogue, items, laws, reports with their
 * documentIds, 索引号, slugs and links) and exported again: the same packages. Then a legacy import killed
 * (SIGKILL, in a child process) after its first batch committed and run again: each row once.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { execFileSync, spawn } from 'child_process';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi, ROOT } from '../helpers/strapi';
import { makeItem, makeNode } from '../helpers/fixtures';
import { publishDoc } from '../helpers/publish';

const ITEM = 'api::disclosure-item.disclosure-item';
const LAW = 'api::law.law';
const REPORT = 'api::annual-report.annual-report';
const ORG = 'api::organization.organization';
const CODES = ['000079001', '000079002'];

let strapi: Core.Strapi;
let tmp: string;
const migration = () => strapi.plugin('sync').service('migration');
const strip = (p: any) => ({ ...p, exportedAt: undefined });
const outboxCount = async () => Number(((await strapi.db.connection('sync_outbox').count({ n: '*' }).first()) as any).n);

async function seedFixtures() {
  const county: any = await strapi.documents(ORG).create({ data: { name: '还原县人民政府', code: CODES[0], level: '县', shortName: '还原县' } as any });
  const dept: any = await strapi.documents(ORG).create({ data: { name: '还原县教育局', code: CODES[1], level: '部门', parent: county.documentId, sortOrder: 3 } as any });
  const top = await strapi.documents('api::subject-category.subject-category').create({ data: { name: '教育', code: '19' } as any });
  await strapi.documents('api::subject-category.subject-category').create({ data: { name: '学前教育', code: '1901', parent: top.documentId } as any });
  for (const o of [county, dept]) {
    const root = await makeNode(strapi, o.documentId, { name: '政策文件', code: `${o.code}-ZC`, kind: '政策文件类', requiredElements: ['documentNumber'] });
    const leaf = await makeNode(strapi, o.documentId, { name: '政策解读', code: `${o.code}-JD`, parent: root.documentId, cadence: '每月' });
    const news = await makeNode(strapi, o.documentId, { name: '工作动态', code: `${o.code}-GZDT` });
    const policy: any = await makeItem(strapi, o.documentId, { title: `${o.name}学前教育资助办法`, documentNumber: `还政发〔2024〕${o.code.slice(-1)}号`, catalogueNodes: [root.documentId], keywords: ['资助'], isNormative: true, subjectCategory: (await strapi.db.query('api::subject-category.subject-category').findOne({ where: { code: '1901' } })).documentId });
    await publishDoc(strapi, ITEM, policy.documentId);
    const reading: any = await makeItem(strapi, o.documentId, { title: `${o.name}学前教育资助办法解读`, catalogueNodes: [leaf.documentId], interprets: policy.documentId, internalNote: '内部备注' });
    await publishDoc(strapi, ITEM, reading.documentId);
    for (let i = 0; i < 3; i++) {
      const n: any = await makeItem(strapi, o.documentId, { title: `${o.name}工作动态${i}`, catalogueNodes: [news.documentId], publishDate: `2024-0${i + 1}-10`, writtenDate: null });
      await publishDoc(strapi, ITEM, n.documentId);
    }
    await makeItem(strapi, o.documentId, { title: `${o.name}未发布的草稿`, catalogueNodes: [news.documentId] });
    const newer: any = await strapi.documents(LAW).create({ data: { title: `${o.name}新办法`, level: '行政规范性文件', effectiveDate: '2024-01-01', organization: o.documentId } as any });
    await publishDoc(strapi, LAW, newer.documentId);
    const amending: any = await strapi.documents(LAW).create({ data: { title: `${o.name}修正案`, level: '行政规范性文件', effectiveDate: '2023-01-01', organization: o.documentId } as any });
    await publishDoc(strapi, LAW, amending.documentId);
    const older: any = await strapi.documents(LAW).create({ data: { title: `${o.name}旧办法`, level: '行政规范性文件', effectiveDate: '2015-01-01', repealedDate: '2024-01-01', repealedBy: newer.documentId, amendedBy: amending.documentId, organization: o.documentId } as any });
    await publishDoc(strapi, LAW, older.documentId);
    const report: any = await strapi.documents(REPORT).create({ data: { organization: o.documentId, year: 2023, overview: '总体情况', problems: '问题' } as any });
    await publishDoc(strapi, REPORT, report.documentId);
    await strapi.documents(REPORT).create({ data: { organization: o.documentId, year: 2024, overview: '2024年总体情况' } as any });
  }
}

async function exportAll(): Promise<Record<string, any>> {
  const out: Record<string, any> = {};
  for (const code of CODES) out[code] = await migration().exportOrganization(code);
  return out;
}

const counts = async () => ({
  items: await strapi.db.query(ITEM).count(),
  laws: await strapi.db.query(LAW).count(),
  reports: await strapi.db.query(REPORT).count(),
  orgs: await strapi.db.query(ORG).count(),
  outbox: await outboxCount(),
});

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gov-restore-'));
  strapi = await setupStrapi();
});
afterAll(async () => {
  await teardownStrapi();
  fs.rmSync(tmp, { recursive: true, force: true });
});

let original: Record<string, any>;

describe('export packages', () => {
  it('re-importing an export into its own database changes nothing', async () => {
    await seedFixtures();
    original = await exportAll();
    expect(original[CODES[1]].organization).toMatchObject({ code: CODES[1], parentCode: CODES[0], parents: [{ code: CODES[0], name: '还原县人民政府', level: '县' }] });
    expect(original[CODES[0]].items).toHaveLength(6);
    expect(original[CODES[0]].subjectCategories.map((c: any) => c.code)).toEqual(['19', '1901']);
    const before = await counts();
    for (const code of CODES) {
      const file = path.join(tmp, `own-${code}.json`);
      fs.writeFileSync(file, JSON.stringify(original[code]));
      const report = await migration().importItems({ file });
      expect(report).toMatchObject({ created: 0, updated: 0, unchanged: 6, skipped: 0, failedBatches: [], invalidRows: 0 });
      expect(report.laws).toMatchObject({ created: 0, updated: 0, unchanged: 3, errors: [] });
      expect(report.annualReports).toMatchObject({ created: 0, updated: 0, unchanged: 2, errors: [] });
    }
    expect(await counts()).toEqual(before);
    const again = await exportAll();
    for (const code of CODES) expect(strip(again[code])).toEqual(strip(original[code]));
  });

  it('a changed package updates the documents in place by default (packages: --on-existing=update); a dry run says so first', async () => {
    const pkg = JSON.parse(JSON.stringify(original[CODES[1]]));
    pkg.items[0].title = `${pkg.items[0].title}（修订）`;
    pkg.laws[0].summary = '新增的摘要';
    const file = path.join(tmp, 'changed.json');
    fs.writeFileSync(file, JSON.stringify(pkg));
    const before = await counts();
    const dry = await migration().importItems({ file, dryRun: true });
    expect(dry).toMatchObject({ created: 0, updated: 1, unchanged: 5, dryRun: true });
    expect(dry.laws).toMatchObject({ updated: 1, unchanged: 2 });
    const report = await migration().importItems({ file });
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 5 });
    expect(report.laws).toMatchObject({ created: 0, updated: 1, unchanged: 2, errors: [] });
    const after = await counts();
    expect({ ...after, outbox: 0 }).toEqual({ ...before, outbox: 0 });
    expect(after.outbox).toBeGreaterThan(before.outbox);
    const exported = await migration().exportOrganization(CODES[1]);
    expect(strip(exported)).toEqual(strip(pkg));
    // back to the original
    fs.writeFileSync(file, JSON.stringify(original[CODES[1]]));
    expect(await migration().importItems({ file })).toMatchObject({ updated: 1, unchanged: 5 });
    expect(strip(await migration().exportOrganization(CODES[1]))).toEqual(strip(original[CODES[1]]));
  });

  it('restores every organisation into an empty database: the same packages come out again', async () => {
    await teardownStrapi();
    strapi = await setupStrapi();
    expect(await strapi.db.query(ORG).count()).toBe(0);
    // the department first: its package creates the county (its parent chain) too
    for (const code of [...CODES].reverse()) {
      const file = path.join(tmp, `restore-${code}.json`);
      fs.writeFileSync(file, JSON.stringify(original[code]));
      const report = await migration().importItems({ file });
      expect(report).toMatchObject({ created: 6, updated: 0, unchanged: 0, failedBatches: [], invalidRows: 0 });
      expect(report.laws).toMatchObject({ created: 3, errors: [] });
      expect(report.annualReports).toMatchObject({ created: 2, errors: [] });
    }
    const restored = await exportAll();
    for (const code of CODES) expect(strip(restored[code])).toEqual(strip(original[code]));
    // published documents are in the search index and the change feed once each
    const published = original[CODES[0]].items.filter((i: any) => i.published).length + original[CODES[1]].items.filter((i: any) => i.published).length;
    const indexed = Number(((await strapi.db.connection('gov_api_search').where('kind', 'item').count({ n: '*' }).first()) as any).n);
    expect(indexed).toBe(published);
    // and found by the public search (the index entries were written in the import's batch transaction)
    const res = await request(strapi.server.httpServer).get(`/api/gov/v1/search?q=${encodeURIComponent('学前教育资助办法')}`);
    expect(res.status).toBe(200);
    const expected = [CODES[0], CODES[1]].flatMap((c) => original[c].items.filter((i: any) => i.title.includes('学前教育资助办法')).map((i: any) => i.documentId));
    expect(res.body.data.map((h: any) => h.id).sort()).toEqual(expected.sort());
    // a full rebuild of the index gives the same entries
    await strapi.plugin('gov-api').service('search').reindexAll();
    expect(Number(((await strapi.db.connection('gov_api_search').where('kind', 'item').count({ n: '*' }).first()) as any).n)).toBe(published);
    const again = await request(strapi.server.httpServer).get(`/api/gov/v1/search?q=${encodeURIComponent('学前教育资助办法')}`);
    expect(again.body.data.map((h: any) => h.id).sort()).toEqual(expected.sort());
    // and a second import of the same packages: nothing
    const before = await counts();
    for (const code of CODES) {
      const report = await migration().importItems({ file: path.join(tmp, `restore-${code}.json`) });
      expect(report).toMatchObject({ created: 0, updated: 0, unchanged: 6 });
    }
    expect(await counts()).toEqual(before);
  });
});

describe('organisations sheet', () => {
  it('creates the organisations of a sheet parents first, leaves existing codes alone, reports bad rows', async () => {
    const file = path.join(tmp, 'orgs.csv');
    fs.writeFileSync(file, [
      '机构代码,机构名称,层级,简称,上级机构代码,排序',
      '000079102,机构表县教育局,部门,,000079101,2',
      '000079101,机构表县人民政府,县,机构表县,,1',
      `${CODES[0]},还原县人民政府,县,,,`,
      '000079103,缺上级的局,部门,,000079999,',
      ',没有代码,部门,,,',
      '000079104,,部门,,,',
    ].join('\n'));
    const dry = await migration().importOrganizations(file, true);
    expect(dry).toMatchObject({ total: 6, created: 2, existing: 1 });
    expect(await strapi.db.query(ORG).count({ where: { code: { $in: ['000079101', '000079102'] } } })).toBe(0);
    const report = await migration().importOrganizations(file);
    expect(report).toMatchObject({ total: 6, created: 2, existing: 1 });
    expect(report.issues.map((i: any) => [i.row, i.field])).toEqual([[5, 'parentCode'], [6, 'code'], [7, 'name']]);
    expect(report.issues[0].reason).toContain('上级机构代码 000079999 不存在');
    const dept: any = await strapi.db.query(ORG).findOne({ where: { code: '000079102' }, populate: { parent: true } });
    expect(dept).toMatchObject({ name: '机构表县教育局', level: '部门', sortOrder: 2, parent: { code: '000079101', shortName: '机构表县' } });
    expect(await migration().importOrganizations(file)).toMatchObject({ created: 0, existing: 3 });
  });
});

describe('legacy import killed mid-run', () => {
  it('SIGKILLed after its first batch committed and run again: every row of the file exactly once', async () => {
    // the organisation from the command line (npm run org), as for a legacy import into an empty database
    const orgCli = (...a: string[]) => execFileSync(process.execPath, [path.join(ROOT, 'dist', 'scripts', 'org.js'), ...a], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'error' }, encoding: 'utf8' });
    expect(orgCli('create', '--code', '000079009', '--name', '中断县人民政府', '--level', '县', '--parent', CODES[0])).toContain('已创建机构 000079009 中断县人民政府（县）');
    expect(orgCli('create', '--code', '000079009', '--name', '中断县人民政府', '--level', '县')).toContain('已存在');
    const org: any = await strapi.db.query(ORG).findOne({ where: { code: '000079009' }, populate: { parent: true } });
    expect(org.parent.code).toBe(CODES[0]);
    await makeNode(strapi, org.documentId, { name: '工作动态', code: 'KILL-GZDT' });
    const ROWS = 1200;
    const lines = ['标题,索引号,发文字号,成文日期,发布日期,所属目录'];
    for (let i = 0; i < ROWS; i++) {
      const d = `2022-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
      lines.push([`中断测试第${i + 1}条`, i % 2 === 0 ? `000079009/2022-${String(i + 1).padStart(5, '0')}` : '', i % 3 === 0 ? `中政发〔2022〕${i + 1}号` : '', d, d, 'KILL-GZDT'].join(','));
    }
    const file = path.join(tmp, 'kill.csv');
    fs.writeFileSync(file, lines.join('\n'));
    const script = path.join(ROOT, 'dist', 'scripts', 'import.js');
    const child = spawn(process.execPath, [script, file, '--org', org.code, '--batch-size', '100'], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'error' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const killed = await new Promise<boolean>((resolve) => {
      child.stdout!.on('data', (d) => {
        out += d;
        // the first progress line is printed after the first batch committed
        if (/已处理 \d+\/\d+ 行/.test(out) && !child.killed) { child.kill('SIGKILL'); resolve(true); }
      });
      child.stderr!.on('data', (d) => { out += d; });
      child.on('exit', () => resolve(false));
    });
    await new Promise((r) => (child.exitCode !== null || child.signalCode ? r(null) : child.on('exit', r)));
    expect([killed, out.includes('已处理')]).toEqual([true, true]);
    const partial = await strapi.db.query(ITEM).count({ where: { title: { $startsWith: '中断测试' }, publishedAt: { $notNull: true } } });
    expect(partial).toBeGreaterThanOrEqual(100);
    expect(partial).toBeLessThan(ROWS);

    const report = await migration().importItems({ file, orgCode: org.code, batchSize: 100 });
    expect(report.created + report.unchanged).toBe(ROWS);
    expect(report).toMatchObject({ unchanged: partial, created: ROWS - partial, updated: 0, failedBatches: [] });
    const rows: any[] = await strapi.db.connection('disclosure_items').where('title', 'like', '中断测试%').whereNotNull('published_at').select('title', 'index_no', 'document_id');
    expect(rows).toHaveLength(ROWS);
    expect(new Set(rows.map((r) => r.title)).size).toBe(ROWS);
    expect(new Set(rows.map((r) => r.index_no)).size).toBe(ROWS);
    // each published document once in the change feed
    const events: any[] = await strapi.db.connection('sync_outbox').whereIn('document_id', rows.map((r) => r.document_id).slice(0, 900)).select('document_id');
    expect(events).toHaveLength(Math.min(900, ROWS));
    // the original 索引号 were kept
    expect(rows.find((r) => r.title === '中断测试第1条').index_no).toBe('000079009/2022-00001');
    // a third run: nothing
    expect(await migration().importItems({ file, orgCode: org.code })).toMatchObject({ created: 0, updated: 0, unchanged: ROWS });
  });
});
