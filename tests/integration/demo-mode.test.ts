import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi } from '../helpers/strapi';

/** Demo mode creates the demo super admin and one user per review role; they can log in. */
let strapi: Core.Strapi;
beforeAll(async () => {
  process.env.DEMO_MODE = 'true';
  strapi = await setupStrapi();
});
afterAll(async () => {
  delete process.env.DEMO_MODE;
  await teardownStrapi();
});

it('creates admin@demo.gov.cn and the four role users, all able to log in, preferring zh-Hans', async () => {
  const login = (email: string) => request(strapi.server.httpServer).post('/admin/login').send({ email, password: 'Demo12345' });
  const rolesOf = async (email: string) => ((await strapi.db.query('admin::user').findOne({ where: { email }, populate: ['roles'] })) as any).roles.map((r: any) => r.code);
  const admin = await login('admin@demo.gov.cn');
  expect(admin.status).toBe(200);
  expect(await rolesOf('admin@demo.gov.cn')).toContain('strapi-super-admin');
  expect(admin.body.data.user.preferedLanguage).toBe('zh-Hans');
  for (const [email, code] of [['drafter@demo.gov.cn', 'gov-drafter'], ['reviewer@demo.gov.cn', 'gov-dept-reviewer'], ['secrecy@demo.gov.cn', 'gov-secrecy-reviewer'], ['leader@demo.gov.cn', 'gov-leader']]) {
    const res = await login(email);
    expect([email, res.status]).toEqual([email, 200]);
    expect(await rolesOf(email)).toEqual([code]);
  }
  const roles = await strapi.db.query('admin::role').findMany({ where: { code: { $startsWith: 'gov-' } } });
  expect(roles.map((r: any) => r.name).sort()).toEqual(['保密审查员', '拟稿人', '签发领导', '部门审核人'].sort());
});

it('labels the content types and fields in Chinese in the Content Manager', async () => {
  const conf = await strapi.plugin('content-manager').service('content-types').findConfiguration(strapi.contentType('api::disclosure-item.disclosure-item'));
  expect(conf.metadatas.indexNo.edit.label).toBe('索引号');
  expect(conf.metadatas.documentNumber.list.label).toBe('发文字号');
  expect(conf.metadatas.organization.edit.mainField).toBe('name');
  expect(strapi.contentType('api::disclosure-item.disclosure-item').info.displayName).toBe('政府信息');
});
