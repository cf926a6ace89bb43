/**
 * Public side: POST /api/gov/v1/requests and GET /api/gov/v1/requests/:trackingNo?code=… without
 * authentication — validation, the one-time query code (stored hashed), no applicant data in any
 * response, someone else's tracking number or a wrong code refused alike, rate limits (429 +
 * Retry-After).
 */
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi } from '../helpers/strapi';
import { adminApi, createAdminAndLogin } from '../helpers/admin';
import { makeOrg } from '../helpers/fixtures';
import { todayInChina } from '../../src/domain/law-status';

const REQ = 'api::disclosure-request.disclosure-request';
const PATH = '/api/gov/v1/requests';

let strapi: Core.Strapi;
let admin: ReturnType<typeof adminApi>;
let org: any;
const http = () => request(strapi.server.httpServer);

const APPLICANT = {
  applicantName: '李四',
  applicantIdNumber: '110101199003071234',
  applicantPhone: '13800138000',
  applicantEmail: 'lisi@example.com',
  applicantAddress: '青山县人民路1号',
};

function setLimits(limits: Record<string, { points: number; windowSeconds: number }>) {
  strapi.config.set('requests.rateLimit', {
    submit: { points: 1000, windowSeconds: 3600 },
    query: { points: 1000, windowSeconds: 60 },
    wrongCode: { points: 1000, windowSeconds: 900 },
    ...limits,
  });
}

async function submit(body: Record<string, unknown>, status = 201) {
  const res = await http().post(PATH).send(body);
  expect([res.status, res.body.error?.message]).toEqual([status, status >= 400 ? expect.any(String) : undefined]);
  return res;
}

const validBody = (extra: Record<string, unknown> = {}) => ({
  organization: org.documentId,
  applicantCategory: '自然人',
  ...APPLICANT,
  requestedContent: '青山县2024年度一般公共预算执行情况',
  purpose: '了解财政信息',
  deliveryMethod: '电子邮件',
  ...extra,
});

function expectNoApplicantData(body: unknown) {
  const text = JSON.stringify(body);
  for (const v of [...Object.values(APPLICANT), '青山县2024年度一般公共预算执行情况', '了解财政信息', 'scrypt$', 'queryCodeHash', 'internalNote']) {
    expect(text).not.toContain(v);
  }
}

beforeAll(async () => {
  strapi = await setupStrapi();
  const { token } = await createAdminAndLogin(strapi);
  admin = adminApi(strapi, token);
  org = await makeOrg(strapi, { name: '青山县人民政府', code: '000014349' });
  setLimits({});
});
afterAll(teardownStrapi);

describe('POST /api/gov/v1/requests', () => {
  it('accepts an application without authentication and returns only the tracking number and a one-time query code', async () => {
    const res = await submit(validBody());
    expect(Object.keys(res.body)).toEqual(['data']);
    expect(Object.keys(res.body.data).sort()).toEqual(['queryCode', 'trackingNo']);
    const { trackingNo, queryCode } = res.body.data;
    expect(trackingNo).toMatch(new RegExp(`^YSQ${todayInChina().slice(0, 4)}\\d{6}$`));
    expect(queryCode).toMatch(/^[A-HJKMNP-Z2-9]{10}$/);
    expect(res.headers['cache-control']).toBe('no-store');

    const row: any = await strapi.db.query(REQ).findOne({ where: { trackingNo }, populate: { organization: true } });
    expect(row).toMatchObject({
      channel: '网络',
      receivedDate: todayInChina(),
      submittedDate: todayInChina(),
      handlingStatus: '已登记',
      applicantName: '李四',
      applicantEmail: 'lisi@example.com',
      requestedContent: '青山县2024年度一般公共预算执行情况',
      organization: { documentId: org.documentId },
    });
    expect(row.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(row.queryCodeHash).toMatch(/^scrypt\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(row.queryCodeHash).not.toContain(queryCode);

    // two submissions never share a code
    const again = await submit(validBody());
    expect(again.body.data.queryCode).not.toBe(queryCode);
    expect(again.body.data.trackingNo).not.toBe(trackingNo);
  });

  it('accepts the organisation by its code; validates everything (400, field named, Chinese), nothing written', async () => {
    expect((await submit(validBody({ organization: '000014349' }))).status).toBe(201);
    const before = await strapi.db.query(REQ).count();
    const cases: Array<[Record<string, unknown>, string[], string]> = [
      [validBody({ applicantPhone: undefined, applicantEmail: undefined, applicantAddress: undefined }), ['applicantPhone'], '请至少填写一种联系方式'],
      [validBody({ requestedContent: '预算' }), ['requestedContent'], '申请公开的内容至少5个字'],
      [validBody({ applicantName: '' }), ['applicantName'], '申请人姓名/名称不能为空'],
      [validBody({ applicantEmail: 'not-an-email' }), ['applicantEmail'], '电子邮箱格式不正确'],
      [validBody({ applicantCategory: '外国人' }), ['applicantCategory'], '申请人类别不是有效值'],
      [validBody({ organization: 'nosuchorg' }), ['organization'], '受理机关不存在'],
      [validBody({ handlingStatus: '已办结' }), [], '不支持的字段：handlingStatus'],
      [validBody({ queryCodeHash: 'x' }), [], '不支持的字段：queryCodeHash'],
      [validBody({ receivedDate: '2020-01-01' }), [], '不支持的字段：receivedDate'],
    ];
    for (const [body, path, text] of cases) {
      const res = await submit(body, 400);
      expect(res.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
      expect(res.body.error.message).toContain(text);
      expect(res.body.error.details.errors[0].path).toEqual(path);
    }
    expect(await strapi.db.query(REQ).count()).toBe(before);
  });
});

describe('GET /api/gov/v1/requests/:trackingNo?code=…', () => {
  it('gives status, dates and the due date to the holder of the code — never applicant data', async () => {
    const { trackingNo, queryCode } = (await submit(validBody())).body.data;
    const res = await http().get(`${PATH}/${trackingNo}`).query({ code: queryCode });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      trackingNo,
      organization: '青山县人民政府',
      channel: '网络',
      receivedDate: todayInChina(),
      handlingStatus: '已登记',
      dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      dueDateProvisional: expect.any(Boolean),
      daysLeft: expect.any(Number),
      overdue: false,
      state: 'open',
      result: null,
      timeline: [],
    });
    expectNoApplicantData(res.body);

    // The code may be typed in lower case and in groups.
    const typed = `${queryCode.slice(0, 5).toLowerCase()} ${queryCode.slice(5)}`;
    expect((await http().get(`${PATH}/${trackingNo.toLowerCase()}`).query({ code: typed })).status).toBe(200);
  });

  it('shows progress recorded by the agency (timeline without notes, result once closed)', async () => {
    const { trackingNo, queryCode } = (await submit(validBody())).body.data;
    const row: any = await strapi.db.query(REQ).findOne({ where: { trackingNo } });
    // back-date the receipt so that events can be recorded in the past
    await strapi.documents(REQ).update({ documentId: row.documentId, data: { receivedDate: '2025-09-26' } as any });
    for (const e of [
      { type: 'accepted', date: '2025-09-26', note: '内部：由张科长办理' },
      { type: 'replied', date: '2025-10-20', resultKey: 'disclosed' },
      { type: 'closed', date: '2025-10-20', resultKey: 'disclosed' },
    ]) {
      expect((await admin.post(`/disclosure-requests/${row.documentId}/events`, e)).status).toBe(201);
    }
    const res = await http().get(`${PATH}/${trackingNo}`).query({ code: queryCode });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      handlingStatus: '已办结',
      dueDate: '2025-10-30',
      repliedDate: '2025-10-20',
      closedDate: '2025-10-20',
      overdue: false,
      state: 'closed',
      result: { key: 'disclosed', label: '（一）予以公开' },
      timeline: [
        { type: 'accepted', label: '登记受理', date: '2025-09-26' },
        { type: 'replied', label: '答复', date: '2025-10-20' },
        { type: 'closed', label: '办结', date: '2025-10-20' },
      ],
    });
    expect(JSON.stringify(res.body)).not.toContain('张科长');
    expect(JSON.stringify(res.body)).not.toContain('recordedBy');
    expectNoApplicantData(res.body);
  });

  it("someone else's tracking number, a wrong code, no code and an unknown number all get the same 404", async () => {
    const mine = (await submit(validBody())).body.data;
    const theirs = (await submit(validBody({ applicantName: '王五' }))).body.data;
    const attempts = [
      () => http().get(`${PATH}/${theirs.trackingNo}`).query({ code: mine.queryCode }),
      () => http().get(`${PATH}/${mine.trackingNo}`).query({ code: 'ABCDEFGHJK' }),
      () => http().get(`${PATH}/${mine.trackingNo}`),
      () => http().get(`${PATH}/YSQ2099999999`).query({ code: mine.queryCode }),
      () => http().get(`${PATH}/%27%20OR%201=1`).query({ code: mine.queryCode }),
    ];
    const bodies: unknown[] = [];
    for (const attempt of attempts) {
      const res = await attempt();
      expect(res.status).toBe(404);
      expectNoApplicantData(res.body);
      expect(JSON.stringify(res.body)).not.toContain('王五');
      bodies.push(res.body);
    }
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(bodies[0]).toEqual({ data: null, error: { status: 404, name: 'NotFoundError', message: '受理编号或查询码不正确', details: {} } });

    // The regular content API stays closed to the public.
    expect((await http().get('/api/disclosure-requests')).status).toBe(403);
  });
});

describe('rate limits (per IP, configurable)', () => {
  afterEach(() => setLimits({}));

  it('submissions beyond the allowance → 429 with Retry-After', async () => {
    setLimits({ submit: { points: 2, windowSeconds: 3600 } });
    await submit(validBody());
    await submit(validBody());
    const before = await strapi.db.query(REQ).count();
    const res = await http().post(PATH).send(validBody());
    expect(res.status).toBe(429);
    expect(res.body.error).toMatchObject({ status: 429, name: 'RateLimitError', message: expect.stringContaining('请求过于频繁') });
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(1800);
    expect(await strapi.db.query(REQ).count()).toBe(before);
  });

  it('wrong codes are limited: after the allowance even the right code gets 429', async () => {
    const { trackingNo, queryCode } = (await submit(validBody())).body.data;
    setLimits({ wrongCode: { points: 3, windowSeconds: 900 } });
    for (let i = 0; i < 3; i++) expect((await http().get(`${PATH}/${trackingNo}`).query({ code: `WRONGCODE${i}` })).status).toBe(404);
    const blocked = await http().get(`${PATH}/${trackingNo}`).query({ code: queryCode });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expectNoApplicantData(blocked.body);
  });

  it('status queries are limited too', async () => {
    const { trackingNo, queryCode } = (await submit(validBody())).body.data;
    setLimits({ query: { points: 2, windowSeconds: 60 } });
    expect((await http().get(`${PATH}/${trackingNo}`).query({ code: queryCode })).status).toBe(200);
    expect((await http().get(`${PATH}/${trackingNo}`).query({ code: queryCode })).status).toBe(200);
    const res = await http().get(`${PATH}/${trackingNo}`).query({ code: queryCode });
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });
});
