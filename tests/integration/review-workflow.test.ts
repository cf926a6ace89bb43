import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi } from '../helpers/strapi';
import { adminApi, createAdminAndLogin } from '../helpers/admin';
import { defaultNodeOf, makeItem, makeNode, makeOrg } from '../helpers/fixtures';

const ITEM = 'api::disclosure-item.disclosure-item';
const CM = '/content-manager/collection-types';
const RW = '/review-workflow/documents';
const CHECKLIST = { noStateSecret: true, noCommercialSecret: true, noPersonalPrivacy: true, noOtherUnsuitable: true };

let strapi: Core.Strapi;
let drafter: ReturnType<typeof adminApi>;
let dept: ReturnType<typeof adminApi>;
let secrecy: ReturnType<typeof adminApi>;
let leader: ReturnType<typeof adminApi>;
let other: ReturnType<typeof adminApi>;
let org: any;

beforeAll(async () => {
  strapi = await setupStrapi();
  await createAdminAndLogin(strapi); // the first admin (super admin) makes the role service initialise
  drafter = adminApi(strapi, (await createAdminAndLogin(strapi, { roles: ['gov-drafter'] })).token);
  dept = adminApi(strapi, (await createAdminAndLogin(strapi, { roles: ['gov-dept-reviewer'] })).token);
  secrecy = adminApi(strapi, (await createAdminAndLogin(strapi, { roles: ['gov-secrecy-reviewer'] })).token);
  leader = adminApi(strapi, (await createAdminAndLogin(strapi, { roles: ['gov-leader'] })).token);
  other = adminApi(strapi, (await createAdminAndLogin(strapi, { roles: ['gov-drafter'] })).token);
  org = await makeOrg(strapi);
});
afterAll(teardownStrapi);

const isPublished = async (documentId: string) =>
  (await strapi.db.query(ITEM).count({ where: { documentId, publishedAt: { $notNull: true } } })) > 0;

/** Resolves once the publish gate has refused (and audited) a publish of the document; fails after 10 s. */
async function refusedOnce(documentId: string) {
  const deadline = Date.now() + 10000;
  for (;;) {
    const state = await leader.get(`${RW}/${ITEM}/${documentId}`);
    if (state.body.history.some((h: any) => h.action === 'publish-refused')) return;
    if (Date.now() > deadline) throw new Error(`no publish-refused entry for ${documentId}: ${JSON.stringify(state.body.history)}`);
    await new Promise((r) => setImmediate(r));
  }
}

async function draftItem(data: Record<string, unknown> = {}) {
  const catalogueNodes = { connect: [{ documentId: await defaultNodeOf(strapi, org.documentId) }] };
  const res = await drafter.post(`${CM}/${ITEM}`, { title: '关于开展政务公开工作检查的通知', organization: { connect: [{ documentId: org.documentId }] }, catalogueNodes, publishDate: '2025-04-01', body: '各单位：请做好政务公开工作。', ...data });
  expect(res.status).toBe(201);
  return res.body.data.documentId as string;
}

async function act(api: ReturnType<typeof adminApi>, documentId: string, body: Record<string, unknown>) {
  return api.post(`${RW}/${ITEM}/${documentId}/actions`, body);
}

/** 拟稿 → 部门初审 → 保密审查 → 领导签发 → 待发布 with four different users. */
async function approveAll(documentId: string) {
  expect((await act(drafter, documentId, { action: 'submit' })).status).toBe(200);
  expect((await act(dept, documentId, { action: 'approve' })).status).toBe(200);
  expect((await act(secrecy, documentId, { action: 'approve', checklist: CHECKLIST })).status).toBe(200);
  const last = await act(leader, documentId, { action: 'approve' });
  expect(last.status).toBe(200);
  expect(last.body.stage).toBe('readyToPublish');
  return last.body;
}

describe('the workflow', () => {
  it('goes 拟稿 → 部门初审 → 保密审查 → 领导签发 → 待发布 → published with four users, all audited', async () => {
    const id = await draftItem();
    const state0 = await drafter.get(`${RW}/${ITEM}/${id}`);
    expect(state0.status).toBe(200);
    expect(state0.body).toMatchObject({ stage: 'draft', stageName: '拟稿', actions: ['submit'] });
    const final = await approveAll(id);
    expect(final.publishable).toBe(true);
    const pub = await leader.post(`${CM}/${ITEM}/${id}/actions/publish`, {});
    expect(pub.status).toBe(200);
    expect(await isPublished(id)).toBe(true);
    const history = (await leader.get(`${RW}/${ITEM}/${id}`)).body.history;
    expect(history.map((h: any) => [h.action, h.fromStage, h.toStage])).toEqual([
      ['submit', 'draft', 'deptReview'], ['approve', 'deptReview', 'secrecyReview'], ['approve', 'secrecyReview', 'leaderSignoff'],
      ['approve', 'leaderSignoff', 'readyToPublish'], ['publish', null, 'published'],
    ]);
    expect(history[2].checklist).toEqual(CHECKLIST);
    expect(new Set(history.slice(0, 4).map((h: any) => h.actorId)).size).toBe(4);
    expect(history.every((h: any) => /^[0-9a-f]{64}$/.test(h.contentHash ?? '0'.repeat(64)))).toBe(true);
  });

  it('refuses roles that may not act (403) and enforces four eyes', async () => {
    const id = await draftItem();
    expect((await act(dept, id, { action: 'submit' })).status).toBe(403);
    expect((await act(drafter, id, { action: 'submit' })).status).toBe(200);
    const wrongStage = await act(secrecy, id, { action: 'approve', checklist: CHECKLIST });
    expect(wrongStage.status).toBe(403);
    // a super admin who submitted cannot approve what they submitted
    const admin = adminApi(strapi, (await createAdminAndLogin(strapi)).token);
    const id2 = await draftItem();
    expect((await act(admin, id2, { action: 'submit' })).status).toBe(200);
    const own = await act(admin, id2, { action: 'approve' });
    expect(own.status).toBe(403);
    expect(own.body.error.message).toContain('四眼原则');
  });

  it('a 主动公开 item without 所属目录 cannot be 送审 (blocking check metadata.catalogue, listed with the other checks)', async () => {
    const id = await draftItem({ catalogueNodes: { set: [] } });
    const refused = await act(drafter, id, { action: 'submit' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('主动公开的信息须至少选择一个所属目录');
    expect(refused.body.error.details.findings).toEqual(expect.arrayContaining([expect.objectContaining({ check: 'metadata.catalogue', field: 'catalogueNodes', severity: 'blocking' })]));
    const checks = await drafter.post(`${RW}/${ITEM}/${id}/checks`, {});
    expect(checks.body.findings).toEqual(expect.arrayContaining([expect.objectContaining({ check: 'metadata.catalogue', message: '主动公开的信息须至少选择一个所属目录，否则发布后不会出现在公开目录的任何栏目中' })]));
    // with a column it goes through
    await drafter.put(`${CM}/${ITEM}/${id}`, { catalogueNodes: { connect: [{ documentId: await defaultNodeOf(strapi, org.documentId) }] } });
    expect((await act(drafter, id, { action: 'submit' })).status).toBe(200);
  });

  it('requires the full checklist at 保密审查, a comment to reject, and only the author may withdraw', async () => {
    const id = await draftItem();
    await act(drafter, id, { action: 'submit' });
    await act(dept, id, { action: 'approve' });
    const partial = await act(secrecy, id, { action: 'approve', checklist: { noStateSecret: true } });
    expect(partial.status).toBe(400);
    expect(partial.body.error.message).toContain('不涉及商业秘密');
    const noComment = await act(secrecy, id, { action: 'reject' });
    expect(noComment.status).toBe(400);
    expect(noComment.body.error.details.errors[0].path).toEqual(['comment']);
    const rejected = await act(secrecy, id, { action: 'reject', comment: '附件含个人信息，请删除后重新送审' });
    expect(rejected.status).toBe(200);
    expect(rejected.body.stage).toBe('draft');
    expect(rejected.body.history.at(-1)).toMatchObject({ action: 'reject', comment: '附件含个人信息，请删除后重新送审' });
    await act(drafter, id, { action: 'submit' });
    expect((await act(other, id, { action: 'withdraw' })).status).toBe(403);
    const withdrawn = await act(drafter, id, { action: 'withdraw' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.stage).toBe('draft');
    const bad = await act(drafter, id, { action: 'publish-now' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['action']);
  });

  it('an edit after approval sends the item back to 拟稿 and blocks publishing', async () => {
    const id = await draftItem();
    await approveAll(id);
    const edit = await drafter.put(`${CM}/${ITEM}/${id}`, { summary: '审核后偷偷修改的内容' });
    expect(edit.status).toBe(200);
    const state = await leader.get(`${RW}/${ITEM}/${id}`);
    expect(state.body.stage).toBe('draft');
    expect(state.body.history.at(-1).action).toBe('invalidate');
    const pub = await leader.post(`${CM}/${ITEM}/${id}/actions/publish`, {});
    expect(pub.status).toBe(400);
    expect(pub.body.error.message).toContain('未经审核批准的信息不得发布');
    expect(await isPublished(id)).toBe(false);
  });

  it('an edit that does not change published content (same values) keeps the approval', async () => {
    const id = await draftItem();
    await approveAll(id);
    const same = await drafter.put(`${CM}/${ITEM}/${id}`, { title: '关于开展政务公开工作检查的通知' });
    expect(same.status).toBe(200);
    expect((await leader.get(`${RW}/${ITEM}/${id}`)).body.stage).toBe('readyToPublish');
  });
});

describe('no publishing path bypasses the review', () => {
  let token: string;
  beforeAll(async () => {
    const created: any = await strapi.service('admin::api-token').create({ name: `full-${Date.now()}`, type: 'full-access', lifespan: null, description: '' });
    token = created.accessKey;
  });

  it('Content Manager publish button', async () => {
    const id = await draftItem();
    const res = await leader.post(`${CM}/${ITEM}/${id}/actions/publish`, {});
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/未经审核批准的信息不得发布：当前处于“拟稿”阶段/);
    expect(await isPublished(id)).toBe(false);
  });

  it('Content Manager bulk publish', async () => {
    const a = await draftItem();
    const b = await draftItem();
    const res = await leader.post(`${CM}/${ITEM}/actions/bulkPublish`, { documentIds: [a, b] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('未经审核批准的信息不得发布');
    // Strapi publishes a bulk in parallel and answers at the first refusal: wait until the gate has decided
    // on BOTH documents (each refusal is audited), so that a straggler cannot publish after the assertion
    await refusedOnce(a);
    await refusedOnce(b);
    expect(await isPublished(a)).toBe(false);
    expect(await isPublished(b)).toBe(false);
    const c = await draftItem();
    await approveAll(c);
    const ok = await leader.post(`${CM}/${ITEM}/actions/bulkPublish`, { documentIds: [c] });
    expect(ok.status).toBe(200);
    expect(await isPublished(c)).toBe(true);
  });

  it('REST API with a full-access token: create and update with status=published', async () => {
    const before = await strapi.db.query(ITEM).count();
    const created = await request(strapi.server.httpServer).post('/api/disclosure-items?status=published').set('Authorization', `Bearer ${token}`)
      .send({ data: { title: '直接发布的信息', organization: org.documentId, publishDate: '2025-05-01' } });
    expect(created.status).toBe(400);
    expect(created.body.error.message).toContain('未经审核批准的信息不得发布');
    expect(await strapi.db.query(ITEM).count()).toBe(before);
    const id = await draftItem();
    const updated = await request(strapi.server.httpServer).put(`/api/disclosure-items/${id}?status=published`).set('Authorization', `Bearer ${token}`)
      .send({ data: { summary: '通过 REST 发布' } });
    expect(updated.status).toBe(400);
    expect(await isPublished(id)).toBe(false);
    const draft: any = await strapi.documents(ITEM).findOne({ documentId: id });
    expect(draft.summary).toBeNull(); // the write was rolled back with the refused publish
  });

  it('REST update with status=published succeeds only for an approved, unchanged draft', async () => {
    const id = await draftItem();
    await approveAll(id);
    const ok = await request(strapi.server.httpServer).put(`/api/disclosure-items/${id}?status=published`).set('Authorization', `Bearer ${token}`)
      .send({ data: { title: '关于开展政务公开工作检查的通知' } });
    expect(ok.status).toBe(200);
    expect(await isPublished(id)).toBe(true);
  });

  it('documents().create / update with status published', async () => {
    const before = await strapi.db.query(ITEM).count();
    await expect(strapi.documents(ITEM).create({ data: { title: '代码直接发布', organization: org.documentId } as any, status: 'published' })).rejects.toMatchObject({ name: 'ValidationError' });
    expect(await strapi.db.query(ITEM).count()).toBe(before);
    const item: any = await makeItem(strapi, org.documentId);
    await expect(strapi.documents(ITEM).update({ documentId: item.documentId, data: { summary: 'x' } as any, status: 'published' })).rejects.toMatchObject({
      message: expect.stringContaining('未经审核批准的信息不得发布'),
    });
    expect(await isPublished(item.documentId)).toBe(false);
  });

  it('documents().publish() — what any scheduled job would call', async () => {
    const item: any = await makeItem(strapi, org.documentId);
    await expect(strapi.documents(ITEM).publish({ documentId: item.documentId })).rejects.toMatchObject({ name: 'ValidationError' });
    // a cron task registered the Strapi way goes through the same service
    let refused: unknown = null;
    strapi.cron.add({ testPublish: { task: async () => { try { await strapi.documents(ITEM).publish({ documentId: item.documentId }); } catch (e) { refused = e; } }, options: { rule: '0 0 1 1 *' } } });
    await (strapi.cron as any).jobs.find((j: any) => j.name === 'testPublish').job.invoke(); // resolves when the task has finished
    expect(refused).toMatchObject({ name: 'ValidationError' });
    strapi.cron.remove('testPublish');
    expect(await isPublished(item.documentId)).toBe(false);
  });

  it('checks block publishing of internal-only or non-主动公开 items even when approved', async () => {
    const item: any = await makeItem(strapi, org.documentId, { scope: '仅对内' });
    await strapi.plugin('review-workflow').service('workflow').approveForImport(ITEM, item.documentId);
    await expect(strapi.documents(ITEM).publish({ documentId: item.documentId })).rejects.toMatchObject({ message: expect.stringContaining('发布前检查未通过') });
  });
});

describe('checks', () => {
  it('a valid 身份证号 in the body blocks submission with field, position and a masked snippet', async () => {
    const id = await draftItem({ body: '公示名单：张三，身份证号110101199003074573，住址略。' });
    const res = await act(drafter, id, { action: 'submit' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('送审前检查未通过');
    const finding = res.body.error.details.findings.find((f: any) => f.check === 'pii.idCard');
    expect(finding).toMatchObject({ field: 'body', severity: 'blocking' });
    expect(finding.start).toBe('公示名单：张三，身份证号'.length);
    expect(finding.snippet).not.toContain('110101199003074573');
  });

  it('核心要素 required by the catalogue node are checked', async () => {
    const node = await makeNode(strapi, org.documentId, { requiredElements: ['documentNumber'] });
    const id = await draftItem({ catalogueNodes: { connect: [{ documentId: node.documentId }] } });
    const res = await drafter.post(`${RW}/${ITEM}/${id}/checks`, {});
    expect(res.status).toBe(200);
    expect(res.body.findings).toEqual(expect.arrayContaining([expect.objectContaining({ check: 'metadata.required', field: 'documentNumber' })]));
  });
});

describe('撤稿 and the audit trail', () => {
  it('unpublish needs a reason, is audited, and other paths are refused', async () => {
    const id = await draftItem();
    await approveAll(id);
    await leader.post(`${CM}/${ITEM}/${id}/actions/publish`, {});
    const cm = await leader.post(`${CM}/${ITEM}/${id}/actions/unpublish`, {});
    expect(cm.status).toBe(400);
    expect(cm.body.error.message).toContain('撤稿须说明理由');
    await expect(strapi.documents(ITEM).unpublish({ documentId: id })).rejects.toMatchObject({ name: 'ValidationError' });
    expect(await isPublished(id)).toBe(true);
    const noReason = await leader.post(`${RW}/${ITEM}/${id}/unpublish`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.errors[0].path).toEqual(['reason']);
    const notAllowed = await drafter.post(`${RW}/${ITEM}/${id}/unpublish`, { reason: '拟稿人无权撤稿' });
    expect(notAllowed.status).toBe(403);
    expect(await isPublished(id)).toBe(true);
    const ok = await leader.post(`${RW}/${ITEM}/${id}/unpublish`, { reason: '文件已废止，撤下原文' });
    expect(ok.status).toBe(200);
    expect(await isPublished(id)).toBe(false);
    expect(ok.body.history.at(-1)).toMatchObject({ action: 'unpublish', comment: '文件已废止，撤下原文', fromStage: 'readyToPublish', toStage: 'draft' });
  });

  it('stages say what happened: 已发布, 已发布·有修改 after an edit, and 撤稿 sends the document back to 拟稿 (republication needs the whole review)', async () => {
    const id = await draftItem();
    await approveAll(id);
    const stages = async () => (await drafter.get(`/review-workflow/stages/${ITEM}?documentIds=${id}`)).body[id];
    expect(await stages()).toMatchObject({ stage: 'readyToPublish', stageName: '待发布', publication: null, publishedAt: null });
    expect((await leader.post(`${CM}/${ITEM}/${id}/actions/publish`, {})).status).toBe(200);
    expect(await stages()).toMatchObject({ stage: 'readyToPublish', stageName: '已发布', publication: 'published', publishedAt: expect.any(String) });
    expect((await drafter.get(`${RW}/${ITEM}/${id}`)).body.publication).toEqual({ state: 'published', label: '已发布', publishedAt: expect.any(String) });

    // an edit after publishing: a newer draft in review, the published version stays online
    expect((await drafter.put(`${CM}/${ITEM}/${id}`, { summary: '补充了联系方式。' })).status).toBe(200);
    expect(await stages()).toMatchObject({ stage: 'draft', stageName: '已发布·有修改（拟稿）', publication: 'published-changed' });
    expect(await isPublished(id)).toBe(true);

    // 撤稿: back to 拟稿, and publishing again is refused until the whole review is done again
    await approveAll(id);
    expect((await leader.post(`${CM}/${ITEM}/${id}/actions/publish`, {})).status).toBe(200);
    const retracted = await leader.post(`${RW}/${ITEM}/${id}/unpublish`, { reason: '内容需要更新' });
    expect(retracted.status).toBe(200);
    expect(retracted.body).toMatchObject({ stage: 'draft', stageName: '拟稿', publishable: false, publication: { state: null, label: null, publishedAt: null } });
    expect(await stages()).toMatchObject({ stage: 'draft', stageName: '拟稿', publication: null });
    const again = await leader.post(`${CM}/${ITEM}/${id}/actions/publish`, {});
    expect(again.status).toBe(400);
    expect(again.body.error.message).toContain('未经审核批准的信息不得发布');
    await approveAll(id);
    expect((await leader.post(`${CM}/${ITEM}/${id}/actions/publish`, {})).status).toBe(200);
  });

  it('is append-only: no update or delete through the Document Service or the database', async () => {
    const id = await draftItem();
    await act(drafter, id, { action: 'submit' });
    const entry: any = await strapi.db.query('plugin::review-workflow.audit-entry').findOne({ where: { targetDocumentId: id } });
    expect(entry).toMatchObject({ action: 'submit' });
    const triggers = strapi.db.dialect.client === 'postgres'
      ? (await strapi.db.connection.raw(`SELECT tgname AS name FROM pg_trigger WHERE tgrelid = 'review_audit_entries'::regclass AND NOT tgisinternal`)).rows
      : await strapi.db.connection.raw(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'review_audit_entries'`);
    expect(triggers.length).toBeGreaterThan(0);
    await expect(strapi.documents('plugin::review-workflow.audit-entry' as any).delete({ documentId: entry.documentId })).rejects.toMatchObject({ name: 'ForbiddenError' });
    // The database itself refuses (the trigger). Matched on the message, not with toThrow(): better-sqlite3 hands its
    // SqliteError constructor to the native addon once per process, so in the second test file of a Jest worker the
    // error comes from another realm and is not `instanceof Error` there.
    const raw = (sql: string) => strapi.db.transaction(({ trx }: any) => trx.raw(sql, [entry.id]));
    await expect(raw(`UPDATE review_audit_entries SET comment = '篡改' WHERE id = ?`)).rejects.toMatchObject({ message: expect.stringMatching(/只能追加/) });
    await expect(raw(`DELETE FROM review_audit_entries WHERE id = ?`)).rejects.toMatchObject({ message: expect.stringMatching(/只能追加/) });
    // and so does Strapi's query layer (it runs the same statements)
    await expect(strapi.db.query('plugin::review-workflow.audit-entry').update({ where: { id: entry.id }, data: { comment: '篡改' } })).rejects.toMatchObject({ message: expect.stringMatching(/只能追加/) });
    await expect(strapi.db.query('plugin::review-workflow.audit-entry').delete({ where: { id: entry.id } })).rejects.toMatchObject({ message: expect.stringMatching(/只能追加/) });
    expect((await strapi.db.query('plugin::review-workflow.audit-entry').findOne({ where: { id: entry.id } })).comment).toBeNull();
  });

  it('exports the trail as CSV and XLSX', async () => {
    const id = await draftItem();
    await act(drafter, id, { action: 'submit' });
    await act(dept, id, { action: 'reject', comment: '请补充附件' });
    const csv = await leader.get(`${RW}/${ITEM}/${id}/audit?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const text = csv.text.replace(/^\ufeff/, '');
    expect(text.split('\n')[0]).toContain('操作人');
    expect(text).toContain('送审');
    expect(text).toContain('请补充附件');
    const xlsx = await leader.get(`${RW}/${ITEM}/${id}/audit?format=xlsx`).buffer(true).parse((res, cb) => { const chunks: Buffer[] = []; res.on('data', (c: Buffer) => chunks.push(c)); res.on('end', () => cb(null, Buffer.concat(chunks))); });
    expect(xlsx.status).toBe(200);
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
  });

  it('待我审核 lists documents waiting for my role, oldest first', async () => {
    const a = await draftItem({ title: '待审核一' });
    const b = await draftItem({ title: '待审核二' });
    await act(drafter, a, { action: 'submit' });
    await act(drafter, b, { action: 'submit' });
    const inbox = await dept.get('/review-workflow/inbox');
    expect(inbox.status).toBe(200);
    const mine = inbox.body.data.filter((d: any) => [a, b].includes(d.documentId));
    expect(mine.map((d: any) => d.title)).toEqual(['待审核一', '待审核二']);
    expect(mine[0]).toMatchObject({ stage: 'deptReview', stageName: '部门初审' });
    const secrecyInbox = await secrecy.get('/review-workflow/inbox');
    expect(secrecyInbox.body.data.some((d: any) => d.documentId === a)).toBe(false);
  });

  it('a published document no longer waits in 待我审核; a user without read permission cannot read the review state', async () => {
    const id = await draftItem({ title: '已发布不应待审' });
    await approveAll(id);
    expect((await leader.get('/review-workflow/inbox')).body.data.some((d: any) => d.documentId === id)).toBe(true);
    await leader.post(`${CM}/${ITEM}/${id}/actions/publish`, {});
    expect((await leader.get('/review-workflow/inbox')).body.data.some((d: any) => d.documentId === id)).toBe(false);
    await strapi.service('admin::role').create({ name: '无内容权限', code: 'no-content', description: '' });
    const nobody = adminApi(strapi, (await createAdminAndLogin(strapi, { roles: ['no-content'] })).token);
    expect((await nobody.get(`${RW}/${ITEM}/${id}`)).status).toBe(403);
  });
});
