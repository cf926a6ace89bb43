/**
 * The typed client's 依申请公开 methods (client/src: submitRequest, requestStatus — used by the
 * reference portal's form and status query) against the running server, over the three transports
 * (fetch, Node's http, wx.request through a stand-in `wx`), all of which now send POST bodies.
 */
import http from 'http';
import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi } from '../helpers/strapi';
import { makeOrg, orgCode } from '../helpers/fixtures';
import { ENUMS } from '../../src/foundation/constants';
import { APPLICANT_CATEGORIES, DELIVERY_METHODS, GovApiClient, GovApiError, fetchTransport, wxTransport, type Transport, type WxLike } from '../../client/src';
import { nodeTransport } from '../../client/src/node';

let strapi: Core.Strapi;
let baseUrl: string;
let org: any;

/** A stand-in for the mini-program global: wx.request over real HTTP (GET and POST), answering like WeChat does. */
const fakeWx: WxLike = {
  request(options) {
    const req = http.request(options.url, { method: options.method, headers: options.header }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => options.success({ statusCode: res.statusCode ?? 0, header: res.headers as Record<string, string>, data: text }));
    });
    req.on('error', (e) => options.fail({ errMsg: `request:fail ${e.message}` }));
    req.end(options.data);
    return req;
  },
};

beforeAll(async () => {
  strapi = await setupStrapi();
  strapi.config.set('requests.rateLimit', {
    submit: { points: 1000, windowSeconds: 3600 },
    query: { points: 1000, windowSeconds: 60 },
    wrongCode: { points: 1000, windowSeconds: 900 },
  });
  await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
  baseUrl = `http://127.0.0.1:${(strapi.server.httpServer.address() as any).port}/api/gov/v1`;
  org = await makeOrg(strapi, { name: '客户端申请测试县人民政府', code: orgCode() });
}, 180000);
afterAll(async () => {
  await new Promise<void>((resolve) => strapi.server.httpServer.close(() => resolve()));
  await teardownStrapi();
});

it('offers the applicant categories and delivery methods the server accepts', () => {
  expect(APPLICANT_CATEGORIES).toEqual(ENUMS.applicantCategory);
  expect(DELIVERY_METHODS).toEqual(ENUMS.deliveryMethod);
});

const transports: Array<[string, () => Transport]> = [
  ['fetch', () => fetchTransport()],
  ['node', () => nodeTransport({ timeoutMs: 10000 })],
  ['wx.request', () => wxTransport(fakeWx)],
];

describe.each(transports)('依申请公开 over %s', (_name, makeTransport) => {
  let api: GovApiClient;
  beforeAll(() => {
    api = new GovApiClient({ baseUrl, transport: makeTransport(), conditionalCache: true });
  });

  it('submits an application and queries its progress with the one-time code', async () => {
    const { data: receipt } = await api.submitRequest({
      organization: org.code,
      applicantCategory: '商业企业',
      applicantName: '青山县某某有限公司',
      applicantEmail: 'office@example.com',
      requestedContent: '青山县2025年度政府采购意向公开情况',
      deliveryMethod: '电子邮件',
    });
    expect(receipt.trackingNo).toMatch(/^YSQ\d{10}$/);
    expect(receipt.queryCode).toMatch(/^[A-HJKMNP-Z2-9]{10}$/);

    const { data: status } = await api.requestStatus(receipt.trackingNo, receipt.queryCode.toLowerCase());
    expect(status).toMatchObject({ trackingNo: receipt.trackingNo, organization: '客户端申请测试县人民政府', channel: '网络', handlingStatus: '已登记', state: 'open', result: null });
    expect(status.dueDate).toEqual(expect.any(String));
    expect(JSON.stringify(status)).not.toContain('office@example.com');

    const wrong = await api.requestStatus(receipt.trackingNo, 'AAAAAAAAAA').catch((e) => e);
    expect(wrong).toBeInstanceOf(GovApiError);
    expect([wrong.status, wrong.message]).toEqual([404, '受理编号或查询码不正确']);
  });

  it('throws GovApiError naming the field on a refused application', async () => {
    const err = await api.submitRequest({ organization: org.documentId, applicantName: '王五', requestedContent: '预算信息' }).catch((e) => e);
    expect(err).toBeInstanceOf(GovApiError);
    expect(err.status).toBe(400);
    expect(err.details.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: ['applicantPhone'], message: expect.stringContaining('请至少填写一种联系方式') })]));
  });
});
