import http from 'http';
import type { AddressInfo } from 'net';
import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi } from '../helpers/strapi';
import { makeItem, makeOrg } from '../helpers/fixtures';
import { publishDoc } from '../helpers/publish';
import { adminApi, createAdminAndLogin, ensureRole } from '../helpers/admin';

/**
 * What the 同步推送 admin page (plugins/sync/admin) reads from the /sync routes: per target the lag and
 * the age of the oldest undelivered event, the last success, failures and retrying deliveries, dead
 * letters; recent deliveries newest first (order=desc); whether the caller may replay / skip
 * (meta.canManage); and the figures after a replay of one dead letter.
 */
const ITEM = 'api::disclosure-item.disclosure-item';
const SECRET = 'admin-page-secret-0123456789abcdef';
const ORG = '000089001';

let strapi: Core.Strapi;
let receiver: http.Server;
let port = 0;
let failing = true;
const received: string[] = [];
const saved: Record<string, string | undefined> = {};

const delivery = () => strapi.plugin('sync').service('delivery');

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (failing) {
        res.writeHead(503).end('维护中');
        return;
      }
      received.push(String(req.headers['idempotency-key']));
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  port = (receiver.address() as AddressInfo).port;
  for (const k of ['SYNC_WORKER', 'SYNC_TARGETS']) saved[k] = process.env[k];
  Object.assign(process.env, { SYNC_WORKER: 'false', SYNC_TARGETS: '[]' });
  strapi = await setupStrapi();
});

afterAll(async () => {
  await strapi?.plugin('sync').service('delivery').stop();
  await teardownStrapi();
  await new Promise((r) => receiver.close(r));
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
});

describe('sync admin page figures', () => {
  it('lag, oldest undelivered, failures, retrying, dead letters, last success; newest first; canManage; replay of one dead letter', async () => {
    const superAdmin = adminApi(strapi, (await createAdminAndLogin(strapi)).token);
    // reading needs plugin::sync.read (Strapi's Editor role has no such permission: 403)
    const plainEditor = adminApi(strapi, (await createAdminAndLogin(strapi, { roles: ['strapi-editor'] })).token);
    expect((await plainEditor.get('/sync/targets')).status).toBe(403);
    const editor = adminApi(strapi, (await createAdminAndLogin(strapi, { roles: [await ensureRole(strapi, 'sync-reader', ['plugin::sync.read'])] })).token);
    const org: any = await makeOrg(strapi, { code: ORG, name: '页面测试县' });

    const created = await superAdmin.post('/sync/targets', { key: 'page', name: '省平台', url: `http://127.0.0.1:${port}/in`, secret: SECRET, organizations: [ORG], maxAttempts: 2, backoffMs: 1, timeoutMs: 2000 });
    expect(created.status).toBe(201);
    expect(created.body.data.stats).toMatchObject({ lag: 0, dead: 0, failures: 0, retrying: 0, lastSuccessAt: null, oldestUndeliveredAt: null });

    // meta.canManage: what the page offers (replay / skip need plugin::sync.manage)
    expect((await superAdmin.get('/sync/targets')).body.meta).toEqual({ canManage: true });
    expect((await editor.get('/sync/targets')).body.meta).toEqual({ canManage: false });
    expect((await editor.get('/sync/targets/page')).body.meta).toEqual({ canManage: false });
    expect((await superAdmin.get('/sync/targets/page')).body.meta).toEqual({ canManage: true });

    const a: any = await makeItem(strapi, org.documentId, { title: '页面测试甲' });
    const b: any = await makeItem(strapi, org.documentId, { title: '页面测试乙' });
    await publishDoc(strapi, ITEM, a.documentId);
    await publishDoc(strapi, ITEM, b.documentId);

    // not yet fanned out: counted in the lag
    const before = (await superAdmin.get('/sync/targets/page')).body.data.stats;
    expect(before.lag).toBe(2);
    expect(before.notFannedOut).toBe(before.lag);

    // first attempt fails: both retrying, 2 failed attempts
    await delivery().runOnce();
    let stats = (await superAdmin.get('/sync/targets/page')).body.data.stats;
    expect(stats).toMatchObject({ lag: 2, pending: 2, retrying: 2, failures: 2, dead: 0, lastSuccessAt: null });
    expect(stats.lastError).toContain('HTTP 503');
    expect(Date.parse(stats.oldestUndeliveredAt)).toBeGreaterThan(Date.now() - 60000);
    expect(Date.parse(stats.lastFailureAt)).toBeGreaterThan(Date.now() - 60000);

    await until('two dead letters', async () => {
      await delivery().runOnce();
      return (await superAdmin.get('/sync/targets/page')).body.data.stats.dead === 2;
    });
    stats = (await superAdmin.get('/sync/targets/page')).body.data.stats;
    expect(stats).toMatchObject({ lag: 2, pending: 0, retrying: 0, failures: 4, dead: 2, delivered: 0, lastSuccessAt: null });

    // recent deliveries, newest first; a bad order is a 400
    const asc = (await superAdmin.get('/sync/targets/page/deliveries')).body.data.map((d: any) => d.id);
    const desc = await superAdmin.get('/sync/targets/page/deliveries?order=desc&pageSize=1');
    expect(desc.status).toBe(200);
    expect(desc.body.data.map((d: any) => d.id)).toEqual([asc[asc.length - 1]]);
    expect(desc.body.meta).toMatchObject({ page: 1, pageSize: 1, total: 2 });
    expect(desc.body.data[0]).toMatchObject({ status: 'dead', attempts: 2, lastStatus: 503 });
    expect((await superAdmin.get('/sync/targets/page/deliveries?order=sideways')).status).toBe(400);
    // every bad parameter is a 400 naming its field, in Chinese
    for (const [query, field, message] of [
      ['order=sideways', 'order', 'order 只能是 asc 或 desc'],
      ['page=0', 'page', 'page 必须是正整数'],
      ['pageSize=501', 'pageSize', 'pageSize 必须是 1 到 500 之间的整数'],
      ['status=lost', 'status', 'status 只能是'],
    ]) {
      const bad = await superAdmin.get(`/sync/targets/page/deliveries?${query}`);
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain(message);
      expect(bad.body.error.details.errors.map((e: any) => e.path)).toEqual([[field]]);
    }
    const dead = (await superAdmin.get('/sync/targets/page/dead-letters?order=desc')).body.data;
    expect(dead.map((d: any) => d.id)).toEqual([...asc].reverse());

    // the editor can read but not replay
    expect((await editor.get('/sync/targets/page/dead-letters')).status).toBe(200);
    expect((await editor.post('/sync/targets/page/replay', { ids: [dead[0].id] })).status).toBe(403);

    // the platform is back: replay one dead letter, then the other
    failing = false;
    expect((await superAdmin.post('/sync/targets/page/replay', { ids: [dead[0].id] })).body.data).toEqual({ replayed: 1 });
    await delivery().drain({ timeoutMs: 20000 });
    stats = (await superAdmin.get('/sync/targets/page')).body.data.stats;
    expect(stats).toMatchObject({ lag: 1, dead: 1, delivered: 1, pending: 0, retrying: 0 });
    expect(Date.parse(stats.lastSuccessAt)).toBeGreaterThan(Date.now() - 60000);
    expect(received).toEqual([`page:${(desc.body.data[0] as any).eventId}`]);

    expect((await superAdmin.post('/sync/targets/page/replay', {})).body.data).toEqual({ replayed: 1 });
    await delivery().drain({ timeoutMs: 20000 });
    stats = (await superAdmin.get('/sync/targets/page')).body.data.stats;
    expect(stats).toMatchObject({ lag: 0, dead: 0, delivered: 2, oldestUndeliveredAt: null });
    expect(received).toHaveLength(2);
    expect((await superAdmin.get('/sync/targets/page/dead-letters')).body.meta.total).toBe(0);
  });
});
