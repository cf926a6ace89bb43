/**
 * Issue 14 — applicants' personal data at rest: encrypted in disclosure_requests (raw SQL sees no
 * plaintext), decrypted for the application, masked in lists, unmasked only for holders of
 * plugin::security.personal-data.reveal (each reveal in the security log), exports of letters logged,
 * retention anonymisation leaving 表三 unchanged, the boot migration of plaintext rows, the 国密 suite.
 */
import JSZip from 'jszip';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi } from '../helpers/strapi';
import { adminApi, createAdminAndLogin, ensureRole } from '../helpers/admin';
import { makeOrg } from '../helpers/fixtures';
import { aggregateTables } from '../../src/requests/aggregate';
import { migratePlaintextPersonalData } from '../../src/requests/personal-data/migrate';
import { anonymiseExpiredRequests } from '../../src/requests/personal-data/retention';
import { rowsOf } from '../../src/foundation/sql';

const REQ = 'api::disclosure-request.disclosure-request';
const CM = `/content-manager/collection-types/${REQ}`;
const PERSON = {
  applicantName: '张小三',
  applicantIdNumber: '11010519491231002X',
  applicantPhone: '13812341234',
  applicantEmail: 'zhangsan@example.cn',
  applicantAddress: '北京市海淀区中关村大街1号',
};
const MASKED = {
  applicantName: '张*三',
  applicantIdNumber: '110***********002X',
  applicantPhone: '138****1234',
  applicantEmail: 'z***@example.cn',
  applicantAddress: '北京市海淀区***',
};
const PLAIN = Object.values(PERSON);

let strapi: Core.Strapi;
let org: any;
let superApi: ReturnType<typeof adminApi>;
let superUser: any;
let clerk: { api: ReturnType<typeof adminApi>; user: any };
let reader: { api: ReturnType<typeof adminApi>; user: any };
let revealer: { api: ReturnType<typeof adminApi>; user: any };

const raw = async (documentId: string) =>
  rowsOf(await strapi.db.connection.raw('SELECT * FROM disclosure_requests WHERE document_id = ?', [documentId]))[0];
const securityLog = async (action: string) =>
  rowsOf(await strapi.db.connection.raw('SELECT * FROM gov_security_log WHERE action = ? ORDER BY id', [action])).map((r: any) => ({
    ...r,
    user_id: r.user_id === null ? null : Number(r.user_id),
    detail: r.detail ? JSON.parse(r.detail) : null,
  }));

async function makeRequest(data: Record<string, unknown> = {}): Promise<any> {
  return strapi.documents(REQ as any).create({
    data: { organization: org.documentId, receivedDate: '2025-09-26', channel: '当面', requestedContent: '海淀区2024年部门决算', ...PERSON, ...data } as any,
  });
}

beforeAll(async () => {
  strapi = await setupStrapi();
  org = await makeOrg(strapi, { name: '北京市海淀区人民政府办公室' });
  const s = await createAdminAndLogin(strapi);
  superApi = adminApi(strapi, s.token);
  superUser = s.user;
  const read = { action: 'plugin::content-manager.explorer.read', subject: REQ, conditions: ['plugin::site-groups.in-my-organizations'] };
  const update = { action: 'plugin::content-manager.explorer.update', subject: REQ, conditions: ['plugin::site-groups.in-my-organizations'] };
  const as = async (code: string, perms: any[]) => {
    await ensureRole(strapi, code, perms);
    const { token, user } = await createAdminAndLogin(strapi, { roles: [code], membership: { orgs: [org.documentId] } });
    return { api: adminApi(strapi, token), user };
  };
  clerk = await as('pd-clerk', [read, update]);
  reader = await as('pd-reader', [read]);
  revealer = await as('pd-revealer', [read, 'plugin::security.personal-data.reveal']);
});
afterAll(teardownStrapi);

describe('at rest', () => {
  it('the database holds only ciphertext (AES-256-GCM, versioned); the application reads plaintext', async () => {
    const req = await makeRequest();
    const row = await raw(req.documentId);
    for (const col of ['applicant_name', 'applicant_id_number', 'applicant_phone', 'applicant_email', 'applicant_address']) {
      expect(row[col]).toMatch(/^enc:v1:a256gcm:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    }
    const dump = JSON.stringify(row);
    for (const p of PLAIN) expect(dump).not.toContain(p);
    expect(row.applicant_category).toBe('自然人'); // not personal data: 表三 counts it
    expect(await strapi.documents(REQ as any).findOne({ documentId: req.documentId })).toMatchObject(PERSON);
    expect(await strapi.db.query(REQ as any).findOne({ where: { documentId: req.documentId } })).toMatchObject(PERSON);
    expect(req).toMatchObject(PERSON);
  });

  it('the public submission is stored encrypted too, and its status query still works', async () => {
    const res = await request(strapi.server.httpServer)
      .post('/api/gov/v1/requests')
      .send({ organization: org.documentId, applicantCategory: '自然人', ...PERSON, requestedContent: '海淀区2024年预算执行情况', deliveryMethod: '电子邮件' });
    expect(res.status).toBe(201);
    const stored: any = await strapi.db.query(REQ as any).findOne({ where: { trackingNo: res.body.data.trackingNo }, select: ['documentId'] });
    const dump = JSON.stringify(await raw(stored.documentId));
    for (const p of PLAIN) expect(dump).not.toContain(p);
    const status = await request(strapi.server.httpServer).get(`/api/gov/v1/requests/${res.body.data.trackingNo}?code=${res.body.data.queryCode}`);
    expect(status.status).toBe(200);
    for (const p of PLAIN) expect(JSON.stringify(status.body)).not.toContain(p);
  });

  it('lengths are checked on the plaintext (Chinese message), not on the ciphertext', async () => {
    await expect(makeRequest({ applicantName: '名'.repeat(121) })).rejects.toMatchObject({ name: 'ValidationError' });
    const long = await makeRequest({ applicantName: '名'.repeat(120), applicantAddress: '北京市海淀区' + '路'.repeat(194) });
    expect((await raw(long.documentId)).applicant_name.length).toBeGreaterThan(255);
    expect((await strapi.documents(REQ as any).findOne({ documentId: long.documentId }))!.applicantName).toBe('名'.repeat(120));
  });
});

describe('masked lists, reveal', () => {
  let req: any;
  beforeAll(async () => {
    req = await makeRequest({ receivedDate: '2025-10-09' });
  });

  it('the admin list of requests is masked, for everyone', async () => {
    for (const api of [superApi, clerk.api, revealer.api]) {
      const res = await api.get('/disclosure-requests?pageSize=100');
      expect(res.status).toBe(200);
      const row = res.body.data.find((r: any) => r.documentId === req.documentId);
      expect(row.applicantName).toBe('张*三');
      for (const p of PLAIN) expect(JSON.stringify(res.body)).not.toContain(p);
    }
  });

  it('the Content Manager list is masked', async () => {
    const res = await superApi.get(`${CM}?page=1&pageSize=100`);
    expect(res.status).toBe(200);
    const row = res.body.results.find((r: any) => r.documentId === req.documentId);
    expect(row).toMatchObject(MASKED);
    for (const p of PLAIN) expect(JSON.stringify(res.body)).not.toContain(p);
  });

  it('the Content Manager edit view: plaintext for clerks who may update (logged), masked for readers', async () => {
    const before = (await securityLog('personal-data-revealed')).length;
    const asClerk = await clerk.api.get(`${CM}/${req.documentId}`);
    expect(asClerk.status).toBe(200);
    expect(asClerk.body.data).toMatchObject(PERSON);
    const log = (await securityLog('personal-data-revealed')).slice(before);
    expect(log).toEqual([expect.objectContaining({ user_id: clerk.user.id, target: `request:${req.trackingNo}`, detail: { via: 'content-manager' } })]);
    const asReader = await reader.api.get(`${CM}/${req.documentId}`);
    expect(asReader.status).toBe(200);
    expect(asReader.body.data).toMatchObject(MASKED);
    expect((await securityLog('personal-data-revealed')).length).toBe(before + 1);
  });

  it('GET …/applicant of another organisation: 403 for a clerk and a revealer of this one, nothing logged', async () => {
    const other = await makeOrg(strapi, { name: '北京市朝阳区人民政府办公室' });
    const foreign = await makeRequest({ organization: other.documentId });
    const before = await strapi.db.connection('gov_security_log').where({ action: 'personal-data-revealed' }).count({ n: '*' }).first();
    for (const who of [clerk, revealer]) {
      for (const q of ['', '?reveal=1']) expect((await who.api.get(`/disclosure-requests/${foreign.documentId}/applicant${q}`)).status).toBe(403);
    }
    const after = await strapi.db.connection('gov_security_log').where({ action: 'personal-data-revealed' }).count({ n: '*' }).first();
    expect(Number(after!.n)).toBe(Number(before!.n));
  });

  it('GET …/applicant is masked; ?reveal=1 needs the reveal permission (403 in Chinese) and is logged', async () => {
    const masked = await clerk.api.get(`/disclosure-requests/${req.documentId}/applicant`);
    expect(masked.status).toBe(200);
    expect(masked.body).toEqual({ data: { trackingNo: req.trackingNo, applicantCategory: '自然人', applicantIdType: '居民身份证', ...MASKED }, meta: { masked: true, canReveal: false } });

    const before = (await securityLog('personal-data-revealed')).length;
    const refused = await clerk.api.get(`/disclosure-requests/${req.documentId}/applicant?reveal=1`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('无权查看未脱敏的申请人个人信息：需要“查看未脱敏的申请人个人信息”权限');
    expect((await securityLog('personal-data-revealed')).length).toBe(before);

    for (const [who, api] of [[revealer.user, revealer.api], [superUser, superApi]] as const) {
      const shown = await api.get(`/disclosure-requests/${req.documentId}/applicant?reveal=1`);
      expect(shown.status).toBe(200);
      expect(shown.body).toEqual({ data: { trackingNo: req.trackingNo, applicantCategory: '自然人', applicantIdType: '居民身份证', ...PERSON }, meta: { masked: false } });
      expect(shown.headers['cache-control']).toBe('no-store');
      const last = (await securityLog('personal-data-revealed')).at(-1);
      expect(last).toMatchObject({
        user_id: who.id,
        email: who.email,
        target: `request:${req.trackingNo}`,
        detail: { fields: ['applicantName', 'applicantIdNumber', 'applicantPhone', 'applicantEmail', 'applicantAddress'] },
      });
    }
    expect((await securityLog('personal-data-revealed')).length).toBe(before + 2);
    expect((await revealer.api.get(`/disclosure-requests/${req.documentId}/applicant`)).body.meta).toEqual({ masked: true, canReveal: true });
  });

  it('responses of the event routes carry masked applicant data', async () => {
    const res = await clerk.api.post(`/disclosure-requests/${req.documentId}/events`, { type: 'accepted', date: '2025-10-09' });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject(MASKED);
  });

  it('generating and downloading a letter are logged as exports of personal data', async () => {
    const before = (await securityLog('personal-data-exported')).length;
    const gen = await clerk.api.post(`/disclosure-requests/${req.documentId}/letters/receipt`, { date: '2025-10-09' });
    expect(gen.status).toBe(201);
    const file = await clerk.api.get(gen.body.data.downloadPath).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(file.status).toBe(200);
    const xml = await (await JSZip.loadAsync(file.body as Buffer)).file('word/document.xml')!.async('string');
    expect(xml).toContain('张小三：'); // the letter is addressed to the applicant by name
    const log = (await securityLog('personal-data-exported')).slice(before);
    expect(log.map((e: any) => [e.user_id, e.target, e.detail])).toEqual([
      [clerk.user.id, `request:${req.trackingNo}`, { kind: 'letter-generated', count: 1, letterKind: 'receipt' }],
      [clerk.user.id, `request:${req.trackingNo}`, { kind: 'letter-download', count: 1, fileName: `${req.trackingNo}-登记回执.docx` }],
    ]);
  });
});

describe('retention', () => {
  it('anonymises requests closed more than 5 years ago (and their letters); 表三 unchanged; logged; idempotent', async () => {
    const county: any = await makeOrg(strapi, { name: '青山县人民政府' });
    const mk = (receivedDate: string, closed: string | null, category = '自然人', extra: Record<string, unknown> = {}) =>
      strapi.documents(REQ as any).create({
        data: {
          organization: county.documentId, receivedDate, channel: '当面', applicantCategory: category, requestedContent: '青山县决算', ...PERSON, ...extra,
          events: closed ? [{ type: 'closed', date: closed, resultKey: 'disclosed' }] : [],
        } as any,
      });
    const old1: any = await mk('2019-03-01', '2019-03-20');
    const old2: any = await mk('2019-11-01', '2020-01-10', '商业企业', { applicantName: '青山县某某有限公司', applicantIdNumber: '91331100MA2A0B3C1Y', applicantEmail: null });
    const recent: any = await mk('2021-05-01', '2021-06-15'); // closed less than 5 years before 2026-06-01
    const open: any = await mk('2019-04-01', null);
    const api = superApi;
    const letter = await api.post(`/disclosure-requests/${old1.documentId}/letters/reply`, { date: '2019-03-20' });
    expect(letter.status).toBe(201);

    const tables = async () => ({
      y2019: await aggregateTables(strapi, county.documentId, 2019),
      y2020: await aggregateTables(strapi, county.documentId, 2020),
      y2021: await aggregateTables(strapi, county.documentId, 2021),
    });
    const before = await tables();
    const logBefore = (await securityLog('personal-data-anonymised')).length;

    const result = await anonymiseExpiredRequests(strapi, '2026-06-01');
    expect(result).toEqual({ requests: 2, letters: 1, cutoff: '2021-06-01' });
    expect(await tables()).toEqual(before);

    const marker = '已匿名化';
    expect(await strapi.documents(REQ as any).findOne({ documentId: old1.documentId })).toMatchObject({
      applicantName: marker, applicantIdNumber: marker, applicantPhone: marker, applicantEmail: marker, applicantAddress: marker, applicantCategory: '自然人', closedDate: '2019-03-20',
    });
    expect(await strapi.documents(REQ as any).findOne({ documentId: old2.documentId })).toMatchObject({ applicantName: marker, applicantEmail: null, applicantCategory: '商业企业' });
    expect((await raw(old1.documentId)).query_code_hash).toBeNull();
    expect(await strapi.documents(REQ as any).findOne({ documentId: recent.documentId })).toMatchObject(PERSON);
    expect(await strapi.documents(REQ as any).findOne({ documentId: open.documentId })).toMatchObject(PERSON);

    const file = await api.get(letter.body.data.downloadPath).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    const xml = await (await JSZip.loadAsync(file.body as Buffer)).file('word/document.xml')!.async('string');
    expect(xml).not.toContain('张小三');
    expect(xml).toContain(`${marker}：`);

    const log = (await securityLog('personal-data-anonymised')).slice(logBefore);
    expect(log).toEqual([expect.objectContaining({ target: 'requests', detail: { count: 2, letters: 1, cutoff: '2021-06-01', retentionYears: 5 } })]);

    expect(await anonymiseExpiredRequests(strapi, '2026-06-01')).toEqual({ requests: 0, letters: 0, cutoff: '2021-06-01' });
    expect((await securityLog('personal-data-anonymised')).length).toBe(logBefore + 1);
    expect(await tables()).toEqual(before);
    // the migration leaves the marker alone
    expect(await migratePlaintextPersonalData(strapi)).toBe(0);
    expect((await raw(old1.documentId)).applicant_name).toBe(marker);
  });
});

describe('migration of plaintext rows', () => {
  it('encrypts rows written in clear, in batches, once', async () => {
    const made: any[] = [];
    for (let i = 0; i < 3; i++) made.push(await makeRequest({ applicantName: `旧数据${i}` }));
    // rows as they were before encryption (or written around it)
    for (const [i, r] of made.entries()) {
      await strapi.db.connection('disclosure_requests').where({ document_id: r.documentId }).update({
        applicant_name: `旧数据${i}`, applicant_id_number: PERSON.applicantIdNumber, applicant_phone: PERSON.applicantPhone, applicant_email: null, applicant_address: '',
      });
    }
    expect((await raw(made[0].documentId)).applicant_name).toBe('旧数据0');
    expect(await migratePlaintextPersonalData(strapi)).toBe(3);
    for (const [i, r] of made.entries()) {
      const row = await raw(r.documentId);
      expect([row.applicant_name, row.applicant_id_number, row.applicant_phone]).toEqual([expect.stringMatching(/^enc:v1:/), expect.stringMatching(/^enc:v1:/), expect.stringMatching(/^enc:v1:/)]);
      expect([row.applicant_email, row.applicant_address]).toEqual([null, '']);
      expect(await strapi.documents(REQ as any).findOne({ documentId: r.documentId })).toMatchObject({ applicantName: `旧数据${i}`, applicantIdNumber: PERSON.applicantIdNumber });
    }
    const snapshot = JSON.stringify(rowsOf(await strapi.db.connection.raw('SELECT id, applicant_name, applicant_phone FROM disclosure_requests ORDER BY id')));
    expect(await migratePlaintextPersonalData(strapi)).toBe(0); // second boot: nothing to do
    expect(JSON.stringify(rowsOf(await strapi.db.connection.raw('SELECT id, applicant_name, applicant_phone FROM disclosure_requests ORDER BY id')))).toBe(snapshot);
  });

  it('two nodes migrating at once encrypt each value exactly once', async () => {
    const r = await makeRequest();
    await strapi.db.connection('disclosure_requests').where({ document_id: r.documentId }).update({ applicant_name: '并发', applicant_phone: PERSON.applicantPhone });
    const counts = await Promise.all([migratePlaintextPersonalData(strapi), migratePlaintextPersonalData(strapi)]);
    expect(counts.sort()).toEqual([0, 1]);
    expect(await strapi.documents(REQ as any).findOne({ documentId: r.documentId })).toMatchObject({ applicantName: '并发', applicantPhone: PERSON.applicantPhone });
  });
});

describe('国密 suite (CRYPTO_SUITE=sm)', () => {
  it('stores SM4 ciphertext (SM4-CTR + HMAC-SM3 where OpenSSL has no SM4-GCM) and reads it back; AES rows stay readable', async () => {
    const aesReq = await makeRequest();
    const keysSym = Symbol.for('gov-disclosure.personal-data-keys');
    const saved = process.env.CRYPTO_SUITE;
    process.env.CRYPTO_SUITE = 'sm';
    delete (strapi as any)[keysSym];
    try {
      const smReq = await makeRequest({ applicantName: '国密测试' });
      const row = await raw(smReq.documentId);
      const gcm = require('crypto').getCiphers().includes('sm4-gcm');
      expect(row.applicant_name).toMatch(gcm ? /^enc:v1:sm4gcm:/ : /^enc:v1:sm4ctr-hsm3:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]{43}:/);
      for (const p of PLAIN.slice(1)) expect(JSON.stringify(row)).not.toContain(p);
      expect(await strapi.documents(REQ as any).findOne({ documentId: smReq.documentId })).toMatchObject({ ...PERSON, applicantName: '国密测试' });
      expect(await strapi.documents(REQ as any).findOne({ documentId: aesReq.documentId })).toMatchObject(PERSON);
    } finally {
      if (saved === undefined) delete process.env.CRYPTO_SUITE;
      else process.env.CRYPTO_SUITE = saved;
      delete (strapi as any)[keysSym];
    }
  });
});
