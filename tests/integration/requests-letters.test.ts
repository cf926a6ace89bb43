/**
 * Reply letters as .docx: generated through the admin route, stored with the request (privately,
 * not in the media library), downloaded and read back (the .docx is a zip; word/document.xml must
 * hold the tracking number, the agency, the applicant, the dates and the article cited).
 */
import JSZip from 'jszip';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi } from '../helpers/strapi';
import { adminApi, createAdminAndLogin } from '../helpers/admin';
import { makeOrg } from '../helpers/fixtures';
import { RESULT_KEYS, replyArticle } from '../../src/domain/request-clock';

const REQ = 'api::disclosure-request.disclosure-request';
const LETTER = 'api::disclosure-request.request-letter';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

let strapi: Core.Strapi;
let api: ReturnType<typeof adminApi>;
let token: string;
let org: any;

beforeAll(async () => {
  strapi = await setupStrapi();
  ({ token } = await createAdminAndLogin(strapi));
  api = adminApi(strapi, token);
  org = await makeOrg(strapi, { name: '青山县人民政府办公室', contactPhone: '0571-12345678', contactAddress: '青山县人民路1号' });
});
afterAll(teardownStrapi);

async function makeRequest(events: Array<Record<string, unknown>> = [], data: Record<string, unknown> = {}): Promise<any> {
  return strapi.documents(REQ).create({
    data: { organization: org.documentId, receivedDate: '2025-09-26', channel: '当面', applicantName: '赵六', requestedContent: '青山县2024年部门决算', events, ...data } as any,
  });
}

/** Downloads a letter and returns the plain text of word/document.xml. */
async function download(path: string): Promise<{ text: string; res: request.Response }> {
  const res = await request(strapi.server.httpServer)
    .get(path)
    .set('Authorization', `Bearer ${token}`)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
  expect(res.status).toBe(200);
  const zip = await JSZip.loadAsync(res.body as Buffer);
  const xml = await zip.file('word/document.xml')!.async('string');
  return { text: xml.replace(/<[^>]+>/g, ''), res };
}

async function generate(documentId: string, kind: string, body: Record<string, unknown> = {}, status = 201) {
  const res = await api.post(`/disclosure-requests/${documentId}/letters/${kind}`, body);
  expect([res.status, res.body.error?.message]).toEqual([status, status >= 400 ? expect.any(String) : undefined]);
  return res;
}

describe('letters', () => {
  it('登记回执: tracking number, agency, applicant, receipt and due dates, 第三十一条/第三十三条; stored and downloadable', async () => {
    const req = await makeRequest([{ type: 'accepted', date: '2025-09-26' }]);
    const res = await generate(req.documentId, 'receipt', { date: '2025-09-26' });
    expect(res.body.data).toMatchObject({
      kind: 'receipt',
      title: '政府信息公开申请登记回执',
      fileName: `${req.trackingNo}-登记回执.docx`,
      mime: DOCX,
      size: expect.any(Number),
      legalBasis: '《中华人民共和国政府信息公开条例》第三十一条、第三十三条',
      letterDate: '2025-09-26',
      generatedBy: expect.any(String),
      downloadPath: `/disclosure-requests/${req.documentId}/letters/${res.body.data.documentId}`,
    });
    expect(res.body.data.content).toBeUndefined();
    const { text, res: file } = await download(res.body.data.downloadPath);
    expect(file.headers['content-type']).toBe(DOCX);
    expect(file.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(`${req.trackingNo}-登记回执.docx`)}`);
    expect(file.headers['cache-control']).toBe('no-store');
    for (const s of [req.trackingNo, '青山县人民政府办公室', '赵六：', '2025年9月26日', '2025年10月30日', '第三十一条', '第三十三条第二款', '青山县2024年部门决算', '联系电话：0571-12345678']) {
      expect(text).toContain(s);
    }
    // stored with the request, privately: not in the media library
    const stored: any = await strapi.db.query(LETTER).findOne({ where: { documentId: res.body.data.documentId }, populate: { request: true } });
    expect(stored.request.documentId).toBe(req.documentId);
    expect(Buffer.from(stored.content, 'base64').length).toBe(res.body.data.size);
    expect(await strapi.db.query('plugin::upload.file').count()).toBe(0);
  });

  it('补正告知书 needs a correction notice; cites 第三十条 with the items and the period', async () => {
    const req = await makeRequest();
    const refused = await generate(req.documentId, 'correction', {}, 400);
    expect(refused.body.error.details.errors[0]).toMatchObject({ path: ['kind'], message: '尚未登记“告知补正”事项，不能生成补正告知书' });
    await api.post(`/disclosure-requests/${req.documentId}/events`, { type: 'correctionRequested', date: '2025-09-29', days: 10, note: '所需决算的部门名称' });
    const res = await generate(req.documentId, 'correction');
    const { text } = await download(res.body.data.downloadPath);
    for (const s of [req.trackingNo, '政府信息公开申请补正告知书', '第三十条', '所需决算的部门名称', '10个工作日内', '视为放弃申请']) expect(text).toContain(s);
  });

  it('延期答复告知书 needs an extension; cites 第三十三条第二款 with approver and new due date', async () => {
    const req = await makeRequest();
    expect((await generate(req.documentId, 'extension', {}, 400)).body.error.message).toContain('延长答复期限');
    await api.post(`/disclosure-requests/${req.documentId}/events`, { type: 'extended', date: '2025-10-20', days: 20, approvedBy: '公开办主任张某', applicantNotified: true });
    const res = await generate(req.documentId, 'extension', { note: '所申请信息涉及多个部门，需要汇总核对' });
    const { text } = await download(res.body.data.downloadPath);
    for (const s of [req.trackingNo, '政府信息公开申请延期答复告知书', '第三十三条第二款', '公开办主任张某', '延长20个工作日', '2025年11月27日', '需要汇总核对']) {
      expect(text).toContain(s);
    }
  });

  it('答复书 for every 表三 outcome cites the matching article (replyArticle)', async () => {
    for (const resultKey of RESULT_KEYS) {
      const req = await makeRequest([{ type: 'closed', date: '2025-10-20', resultKey }]);
      const res = await generate(req.documentId, 'reply', { date: '2025-10-20' });
      const article = replyArticle(resultKey).article;
      expect([resultKey, res.body.data.legalBasis]).toEqual([resultKey, `《中华人民共和国政府信息公开条例》${article}`]);
      expect(res.body.data.resultKey).toBe(resultKey);
      const { text } = await download(`/disclosure-requests/${req.documentId}/letters/reply`);
      for (const s of [req.trackingNo, '政府信息公开申请答复书', '赵六：', article, replyArticle(resultKey).text, '2025年10月20日', '行政复议']) {
        expect([resultKey, text.includes(s)]).toEqual([resultKey, true]);
      }
    }
  });

  it('a reply needs a result; unknown kinds and letters are refused; list, latest by kind, deletion with the request, permissions', async () => {
    const req = await makeRequest([{ type: 'accepted', date: '2025-09-26' }]);
    expect((await generate(req.documentId, 'reply', {}, 400)).body.error.message).toContain('尚未登记办理结果');
    expect((await generate(req.documentId, 'invitation', {}, 400)).body.error.details.errors[0].path).toEqual(['kind']);
    expect((await generate(req.documentId, 'receipt', { date: '2025-13-01' }, 400)).body.error.details.errors[0].path).toEqual(['date']);
    expect((await api.post(`/disclosure-requests/nosuchrequest/letters/receipt`, {})).status).toBe(404);

    const first = await generate(req.documentId, 'receipt', { date: '2025-09-26' });
    await api.post(`/disclosure-requests/${req.documentId}/events`, { type: 'closed', date: '2025-10-10', resultKey: 'unable.notHeld' });
    const reply = await generate(req.documentId, 'reply', { note: '经检索本机关档案，未发现相关记录。' });
    const list = await api.get(`/disclosure-requests/${req.documentId}/letters`);
    expect(list.status).toBe(200);
    expect(list.body.data.map((l: any) => l.kind)).toEqual(['reply', 'receipt']);
    expect(list.body.data.every((l: any) => l.content === undefined)).toBe(true);
    const { text } = await download(`/disclosure-requests/${req.documentId}/letters/reply`);
    expect(text).toContain('第三十六条第（四）项');
    expect(text).toContain('经检索本机关档案，未发现相关记录。');
    expect((await api.get(`/disclosure-requests/${req.documentId}/letters/nosuchletter`)).status).toBe(404);
    // a letter of another request is not reachable through this request
    const otherReq = await makeRequest();
    expect((await api.get(`/disclosure-requests/${otherReq.documentId}/letters/${first.body.data.documentId}`)).status).toBe(404);

    const role = await strapi.service('admin::role').create({ name: '无依申请公开权限', description: '测试' });
    const limited = await createAdminAndLogin(strapi, { roles: [role.code] });
    expect((await adminApi(strapi, limited.token).get(reply.body.data.downloadPath)).status).toBe(403);
    expect((await adminApi(strapi, limited.token).post(`/disclosure-requests/${req.documentId}/letters/receipt`, {})).status).toBe(403);

    const before = await strapi.db.query(LETTER).count();
    await strapi.documents(REQ).delete({ documentId: req.documentId });
    expect(await strapi.db.query(LETTER).count()).toBe(before - 2);
  });

  it('the letter date defaults to the date of the event it answers, not today', async () => {
    const req = await makeRequest([
      { type: 'accepted', date: '2025-09-26' },
      { type: 'correctionRequested', date: '2025-09-29', days: 10, note: '请说明所需决算的具体部门' },
    ]);
    expect((await generate(req.documentId, 'receipt')).body.data).toMatchObject({ letterDate: '2025-09-26', eventKey: 'receipt', version: 1, status: '有效' });
    const correction = await generate(req.documentId, 'correction');
    expect(correction.body.data).toMatchObject({ letterDate: '2025-09-29', eventKey: expect.stringMatching(/^correctionRequested:/) });
    expect((await download(correction.body.data.downloadPath)).text).toContain('2025年9月29日');
    await api.post(`/disclosure-requests/${req.documentId}/events`, { type: 'correctionReceived', date: '2025-10-09' });
    await api.post(`/disclosure-requests/${req.documentId}/events`, { type: 'replied', date: '2025-10-20', resultKey: 'disclosed' });
    expect((await generate(req.documentId, 'reply')).body.data).toMatchObject({ letterDate: '2025-10-20', eventKey: expect.stringMatching(/^replied:/) });
    // a date given by the clerk still wins
    expect((await generate(req.documentId, 'reply', { date: '2025-10-21' })).body.data.letterDate).toBe('2025-10-21');
  });

  it('generating a letter again for the same event replaces it (the old one 已作废, kept); newVersion keeps both valid', async () => {
    const req = await makeRequest([{ type: 'accepted', date: '2025-09-26' }]);
    const first = (await generate(req.documentId, 'receipt')).body.data;
    const second = (await generate(req.documentId, 'receipt', { note: '更正：申请内容以本回执为准。' })).body.data;
    expect(second).toMatchObject({ version: 2, voided: false, status: '有效' });
    const list = (await api.get(`/disclosure-requests/${req.documentId}/letters`)).body.data;
    expect(list.map((l: any) => [l.documentId, l.version, l.status])).toEqual([
      [second.documentId, 2, '有效'],
      [first.documentId, 1, '已作废'],
    ]);
    expect(list[1].voidedAt).toEqual(expect.any(String));
    // the voided letter stays downloadable by its id; by kind the valid one is served
    expect((await download(first.downloadPath)).text).not.toContain('更正');
    expect((await download(`/disclosure-requests/${req.documentId}/letters/receipt`)).text).toContain('更正：申请内容以本回执为准。');

    const third = (await generate(req.documentId, 'receipt', { newVersion: true })).body.data;
    expect(third).toMatchObject({ version: 3, status: '有效' });
    const after = (await api.get(`/disclosure-requests/${req.documentId}/letters`)).body.data;
    expect(after.map((l: any) => [l.version, l.status])).toEqual([
      [3, '有效'],
      [2, '有效'],
      [1, '已作废'],
    ]);
    expect((await generate(req.documentId, 'receipt', { newVersion: 'yes' }, 400)).body.error.details.errors[0].path).toEqual(['newVersion']);
  });

  it('the salutation and the pronoun follow the applicant category; the reply names the 复议机关 and the court', async () => {
    const person = await makeRequest([{ type: 'accepted', date: '2025-09-26' }]);
    const personText = (await download((await generate(person.documentId, 'receipt')).body.data.downloadPath)).text;
    expect(personText).toContain('赵六：');
    expect(personText).toContain('你以当面方式提出的政府信息公开申请');
    expect(personText).not.toContain('你（单位）');

    const court = await makeOrg(strapi, { name: '青山县教育局', reviewAuthority: '青山县人民政府', litigationCourt: '青山县人民法院' });
    const company = await strapi.documents(REQ).create({
      data: { organization: court.documentId, receivedDate: '2025-09-26', channel: '网络', applicantCategory: '商业企业', applicantName: '青山县某某建材有限公司', requestedContent: '2024年招标文件', events: [{ type: 'accepted', date: '2025-09-26' }, { type: 'closed', date: '2025-10-15', resultKey: 'disclosed' }], resultKey: 'disclosed' } as any,
    });
    const reply = (await download((await generate(company.documentId, 'reply')).body.data.downloadPath)).text;
    expect(reply).toContain('青山县某某建材有限公司：');
    expect(reply).toContain('你单位申请公开的政府信息，本机关予以公开');
    expect(reply).not.toContain('你（单位）');
    expect(reply).toContain('你单位如对本答复不服，可以自收到本答复之日起60日内向青山县人民政府申请行政复议，或者自收到本答复之日起6个月内向青山县人民法院提起行政诉讼。');
    // without the settings the remedy stays generic
    const generic = (await download((await generate(person.documentId, 'receipt')).body.data.downloadPath)).text;
    expect(generic).not.toContain('向青山县人民法院');
  });
});
