/**
 * 依申请公开 on the legal clock, through the real admin routes: deadlines across Spring Festival and
 * National Day with make-up days, 补正 restart, extension, consultation pause, provisional years
 * recomputed after a calendar override; impossible sequences refused with the reason; computed
 * fields protected in the Content Manager; the admin list.
 */
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi } from '../helpers/strapi';
import { adminApi, createAdminAndLogin } from '../helpers/admin';
import { makeOrg } from '../helpers/fixtures';

const REQ = 'api::disclosure-request.disclosure-request';
const OVERRIDE = 'api::working-day-override.working-day-override';
const CM = '/content-manager/collection-types';

let strapi: Core.Strapi;
let api: ReturnType<typeof adminApi>;
let org: any;

beforeAll(async () => {
  strapi = await setupStrapi();
  const { token } = await createAdminAndLogin(strapi);
  api = adminApi(strapi, token);
  org = await makeOrg(strapi, { name: '示范县人民政府' });
});
afterAll(teardownStrapi);

async function makeRequest(data: Record<string, unknown> = {}): Promise<any> {
  return strapi.documents(REQ).create({
    data: { organization: org.documentId, receivedDate: '2025-09-26', channel: '当面', applicantName: '张三', requestedContent: '2024年财政决算', ...data } as any,
  });
}

const stored = (documentId: string): Promise<any> => strapi.db.query(REQ).findOne({ where: { documentId } });

async function event(documentId: string, body: Record<string, unknown>, status = 201) {
  const res = await api.post(`/disclosure-requests/${documentId}/events`, body);
  expect([res.status, res.body.error?.message]).toEqual([status, status >= 400 ? expect.any(String) : undefined]);
  return res;
}

async function clock(documentId: string, asOf: string) {
  const res = await api.get(`/disclosure-requests/${documentId}/clock?asOf=${asOf}`);
  expect(res.status).toBe(200);
  return res.body.data;
}

describe('deadlines through POST /disclosure-requests/:documentId/events', () => {
  it('National Day 2025 with make-up days 09-28 and 10-11: received 09-26 → due 10-30 (public worked example)', async () => {
    const req = await makeRequest();
    expect(req.dueDate).toBe('2025-10-30');
    const res = await event(req.documentId, { type: 'accepted', date: '2025-09-26' });
    expect(res.body.data).toMatchObject({ handlingStatus: '办理中', dueDate: '2025-10-30', dueDateProvisional: false });
    expect(res.body.data.events).toEqual([expect.objectContaining({ type: 'accepted', date: '2025-09-26', recordedBy: expect.any(String), recordedAt: expect.any(String) })]);
    expect(res.body.data.queryCodeHash).toBeUndefined();
    const c = await clock(req.documentId, '2025-09-29');
    expect(c).toMatchObject({ dueDate: '2025-10-30', daysLeft: 18, overdue: false, state: 'open', warnings: [] });
    expect(c.history).toEqual([{ date: '2025-09-26', dueDate: '2025-10-30', reason: expect.stringContaining('第三十三条第二款') }]);
    // daysLeft / overdue as of other days (a working day after the due date is −1)
    expect(await clock(req.documentId, '2025-10-30')).toMatchObject({ daysLeft: 0, overdue: false });
    expect(await clock(req.documentId, '2025-10-31')).toMatchObject({ daysLeft: -1, overdue: true });
  });

  it('Spring Festival 2025 with make-up days 01-26 and 02-08: received 01-20 → due 02-21', async () => {
    const req = await makeRequest({ receivedDate: '2025-01-20' });
    await event(req.documentId, { type: 'accepted', date: '2025-01-21' });
    expect(await stored(req.documentId)).toMatchObject({ dueDate: '2025-02-21', dueDateProvisional: false });
  });

  it('Spring Festival 2026 with make-up days 02-14 and 02-28: received 02-06 → due 03-12, 18 working days left on 02-10', async () => {
    const req = await makeRequest({ receivedDate: '2026-02-06', channel: '邮寄' });
    await event(req.documentId, { type: 'accepted', date: '2026-02-06' });
    expect(await clock(req.documentId, '2026-02-10')).toMatchObject({ dueDate: '2026-03-12', daysLeft: 18 });
  });

  it('Mid-Autumn and National Day 2026 with make-up days 09-20 and 10-10: received 09-18 → due 10-22', async () => {
    const req = await makeRequest({ receivedDate: '2026-09-18' });
    expect((await stored(req.documentId)).dueDate).toBe('2026-10-22');
  });

  it('补正 (第三十条): no due date while awaiting it, then 20 working days from its receipt (crossing 清明 2025)', async () => {
    const req = await makeRequest({ receivedDate: '2025-03-03' });
    const asked = await event(req.documentId, { type: 'correctionRequested', date: '2025-03-05', days: 10, note: '请写明文件名称或文号' });
    expect(asked.body.data).toMatchObject({ handlingStatus: '待补正', dueDate: null });
    expect(await clock(req.documentId, '2025-03-10')).toMatchObject({ state: 'awaitingCorrection', dueDate: null, daysLeft: null, overdue: false });
    const got = await event(req.documentId, { type: 'correctionReceived', date: '2025-03-20' });
    expect(got.body.data).toMatchObject({ handlingStatus: '办理中', dueDate: '2025-04-18' });
    expect(got.body.data.dueDateHistory.map((h: any) => [h.date, h.dueDate])).toEqual([
      ['2025-03-03', '2025-03-31'],
      ['2025-03-05', null],
      ['2025-03-20', '2025-04-18'],
    ]);
    expect(got.body.data.dueDateHistory[2].reason).toContain('第三十条');
  });

  it('the 补正期限 defaults to config requests.correctionPeriodDays; a late notice (after 7 working days) gives a warning', async () => {
    const req = await makeRequest({ receivedDate: '2025-03-03' });
    const res = await event(req.documentId, { type: 'correctionRequested', date: '2025-03-13' });
    expect(res.body.data.events[0].days).toBe(15);
    expect(res.body.meta.clock.warnings).toEqual(expect.arrayContaining([expect.stringContaining('逾期1个工作日')]));
  });

  it('extension (第三十三条第二款): once, 20 working days added to the deadline as it stands, approver and notice recorded', async () => {
    const req = await makeRequest();
    const res = await event(req.documentId, { type: 'extended', date: '2025-10-20', days: 20, approvedBy: '公开办主任 张某', applicantNotified: '2025-10-21' });
    expect(res.body.data).toMatchObject({ dueDate: '2025-11-27', handlingStatus: '办理中' });
    const c = await clock(req.documentId, '2025-10-31');
    expect(c).toMatchObject({ dueDate: '2025-11-27', allowedWorkingDays: 40, overdue: false, warnings: [] });
    expect(c.extension).toEqual({ days: 20, approvedBy: '公开办主任 张某', approvedAt: '2025-10-20', applicantNotifiedAt: '2025-10-21', applicantNotified: true });
    expect(c.history[1]).toEqual({ date: '2025-10-20', dueDate: '2025-11-27', reason: '经批准延长答复期限20个工作日（第三十三条第二款）' });
  });

  it('consultation (第三十二条, 第三十三条第三款): 10-14…10-17 not counted; paused while pending', async () => {
    const req = await makeRequest();
    const sent = await event(req.documentId, { type: 'consultationSent', date: '2025-10-13', note: '征求第三方意见' });
    expect(sent.body.data).toMatchObject({ handlingStatus: '暂停计时', dueDate: null });
    expect(await clock(req.documentId, '2025-10-15')).toMatchObject({ state: 'paused', dueDate: null, daysLeft: 13 });
    const answered = await event(req.documentId, { type: 'consultationAnswered', date: '2025-10-17' });
    expect(answered.body.data).toMatchObject({ handlingStatus: '办理中', dueDate: '2025-11-05' });
    const c = await clock(req.documentId, '2025-10-20');
    expect(c).toMatchObject({ pausedWorkingDays: 4, pauses: [{ from: '2025-10-13', to: '2025-10-17' }], state: 'open' });
    // pauses stack with an extension: 4 paused days + 10 extension days
    const ext = await event(req.documentId, { type: 'extended', date: '2025-10-27', days: 10, approvedBy: '张某', applicantNotified: true });
    expect(ext.body.data.dueDate).toBe('2025-11-19');
    expect(ext.body.data.dueDateHistory.map((h: any) => h.dueDate)).toEqual(['2025-10-30', null, '2025-11-05', '2025-11-19']);
  });

  it('reply and closing: 表三 result key and applicant category recorded, request closed', async () => {
    const req = await makeRequest();
    const replied = await event(req.documentId, { type: 'replied', date: '2025-10-28', resultKey: 'disclosed' });
    expect(replied.body.data).toMatchObject({ handlingStatus: '已答复', repliedDate: '2025-10-28', resultKey: 'disclosed', closedDate: null });
    const closed = await event(req.documentId, { type: 'closed', date: '2025-10-28', resultKey: 'partial', applicantCategory: '法律服务机构' });
    expect(closed.body.data).toMatchObject({ handlingStatus: '已办结', closedDate: '2025-10-28', resultKey: 'partial', applicantCategory: '法律服务机构' });
    expect(await clock(req.documentId, '2025-12-01')).toMatchObject({ state: 'closed', overdue: false, daysLeft: 2 });
  });

  it('a mistaken event can be deleted (DELETE …/events/:eventId) when the rest still stands', async () => {
    const req = await makeRequest();
    const asked = await event(req.documentId, { type: 'correctionRequested', date: '2025-09-29', days: 10 });
    const received = await event(req.documentId, { type: 'correctionReceived', date: '2025-10-09' });
    const closed = await event(req.documentId, { type: 'closed', date: '2025-10-20', resultKey: 'disclosed' });
    const [askedId, receivedId, closedId] = ['correctionRequested', 'correctionReceived', 'closed'].map(
      (t) => closed.body.data.events.find((e: any) => e.type === t).id as string,
    );
    expect(asked.body.data.events[0].id).toBe(askedId);
    expect(received.body.data.dueDate).toBe('2025-11-05');

    // the correction notice cannot go while its correction is recorded
    const refused = await api.del(`/disclosure-requests/${req.documentId}/events/${askedId}`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.errors[0]).toMatchObject({ path: ['type'], message: '删除该告知补正记录后办理记录不成立：尚未告知补正（第三十条），不能登记收到补正' });
    expect((await api.del(`/disclosure-requests/${req.documentId}/events/nosuchevent`)).status).toBe(404);

    // removing the closing reopens the request
    const reopened = await api.del(`/disclosure-requests/${req.documentId}/events/${closedId}`);
    expect(reopened.status).toBe(200);
    expect(reopened.body.data).toMatchObject({ handlingStatus: '办理中', closedDate: null, resultKey: null, dueDate: '2025-11-05' });
    await api.del(`/disclosure-requests/${req.documentId}/events/${receivedId}`);
    const back = await api.del(`/disclosure-requests/${req.documentId}/events/${askedId}`);
    expect(back.body.data).toMatchObject({ handlingStatus: '已登记', events: null, dueDate: '2025-10-30' });
  });

  it('fee notice unpaid → suggests other.unpaidFee; default payment period from config', async () => {
    const req = await makeRequest();
    const res = await event(req.documentId, { type: 'feeNoticeSent', date: '2025-10-09' });
    expect(res.body.data.events[0].days).toBe(20);
    expect(await clock(req.documentId, '2025-11-07')).toMatchObject({ suggestedOutcome: 'other.unpaidFee' });
  });
});

describe('provisional deadlines and calendar overrides', () => {
  it('a deadline reaching into 2027 (unknown year) is provisional, and recomputed once the 2027 notice is entered as an override', async () => {
    const req = await makeRequest({ receivedDate: '2026-12-15' });
    // 2027 predicted (src/domain/working-days/predicted.ts): 元旦 Fri 01-01 to Sun 01-03 off
    expect(await stored(req.documentId)).toMatchObject({ dueDate: '2027-01-13', dueDateProvisional: true });
    const list = await api.get(`/disclosure-requests?org=${org.documentId}&year=2026`);
    expect(list.body.data.find((r: any) => r.documentId === req.documentId)).toMatchObject({ dueDate: '2027-01-13', dueDateProvisional: true });

    // 2027-01-01 entered from the State Council notice: 2027 becomes known, the due date is final.
    const created = await api.post(`${CM}/${OVERRIDE}`, { date: '2027-01-01', working: false, note: '元旦', source: '国务院通知' });
    expect(created.status).toBe(201);
    const after = await stored(req.documentId);
    expect(after).toMatchObject({ dueDate: '2027-01-13', dueDateProvisional: false });
    expect(after.dueDateHistory.filter((h: any) => h.recalculated)).toEqual([
      { date: expect.any(String), dueDate: '2027-01-13', recalculated: true, reason: '工作日日历更新后重新核算答复期限（原为2027-01-13（暂定））' },
    ]);

    // Deleting it makes the deadline provisional again.
    const removed = await api.del(`${CM}/${OVERRIDE}/${created.body.data.documentId}`);
    expect(removed.status).toBe(200);
    expect(await stored(req.documentId)).toMatchObject({ dueDate: '2027-01-13', dueDateProvisional: true });
  });

  it('a local day off moves open deadlines; recomputeProvisional() and the admin action report what changed', async () => {
    const open = await makeRequest({ receivedDate: '2025-09-26' });
    const closedReq = await makeRequest({ receivedDate: '2025-09-26' });
    await event(closedReq.documentId, { type: 'closed', date: '2025-10-10', resultKey: 'disclosed' });
    const ov = await strapi.documents(OVERRIDE).create({ data: { date: '2025-10-15', working: false, note: '本地公休' } as any });
    expect((await stored(open.documentId)).dueDate).toBe('2025-10-31');
    expect((await stored(closedReq.documentId)).dueDate).toBe('2025-10-30'); // closed cases are not rewritten
    await strapi.documents(OVERRIDE).delete({ documentId: ov.documentId });
    expect((await stored(open.documentId)).dueDate).toBe('2025-10-30');

    // Config change (as after editing config/requests.ts): the admin action recomputes.
    const before = strapi.config.get('requests.calendar.overrides');
    strapi.config.set('requests.calendar.overrides', [{ date: '2025-10-16', working: false, note: '配置的公休日' }]);
    try {
      const res = await api.post('/disclosure-requests/recompute-deadlines', {});
      expect(res.status).toBe(200);
      expect(res.body.data.updatedDocumentIds).toContain(open.documentId);
      expect((await stored(open.documentId)).dueDate).toBe('2025-10-31');
    } finally {
      strapi.config.set('requests.calendar.overrides', before);
      const svc: any = strapi.service(REQ);
      await svc.recomputeDeadlines();
    }
    expect((await stored(open.documentId)).dueDate).toBe('2025-10-30');
    const prov = await (strapi.service(REQ) as any).recomputeProvisional();
    expect(prov).toMatchObject({ updated: 0, failed: [] });
  });

  it('override validation: one entry per date, valid date, known source (Chinese messages)', async () => {
    await strapi.documents(OVERRIDE).create({ data: { date: '2025-11-03', working: false } as any });
    const dup = await api.post(`${CM}/${OVERRIDE}`, { date: '2025-11-03', working: true });
    expect(dup.status).toBe(400);
    expect(dup.body.error.message).toContain('已有工作日调整记录');
    const badSource = await api.post(`${CM}/${OVERRIDE}`, { date: '2025-11-04', working: true, source: '随便' });
    expect(badSource.status).toBe(400);
    expect(badSource.body.error.details.errors[0].path).toEqual(['source']);
    // a statutory day is never a working day (国庆 2027-10-01, 春节 2027-02-06), even in a year not announced yet
    for (const [date, name] of [['2027-10-01', '国庆节'], ['2027-02-06', '春节']]) {
      const statutory = await api.post(`${CM}/${OVERRIDE}`, { date, working: true });
      expect(statutory.status).toBe(400);
      expect(statutory.body.error.details.errors[0]).toMatchObject({ path: ['working'], message: `${date}是法定节假日（${name}），不能设为工作日` });
    }
    const first: any = await strapi.db.query(OVERRIDE).findOne({ where: { date: '2025-11-03' } });
    await strapi.documents(OVERRIDE).delete({ documentId: first.documentId });
    expect(await strapi.db.query(OVERRIDE).count()).toBe(0);
  });
});

describe('impossible sequences → 400 with the reason, nothing written', () => {
  const cases: Array<[string, Array<Record<string, unknown>>, Record<string, unknown>, string]> = [
    ['a reply before receipt', [], { type: 'replied', date: '2025-09-20' }, '答复日期（2025-09-20）早于收到申请日期（2025-09-26）'],
    ['any event before receipt', [], { type: 'accepted', date: '2025-09-25' }, '登记受理日期（2025-09-25）早于收到申请日期（2025-09-26，第三十一条）'],
    [
      'a second extension',
      [{ type: 'extended', date: '2025-10-20', days: 10, approvedBy: '张某', applicantNotified: true }],
      { type: 'extended', date: '2025-11-10', days: 5, approvedBy: '张某', applicantNotified: true },
      '第三十三条第二款：答复期限只能延长一次，已于2025-10-20延长',
    ],
    ['an extension longer than 20 working days', [], { type: 'extended', date: '2025-10-20', days: 25 }, '第三十三条第二款：延长答复期限最长不得超过20个工作日（登记为25）'],
    ['a correction received before it was requested', [], { type: 'correctionReceived', date: '2025-10-09' }, '尚未告知补正（第三十条），不能登记收到补正'],
    [
      'a correction received before the (later) notice',
      [{ type: 'correctionRequested', date: '2025-10-10', days: 10 }],
      { type: 'correctionReceived', date: '2025-10-09' },
      '收到补正日期（2025-10-09）早于补正通知日期（2025-10-10）',
    ],
    [
      'a second correction request',
      [{ type: 'correctionRequested', date: '2025-09-29', days: 10 }],
      { type: 'correctionRequested', date: '2025-10-09', days: 10 },
      '第三十条：补正应一次性告知，已于2025-09-29告知补正，不能再次要求补正',
    ],
    ['an answer without a pending consultation', [], { type: 'consultationAnswered', date: '2025-10-13' }, '2025-10-13没有待回复的征求意见（第三十二条），不能登记收到意见'],
    ['an event after closing', [{ type: 'closed', date: '2025-10-20', resultKey: 'disclosed' }], { type: 'replied', date: '2025-10-21' }, '申请已于2025-10-20办结，不能再登记答复'],
    ['closing without a result key', [], { type: 'closed', date: '2025-10-20' }, '办结须登记办理结果（表三“本年度办理结果”之一）'],
  ];

  it.each(cases)('%s', async (_name, before, body, reason) => {
    const req = await makeRequest();
    for (const e of before) await event(req.documentId, e);
    const snapshot = await stored(req.documentId);
    const res = await event(req.documentId, body, 400);
    expect(res.body.data).toBeNull();
    expect(res.body.error).toMatchObject({ status: 400, name: 'ValidationError', message: reason });
    expect(res.body.error.details.errors).toEqual([{ path: ['type'], message: reason, name: 'ValidationError' }]);
    const after = await stored(req.documentId);
    expect(after.events).toEqual(snapshot.events);
    expect(after.dueDate).toBe(snapshot.dueDate);
  });

  it('two clerks extending at the same moment: exactly one extension is recorded (row lock / serialised writes)', async () => {
    const req = await makeRequest();
    const svc: any = strapi.service(REQ);
    const body = { type: 'extended', date: '2025-10-20', days: 10, approvedBy: '张某', applicantNotified: true };
    const settled = await Promise.allSettled([svc.addEvent(req.documentId, body), svc.addEvent(req.documentId, { ...body, days: 20 })]);
    expect(settled.map((s) => s.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = settled.find((s) => s.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ name: 'ValidationError', message: '第三十三条第二款：答复期限只能延长一次，已于2025-10-20延长' });
    const after = await stored(req.documentId);
    expect(after.events.filter((e: any) => e.type === 'extended')).toHaveLength(1);
    expect(after.dueDate).toBe(after.events[0].days === 10 ? '2025-11-13' : '2025-11-27');
  });

  it('malformed bodies: unknown type, invalid date, future date, misplaced fields, unknown key', async () => {
    const req = await makeRequest();
    const bad = async (body: Record<string, unknown>, path: string, text: string) => {
      const res = await event(req.documentId, body, 400);
      expect(res.body.error.details.errors[0].path).toEqual(path ? [path] : []);
      expect(res.body.error.message).toContain(text);
    };
    await bad({ type: 'approved', date: '2025-10-09' }, 'type', '事项类型不是有效值');
    await bad({ type: 'accepted', date: '2025-02-30' }, 'date', 'YYYY-MM-DD');
    await bad({ type: 'accepted' }, 'date', '必须填写日期');
    await bad({ type: 'accepted', date: '2999-01-04' }, 'date', '不能登记尚未发生的事项');
    await bad({ type: 'accepted', date: '2025-10-09', resultKey: 'disclosed' }, 'resultKey', '办理结果只能在答复或办结时登记');
    await bad({ type: 'closed', date: '2025-10-09', resultKey: 'approved' }, 'resultKey', '办理结果不是有效值');
    await bad({ type: 'accepted', date: '2025-10-09', foo: 1 }, '', '不支持的字段：foo');
    expect((await stored(req.documentId)).events).toBeNull();
  });

  it('unknown request → 404; no token → 401; an admin without permission on 依申请公开 → 403', async () => {
    expect((await api.post('/disclosure-requests/nosuchdocument0000000000/events', { type: 'accepted', date: '2025-10-09' })).status).toBe(404);
    const req = await makeRequest();
    const anon = await adminApi(strapi, 'not-a-token').post(`/disclosure-requests/${req.documentId}/events`, { type: 'accepted', date: '2025-10-09' });
    expect(anon.status).toBe(401);
    const role = await strapi.service('admin::role').create({ name: '无权限角色', description: '测试' });
    const { token } = await createAdminAndLogin(strapi, { roles: [role.code] });
    const limited = adminApi(strapi, token);
    expect((await limited.post(`/disclosure-requests/${req.documentId}/events`, { type: 'accepted', date: '2025-10-09' })).status).toBe(403);
    expect((await limited.get(`/disclosure-requests/${req.documentId}/clock`)).status).toBe(403);
    expect((await limited.get('/disclosure-requests')).status).toBe(403);
    expect((await stored(req.documentId)).events).toBeNull();
  });
});

describe('computed fields cannot be typed over (Content Manager and Document Service)', () => {
  it('dueDate, status and dates are read-only in the Content Manager and refused when changed by hand', async () => {
    const conf = await (strapi.plugin('content-manager').service('content-types') as any).findConfiguration(strapi.contentType(REQ as any));
    expect(conf.metadatas.dueDate.edit.editable).toBe(false);
    expect(conf.metadatas.dueDateProvisional.edit.editable).toBe(false);
    expect(conf.metadatas.dueDateHistory.edit.editable).toBe(false);
    expect(conf.metadatas.queryCodeHash.edit.visible).toBe(false);

    const req = await makeRequest();
    await event(req.documentId, { type: 'extended', date: '2025-10-20', days: 20, approvedBy: '张某', applicantNotified: true });
    const res = await api.put(`${CM}/${REQ}/${req.documentId}`, { dueDate: '2025-12-31' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['dueDate']);
    expect(res.body.error.message).toContain('答复期限由收到申请日期和办理记录决定（应为“2025-11-27”）');
    const status = await api.put(`${CM}/${REQ}/${req.documentId}`, { handlingStatus: '待补正' });
    expect(status.status).toBe(400);
    expect(status.body.error.details.errors[0].path).toEqual(['handlingStatus']);

    // Saving the form as loaded (computed values unchanged) is fine; other fields can be edited.
    const current = (await api.get(`${CM}/${REQ}/${req.documentId}`)).body.data;
    const echo = Object.fromEntries(['dueDate', 'dueDateProvisional', 'dueDateHistory', 'handlingStatus', 'repliedDate', 'closedDate', 'resultKey', 'events'].map((k) => [k, current[k]]));
    expect(echo.dueDate).toBe('2025-11-27');
    const ok = await api.put(`${CM}/${REQ}/${req.documentId}`, { ...echo, purpose: '科研' });
    expect([ok.status, ok.body.error]).toEqual([200, undefined]);
    expect((await stored(req.documentId)).dueDate).toBe('2025-11-27');

    // Changing the date of receipt recomputes.
    await strapi.documents(REQ).update({ documentId: req.documentId, data: { receivedDate: '2025-09-29' } as any });
    expect((await stored(req.documentId)).dueDate).toBe('2025-12-01'); // 11-03 + the 20-day extension
  });

  it('events edited as JSON are validated like the route; closing by hand records a closed event', async () => {
    const req = await makeRequest();
    await expect(
      strapi.documents(REQ).update({ documentId: req.documentId, data: { events: [{ type: 'replied', date: '2025-09-01' }] } as any }),
    ).rejects.toMatchObject({ name: 'ValidationError', message: '答复日期（2025-09-01）早于收到申请日期（2025-09-26）' });
    await expect(
      strapi.documents(REQ).update({ documentId: req.documentId, data: { events: [{ type: 'extended', date: 'soon' }] } as any }),
    ).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(
      strapi.documents(REQ).update({ documentId: req.documentId, data: { handlingStatus: '已办结', resultKey: 'disclosed' } as any }),
    ).rejects.toMatchObject({ message: expect.stringContaining('办结日期') });
    const closed: any = await strapi.documents(REQ).update({ documentId: req.documentId, data: { handlingStatus: '已办结', resultKey: 'unable.notHeld', closedDate: '2025-10-20' } as any });
    expect(closed.events).toEqual([expect.objectContaining({ type: 'closed', date: '2025-10-20', resultKey: 'unable.notHeld' })]);
    await expect(strapi.documents(REQ).update({ documentId: req.documentId, data: { closedDate: '2025-10-21' } as any })).rejects.toMatchObject({
      message: expect.stringContaining('办结日期由收到申请日期和办理记录决定'),
    });
  });
});

describe('REST (API token): the request carries its live clock', () => {
  it('find / findOne add read-only daysLeft, overdue and clockState; applicant data stays private', async () => {
    const req = await makeRequest({ receivedDate: '2025-03-03' });
    const { accessKey } = await strapi.service('admin::api-token').create({ name: `测试令牌${Date.now()}`, type: 'read-only', lifespan: null, description: '' });
    const get = (url: string) => request(strapi.server.httpServer).get(url).set('Authorization', `Bearer ${accessKey}`);
    const one = await get(`/api/disclosure-requests/${req.documentId}`);
    expect(one.status).toBe(200);
    expect(one.body.data).toMatchObject({ documentId: req.documentId, dueDate: '2025-03-31', overdue: true, clockState: 'open', daysLeft: expect.any(Number) });
    expect(one.body.data.daysLeft).toBeLessThan(0);
    expect(one.body.data.applicantName).toBeUndefined();
    const many = await get('/api/disclosure-requests?pagination[pageSize]=100');
    expect(many.status).toBe(200);
    expect(many.body.data.every((r: any) => typeof r.overdue === 'boolean' && 'daysLeft' in r)).toBe(true);
  });
});

describe('GET /disclosure-requests (admin list)', () => {
  it('sorted by due date with daysLeft/overdue, filtered by organisation, status, year and overdue', async () => {
    const other = await makeOrg(strapi, { name: '示范县教育局', level: '部门', parent: org.documentId });
    const a = await strapi.documents(REQ).create({ data: { organization: other.documentId, receivedDate: '2025-09-26', channel: '当面', applicantName: '甲', requestedContent: '甲的申请' } as any });
    const b = await strapi.documents(REQ).create({ data: { organization: other.documentId, receivedDate: '2025-09-01', channel: '网络', applicantName: '乙', requestedContent: '乙的申请' } as any });
    const c = await strapi.documents(REQ).create({ data: { organization: other.documentId, receivedDate: '2025-10-09', channel: '网络', applicantName: '丙', requestedContent: '丙的申请' } as any });
    await strapi.documents(REQ).update({ documentId: c.documentId, data: { events: [{ type: 'correctionRequested', date: '2025-10-10', days: 10 }] } as any });

    const res = await api.get(`/disclosure-requests?org=${other.documentId}&sort=dueDate&asOf=2025-10-20`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((r: any) => r.documentId)).toEqual([b.documentId, a.documentId, c.documentId]);
    expect(res.body.data[0]).toMatchObject({ trackingNo: expect.stringMatching(/^YSQ2025/), dueDate: '2025-09-28', daysLeft: -11, overdue: true, organization: { documentId: other.documentId, name: '示范县教育局' } });
    expect(res.body.data[1]).toMatchObject({ dueDate: '2025-10-30', daysLeft: 8, overdue: false });
    expect(res.body.data[2]).toMatchObject({ dueDate: null, daysLeft: null, handlingStatus: '待补正' });
    expect(res.body.meta).toMatchObject({ asOf: '2025-10-20', pagination: { page: 1, pageSize: 25, total: 3, pageCount: 1 } });

    const overdue = await api.get(`/disclosure-requests?org=${other.documentId}&overdue=true&asOf=2025-10-20`);
    expect(overdue.body.data.map((r: any) => r.documentId)).toEqual([b.documentId]);
    const waiting = await api.get(`/disclosure-requests?org=${other.documentId}&status=待补正`);
    expect(waiting.body.data.map((r: any) => r.documentId)).toEqual([c.documentId]);
    const withChildren = await api.get(`/disclosure-requests?org=${org.documentId}&includeDescendants=true&pageSize=100`);
    expect(withChildren.body.data.map((r: any) => r.documentId)).toEqual(expect.arrayContaining([a.documentId, b.documentId, c.documentId]));
    const only = await api.get(`/disclosure-requests?org=${org.documentId}&pageSize=100`);
    expect(only.body.data.map((r: any) => r.documentId)).not.toContain(a.documentId);
    const year = await api.get(`/disclosure-requests?org=${other.documentId}&year=2024`);
    expect(year.body.data).toEqual([]);
    const bad = await api.get('/disclosure-requests?status=whatever');
    expect(bad.status).toBe(400);

    const tl = await api.get(`/disclosure-requests/${c.documentId}/timeline`);
    expect(tl.body.data.events).toEqual([expect.objectContaining({ type: 'correctionRequested', label: '告知补正', date: '2025-10-10' })]);
  });
});
