import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi } from '../helpers/strapi';
import { adminApi, createAdminAndLogin } from '../helpers/admin';
import { defaultNodeOf, makeItem, makeNode, makeOrg } from '../helpers/fixtures';

/**
 * 站群: a user of organisation A cannot list, read, edit, publish, delete or relate organisation B's
 * documents through any admin route; the unit's own departments are included (includeDescendants).
 */
const ITEM = 'api::disclosure-item.disclosure-item';
const CM = '/content-manager/collection-types';
let strapi: Core.Strapi;
let A: any; let A1: any; let B: any;
let itemA: any; let itemA1: any; let itemB: any;
let drafter: ReturnType<typeof adminApi>;
let leader: ReturnType<typeof adminApi>;
let reviewer: ReturnType<typeof adminApi>;
let admin: ReturnType<typeof adminApi>;

beforeAll(async () => {
  strapi = await setupStrapi();
  admin = adminApi(strapi, (await createAdminAndLogin(strapi)).token);
  A = await makeOrg(strapi, { name: '甲县人民政府' });
  A1 = await makeOrg(strapi, { name: '甲县教育局', level: '部门', parent: A.documentId });
  B = await makeOrg(strapi, { name: '乙县人民政府' });
  itemA = await makeItem(strapi, A.documentId, { title: '甲县的信息' });
  itemA1 = await makeItem(strapi, A1.documentId, { title: '甲县教育局的信息' });
  itemB = await makeItem(strapi, B.documentId, { title: '乙县的信息' });
  const d = await createAdminAndLogin(strapi, { roles: ['gov-drafter'], membership: { orgs: [A.documentId] } });
  const l = await createAdminAndLogin(strapi, { roles: ['gov-leader'], membership: { orgs: [A.documentId] } });
  const r = await createAdminAndLogin(strapi, { roles: ['gov-dept-reviewer'], membership: { orgs: [A.documentId] } });
  drafter = adminApi(strapi, d.token);
  leader = adminApi(strapi, l.token);
  reviewer = adminApi(strapi, r.token);
});
afterAll(teardownStrapi);

it('list: only documents of my organisations (and their departments)', async () => {
  const res = await drafter.get(`${CM}/${ITEM}?page=1&pageSize=100`);
  expect(res.status).toBe(200);
  expect(res.body.results.map((d: any) => d.title).sort()).toEqual(['甲县教育局的信息', '甲县的信息']);
  const all = await admin.get(`${CM}/${ITEM}?page=1&pageSize=100`);
  expect(all.body.results).toHaveLength(3);
});

it('detail, update and delete of another organisation\'s document are refused', async () => {
  expect((await drafter.get(`${CM}/${ITEM}/${itemA.documentId}`)).status).toBe(200);
  expect((await drafter.get(`${CM}/${ITEM}/${itemB.documentId}`)).status).toBe(403);
  const upd = await drafter.put(`${CM}/${ITEM}/${itemB.documentId}`, { title: '篡改' });
  expect(upd.status).toBe(403);
  expect((await drafter.del(`${CM}/${ITEM}/${itemB.documentId}`)).status).toBe(403);
  const still: any = await strapi.documents(ITEM).findOne({ documentId: itemB.documentId });
  expect(still.title).toBe('乙县的信息');
});

it('create for another organisation, or moving a document there, is refused', async () => {
  const other = await drafter.post(`${CM}/${ITEM}`, { title: '替乙县发布', organization: { connect: [{ documentId: B.documentId }] } });
  expect(other.status).toBe(403);
  expect(await strapi.db.query(ITEM).count({ where: { title: '替乙县发布' } })).toBe(0);
  const mine = await drafter.post(`${CM}/${ITEM}`, { title: '甲县新信息', organization: { connect: [{ documentId: A1.documentId }] } });
  expect(mine.status).toBe(201);
  const move = await drafter.put(`${CM}/${ITEM}/${itemA.documentId}`, { organization: { connect: [{ documentId: B.documentId }] } });
  expect(move.status).toBe(403);
});

it('publish and bulk publish of another organisation\'s document are refused', async () => {
  await strapi.plugin('review-workflow').service('workflow').approveForImport(ITEM, itemB.documentId);
  expect((await leader.post(`${CM}/${ITEM}/${itemB.documentId}/actions/publish`, {})).status).toBe(403);
  const bulk = await leader.post(`${CM}/${ITEM}/actions/bulkPublish`, { documentIds: [itemB.documentId] });
  expect(bulk.status).toBe(403);
  expect(await strapi.db.query(ITEM).count({ where: { documentId: itemB.documentId, publishedAt: { $notNull: true } } })).toBe(0);
  await strapi.plugin('review-workflow').service('workflow').approveForImport(ITEM, itemA1.documentId);
  expect((await leader.post(`${CM}/${ITEM}/${itemA1.documentId}/actions/publish`, {})).status).toBe(200);
});

it('relation pickers only offer my organisations\' documents', async () => {
  const res = await drafter.get(`/content-manager/relations/${ITEM}/interprets?pageSize=100`);
  expect(res.status).toBe(200);
  const titles = res.body.results.map((r: any) => r.title);
  expect(titles).toEqual(expect.arrayContaining(['甲县的信息']));
  expect(titles).not.toContain('乙县的信息');
  const relate = await drafter.put(`${CM}/${ITEM}/${itemA.documentId}`, { interprets: { connect: [{ documentId: itemB.documentId }] } });
  expect(relate.status).toBe(403);
});

it('reviewers review only their organisations\' documents; 待我审核 shows only theirs', async () => {
  const nodeB = await makeNode(strapi, B.documentId);
  void nodeB;
  const wf = strapi.plugin('review-workflow').service('workflow');
  const other = await makeItem(strapi, B.documentId, { title: '乙县待审' });
  await wf.act(ITEM, other.documentId, { id: null, name: '乙县拟稿', roles: ['strapi-super-admin'] }, { action: 'submit' });
  const mineDoc = await drafter.post(`${CM}/${ITEM}`, { title: '甲县待审', organization: { connect: [{ documentId: A.documentId }] }, catalogueNodes: { connect: [{ documentId: await defaultNodeOf(strapi, A.documentId) }] } });
  await drafter.post(`/review-workflow/documents/${ITEM}/${mineDoc.body.data.documentId}/actions`, { action: 'submit' });
  const act = await reviewer.post(`/review-workflow/documents/${ITEM}/${other.documentId}/actions`, { action: 'approve' });
  expect(act.status).toBe(403);
  expect(act.body.error.message).toContain('其他机构');
  const inbox = await reviewer.get('/review-workflow/inbox');
  expect(inbox.body.data.map((d: any) => d.title)).toEqual(['甲县待审']);
});
