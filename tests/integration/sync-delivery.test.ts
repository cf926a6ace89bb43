import fs from 'fs';
import os from 'os';
import path from 'path';
import { spawn, type ChildProcess } from 'child_process';
import { XMLParser } from 'fast-xml-parser';
import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi } from '../helpers/strapi';
import { isPg } from '../helpers/env';
import { makeItem, makeNode, makeOrg } from '../helpers/fixtures';
import { publishDoc } from '../helpers/publish';
import { adminApi, createAdminAndLogin, ensureRole } from '../helpers/admin';
import { sign, verifySignature } from '../../plugins/sync/server/src/signature';
import { validateConfig, validateTarget, type SyncConfig } from '../../plugins/sync/server/src/config';
import { applyMapping, serialize } from '../../plugins/sync/server/src/payload';
import { backoffDelay } from '../../plugins/sync/server/src/services/delivery';

/**
 * Push delivery (plugins/sync): signed pushes to targets from config and from the admin, mapping and
 * formats, dead letters and replay, and a fault run with real processes on loopback — a receiver that
 * fails, answers slowly and is killed and restarted, a Strapi worker killed with SIGKILL mid-batch and a
 * fresh one started (on PostgreSQL alongside a second, concurrent worker: SKIP LOCKED claims).
 */
const ITEM = 'api::disclosure-item.disclosure-item';
const LAW = 'api::law.law';
const RECEIVER = path.join(__dirname, '../helpers/sync-receiver.js');
const WORKER = path.join(__dirname, '../helpers/sync-worker-child.js');
const SECRET = 'receiver-secret-0123456789abcdef';
const ORG_A = '000088001';

let strapi: Core.Strapi;
let tmp: string;
let r1: Receiver;
const children: ChildProcess[] = [];
const savedEnv: Record<string, string | undefined> = {};
const ENV = {
  SYNC_WORKER: 'false',
  SYNC_TIMEOUT_MS: '1000',
  SYNC_LEASE_MS: '2500',
  SYNC_WORKER_INTERVAL_MS: '100',
  SYNC_WORKER_BATCH: '6',
  SYNC_WORKER_CONCURRENCY: '3',
  SYNC_TARGETS: '',
};

interface Receiver { port: number; proc: ChildProcess; logFile: string; opts: Record<string, unknown> }

function startReceiver(opts: Record<string, unknown>): Promise<Receiver> {
  const proc = spawn(process.execPath, [RECEIVER, JSON.stringify(opts)], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(proc);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`receiver did not start: ${err}`)), 15000);
    proc.stdout!.on('data', (d) => {
      out += d;
      const m = /LISTENING (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ port: Number(m[1]), proc, logFile: String(opts.logFile), opts });
      }
    });
    proc.stderr!.on('data', (d) => (err += d));
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`receiver exited ${code}: ${err}`));
    });
  });
}

function readLog(file: string): any[] {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).flatMap((l) => {
    try {
      return [JSON.parse(l)];
    } catch {
      return [];
    }
  });
}

async function killHard(proc: ChildProcess) {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGKILL');
  await exited;
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, pollMs = 25) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/** a second Strapi node running the worker (tests/helpers/sync-worker-child.js) */
function spawnWorker() {
  const proc = spawn(process.execPath, [WORKER], { env: { ...process.env, SYNC_WORKER: 'false' }, stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(proc);
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (err += d));
  const waitLine = (re: RegExp, ms: number) =>
    waitFor(`child output ${re}`, () => {
      if (proc.exitCode !== null) throw new Error(`worker child exited ${proc.exitCode}: ${err.slice(-2000)}`);
      return re.test(out);
    }, ms, 50).then(() => re.exec(out)!);
  return {
    proc,
    ready: () => waitLine(/READY\n/, 90000),
    go: async () => {
      proc.stdin!.write('GO\n');
      return (await waitLine(/STARTED (\S+)\n/, 10000))[1];
    },
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.stdin!.write('STOP\n');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 10000)))]);
      clearTimeout(timer);
      await killHard(proc);
    },
  };
}

const delivery = () => strapi.plugin('sync').service('delivery');
const targets = () => strapi.plugin('sync').service('targets');
const knex = () => strapi.db.connection as any;
const deliveryRows = async (key: string): Promise<any[]> => (await knex()('sync_deliveries').where({ target_key: key }).orderBy('id', 'asc').select('*')).map((r: any) => ({ ...r, id: Number(r.id), event_id: Number(r.event_id), attempts: Number(r.attempts) }));
const unpublish = (uid: string, documentId: string) => strapi.plugin('review-workflow').service('workflow').unpublish(uid, documentId, { id: null, name: '测试', roles: [] }, '测试撤稿');

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gov-sync-'));
  r1 = await startReceiver({ secret: SECRET, logFile: path.join(tmp, 'r1.jsonl'), failPaths: ['/always-500'] });
  for (const k of Object.keys(ENV)) savedEnv[k] = process.env[k];
  Object.assign(process.env, ENV, {
    SYNC_TARGETS: JSON.stringify([{
      key: 'cfg-json', name: '市政务公开平台', url: `http://127.0.0.1:${r1.port}/json`, secret: SECRET, organizations: [ORG_A],
      mapping: { catalogue: { 'SD-TZGG': 'P-0301' }, fields: { title: 'biaoti', body: null } }, maxAttempts: 3, backoffMs: 10, timeoutMs: 2000,
    }]),
  });
  strapi = await setupStrapi();
});

afterAll(async () => {
  for (const c of children) await killHard(c);
  await strapi?.plugin('sync').service('delivery').stop();
  await teardownStrapi();
  for (const [k, v] of Object.entries(savedEnv)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('signatures', () => {
  const body = JSON.stringify({ documentId: 'abc', title: '关于做好政务公开工作的通知' });
  const ts = String(Date.now());

  it('accepts a valid signature (string or Buffer body)', () => {
    const header = sign(SECRET, ts, body);
    expect(header).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifySignature(SECRET, ts, body, header)).toBe(true);
    expect(verifySignature(SECRET, ts, Buffer.from(body), header)).toBe(true);
    // the documented recipe, by hand
    const crypto = require('crypto');
    expect(header).toBe(`sha256=${crypto.createHmac('sha256', SECRET).update(`${ts}.${body}`).digest('hex')}`);
  });

  it('rejects a tampered body, timestamp or signature, a wrong secret, a stale timestamp and malformed headers', () => {
    const header = sign(SECRET, ts, body);
    expect(verifySignature(SECRET, ts, body.replace('通知', '通告'), header)).toBe(false);
    expect(verifySignature(SECRET, String(Number(ts) + 1), body, header)).toBe(false);
    expect(verifySignature(SECRET, ts, body, header.slice(0, -1) + (header.endsWith('0') ? '1' : '0'))).toBe(false);
    expect(verifySignature('another-secret-0123456789', ts, body, header)).toBe(false);
    const old = String(Date.now() - 10 * 60 * 1000);
    expect(verifySignature(SECRET, old, body, sign(SECRET, old, body))).toBe(false);
    expect(verifySignature(SECRET, old, body, sign(SECRET, old, body), 60 * 60 * 1000)).toBe(true);
    for (const bad of [undefined, '', 'sha1=abc', header.slice(7), `sha256=${'z'.repeat(64)}`, [header, header]]) expect(verifySignature(SECRET, ts, body, bad as any)).toBe(false);
    for (const badTs of [undefined, '', 'yesterday', '1e12']) expect(verifySignature(SECRET, badTs as any, body, header)).toBe(false);
  });
});

describe('target config, mapping and payloads', () => {
  const defaults: SyncConfig['delivery'] = { timeoutMs: 10000, maxAttempts: 12, backoffMs: 2000, maxBackoffMs: 3600000 };

  it('fills defaults and reports every invalid field', () => {
    const { target } = validateTarget({ key: 'prov', url: 'https://example.gov.cn/push', secret: 'x'.repeat(16) }, defaults, 'config');
    expect(target).toMatchObject({ key: 'prov', name: 'prov', format: 'json', organizations: null, catalogueCodes: null, maxAttempts: 12, backoffMs: 2000, timeoutMs: 10000, enabled: true, backfill: true, source: 'config' });
    const { issues } = validateTarget({ key: 'bad key', url: 'ftp://x', secret: 'short', format: 'csv', organizations: [], types: ['item', 'news'], mapping: { fields: { title: '1abc' }, other: {} }, maxAttempts: 0, extra: 1 }, defaults, 'admin');
    expect(issues.map((i) => i.path).sort()).toEqual(['extra', 'format', 'key', 'mapping.fields.title', 'mapping.other', 'maxAttempts', 'organizations', 'secret', 'types', 'url'].sort());
    const cfg = (targets: unknown[]) => ({ targets, envTargets: [], worker: { enabled: false, intervalMs: 1000, batchSize: 20, concurrency: 4, leaseMs: 60000 }, delivery: defaults, retentionDays: 30 }) as SyncConfig;
    const ok = { key: 'a', url: 'http://127.0.0.1:1/x', secret: 'y'.repeat(20) };
    expect(() => validateConfig(cfg([ok]))).not.toThrow();
    expect(() => validateConfig(cfg([ok, ok]))).toThrow('重复的 key');
    expect(() => validateConfig(cfg([{ ...ok, url: 'nope' }]))).toThrow('targets[0].url');
  });

  it('maps catalogue codes and field names; XML is well-formed and escaped; backoff grows with jitter', () => {
    const doc = { documentId: 'd1', title: 'A & B <c>', body: 'x', catalogue: [{ code: 'SD-TZGG', name: '通知公告' }, { code: 'OTHER' }], keywords: ['一', '二'], table2: { '1': 2 } };
    const mapped = applyMapping(doc, { catalogue: { 'SD-TZGG': 'P-0301' }, fields: { title: 'biaoti', body: null } });
    expect(mapped).toEqual({ documentId: 'd1', biaoti: 'A & B <c>', catalogue: [{ code: 'P-0301', name: '通知公告' }, { code: 'OTHER' }], keywords: ['一', '二'], table2: { '1': 2 } });
    const { body, contentType } = serialize(mapped, 'xml', 'upsert');
    expect(contentType).toContain('application/xml');
    const parsed = new XMLParser({ ignoreAttributes: false, parseTagValue: false }).parse(body);
    expect(parsed.document.biaoti).toBe('A & B <c>');
    expect(parsed.document.catalogue.item.map((n: any) => n.code)).toEqual(['P-0301', 'OTHER']);
    expect(parsed.document.table2.field).toMatchObject({ '@_name': '1', '#text': '2' });
    expect(serialize({ documentId: 'd1', op: 'tombstone' }, 'xml', 'tombstone').body).toContain('<tombstone><documentId>d1</documentId><op>tombstone</op></tombstone>');
    const delays = [1, 2, 3, 4, 5].map((n) => backoffDelay(100, n, 1000, () => 0.999));
    expect(delays).toEqual([100, 200, 400, 800, 1000]);
    expect(backoffDelay(100, 3, 1000, () => 0)).toBe(200);
  });
});

describe('pushing to targets (in-process worker round)', () => {
  let orgA: any;
  let nodes: Record<string, any>;
  let superAdmin: ReturnType<typeof adminApi>;
  const r1Applies = (target: string) => readLog(r1.logFile).filter((e) => e.t === 'apply' && e.target === target);

  beforeAll(async () => {
    orgA = await makeOrg(strapi, { code: ORG_A, name: '推送县人民政府' });
    const root = await makeNode(strapi, orgA.documentId, { code: 'SD', name: '法定主动公开内容', kind: '其他' });
    nodes = {
      root,
      notices: await makeNode(strapi, orgA.documentId, { code: 'SD-TZGG', name: '通知公告', kind: '通知公告类', parent: root.documentId }),
      news: await makeNode(strapi, orgA.documentId, { code: 'YW', name: '要闻' }),
    };
    superAdmin = adminApi(strapi, (await createAdminAndLogin(strapi)).token);
  });

  it('admin routes: create, list with stats (no secrets), edit, config targets read-only, super admin only for writes', async () => {
    const bad = await superAdmin.post('/sync/targets', { key: 'x y', url: 'nope', secret: 'short' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((e: any) => e.path.join('.')).sort()).toEqual(['key', 'secret', 'url']);
    const created = await superAdmin.post('/sync/targets', { key: 'adm-xml', name: '省平台（XML）', url: `http://127.0.0.1:${r1.port}/xml`, secret: SECRET, format: 'xml', catalogueCodes: ['SD'], maxAttempts: 3, backoffMs: 10, timeoutMs: 2000 });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ key: 'adm-xml', source: 'admin', readOnly: false, secretSet: true, format: 'xml' });
    expect(JSON.stringify(created.body)).not.toContain(SECRET);
    expect((await superAdmin.post('/sync/targets', { key: 'cfg-json', url: 'http://127.0.0.1:1/', secret: SECRET })).status).toBe(400);
    const stored: any = await knex()('sync_targets').where({ target_key: 'adm-xml' }).first();
    expect(stored.secret_enc).not.toContain(SECRET);

    const list = await superAdmin.get('/sync/targets');
    expect(list.status).toBe(200);
    expect(list.body.data.map((t: any) => [t.key, t.source, t.readOnly])).toEqual([['cfg-json', 'config', true], ['adm-xml', 'admin', false]]);
    expect(list.body.data[0].stats).toMatchObject({ lag: expect.any(Number), dead: 0, failures: 0, lastSuccessAt: null });
    expect(JSON.stringify(list.body)).not.toContain(SECRET);

    const renamed = await superAdmin.put('/sync/targets/adm-xml', { name: '省政务公开平台' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.data).toMatchObject({ name: '省政务公开平台', secretSet: true, catalogueCodes: ['SD'] });
    expect((await superAdmin.put('/sync/targets/adm-xml', { key: 'other' })).status).toBe(400);
    expect((await superAdmin.put('/sync/targets/adm-xml', { format: 'yaml' })).status).toBe(400);
    expect((await superAdmin.put('/sync/targets/cfg-json', { name: 'x' })).status).toBe(403);
    expect((await superAdmin.del('/sync/targets/cfg-json')).status).toBe(403);
    expect((await superAdmin.get('/sync/targets/nope')).status).toBe(404);

    const plainEditor = adminApi(strapi, (await createAdminAndLogin(strapi, { roles: ['strapi-editor'] })).token);
    expect((await plainEditor.get('/sync/targets')).status).toBe(403); // reading needs plugin::sync.read
    const editor = adminApi(strapi, (await createAdminAndLogin(strapi, { roles: [await ensureRole(strapi, 'sync-reader', ['plugin::sync.read'])] })).token);
    expect((await editor.get('/sync/targets')).status).toBe(200);
    expect((await editor.post('/sync/targets', { key: 'e', url: 'http://127.0.0.1:1/', secret: SECRET })).status).toBe(403);
    expect((await editor.post('/sync/targets/adm-xml/replay', {})).status).toBe(403);
    expect((await adminApi(strapi, 'not-a-jwt').get('/sync/targets')).status).toBe(401);

    const temp = await superAdmin.post('/sync/targets', { key: 'temp', url: `http://127.0.0.1:${r1.port}/t`, secret: SECRET });
    expect(temp.status).toBe(201);
    expect((await superAdmin.del('/sync/targets/temp')).status).toBe(200);
    expect((await superAdmin.get('/sync/targets/temp')).status).toBe(404);
  });

  it('pushes signed, mapped JSON and XML of public documents in scope only; tombstones when a document leaves a target', async () => {
    const orgB: any = await makeOrg(strapi, { code: '000088002' });
    const a: any = await makeItem(strapi, orgA.documentId, { title: '推送测试甲', body: '<p>正文 & 附件</p>', internalNote: '内部备注', catalogueNodes: [nodes.notices.documentId] });
    await publishDoc(strapi, ITEM, a.documentId);
    const b: any = await makeItem(strapi, orgB.documentId, { title: '其他机构的信息' });
    await publishDoc(strapi, ITEM, b.documentId);
    // a published version that is not public (legacy data, or changed behind the Document Service's back): never sent
    const c: any = await makeItem(strapi, orgA.documentId, { title: '仅对内的信息', catalogueNodes: [nodes.notices.documentId] });
    await strapi.db.transaction(async ({ trx }: any) => {
      await publishDoc(strapi, ITEM, c.documentId);
      await trx('disclosure_items').where({ document_id: c.documentId }).whereNotNull('published_at').update({ scope: '仅对内' });
    });
    const law: any = await strapi.documents(LAW).create({ data: { title: '推送测试办法', level: '行政规范性文件', effectiveDate: '2025-01-01', organization: orgA.documentId } as any });
    await publishDoc(strapi, LAW, law.documentId);
    // published and deleted before it was fanned out: the targets never held it, so nothing is sent at all
    const gone: any = await makeItem(strapi, orgA.documentId, { title: '发布后即删除', catalogueNodes: [nodes.notices.documentId] });
    await publishDoc(strapi, ITEM, gone.documentId);
    await strapi.documents(ITEM).delete({ documentId: gone.documentId });
    await delivery().drain({ timeoutMs: 20000 });

    const json = r1Applies('cfg-json');
    expect(json.map((e) => [e.documentId, e.op, e.type])).toEqual([[a.documentId, 'upsert', 'item'], [law.documentId, 'upsert', 'law']]);
    const body = JSON.parse(json[0].body);
    expect(body).toMatchObject({ documentId: a.documentId, biaoti: '推送测试甲', indexNo: a.indexNo, type: 'item', organization: { code: ORG_A } });
    expect(body.catalogue.map((n: any) => n.code)).toEqual(['P-0301']);
    expect(body).not.toHaveProperty('title');
    expect(body).not.toHaveProperty('body');
    expect(json[0].body).not.toContain('内部备注');
    expect(json[0].contentType).toContain('application/json');
    expect(json[0].path).toBe('/json');

    const xml = r1Applies('adm-xml');
    expect(xml.map((e) => [e.documentId, e.op])).toEqual([[a.documentId, 'upsert']]); // the law has no catalogue node
    const parsed = new XMLParser({ parseTagValue: false }).parse(xml[0].body);
    expect(parsed.document).toMatchObject({ documentId: a.documentId, title: '推送测试甲', body: '<p>正文 & 附件</p>' });
    expect(parsed.document.catalogue.item.code).toBe('SD-TZGG');
    expect(readLog(r1.logFile).filter((e) => e.t === 'bad-signature')).toEqual([]);

    // a moves out of SD into YW: a tombstone for the XML target, an upsert for the JSON one
    await strapi.documents(ITEM).update({ documentId: a.documentId, data: { catalogueNodes: [nodes.news.documentId] } as any });
    await publishDoc(strapi, ITEM, a.documentId);
    await unpublish(LAW, law.documentId);
    await delivery().drain({ timeoutMs: 20000 });
    expect(r1Applies('adm-xml').map((e) => [e.documentId, e.op])).toEqual([[a.documentId, 'upsert'], [a.documentId, 'tombstone']]);
    expect(r1Applies('cfg-json').slice(2).map((e) => [e.documentId, e.op])).toEqual([[a.documentId, 'upsert'], [law.documentId, 'tombstone']]);
    const tomb = JSON.parse(r1Applies('cfg-json')[3].body);
    expect(tomb).toEqual({ documentId: law.documentId, op: 'tombstone', type: 'law' });

    // deleting a: a tombstone for the JSON target only (the XML target no longer holds it)
    await strapi.documents(ITEM).delete({ documentId: a.documentId });
    await delivery().drain({ timeoutMs: 20000 });
    expect(r1Applies('cfg-json').slice(4).map((e) => [e.documentId, e.op])).toEqual([[a.documentId, 'tombstone']]);
    expect(r1Applies('adm-xml')).toHaveLength(2);

    const stats = (await superAdmin.get('/sync/targets/cfg-json')).body.data.stats;
    expect(stats).toMatchObject({ lag: 0, pending: 0, dead: 0, delivered: 5, failures: 0 });
    expect(new Date(stats.lastSuccessAt).getTime()).toBeGreaterThan(Date.now() - 60000);
  });

  it('a dead letter blocks its document until replayed; skipping gives up on it; later events follow in order', async () => {
    const orgD: any = await makeOrg(strapi, { code: '000088004' });
    const create = await superAdmin.post('/sync/targets', { key: 'flaky', url: `http://127.0.0.1:${r1.port}/always-500`, secret: SECRET, organizations: ['000088004'], maxAttempts: 2, backoffMs: 1, timeoutMs: 2000 });
    expect(create.status).toBe(201);
    const x: any = await makeItem(strapi, orgD.documentId, { title: '死信测试' });
    await publishDoc(strapi, ITEM, x.documentId);
    await strapi.documents(ITEM).update({ documentId: x.documentId, data: { title: '死信测试（修订）' } as any });
    await publishDoc(strapi, ITEM, x.documentId);
    await waitFor('a dead letter', async () => {
      await delivery().runOnce();
      return (await deliveryRows('flaky')).some((r) => r.status === 'dead');
    }, 20000, 5);
    for (let i = 0; i < 5; i++) await delivery().runOnce();
    const rows = await deliveryRows('flaky');
    expect(rows.map((r) => [r.op, r.status, r.attempts])).toEqual([['upsert', 'dead', 2], ['upsert', 'pending', 0]]);
    expect(rows[0].last_error).toContain('HTTP 500');
    expect(r1Applies('flaky')).toEqual([]);

    const stats = (await superAdmin.get('/sync/targets/flaky')).body.data.stats;
    expect(stats).toMatchObject({ dead: 1, pending: 1, lag: 2, failures: 2 });
    expect(stats.lastError).toContain('HTTP 500');
    const dead = await superAdmin.get('/sync/targets/flaky/dead-letters');
    expect(dead.body.data.map((d: any) => [d.id, d.documentId, d.attempts])).toEqual([[rows[0].id, x.documentId, 2]]);
    expect(dead.body.meta.total).toBe(1);

    // the platform is fixed: replay, and both events arrive in order
    expect((await superAdmin.put('/sync/targets/flaky', { url: `http://127.0.0.1:${r1.port}/ok` })).status).toBe(200);
    const replay = await superAdmin.post('/sync/targets/flaky/replay', {});
    expect(replay.body.data).toEqual({ replayed: 1 });
    await delivery().drain({ timeoutMs: 20000 });
    const applies = r1Applies('flaky');
    expect(applies.map((e) => e.eventId)).toEqual(rows.map((r) => r.event_id));
    expect(JSON.parse(applies[1].body).title).toBe('死信测试（修订）');

    // skip: the broken event is given up for good, the next one of the same document is delivered
    await superAdmin.put('/sync/targets/flaky', { url: `http://127.0.0.1:${r1.port}/always-500` });
    await unpublish(ITEM, x.documentId);
    await publishDoc(strapi, ITEM, x.documentId);
    await waitFor('a second dead letter', async () => {
      await delivery().runOnce();
      return (await deliveryRows('flaky')).some((r) => r.status === 'dead');
    }, 20000, 5);
    const deadRow = (await deliveryRows('flaky')).find((r) => r.status === 'dead')!;
    expect(deadRow.op).toBe('tombstone');
    expect((await superAdmin.post('/sync/targets/flaky/skip', {})).status).toBe(400);
    expect((await superAdmin.post('/sync/targets/flaky/skip', { ids: [deadRow.id] })).body.data).toEqual({ skipped: 1 });
    await superAdmin.put('/sync/targets/flaky', { url: `http://127.0.0.1:${r1.port}/ok` });
    await delivery().drain({ timeoutMs: 20000 });
    expect(r1Applies('flaky').slice(2).map((e) => e.op)).toEqual(['upsert']);
    expect((await deliveryRows('flaky')).map((r) => r.status)).toEqual(['delivered', 'delivered', 'skipped', 'delivered']);
    expect((await superAdmin.del('/sync/targets/flaky')).status).toBe(200);
    expect(await deliveryRows('flaky')).toEqual([]);
  });
});

describe('backfill', () => {
  it('a new target gets the history by default; with backfill: false only events recorded after it appeared', async () => {
    const org: any = await makeOrg(strapi, { code: '000088005' });
    const old: any = await makeItem(strapi, org.documentId, { title: '接入前发布' });
    await publishDoc(strapi, ITEM, old.documentId);
    const base = { url: `http://127.0.0.1:${r1.port}/bf`, secret: SECRET, organizations: ['000088005'], backoffMs: 10, timeoutMs: 2000 };
    await targets().create({ ...base, key: 'bf-all' });
    await targets().create({ ...base, key: 'bf-new', backfill: false });
    const fresh: any = await makeItem(strapi, org.documentId, { title: '接入后发布' });
    await publishDoc(strapi, ITEM, fresh.documentId);
    await delivery().drain({ timeoutMs: 20000 });
    const got = (key: string) => readLog(r1.logFile).filter((e) => e.t === 'apply' && e.target === key).map((e) => e.documentId);
    expect(got('bf-all')).toEqual([old.documentId, fresh.documentId]);
    expect(got('bf-new')).toEqual([fresh.documentId]);
    for (const key of ['bf-all', 'bf-new']) await targets().remove(key);
  });
});

describe('fault run (real processes on loopback)', () => {
  // the background sampler below must stop even when the run fails half-way (it would query a closed pool)
  let stopSampler: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await stopSampler?.();
    stopSampler = null;
  });

  it(`every event delivered and applied once, in order per document, through receiver failures and restarts and a SIGKILLed worker (${isPg() ? 'PostgreSQL: two concurrent workers, SKIP LOCKED' : 'SQLite: single worker'})`, async () => {
    const t0 = Date.now();
    const pg = isPg();
    // fresh Strapi nodes: A works first, alone, and is killed mid-batch; B takes over. PostgreSQL: both boot while we
    // write, and once A is dead this process runs a second worker concurrently with B (started only then: a busy
    // machine could otherwise let it take all the work before A is ever caught mid-batch). SQLite (one writer at a
    // time across processes): single worker, and B boots after A is dead.
    const A = spawnWorker();
    const B = pg ? spawnWorker() : null;
    const opts = { secret: SECRET, logFile: path.join(tmp, 'fault.jsonl'), seed: 7, failRate: 0.15, failAfterApplyRate: 0.1, slowRate: 0.25, slowMs: 400, verySlowRate: 0.05, verySlowMs: 1500 };
    let rx = await startReceiver(opts);
    if (!pg) await A.ready();
    const orgF: any = await makeOrg(strapi, { code: '000088009', name: '故障测试县人民政府' });
    await targets().create({ key: 'fault', url: `http://127.0.0.1:${rx.port}/events`, secret: SECRET, organizations: ['000088009'], maxAttempts: 100, backoffMs: 50, timeoutMs: 1000 });
    const docs: any[] = [];
    for (let i = 0; i < 30; i++) {
      const d: any = await makeItem(strapi, orgF.documentId, { title: `故障测试${i}` });
      await publishDoc(strapi, ITEM, d.documentId);
      docs.push(d);
    }
    // more events: unpublish, republish, edit + republish, delete (on PostgreSQL while the workers deliver)
    const moreEvents = async () => {
      for (let i = 0; i < 10; i++) await unpublish(ITEM, docs[i].documentId);
      for (let i = 0; i < 5; i++) await publishDoc(strapi, ITEM, docs[i].documentId);
      for (let i = 10; i < 15; i++) await strapi.documents(ITEM).delete({ documentId: docs[i].documentId });
      for (let i = 15; i < 25; i++) {
        await strapi.documents(ITEM).update({ documentId: docs[i].documentId, data: { title: `故障测试${i}（修订）` } as any });
        await publishDoc(strapi, ITEM, docs[i].documentId);
      }
    };
    if (!pg) {
      // one writer at a time on SQLite: fan the first events out from here, then write the rest before the worker starts
      await delivery().fanOut();
      await moreEvents();
    }
    await Promise.all([A.ready(), B?.ready()]);
    const bootedAt = Date.now();
    // how many different (live) workers held in-flight claims at the same moment: sampled every 20 ms in the
    // background for the whole run (a slow machine must not make the sampler miss the overlap)
    let maxConcurrentWorkers = 0;
    const killed = new Set<string>();
    const sample = async () => {
      const held: any[] = await knex()('sync_deliveries').where({ target_key: 'fault', status: 'in_flight' }).distinct('claimed_by');
      maxConcurrentWorkers = Math.max(maxConcurrentWorkers, held.filter((h) => !killed.has(h.claimed_by)).length);
    };
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        await sample().catch(() => undefined);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    stopSampler = async () => {
      sampling = false;
      await sampler;
    };
    const aId = await A.go();
    await waitFor('fan-out of the first 30 events', async () => (await deliveryRows('fault')).length >= 30, 20000);
    if (pg) await moreEvents();
    const applies = () => readLog(opts.logFile).filter((e) => e.t === 'apply').length;

    // kill -9 worker A while it has deliveries in flight
    // (rows seen in flight in two samples 50 ms apart: requests under way, not ones about to be recorded)
    const heldByA = async () => new Set<number>((await knex()('sync_deliveries').where({ target_key: 'fault', status: 'in_flight', claimed_by: aId }).select('id')).map((r: any) => Number(r.id)));
    let previous = new Set<number>();
    await waitFor('worker A in the middle of a batch', async () => {
      await sample();
      if (applies() < 8) return false;
      const now = await heldByA();
      const stable = [...now].some((id) => previous.has(id));
      previous = now;
      return stable;
    }, 60000, 50);
    killed.add(aId);
    await killHard(A.proc);
    const killedAt = Date.now();
    const inFlightAtKill = [...(await heldByA())];
    expect(inFlightAtKill.length).toBeGreaterThan(0);
    const next = B ?? spawnWorker();
    await next.ready();
    const bId = await next.go();
    if (pg) delivery().start(); // a second worker, concurrently with B, on the same PostgreSQL database

    // the receiver dies too (SIGKILL) and comes back on the same port
    await waitFor('half of the events applied', async () => {
      await sample();
      return applies() >= 30;
    }, 30000);
    await killHard(rx.proc);
    await new Promise((r) => setTimeout(r, 500));
    rx = await startReceiver({ ...opts, port: rx.port });

    await waitFor('every delivery delivered', async () => {
      await sample();
      const open: any = await knex()('sync_deliveries').where({ target_key: 'fault' }).whereNot('status', 'delivered').count({ n: '*' }).first();
      return (await deliveryRows('fault')).length === 60 && Number(open.n) === 0;
    }, 45000, 100).catch(async (e) => {
      await stopSampler?.();
      const rows = await deliveryRows('fault');
      const summary = rows.filter((r) => r.status !== 'delivered').map((r) => `${r.id}/${r.event_id} ${r.status} a${r.attempts} ${r.claimed_by} ${r.last_error}`);
      throw new Error(`${e.message}: ${rows.length} rows; open: ${summary.slice(0, 20).join(' | ')}; next worker alive: ${next.proc.exitCode === null}`);
    });
    await stopSampler();
    if (pg) await delivery().stop();
    await next.stop();

    // every event of the organisation's documents has exactly one delivery, all delivered
    const ids = new Set(docs.map((d) => d.documentId));
    const events = (await knex()('sync_outbox').whereIn('document_id', [...ids]).orderBy('id', 'asc').select('id', 'document_id', 'op')).map((e: any) => ({ ...e, id: Number(e.id) }));
    expect(events).toHaveLength(60);
    const rows = await deliveryRows('fault');
    expect(rows.map((r) => r.event_id)).toEqual(events.map((e: any) => e.id));
    expect(rows.every((r) => r.status === 'delivered')).toBe(true);

    const log = readLog(opts.logFile);
    const count = (t: string) => log.filter((e) => e.t === t).length;
    // the receiver applied each idempotency key exactly once, and recognised the duplicates
    const appliedKeys = log.filter((e) => e.t === 'apply').map((e) => e.key);
    expect(appliedKeys.length).toBe(new Set(appliedKeys).size);
    expect(new Set(appliedKeys)).toEqual(new Set(rows.map((r) => r.idempotency_key)));
    expect(count('dup')).toBeGreaterThan(0);
    expect(count('fail')).toBeGreaterThan(0);
    expect(count('bad-signature')).toBe(0);
    // per-document order, and never two deliveries of one event at the same time
    expect(log.filter((e) => e.t === 'order-violation')).toEqual([]);
    expect(log.filter((e) => e.t === 'concurrent')).toEqual([]);
    const byDoc = new Map<string, any[]>();
    for (const e of log.filter((x) => x.t === 'apply')) byDoc.set(e.documentId, [...(byDoc.get(e.documentId) ?? []), e]);
    for (const list of byDoc.values()) expect(list.map((e) => e.eventId)).toEqual([...list.map((e) => e.eventId)].sort((x, y) => x - y));
    // the receiver ends with the current state of every document
    docs.forEach((d, i) => {
      const last = byDoc.get(d.documentId)!.at(-1);
      if (i >= 5 && i < 15) expect([i, last.op]).toEqual([i, 'tombstone']);
      else {
        expect([i, last.op]).toEqual([i, 'upsert']);
        expect(JSON.parse(last.body).title).toBe(i >= 15 && i < 25 ? `故障测试${i}（修订）` : `故障测试${i}`);
      }
    });
    // what A held when it was killed was taken over after its lease and delivered by another worker
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of inFlightAtKill) {
      expect(byId.get(id)!.claimed_by).not.toBe(aId);
      expect(byId.get(id)!.attempts).toBeGreaterThanOrEqual(2);
    }
    const claimers = new Set(rows.map((r) => r.claimed_by));
    expect(claimers.has(bId)).toBe(true);
    if (pg) {
      // two workers really delivered at the same time, and still no event was delivered twice concurrently (above)
      expect(claimers.has(delivery().workerId)).toBe(true);
      expect(maxConcurrentWorkers).toBe(2);
    } else expect(maxConcurrentWorkers).toBe(1);
    // eslint-disable-next-line no-console
    console.log(`[sync fault run] ${isPg() ? 'PostgreSQL' : 'SQLite'}: children booted in ${bootedAt - t0} ms, A killed after ${killedAt - bootedAt} ms with ${inFlightAtKill.length} in flight, done in ${Date.now() - bootedAt} ms after boot; receiver saw ${count('apply')} applies, ${count('dup')} duplicates, ${count('fail')} injected failures; claimers ${[...claimers].length}, at most ${maxConcurrentWorkers} workers in flight at once`);
  }, 150000);

  it('a legacy import SIGKILLed mid-run and run again: exactly the file\'s rows, each once, each published one delivered once to the push target', async () => {
    const rx = await startReceiver({ secret: SECRET, logFile: path.join(tmp, 'import.jsonl'), seed: 11, failRate: 0.1, failAfterApplyRate: 0.1 });
    const org: any = await makeOrg(strapi, { code: '000088019', name: '导入故障县人民政府' });
    await makeNode(strapi, org.documentId, { name: '工作动态', code: 'IMP-GZDT' });
    await targets().create({ key: 'import-fault', url: `http://127.0.0.1:${rx.port}/events`, secret: SECRET, organizations: ['000088019'], maxAttempts: 100, backoffMs: 20, timeoutMs: 2000 });
    const ROWS = 400;
    const lines = ['标题,索引号,发文字号,成文日期,发布日期,所属目录'];
    for (let i = 0; i < ROWS; i++) {
      const d = `2023-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
      lines.push([`导入故障第${i + 1}条`, i % 2 ? `000088019/2023-${String(i + 1).padStart(5, '0')}` : '', i % 5 === 0 ? `导府发〔2023〕${i + 1}号` : '', d, d, 'IMP-GZDT'].join(','));
    }
    const file = path.join(tmp, 'import-fault.csv');
    fs.writeFileSync(file, lines.join('\n'));
    // the import in a process of its own, SIGKILLed as soon as its first batch committed (its first progress line)
    const child = spawn(process.execPath, [path.join(__dirname, '../../dist/scripts/import.js'), file, '--org', org.code, '--batch-size', '50'], {
      cwd: path.join(__dirname, '../..'), env: { ...process.env, LOG_LEVEL: 'error' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    child.stderr!.on('data', (d) => (out += d));
    child.stdout!.on('data', (d) => {
      out += d;
      if (/已处理 \d+\/\d+ 行/.test(out)) child.kill('SIGKILL');
    });
    await new Promise((r) => child.once('exit', r));
    expect([child.signalCode, /已处理/.test(out)]).toEqual(['SIGKILL', true]);
    const published = () => knex()('disclosure_items as i').join('disclosure_items_organization_lnk as io', 'io.disclosure_item_id', 'i.id').where('io.organization_id', org.id).whereNotNull('i.published_at');
    const partial = (await published().select('i.id')).length;
    expect(partial).toBeGreaterThanOrEqual(50);
    expect(partial).toBeLessThan(ROWS);

    const report = await strapi.plugin('sync').service('migration').importItems({ file, orgCode: org.code, batchSize: 50 });
    expect(report).toMatchObject({ unchanged: partial, created: ROWS - partial, updated: 0, failedBatches: [], invalidRows: 0 });
    const rows: any[] = await published().select('i.title', 'i.index_no', 'i.document_id');
    expect(rows).toHaveLength(ROWS);
    expect(new Set(rows.map((r) => r.title)).size).toBe(ROWS);
    expect(new Set(rows.map((r) => r.index_no)).size).toBe(ROWS);
    const docIds = rows.map((r) => r.document_id);
    const events: any[] = await knex()('sync_outbox').whereIn('document_id', docIds).select('document_id', 'op');
    expect(events).toHaveLength(ROWS);
    expect(events.every((e) => e.op === 'upsert')).toBe(true);

    await delivery().drain({ timeoutMs: 90000 });
    const log = readLog(path.join(tmp, 'import.jsonl'));
    const applied = log.filter((e) => e.t === 'apply');
    // each published document applied once at the target (retries after failures recognised as duplicates)
    expect(applied.map((e) => e.documentId).sort()).toEqual([...docIds].sort());
    expect(new Set(applied.map((e) => e.key)).size).toBe(applied.length);
    expect(log.filter((e) => e.t === 'fail').length).toBeGreaterThan(0);
    expect(log.filter((e) => e.t === 'bad-signature')).toEqual([]);
    await killHard(rx.proc);
  }, 150000);
});
