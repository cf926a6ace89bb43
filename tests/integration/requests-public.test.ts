/**
 * Public side: POST /api/gov/v1/requests and GET /api/gov/v1/requests/:trackingNo?code=… without
 * authentication — validation, the one-time query code (stored hashed), no applicant data in any
 * response, someone else's tracking number or a wrong code refused alike, 证件号码 / 联系电话 checked
 * (also on Document Service writes), rate limits (429 + Retry-After) shared through the database —
 * exact under concurrency and across connections (nodes) — keyed on the client address behind
 * trusted proxies only.
 */
import request from 'supertest';
import knexFactory, { type Knex } from 'knex';
import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi } from '../helpers/strapi';
import { resetRateLimits } from '../../src/requests/public';
import { RATE_LIMIT_TABLE, takeToken } from '../../src/requests/rate-limit';
import { adminApi, createAdminAndLogin } from '../helpers/admin';
import { makeOrg } from '../helpers/fixtures';
import { todayInChina } from '../../src/domain/dates';

const REQ = 'api::disclosure-request.disclosure-request';
const PATH = '/api/gov/v1/requests';

let strapi: Core.Strapi;
let admin: ReturnType<typeof adminApi>;
let org: any;
let base = '';
/** Over a listening socket (concurrent requests need one server, not one ephemeral listen per request). */
const http = () => request(base);

const APPLICANT = {
  applicantName: '李四',
  applicantIdNumber: '110101199003071233',
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
  await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(strapi.server.httpServer.address() as any).port}`;
  const { token } = await createAdminAndLogin(strapi);
  admin = adminApi(strapi, token);
  org = await makeOrg(strapi, { name: '青山县人民政府', code: '000014349' });
  setLimits({});
});
afterAll(async () => {
  await new Promise<void>((resolve) => strapi.server.httpServer.close(() => resolve()));
  await teardownStrapi();
});

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
      [validBody({ applicantIdNumber: '110101199003071234' }), ['applicantIdNumber'], '身份证号码校验位不正确'],
      [validBody({ applicantIdNumber: '110101199002301233' }), ['applicantIdNumber'], '身份证号码中的出生日期（19900230）无效'],
      [validBody({ applicantIdNumber: '1101011990' }), ['applicantIdNumber'], '身份证号码应为18位（最后一位可为X）或15位数字'],
      [validBody({ applicantIdType: '护照', applicantIdNumber: 'E12*' }), ['applicantIdNumber'], '护照号码格式不正确'],
      [validBody({ applicantIdType: '统一社会信用代码', applicantIdNumber: '91350100M000100Y43' }), ['applicantIdNumber'], '统一社会信用代码仅适用于法人或者其他组织申请人'],
      [validBody({ applicantCategory: '商业企业', applicantIdNumber: '91350100M000100Y44' }), ['applicantIdNumber'], '统一社会信用代码校验位不正确'],
      [validBody({ applicantIdType: '驾驶证' }), ['applicantIdType'], '证件类型不是有效值'],
      [validBody({ applicantPhone: '12345' }), ['applicantPhone'], '联系电话格式不正确，应为手机号码或带区号的固定电话'],
      [validBody({ applicantPhone: '010-1234567' }), ['applicantPhone'], '联系电话格式不正确，应为手机号码或带区号的固定电话'],
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

  it('stores ID numbers normalised with their type; accepts other documents, 15-digit numbers, landlines and credit codes of organisations', async () => {
    const cases: Array<[Record<string, unknown>, Record<string, unknown>]> = [
      [{ applicantIdNumber: '33010619850615002x', applicantPhone: '+86 138-0013-8000' }, { applicantIdType: '居民身份证', applicantIdNumber: '33010619850615002X', applicantPhone: '+86 138-0013-8000' }],
      [{ applicantIdNumber: '110105491231002', applicantPhone: '0571-87654321转12' }, { applicantIdType: '居民身份证', applicantIdNumber: '110105491231002' }],
      [{ applicantIdType: '护照', applicantIdNumber: 'e12345678', applicantPhone: '400-123-4567' }, { applicantIdType: '护照', applicantIdNumber: 'E12345678' }],
      [{ applicantIdType: '港澳居民来往内地通行证', applicantIdNumber: 'H12345678' }, { applicantIdType: '港澳居民来往内地通行证' }],
      // 法人或者其他组织: the 统一社会信用代码 in the ID field is recognised
      [{ applicantCategory: '商业企业', applicantName: '青山县某某有限公司', applicantIdNumber: '91331100MA2A0B3C1Y' }, { applicantIdType: '统一社会信用代码', applicantIdNumber: '91331100MA2A0B3C1Y' }],
      [{ applicantCategory: '社会公益组织', applicantIdType: '统一社会信用代码', applicantIdNumber: '91350100M000100Y43' }, { applicantIdType: '统一社会信用代码' }],
      [{ applicantCategory: '法律服务机构', applicantIdType: '居民身份证', applicantIdNumber: '91350100M000100Y43' }, { applicantIdType: '统一社会信用代码' }],
      [{ applicantCategory: '科研机构', applicantIdNumber: '11010519491231002X' }, { applicantIdType: '居民身份证', applicantIdNumber: '11010519491231002X' }],
      [{ applicantIdNumber: undefined }, { applicantIdType: '居民身份证', applicantIdNumber: null }],
    ];
    for (const [extra, stored] of cases) {
      const { trackingNo } = (await submit(validBody(extra))).body.data;
      expect(await strapi.db.query(REQ).findOne({ where: { trackingNo } })).toMatchObject(stored);
    }
  });

  it('every Document Service write checks 证件号码 and 联系电话 (Content Manager too); unchanged old values are left alone', async () => {
    const base = { organization: org.documentId, receivedDate: '2025-09-26', channel: '当面', applicantName: '赵六', requestedContent: '2024年财政决算' };
    const refused = async (p: Promise<unknown>, path: string, text: string) => {
      await expect(p).rejects.toMatchObject({ name: 'ValidationError', details: { errors: [expect.objectContaining({ path: [path], message: expect.stringContaining(text) })] } });
    };
    await refused(strapi.documents(REQ).create({ data: { ...base, applicantIdNumber: '110101199003071234' } as any }), 'applicantIdNumber', '身份证号码校验位不正确');
    await refused(strapi.documents(REQ).create({ data: { ...base, applicantPhone: '88886666' } as any }), 'applicantPhone', '联系电话格式不正确，应为手机号码或带区号的固定电话');
    await refused(strapi.documents(REQ).create({ data: { ...base, applicantIdType: '军官证', applicantIdNumber: '12345' } as any }), 'applicantIdType', '证件类型“军官证”不是有效值');
    const created: any = await strapi.documents(REQ).create({ data: { ...base, applicantIdNumber: '110101199003071233', applicantPhone: '010-62345678' } as any });
    await refused(strapi.documents(REQ).update({ documentId: created.documentId, data: { applicantIdType: '台湾居民来往大陆通行证' } as any }), 'applicantIdNumber', '台湾居民来往大陆通行证号码格式不正确');
    await refused(strapi.documents(REQ).update({ documentId: created.documentId, data: { applicantPhone: '1380013800' } as any }), 'applicantPhone', '联系电话格式不正确');

    // a record from before the rules (written behind the platform's back) stays editable
    await strapi.db.query(REQ).update({ where: { documentId: created.documentId }, data: { applicantIdNumber: '110101199003071234', applicantPhone: '12345' } });
    const updated: any = await strapi.documents(REQ).update({ documentId: created.documentId, data: { purpose: '核对', applicantIdNumber: '110101199003071234', applicantPhone: '12345' } as any });
    expect(updated.purpose).toBe('核对');
    // through the Content Manager's HTTP API (admin)
    const cm = await admin.put(`/content-manager/collection-types/${REQ}/${created.documentId}`, { applicantIdNumber: '11010519491231002Y' });
    expect(cm.status).toBe(400);
    expect(cm.body.error.details.errors[0]).toMatchObject({ path: ['applicantIdNumber'], message: '身份证号码应为18位（最后一位可为X）或15位数字' });
    const ok = await admin.put(`/content-manager/collection-types/${REQ}/${created.documentId}`, { applicantIdNumber: '11010519491231002x', applicantPhone: '13900001111' });
    expect(ok.status).toBe(200);
    expect(await strapi.db.query(REQ).findOne({ where: { documentId: created.documentId } })).toMatchObject({ applicantIdNumber: '11010519491231002X', applicantPhone: '13900001111' });
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

describe('rate limits (per client address, shared through the database, configurable)', () => {
  beforeEach(() => resetRateLimits(strapi));
  afterEach(async () => {
    setLimits({});
    strapi.config.set('server.trustedProxies', []);
    await resetRateLimits(strapi);
  });

  it('submissions beyond the allowance → 429 with Retry-After', async () => {
    setLimits({ submit: { points: 2, windowSeconds: 3600 } });
    await submit(validBody());
    await submit(validBody());
    const before = await strapi.db.query(REQ).count();
    const res = await http().post(PATH).send(validBody());
    expect(res.status).toBe(429);
    expect(res.body).toEqual({ data: null, error: { status: 429, name: 'RateLimitError', message: expect.stringMatching(/^请求过于频繁，请\d+秒后再试$/), details: { retryAfter: expect.any(Number) } } });
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(1800);
    expect(await strapi.db.query(REQ).count()).toBe(before);
  });

  it('5 means 5: of 20 concurrent submissions exactly 5 are accepted, the other 15 get 429', async () => {
    setLimits({ submit: { points: 5, windowSeconds: 3600 } });
    const before = await strapi.db.query(REQ).count();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => http().post(PATH).send(validBody({ applicantName: `并发${i}` }))));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    for (const r of results.filter((x) => x.status === 429)) {
      expect(r.body.error).toMatchObject({ name: 'RateLimitError', message: expect.stringContaining('请求过于频繁') });
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    expect(await strapi.db.query(REQ).count()).toBe(before + 5);
    // one row per (bucket, client); the reset deletes them
    const rows = await strapi.db.connection(RATE_LIMIT_TABLE).where({ bucket: 'submit' });
    expect(rows).toHaveLength(1);
    expect(rows[0].client).toBe('127.0.0.1');
    await resetRateLimits(strapi);
    expect(Number((await strapi.db.connection(RATE_LIMIT_TABLE).count({ n: '*' }))[0].n)).toBe(0);
    expect((await http().post(PATH).send(validBody())).status).toBe(201);
  });

  it('several nodes share the limit: takes through another database connection count against the same bucket', async () => {
    const pg = strapi.db.dialect.client === 'postgres';
    const conn: any = (strapi.db.connection as any).client.config.connection;
    const other: Knex = pg
      ? knexFactory({ client: 'pg', connection: process.env.DATABASE_URL, pool: { min: 0, max: 5 } })
      : knexFactory({ client: 'better-sqlite3', connection: { filename: conn.filename }, useNullAsDefault: true });
    try {
      const conf = { points: 6, windowSeconds: 3600 };
      setLimits({ submit: conf });
      const [viaHttp, viaOther] = await Promise.all([
        Promise.all(Array.from({ length: 10 }, () => http().post(PATH).send(validBody()))),
        Promise.all(Array.from({ length: 10 }, () => takeToken(other, pg, 'submit', '127.0.0.1', conf))),
      ]);
      const allowed = viaHttp.filter((r) => r.status === 201).length + viaOther.filter((v) => v.allowed).length;
      expect(allowed).toBe(6);
      expect(viaHttp.filter((r) => r.status !== 201).every((r) => r.status === 429)).toBe(true);
      expect((await http().post(PATH).send(validBody())).status).toBe(429);
    } finally {
      await other.destroy();
    }
  });

  it('wrong codes are limited: after the allowance even the right code gets 429', async () => {
    const { trackingNo, queryCode } = (await submit(validBody())).body.data;
    setLimits({ wrongCode: { points: 3, windowSeconds: 900 } });
    // right codes do not use up the allowance
    for (let i = 0; i < 5; i++) expect((await http().get(`${PATH}/${trackingNo}`).query({ code: queryCode })).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await http().get(`${PATH}/${trackingNo}`).query({ code: `WRONGCODE${i}` })).status).toBe(404);
    const blocked = await http().get(`${PATH}/${trackingNo}`).query({ code: queryCode });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expectNoApplicantData(blocked.body);
  });

  it('concurrent wrong guesses never exceed the allowance', async () => {
    const { trackingNo } = (await submit(validBody())).body.data;
    setLimits({ wrongCode: { points: 4, windowSeconds: 900 } });
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => http().get(`${PATH}/${trackingNo}`).query({ code: `GUESS${i}ABCDE` })));
    expect(results.filter((r) => r.status === 404)).toHaveLength(4);
    expect(results.filter((r) => r.status === 429)).toHaveLength(8);
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

  it('X-Forwarded-For counts only from a trusted proxy (TRUSTED_PROXIES); spoofed headers are ignored', async () => {
    setLimits({ submit: { points: 2, windowSeconds: 3600 } });
    // no trusted proxy (default): the socket peer is the client, whatever the header says
    const spoofed = await Promise.all(['1.1.1.1', '2.2.2.2', '3.3.3.3'].map((ip) => http().post(PATH).set('X-Forwarded-For', ip).send(validBody())));
    expect(spoofed.map((r) => r.status).sort()).toEqual([201, 201, 429]);

    // the test client connects over loopback: trust it as the proxy
    await resetRateLimits(strapi);
    strapi.config.set('server.trustedProxies', ['loopback']);
    const viaProxy = (xff: string) => http().post(PATH).set('X-Forwarded-For', xff).send(validBody());
    expect((await viaProxy('203.0.113.7')).status).toBe(201);
    expect((await viaProxy('203.0.113.7')).status).toBe(201);
    expect((await viaProxy('203.0.113.7')).status).toBe(429);
    // another client behind the same proxy has its own allowance; a forged left-most entry changes nothing
    expect((await viaProxy('203.0.113.8')).status).toBe(201);
    expect((await viaProxy('9.9.9.9, 203.0.113.7')).status).toBe(429);
    // IPv6 clients are limited per /64
    expect((await viaProxy('2001:db8:1:2::a')).status).toBe(201);
    expect((await viaProxy('2001:db8:1:2::b')).status).toBe(201);
    expect((await viaProxy('2001:db8:1:2:ffff::1')).status).toBe(429);
    const clients = (await strapi.db.connection(RATE_LIMIT_TABLE).select('client')).map((r: any) => r.client).sort();
    expect(clients).toEqual(['2001:db8:1:2::/64', '203.0.113.7', '203.0.113.8']);
  });
});
