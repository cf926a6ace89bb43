/**
 * 表三 / 表四 by SQL aggregation on a known dataset (cell-exact), including 上年结转 / 结转下年度,
 * descendants, disputes (行政复议 / 行政诉讼) and their validation; the result passes rules 1–4 and
 * can be saved as an annual report.
 */
import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi } from '../helpers/strapi';
import { adminApi, createAdminAndLogin } from '../helpers/admin';
import { makeOrg } from '../helpers/fixtures';
import { emptyTables, validateAnnualReport, type Table3, type Table4 } from '../../src/domain/annual-report-2021';

const REQ = 'api::disclosure-request.disclosure-request';

let strapi: Core.Strapi;
let api: ReturnType<typeof adminApi>;
let county: any;
let dept: any;
let other: any;
const req: Record<number, any> = {};

async function make(n: number, orgDocumentId: string, receivedDate: string, applicantCategory: string, events: Array<Record<string, unknown>> = []) {
  req[n] = await strapi.documents(REQ).create({
    data: { organization: orgDocumentId, receivedDate, channel: '当面', applicantCategory, applicantName: `申请人${n}`, requestedContent: `申请${n}`, events } as any,
  });
}

async function dispute(n: number, body: Record<string, unknown>, status = 201) {
  const res = await api.post(`/disclosure-requests/${req[n].documentId}/disputes`, body);
  expect([res.status, res.body.error?.message]).toEqual([status, status >= 400 ? expect.any(String) : undefined]);
  return res;
}

beforeAll(async () => {
  strapi = await setupStrapi();
  const { token } = await createAdminAndLogin(strapi);
  api = adminApi(strapi, token);
  county = await makeOrg(strapi, { name: '青山县人民政府', level: '县' });
  dept = await makeOrg(strapi, { name: '青山县财政局', level: '部门', parent: county.documentId });
  other = await makeOrg(strapi, { name: '白水县人民政府', level: '县' });

  // County
  await make(1, county.documentId, '2024-11-10', '自然人', [{ type: 'closed', date: '2025-01-15', resultKey: 'disclosed' }]);
  await make(2, county.documentId, '2024-12-20', '商业企业', [{ type: 'accepted', date: '2024-12-20' }]);
  await make(3, county.documentId, '2024-06-01', '自然人', [{ type: 'closed', date: '2024-07-01', resultKey: 'unable.notHeld' }]);
  await make(4, county.documentId, '2025-03-03', '自然人', [{ type: 'replied', date: '2025-04-01', resultKey: 'disclosed' }, { type: 'closed', date: '2025-04-01', resultKey: 'disclosed' }]);
  await make(5, county.documentId, '2025-05-06', '法律服务机构', [{ type: 'closed', date: '2025-06-01', resultKey: 'refused.thirdParty' }]);
  await make(6, county.documentId, '2025-12-20', '科研机构');
  await make(7, county.documentId, '2025-11-03', '自然人', [{ type: 'closed', date: '2026-01-10', resultKey: 'partial' }]);
  await make(8, county.documentId, '2025-07-01', '其他', [
    { type: 'correctionRequested', date: '2025-07-02', days: 10 },
    { type: 'closed', date: '2025-07-20', resultKey: 'other.noCorrection' },
  ]);
  await make(9, county.documentId, '2025-08-01', '社会公益组织', [{ type: 'replied', date: '2025-08-20', resultKey: 'disclosed' }]);
  // Department (counted only with descendants)
  await make(10, dept.documentId, '2025-02-10', '自然人', [{ type: 'closed', date: '2025-03-01', resultKey: 'disclosed' }]);
  await make(11, dept.documentId, '2024-12-30', '自然人', [{ type: 'closed', date: '2025-01-05', resultKey: 'notProcessed.duplicate' }]);
  // Another county (never counted)
  await make(12, other.documentId, '2025-03-03', '自然人', [{ type: 'closed', date: '2025-04-01', resultKey: 'disclosed' }]);
});
afterAll(teardownStrapi);

/** Expected table from sparse cells; totals derived like the format requires. */
function table3(cells: Record<string, Record<string, number>>): Table3 {
  const t = emptyTables().table3 as any;
  for (const [row, cols] of Object.entries(cells)) for (const [col, v] of Object.entries(cols)) t[row][col] = v;
  for (const col of ['natural', 'business', 'research', 'publicInterest', 'legalService', 'otherOrg']) {
    t.resultsTotal[col] = Object.keys(t)
      .filter((r) => !['newReceived', 'carriedOver', 'resultsTotal', 'carriedForward'].includes(r))
      .reduce((s, r) => s + t[r][col], 0);
  }
  for (const row of Object.keys(t)) t[row].total = ['natural', 'business', 'research', 'publicInterest', 'legalService', 'otherOrg'].reduce((s, c) => s + t[row][c], 0);
  return t;
}

function table4(cells: Record<string, Record<string, number>>): Table4 {
  const t = emptyTables().table4 as any;
  for (const [g, cols] of Object.entries(cells)) for (const [c, v] of Object.entries(cols)) t[g][c] = v;
  for (const g of Object.keys(t)) t[g].total = t[g].upheld + t[g].corrected + t[g].other + t[g].pending;
  return t;
}

describe('disputes (行政复议 / 行政诉讼) on a request', () => {
  it('validates and records them; results can be updated once decided', async () => {
    // Impossible records are refused with the field named.
    let res = await dispute(5, { kind: 'suitAfterReview', filedDate: '2025-09-20' }, 400);
    expect(res.body.error.details.errors[0]).toMatchObject({ path: ['kind'], message: expect.stringContaining('复议后起诉须先登记该申请的行政复议') });
    res = await dispute(5, { kind: 'review', filedDate: '2025-07-01', result: 'upheld' }, 400);
    expect(res.body.error.details.errors[0]).toMatchObject({ path: ['decidedDate'], message: expect.stringContaining('须填写审结日期') });
    res = await dispute(5, { kind: 'review', filedDate: '2025-07-01', result: 'upheld', decidedDate: '2025-06-01' }, 400);
    expect(res.body.error.message).toContain('审结日期（2025-06-01）早于提起日期（2025-07-01）');
    res = await dispute(5, { kind: 'review', filedDate: '2025-05-01' }, 400);
    expect(res.body.error.message).toContain('早于收到申请日期（2025-05-06）');
    res = await dispute(5, { kind: 'appeal', filedDate: '2025-07-01' }, 400);
    expect(res.body.error.details.errors[0].path).toEqual(['kind']);
    res = await dispute(5, { kind: 'review', filedDate: '2025-07-01', result: 'won', decidedDate: '2025-09-01' }, 400);
    expect(res.body.error.details.errors[0].path).toEqual(['result']);
    expect((await strapi.db.query(REQ).findOne({ where: { documentId: req[5].documentId } })).disputes).toBeNull();

    // 2025, county
    const review = await dispute(5, { kind: 'review', filedDate: '2025-07-01', authority: '青山县人民政府' });
    expect(review.body.data).toMatchObject({ id: expect.any(String), kind: 'review', result: 'pending' });
    const decided = await api.put(`/disclosure-requests/${req[5].documentId}/disputes/${review.body.data.id}`, { result: 'upheld', decidedDate: '2025-09-01' });
    expect(decided.status).toBe(200);
    expect(decided.body.data).toMatchObject({ result: 'upheld', decidedDate: '2025-09-01', authority: '青山县人民政府' });
    const badUpdate = await api.put(`/disclosure-requests/${req[5].documentId}/disputes/${review.body.data.id}`, { result: 'pending' });
    expect(badUpdate.status).toBe(400);
    expect((await api.put(`/disclosure-requests/${req[5].documentId}/disputes/nosuch`, { result: 'pending' })).status).toBe(404);
    await dispute(5, { kind: 'suitAfterReview', filedDate: '2025-09-20', caseNo: '（2025）青行初12号' });
    await dispute(4, { kind: 'suitDirect', filedDate: '2025-06-01', result: 'corrected', decidedDate: '2026-02-01' }); // decided after 31 Dec → 尚未审结 in 2025
    await dispute(1, { kind: 'review', filedDate: '2024-12-01', result: 'upheld', decidedDate: '2025-01-20' }); // filed in 2024
    // department and the other county
    await dispute(10, { kind: 'review', filedDate: '2025-04-01', result: 'other', decidedDate: '2025-05-01' });
    await dispute(12, { kind: 'review', filedDate: '2025-05-01', result: 'upheld', decidedDate: '2025-06-01' });

    // The JSON field is validated on every write path too.
    await expect(
      strapi.documents(REQ).update({ documentId: req[6].documentId, data: { disputes: [{ id: 'x', kind: 'review', filedDate: '2025-12-21', result: 'corrected' }] } as any }),
    ).rejects.toMatchObject({ name: 'ValidationError', message: expect.stringContaining('须填写审结日期') });
  });
});

describe('aggregateTables: 表三 and 表四 by SQL', () => {
  const county2025 = {
    t3: () =>
      table3({
        newReceived: { natural: 2, legalService: 1, research: 1, otherOrg: 1, publicInterest: 1 },
        carriedOver: { natural: 1, business: 1 },
        disclosed: { natural: 2 },
        'refused.thirdParty': { legalService: 1 },
        'other.noCorrection': { otherOrg: 1 },
        carriedForward: { business: 1, research: 1, natural: 1, publicInterest: 1 },
      }),
    t4: () => table4({ review: { upheld: 1 }, suitDirect: { pending: 1 }, suitAfterReview: { pending: 1 } }),
  };

  it('county 2025, cell-exact, rules 1–4 hold (admin route)', async () => {
    const res = await api.get(`/disclosure-requests/annual-tables/${county.documentId}/2025`);
    expect(res.status).toBe(200);
    const data = res.body.data;
    expect(data).toMatchObject({ organization: { documentId: county.documentId, name: '青山县人民政府' }, year: 2025, includeDescendants: false, organizationCount: 1, violations: [] });
    expect(data.table3).toEqual(county2025.t3());
    expect(data.table4).toEqual(county2025.t4());
    expect(data.table3.resultsTotal.total).toBe(4);
    expect(data.table3.carriedForward.total).toBe(4);
    expect(data.table3.newReceived.total + data.table3.carriedOver.total).toBe(data.table3.resultsTotal.total + data.table3.carriedForward.total);
    expect(data.warnings).toEqual(['1件已答复但未登记办结的申请计入“结转下年度”（办结须登记“办结”事项）']);
    const check = validateAnnualReport({ table2: emptyTables().table2, table3: data.table3, table4: data.table4 });
    expect(check.filter((v) => v.severity === 'error')).toEqual([]);
  });

  it('county 2024: 结转下年度 of 2024 = 上年结转 of 2025; a dispute decided in 2025 is 尚未审结 in 2024', async () => {
    const svc: any = strapi.service(REQ);
    const data = await svc.aggregateTables(county.documentId, 2024);
    expect(data.table3).toEqual(
      table3({
        newReceived: { natural: 2, business: 1 },
        'unable.notHeld': { natural: 1 },
        carriedForward: { natural: 1, business: 1 },
      }),
    );
    expect(data.table4).toEqual(table4({ review: { pending: 1 } }));
    const next = await svc.aggregateTables(county.documentId, 2025);
    expect(next.table3.carriedOver).toEqual(data.table3.carriedForward);
  });

  it('with descendants (county + 财政局), and the result saves as an annual report (rules 1–5 on save)', async () => {
    const res = await api.get(`/disclosure-requests/annual-tables/${county.documentId}/2025?includeDescendants=true`);
    expect(res.status).toBe(200);
    const data = res.body.data;
    expect(data).toMatchObject({ includeDescendants: true, organizationCount: 2, violations: [] });
    expect(data.table3).toEqual(
      table3({
        newReceived: { natural: 3, legalService: 1, research: 1, otherOrg: 1, publicInterest: 1 },
        carriedOver: { natural: 2, business: 1 },
        disclosed: { natural: 3 },
        'refused.thirdParty': { legalService: 1 },
        'notProcessed.duplicate': { natural: 1 },
        'other.noCorrection': { otherOrg: 1 },
        carriedForward: { business: 1, research: 1, natural: 1, publicInterest: 1 },
      }),
    );
    expect(data.table4).toEqual(table4({ review: { upheld: 1, other: 1 }, suitDirect: { pending: 1 }, suitAfterReview: { pending: 1 } }));
    const report: any = await strapi.documents('api::annual-report.annual-report').create({
      data: { organization: county.documentId, year: 2025, table2: emptyTables().table2, table3: data.table3, table4: data.table4 } as any,
    });
    expect(report.table3.resultsTotal.total).toBe(6);
  });

  it('the department alone; an organisation without requests gives zeros; errors', async () => {
    const svc: any = strapi.service(REQ);
    const d = await svc.aggregateTables(dept.documentId, 2025);
    expect(d.table3).toEqual(table3({ newReceived: { natural: 1 }, carriedOver: { natural: 1 }, disclosed: { natural: 1 }, 'notProcessed.duplicate': { natural: 1 } }));
    const empty = await makeOrg(strapi, { name: '无申请的乡镇', level: '乡镇' });
    const z = await svc.aggregateTables(empty.documentId, 2025);
    expect(z.table3).toEqual(emptyTables().table3);
    expect(z.table4).toEqual(emptyTables().table4);
    expect((await api.get(`/disclosure-requests/annual-tables/nosuchorg/2025`)).status).toBe(404);
    expect((await api.get(`/disclosure-requests/annual-tables/${county.documentId}/20x5`)).status).toBe(400);
  });
});
