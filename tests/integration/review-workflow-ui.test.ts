import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi } from '../helpers/strapi';
import { adminApi, createAdminAndLogin } from '../helpers/admin';
import { makeOrg, defaultNodeOf } from '../helpers/fixtures';

/** The route behind the admin list view's 审核阶段 column (plugins/review-workflow/admin). */
const ITEM = 'api::disclosure-item.disclosure-item';
const CM = '/content-manager/collection-types';
const RW = '/review-workflow';

let strapi: Core.Strapi;
let drafter: ReturnType<typeof adminApi>;
let dept: ReturnType<typeof adminApi>;
let org: any;

beforeAll(async () => {
  strapi = await setupStrapi();
  await createAdminAndLogin(strapi);
  drafter = adminApi(strapi, (await createAdminAndLogin(strapi, { roles: ['gov-drafter'] })).token);
  dept = adminApi(strapi, (await createAdminAndLogin(strapi, { roles: ['gov-dept-reviewer'] })).token);
  org = await makeOrg(strapi);
});
afterAll(teardownStrapi);

async function draftItem(title: string) {
  const catalogueNodes = { connect: [{ documentId: await defaultNodeOf(strapi, org.documentId) }] };
  const res = await drafter.post(`${CM}/${ITEM}`, { title, organization: { connect: [{ documentId: org.documentId }] }, catalogueNodes, publishDate: '2025-04-01', body: '各单位：请做好政务公开工作。' });
  expect(res.status).toBe(201);
  return res.body.data.documentId as string;
}

describe('GET /review-workflow/stages/:uid', () => {
  it('answers the stage, its name and colour for each listed document in one request', async () => {
    const a = await draftItem('列表阶段一');
    const b = await draftItem('列表阶段二');
    expect((await drafter.post(`${RW}/documents/${ITEM}/${b}/actions`, { action: 'submit' })).status).toBe(200);
    expect((await dept.post(`${RW}/documents/${ITEM}/${b}/actions`, { action: 'approve' })).status).toBe(200);

    const res = await dept.get(`${RW}/stages/${ITEM}?documentIds=${a},${b}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      [a]: { stage: 'draft', stageName: '拟稿', color: '#8c8c8c', publication: null, publishedAt: null },
      [b]: { stage: 'secrecyReview', stageName: '保密审查', color: '#fa8c16', publication: null, publishedAt: null },
    });
  });

  it('answers an empty object without ids, 404 for a type without review, 400 for too many ids, 401 without login', async () => {
    const empty = await drafter.get(`${RW}/stages/${ITEM}`);
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({});
    const notReviewed = await drafter.get(`${RW}/stages/api::organization.organization?documentIds=x`);
    expect(notReviewed.status).toBe(404);
    const many = Array.from({ length: 201 }, (_, i) => `doc${i}`).join(',');
    const tooMany = await drafter.get(`${RW}/stages/${ITEM}?documentIds=${many}`);
    expect(tooMany.status).toBe(400);
    const anonymous = await request(strapi.server.httpServer).get(`${RW}/stages/${ITEM}?documentIds=x`);
    expect(anonymous.status).toBe(401);
  });
});
