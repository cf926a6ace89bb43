/**
 * gov-api HTTP behaviour: Strapi's error shape with Chinese messages and never a 500 for bad input,
 * ETag / If-None-Match → 304 and Last-Modified, gzip/brotli, configurable CORS, per-IP rate limit
 * (429 + Retry-After), the in-memory response cache and its invalidation on publish / change /
 * unpublish — across nodes on PostgreSQL (LISTEN/NOTIFY: a NOTIFY from another connection, and a
 * second Strapi process publishing) — and the standard REST routes closed to the Public role.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'child_process';
import http from 'http';
import path from 'path';
import zlib from 'zlib';
import { Client } from 'pg';
import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi } from '../helpers/strapi';
import { isPg } from '../helpers/env';
import { makeOrg, orgCode } from '../helpers/fixtures';
import { OpenApiChecker, UIDS, agent, docs, get, plugin, publish, relax, uniq, unpublish } from '../../plugins/gov-api/server/src/__tests__/support';

let strapi: Core.Strapi;
let checker: OpenApiChecker;
let org: any;
let node: any;
const published: any[] = [];

beforeAll(async () => {
  strapi = await setupStrapi();
  relax(strapi);
  checker = new OpenApiChecker((await get(strapi, '/openapi.json')).body);
  org = await makeOrg(strapi, { name: '缓存测试县人民政府', code: orgCode() });
  node = await docs(strapi, UIDS.node).create({ data: { name: '通知公告', code: uniq('HT'), kind: '通知公告类', cadence: '每周', organization: org.documentId } });
  for (let i = 0; i < 30; i++) {
    const item = await docs(strapi, UIDS.item).create({
      data: { title: `关于开展第${i + 1}批政务公开检查的通知`, organization: org.documentId, publishDate: `2025-0${1 + (i % 9)}-1${i % 10}`, catalogueNodes: [node.documentId], summary: '检查安排'.repeat(20), body: '正文' },
    });
    await publish(strapi, UIDS.item, item.documentId);
    published.push(item);
  }
}, 240000);
afterAll(teardownStrapi);

const cacheState = (res: any) => res.headers['x-gov-cache'];

describe('errors: Strapi shape, Chinese, 400 not 500', () => {
  const bad: Array<[string, RegExp]> = [
    ['/items?foo=1', /不支持的查询参数“foo”/],
    ['/items?from=2025-13-01', /必须是有效日期/],
    ['/items?from=2025-02-30', /必须是有效日期/],
    ['/items?to=yesterday', /必须是有效日期/],
    ['/items?from=2025-06-01&to=2025-01-01', /不能晚于/],
    ['/items?limit=101', /不能大于 100/],
    ['/items?limit=0', /不能小于 1/],
    ['/items?limit=abc', /必须是整数/],
    ['/items?cursor=garbage', /cursor（游标）无效/],
    ['/items?cursor=c1.eyJ4Ijox', /cursor（游标）无效/],
    ['/items?page=2&cursor=x', /不能同时使用/],
    ['/items?genre=%E5%B0%8F%E8%AF%B4', /体裁分类）的值“小说”无效/],
    ['/items?genre=%E9%80%9A%E7%9F%A5&genre=%E5%85%AC%E5%91%8A', /只能出现一次/],
    ['/items?filters[title][$eq]=x', /不支持的查询参数“filters”/],
    ['/items?fields=title,internalNote', /未知字段“internalNote”/],
    ['/items?node=NOPE', /栏目“NOPE”不存在/],
    ['/items?category=NOPE', /分类“NOPE”不存在/],
    ['/items?year=1800', /不能小于 1949/],
    ['/items?sort=title', /排序）的值“title”无效/],
    ['/laws?effectiveOn=2025-1-1', /必须是有效日期/],
    ['/laws?status=%E6%9C%AA%E7%9F%A5', /效力状态）的值“未知”无效/],
    ['/search?q=', /缺少必填参数 q/],
    ['/search?q=' + 'a'.repeat(101), /不能超过 100 个字符/],
    ['/annual-reports?year=x', /必须是整数/],
    ['/openapi.json?x=1', /该接口不接受查询参数/],
  ];
  it.each(bad)('%s → 400', async (url, message) => {
    const res = await get(strapi, url);
    checker.check(res, `/api/gov/v1${url}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError', details: { errors: [expect.objectContaining({ path: expect.any(Array) })] } } });
    expect(res.body.error.message).toMatch(message);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('a cursor of another list or order is refused', async () => {
    const laws = await get(strapi, '/laws?limit=1');
    const first = await get(strapi, '/items?limit=1');
    const itemsCursor = first.body.meta.pagination.nextCursor;
    expect((await get(strapi, `/items?limit=1&sort=publishDate:asc&cursor=${itemsCursor}`)).status).toBe(400);
    expect((await get(strapi, `/laws?cursor=${itemsCursor}`)).status).toBe(400);
    expect(laws.status).toBe(200);
  });

  it('never answers 500, whatever junk is sent to any parameter of any route', async () => {
    const doc = checker['doc' as keyof OpenApiChecker] as any;
    const junk = ['', ' ', '-1', '0', '1e9', '99999999999', '2025-02-29', '%00', "'; DROP TABLE disclosure_items;--", '"', '\\', '<script>', '中文', '..%2F..', 'c1.', 'c1.W10', 'a,b', ',', 'NaN', 'null', '[]', '{}'];
    for (const [template, item] of Object.entries<any>(doc.paths)) {
      if (!item.get) continue; // POST /requests: its body is tested in requests-public.test.ts
      const p = template.replace('{id}', 'x').replace('{feed}', `${node.code}.rss`).replace('{trackingNo}', 'YSQ2025000001');
      for (const prm of item.get.parameters.filter((x: any) => x.in === 'query')) {
        for (const j of junk) {
          const res = await get(strapi, `${p}?${prm.name}=${encodeURIComponent(j)}${prm.name !== 'q' && template === '/search' ? '&q=x' : ''}`);
          expect([template, prm.name, j, res.status < 500]).toEqual([template, prm.name, j, true]);
          if (res.status >= 400) expect(res.body.error.status).toBe(res.status);
        }
      }
    }
    for (const id of ['%E2%80%8B', 'a'.repeat(500), '%25', "x'or'1'='1", '000014349%2F2025-00001']) {
      for (const base of ['/items/', '/laws/', '/annual-reports/']) {
        const res = await get(strapi, `${base}${id}`);
        expect(res.status).toBe(404);
        expect(res.body.error).toMatchObject({ status: 404, name: 'NotFoundError' });
      }
    }
  });

  it('only GET: other methods get 405 in Strapi shape', async () => {
    const res = await agent(strapi).post('/api/gov/v1/items').send({ title: 'x' });
    expect(res.status).toBe(405);
    expect(res.body.error).toMatchObject({ status: 405, message: expect.stringContaining('只支持 GET') });
  });
});

describe('conditional requests and compression', () => {
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${(strapi.server.httpServer.address() as any).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => strapi.server.httpServer.close(() => resolve())));
  /** The raw bytes on the wire (supertest would decompress them). */
  const rawGet = (url: string, headers: Record<string, string>) =>
    new Promise<{ headers: Record<string, any>; body: Buffer }>((resolve, reject) => {
      http.get(`${base}${url}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      }).on('error', reject);
    });

  it('ETag + If-None-Match → 304 (on a miss and on a hit), Last-Modified + If-Modified-Since → 304, Cache-Control', async () => {
    plugin(strapi).service('cache').flush('test');
    const first = await get(strapi, '/items?limit=5');
    expect(cacheState(first)).toBe('miss');
    const etag = first.headers.etag;
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
    expect(first.headers['cache-control']).toMatch(/^public, max-age=\d+/);
    expect(first.headers['last-modified']).toBeDefined();
    const hit = await get(strapi, '/items?limit=5', { 'If-None-Match': etag });
    expect([hit.status, cacheState(hit), hit.text]).toEqual([304, 'hit', '']);
    expect(hit.headers.etag).toBe(etag);
    checker.check(hit, '/api/gov/v1/items?limit=5');
    plugin(strapi).service('cache').flush('test');
    const miss304 = await get(strapi, '/items?limit=5', { 'If-None-Match': `"other", ${etag}` });
    expect([miss304.status, cacheState(miss304)]).toEqual([304, 'miss']);
    const ims = await get(strapi, '/items?limit=5', { 'If-Modified-Since': first.headers['last-modified'] });
    expect(ims.status).toBe(304);
    const changed = await get(strapi, '/items?limit=5', { 'If-None-Match': 'W/"stale"' });
    expect(changed.status).toBe(200);
    // the same query in another parameter order is the same cache entry
    const reordered = await get(strapi, `/items?node=${node.code}&limit=5`);
    const again = await get(strapi, `/items?limit=5&node=${node.code}`);
    expect([cacheState(reordered), cacheState(again), again.headers.etag]).toEqual(['miss', 'hit', reordered.headers.etag]);
  });

  it('cache hits are answered before Koa, with the headers of the miss; HEAD carries no body', async () => {
    const app: any = (strapi.server as any).app;
    let throughKoa = 0;
    const counter = async (_ctx: any, next: () => Promise<unknown>) => {
      throughKoa++;
      await next();
    };
    app.middleware.unshift(counter); // Strapi composes the Koa stack per request: counts from the next request on
    try {
      plugin(strapi).service('cache').flush('test');
      plugin(strapi).service('headerTemplates').clear(); // no read route answered by Koa yet: this miss goes through Koa
      const miss = await get(strapi, '/items?limit=3', { Origin: 'https://portal.example' });
      expect([cacheState(miss), throughKoa]).toEqual(['miss', 1]);
      const hit = await get(strapi, '/items?limit=3', { Origin: 'https://portal.example' });
      expect([cacheState(hit), throughKoa]).toEqual(['hit', 1]);
      // per-response headers aside (the miss streams through koa-compress; Strapi's global CORS adds Vary: Origin, which
      // the allow-all origin setting does not need), a hit replays the miss's headers
      const same = (h: Record<string, string>) => {
        const { date: _d, 'x-gov-cache': _c, 'x-gov-cache-ratio': _r, 'transfer-encoding': _t, 'content-length': _l, vary: _v, ...rest } = h as any;
        return rest;
      };
      expect(same(hit.headers)).toEqual(same(miss.headers));
      expect(hit.headers.vary).toMatch(/Accept-Encoding/);
      expect(hit.text).toBe(miss.text);
      const head = await agent(strapi).head('/api/gov/v1/items?limit=3');
      expect([head.status, cacheState(head), head.headers['content-length'], head.text ?? '', throughKoa]).toEqual([200, 'hit', String(Buffer.byteLength(miss.text)), '', 1]);
    } finally {
      app.middleware.splice(app.middleware.indexOf(counter), 1);
    }
  });

  it('misses of list and detail pages the read model holds are answered before Koa too: same bytes, same headers', async () => {
    const app: any = (strapi.server as any).app;
    let throughKoa = 0;
    const counter = async (_ctx: any, next: () => Promise<unknown>) => {
      throughKoa++;
      await next();
    };
    const same = (h: Record<string, string>) => {
      // per-request values aside (the time, the bucket's remaining tokens, the ratio; Koa streams through koa-compress)
      const { date: _d, 'x-gov-cache-ratio': _r, 'ratelimit-remaining': _rr, 'transfer-encoding': _t, 'content-length': _l, vary: _v, ...rest } = h as any;
      return rest;
    };
    const templates = plugin(strapi).service('headerTemplates');
    const readModel = plugin(strapi).service('readModel');
    app.middleware.unshift(counter);
    try {
      const detailId = published[0].documentId;
      for (const url of [`/items?node=${node.code}&limit=4`, `/items/${detailId}`, `/items/${encodeURIComponent(published[0].indexNo)}`, '/laws?limit=2']) {
        templates.clear();
        plugin(strapi).service('cache').flush('test');
        const before = throughKoa;
        const koa = await get(strapi, url, { Origin: 'https://portal.example' });
        expect([url, koa.status, cacheState(koa), throughKoa - before]).toEqual([url, 200, 'miss', 1]);
        plugin(strapi).service('cache').flush('test');
        const served = readModel.served().lists + readModel.served().details;
        const edge = await get(strapi, url, { Origin: 'https://portal.example' });
        expect([url, edge.status, cacheState(edge), throughKoa - before]).toEqual([url, 200, 'miss', 1]);
        expect(readModel.served().lists + readModel.served().details).toBe(served + 1);
        expect(edge.text).toBe(koa.text);
        expect(same(edge.headers)).toEqual(same(koa.headers));
        // and it is stored: the next one is a hit
        const hit = await get(strapi, url);
        expect([cacheState(hit), hit.headers.etag]).toEqual(['hit', koa.headers.etag]);
      }
      // what the read model does not hold, what is refused, what is not there: Koa, as before
      for (const [url, status] of [
        [`/items?node=${node.code}&limit=4&fields=title`, 200],
        ['/items?limit=abc', 400],
        ['/items?limit=3&limit=4', 400],
        ['/items?limit', 400],
        ['/items?foo[bar]=1', 400],
        ['/items/no-such-document', 404],
        [`/items/${detailId}?format=wx`, 200],
      ] as const) {
        plugin(strapi).service('cache').flush('test');
        const before = throughKoa;
        const res = await get(strapi, url);
        expect([url, res.status, throughKoa - before]).toEqual([url, status, 1]);
        if (status !== 200) expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      }
      // HEAD, and a conditional request, on the read path
      plugin(strapi).service('cache').flush('test');
      const full = await get(strapi, `/items?node=${node.code}&limit=2`);
      plugin(strapi).service('cache').flush('test');
      const before = throughKoa;
      const head = await agent(strapi).head(`/api/gov/v1/items?node=${node.code}&limit=2`);
      expect([head.status, head.headers['content-length'], head.text ?? '']).toEqual([200, String(Buffer.byteLength(full.text)), '']);
      plugin(strapi).service('cache').flush('test');
      const notModified = await get(strapi, `/items?node=${node.code}&limit=2`, { 'If-None-Match': full.headers.etag });
      expect([notModified.status, cacheState(notModified), throughKoa - before]).toEqual([304, 'miss', 0]);
    } finally {
      app.middleware.splice(app.middleware.indexOf(counter), 1);
    }
  });

  it('gzip and brotli, on misses and hits, decompressing to the same bytes', async () => {
    plugin(strapi).service('cache').flush('test');
    const plain = await get(strapi, '/items?limit=30', { 'Accept-Encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text.length).toBeGreaterThan(2000);
    for (const [enc, decode] of [['gzip', zlib.gunzipSync], ['br', zlib.brotliDecompressSync]] as const) {
      plugin(strapi).service('cache').flush('test');
      for (const expected of ['miss', 'hit']) {
        const res = await rawGet('/api/gov/v1/items?limit=30', { 'Accept-Encoding': enc });
        expect([enc, expected, res.headers['content-encoding'], cacheState(res)]).toEqual([enc, expected, enc, expected]);
        expect(res.headers.vary).toMatch(/Accept-Encoding/);
        expect(decode(res.body as Buffer).toString('utf8')).toBe(plain.text);
      }
    }
    const small = await get(strapi, '/items?limit=1&fields=title', { 'Accept-Encoding': 'gzip' });
    expect(small.headers['content-encoding']).toBeUndefined();
  });
});

describe('CORS and rate limit (plugin config)', () => {
  afterEach(() => {
    plugin(strapi).service('settings').configure({ cors: { origins: ['*'] } });
    relax(strapi);
  });

  it('allows the configured origins only, answers preflights', async () => {
    expect((await get(strapi, '/items?limit=1', { Origin: 'https://anything.example' })).headers['access-control-allow-origin']).toBe('*');
    plugin(strapi).service('settings').configure({ cors: { origins: ['https://portal.example.gov.cn'] } });
    const ok = await get(strapi, '/items?limit=1', { Origin: 'https://portal.example.gov.cn' });
    expect(ok.headers['access-control-allow-origin']).toBe('https://portal.example.gov.cn');
    expect(ok.headers['access-control-expose-headers']).toContain('ETag');
    expect(ok.headers.vary).toMatch(/Origin/);
    const hit = await get(strapi, '/items?limit=1', { Origin: 'https://evil.example' });
    expect(cacheState(hit)).toBe('hit');
    expect(hit.headers['access-control-allow-origin']).toBeUndefined();
    const pre = await agent(strapi).options('/api/gov/v1/items').set('Origin', 'https://portal.example.gov.cn')
      .set('Access-Control-Request-Method', 'GET').set('Access-Control-Request-Headers', 'If-None-Match, X-Evil');
    expect(pre.status).toBe(204);
    expect(pre.headers).toMatchObject({ 'access-control-allow-origin': 'https://portal.example.gov.cn', 'access-control-allow-methods': 'GET, HEAD, OPTIONS', 'access-control-allow-headers': 'if-none-match' });
    const denied = await agent(strapi).options('/api/gov/v1/items').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'GET');
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('429 with Retry-After once the bucket is empty, refilled over time', async () => {
    plugin(strapi).service('settings').configure({ rateLimit: { enabled: true, ratePerSecond: 2, burst: 3 } });
    plugin(strapi).service('rateLimit').reset();
    const statuses: number[] = [];
    let limited: any;
    for (let i = 0; i < 5; i++) {
      const res = await get(strapi, '/items?limit=1');
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses[4]).toBe(429);
    checker.check(limited, '/api/gov/v1/items?limit=1');
    expect(limited.headers['retry-after']).toBe('1');
    expect(limited.body).toEqual({ data: null, error: { status: 429, name: 'TooManyRequestsError', message: '请求过于频繁，请在 1 秒后重试', details: { retryAfter: 1 } } });
    await new Promise((r) => setTimeout(r, 1100));
    expect((await get(strapi, '/items?limit=1')).status).toBe(200);
  });
});

describe('response cache invalidation', () => {
  it('serves from memory, and publishing, changing and unpublishing show at once', async () => {
    const url = `/items?node=${node.code}&limit=100`;
    const before = await get(strapi, url);
    const cached = await get(strapi, url);
    expect(cacheState(cached)).toBe('hit');
    const created = await docs(strapi, UIDS.item).create({ data: { title: '新发布的缓存测试通知', organization: org.documentId, publishDate: '2026-02-01', catalogueNodes: [node.documentId] } });
    // a draft changes nothing public: still a hit
    expect(cacheState(await get(strapi, url))).toBe('hit');
    await publish(strapi, UIDS.item, created.documentId);
    const afterPublish = await get(strapi, url);
    expect(cacheState(afterPublish)).toBe('miss');
    expect(afterPublish.body.data[0].title).toBe('新发布的缓存测试通知');
    expect(afterPublish.body.meta.pagination.total).toBe(before.body.meta.pagination.total + 1);
    const detail = await get(strapi, `/items/${created.documentId}`);
    expect(detail.status).toBe(200);
    // a change to a live type (organisation name) shows at once
    await docs(strapi, UIDS.org).update({ documentId: org.documentId, data: { name: '缓存测试县人民政府（更名）' } });
    expect((await get(strapi, `/items/${created.documentId}`)).body.data.organization.name).toBe('缓存测试县人民政府（更名）');
    await unpublish(strapi, UIDS.item, created.documentId);
    expect((await get(strapi, `/items/${created.documentId}`)).status).toBe(404);
    expect((await get(strapi, url)).body.data.map((d: any) => d.id)).not.toContain(created.documentId);
    expect((await get(strapi, `/search?q=${encodeURIComponent('缓存测试')}`)).body.data).toEqual([]);
  });

  if (isPg()) {
    it('PostgreSQL: a NOTIFY from another connection clears this node\'s cache', async () => {
      const notifier = plugin(strapi).service('notifier');
      expect(notifier.mode).toBe('postgres');
      expect(notifier.listening).toBe(true);
      const url = '/items?limit=2';
      await get(strapi, url);
      expect(cacheState(await get(strapi, url))).toBe('hit');
      // change the data behind the node's back — as another node's write does: the row and its read-model entry in one
      // transaction (that node's Document Service stage), no local flush — then notify from a separate connection
      const first = (await get(strapi, url)).body.data[0];
      await strapi.db.connection.transaction(async (trx: any) => {
        await trx('disclosure_items').where({ document_id: first.id }).whereNotNull('published_at').update({ title: '另一节点修改的标题' });
        await plugin(strapi).service('readModel').syncDocuments(trx, 'item', [first.id]);
      });
      expect((await get(strapi, url)).body.data[0].title).toBe(first.title); // stale, cached
      const other = new Client({ connectionString: process.env.DATABASE_URL });
      await other.connect();
      const received = notifier.received;
      await other.query(`SELECT pg_notify('gov_api_cache', '{"node":"another-node","reason":"test"}')`);
      await other.end();
      const deadline = Date.now() + 5000;
      while (notifier.received === received && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const fresh = await get(strapi, url);
      expect([cacheState(fresh), fresh.body.data[0].title]).toEqual(['miss', '另一节点修改的标题']);
    });

    it('PostgreSQL: a second Strapi process publishing invalidates this node within seconds', async () => {
      const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [path.join(__dirname, '../../plugins/gov-api/server/src/__tests__/node-child.js')], { env: process.env, stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      const waitFor = async (text: string, ms: number) => {
        const deadline = Date.now() + ms;
        while (!out.includes(text)) {
          if (Date.now() > deadline || child.exitCode !== null) throw new Error(`child: no ${text} (${child.exitCode}) ${err.slice(-2000)}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      try {
        await waitFor('READY', 90000);
        const url = `/items?org=${org.documentId}&limit=1`;
        await get(strapi, url);
        expect(cacheState(await get(strapi, url))).toBe('hit');
        child.stdin.write(`PUBLISH ${org.documentId} 第二节点发布的通知\n`);
        await waitFor('PUBLISHED', 30000);
        const documentId = /PUBLISHED (\S+)/.exec(out)![1];
        const started = Date.now();
        let seen = false;
        while (!seen && Date.now() - started < 5000) {
          seen = (await get(strapi, url)).body.data[0]?.id === documentId;
          if (!seen) await new Promise((r) => setTimeout(r, 50));
        }
        expect(seen).toBe(true);
        // the index is shared: this node finds it too
        expect((await get(strapi, `/search?q=${encodeURIComponent('第二节点')}`)).body.data.map((h: any) => h.id)).toEqual([documentId]);
      } finally {
        child.stdin.write('EXIT\n');
        await new Promise((r) => child.once('exit', r));
      }
    }, 150000);
  } else {
    it('SQLite: one process per database file, invalidation in-process', () => {
      expect(plugin(strapi).service('notifier').mode).toBe('in-process');
    });
  }
});

describe('standard Strapi REST routes stay closed to the Public role', () => {
  it.each(['disclosure-items', 'laws', 'annual-reports', 'catalogue-nodes', 'organizations', 'subject-categories', 'disclosure-requests'])('GET /api/%s → 403', async (name) => {
    const res = await agent(strapi).get(`/api/${name}`);
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ status: 403, name: 'ForbiddenError' });
  });
});
