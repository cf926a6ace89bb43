/**
 * npm run bench:api — the public API (plugins/gov-api) under load, on PostgreSQL.
 *
 *   Creates a throwaway database, bulk-loads N published items (default 100,000; --items N) over a
 *   county's catalogue trees through the bulk path (scripts/lib/bulk-items.ts), builds the search
 *   index (reindexAll, as `npm run reindex` does), starts the HTTP server and measures with
 *   autocannon (run in a child process, --connections C, --duration S seconds per scenario):
 *
 *     our /api/gov/v1/items (node filter, 20 per page), /items/:id and /search — cached and uncached
 *     (response cache disabled) — against
 *     (a) stock Strapi REST /api/disclosure-items with the same filter and the populate needed for the
 *         same fields (the Public role is given find on the content types for the benchmark only), and
 *     (b) a bare node:http server answering the same bytes (the machine's limit).
 *
 *   Prints requests/s, p50/p99 and the ratios against the targets (list ≥ 5× stock Strapi, cached ≥ 50%
 *   of the bare server, search p99 < 100 ms) and writes them to docs/benchmarks.md (section
 *   "Public API"). Drops the database afterwards unless --keep.
 *   PostgreSQL: BENCH_PG_URL or postgres://postgres@127.0.0.1:5432/postgres (the admin database).
 */
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import { spawn } from 'child_process';
import { Client } from 'pg';
import type { Core } from '@strapi/strapi';
import { bootForScript } from './lib/boot';
import { bulkInsertItems } from './lib/bulk-items';
import { NEWS_TOPICS } from './seed-data';
import { UID } from '../src/foundation/constants';

const root = path.resolve(__dirname, '..', '..');
const flag = (name: string) => process.argv.includes(`--${name}`);
const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

// ------------------------------------------------------------------------------------------------
// child mode: run autocannon (its own process, so the load generator does not share the server's event loop)

async function childMode() {
  const opts = JSON.parse(process.argv[process.argv.indexOf('--autocannon') + 1]);
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const autocannon = require('autocannon');
  const result = await autocannon({ ...opts, renderProgressBar: false, renderResultsTable: false });
  const out: Measured = {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
  process.stdout.write(`RESULT ${JSON.stringify(out)}\n`);
}

function load(url: string, opts: { connections: number; duration: number; paths?: string[]; headers?: Record<string, string> }): Promise<Measured> {
  const u = new URL(url);
  const ac: Record<string, unknown> = { url: `${u.protocol}//${u.host}`, connections: opts.connections, duration: opts.duration, headers: opts.headers ?? {} };
  const paths = opts.paths ?? [`${u.pathname}${u.search}`];
  ac.requests = paths.map((p) => ({ method: 'GET', path: p }));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [__filename, '--autocannon', JSON.stringify(ac)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line) reject(new Error(`autocannon failed (${code}): ${out.slice(-500)}`));
      else resolve(JSON.parse(line.slice(7)));
    });
  });
}

// ------------------------------------------------------------------------------------------------

async function createOrganisations(strapi: Core.Strapi) {
  const docs = (uid: string) => strapi.documents(uid as any) as any;
  const county = await docs(UID.organization).create({ data: { name: '基准县人民政府', code: '000088000', level: '县' } });
  const orgs = [county];
  for (let i = 1; i <= 11; i++) orgs.push(await docs(UID.organization).create({ data: { name: `基准县第${i}局`, code: `0000${88000 + i}`, level: '部门', parent: county.documentId } }));
  for (const [oi, org] of orgs.entries()) {
    for (let a = 0; a < 3; a++) {
      const parent = await docs(UID.catalogueNode).create({ data: { name: `一级栏目${a + 1}`, code: `BA${oi}-${a}`, kind: '其他', cadence: '常年', organization: org.documentId, sortOrder: a } });
      for (let b = 0; b < 3; b++) {
        await docs(UID.catalogueNode).create({ data: { name: `二级栏目${a + 1}-${b + 1}`, code: `BA${oi}-${a}-${b}`, kind: '动态要闻类', cadence: '每周', organization: org.documentId, parent: parent.documentId, sortOrder: b } });
      }
    }
  }
}

const PUBLIC_ACTIONS = ['find', 'findOne'].flatMap((a) => ['disclosure-item', 'organization', 'subject-category', 'catalogue-node'].map((t) => `api::${t}.${t}.${a}`));

async function grantPublic(strapi: Core.Strapi): Promise<number[]> {
  const role: any = await strapi.db.query('plugin::users-permissions.role' as any).findOne({ where: { type: 'public' } });
  const ids: number[] = [];
  for (const action of PUBLIC_ACTIONS) {
    const p: any = await strapi.db.query('plugin::users-permissions.permission' as any).create({ data: { action, role: role.id } });
    ids.push(p.id);
  }
  return ids;
}

function fmt(n: number, digits = 0) {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

async function main() {
  const ITEMS = arg('items', 100_000);
  const CONNECTIONS = arg('connections', 10);
  const DURATION = arg('duration', 10);
  const adminUrl = new URL(process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
  const db = `gov_bench_api_${process.pid}`;
  const admin = new Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${db}"`);
  const url = new URL(adminUrl.toString());
  url.pathname = `/${db}`;
  Object.assign(process.env, {
    DATABASE_CLIENT: 'postgres', DATABASE_URL: url.toString(), CRON_ENABLED: 'false',
    GOV_API_RATE_LIMIT_ENABLED: 'false', GOV_API_REINDEX_ON_BOOT_MAX: '0', DATABASE_POOL_MAX: process.env.DATABASE_POOL_MAX ?? '10',
  });
  process.env.APP_KEYS ??= 'benchA,benchB';
  for (const k of ['API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY']) process.env[k] ??= `bench-${k}`;
  const log = (m: string) => console.log(`[bench:api] ${m}`);
  let strapi: Core.Strapi | null = null;
  let bare: http.Server | null = null;
  try {
    strapi = await bootForScript(root);
    const knex: any = strapi.db.connection;
    const t0 = Date.now();
    await createOrganisations(strapi);
    await bulkInsertItems(strapi, ITEMS, (m) => process.stdout.write(`\r[bench:api] ${m}   `), 2000);
    process.stdout.write('\n');
    log(`批量写入 ${ITEMS} 条（${((Date.now() - t0) / 1000).toFixed(1)} 秒）`);
    const t1 = Date.now();
    const gov: any = strapi.plugin('gov-api');
    const counts = await gov.service('search').reindexAll((m: string) => process.stdout.write(`\r[bench:api] ${m}   `));
    process.stdout.write('\n');
    const reindexSecs = (Date.now() - t1) / 1000;
    log(`检索索引 ${counts.items} 条（${reindexSecs.toFixed(1)} 秒）`);
    await knex.raw('VACUUM ANALYZE'); // as autovacuum would eventually: statistics and the visibility map (index-only scans)
    const permissions = await grantPublic(strapi);

    strapi.server.mount();
    await new Promise<void>((resolve) => strapi!.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
    const base = `http://127.0.0.1:${(strapi.server.httpServer.address() as any).port}`;

    // the leaf node with the most items, one of its items, and search words
    const [leaf] = (await knex.raw(`SELECT n.code, COUNT(*) AS c FROM catalogue_nodes n JOIN disclosure_items_catalogue_nodes_lnk l ON l.catalogue_node_id = n.id
      JOIN disclosure_items d ON d.id = l.disclosure_item_id AND d.published_at IS NOT NULL GROUP BY n.code ORDER BY c DESC LIMIT 1`)).rows;
    const get = (p: string) => new Promise<{ status: number; body: Buffer; type: string }>((resolve, reject) => {
      http.get(`${base}${p}`, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), type: String(res.headers['content-type']) }));
      }).on('error', reject);
    });
    const listPath = `/api/gov/v1/items?node=${encodeURIComponent(leaf.code)}&limit=20`;
    const list = await get(listPath);
    if (list.status !== 200) throw new Error(`${listPath} → ${list.status} ${list.body}`);
    const firstId = JSON.parse(list.body.toString()).data[0].id as string;
    const detailPath = `/api/gov/v1/items/${firstId}`;
    const words = [...new Set(NEWS_TOPICS.flatMap((t) => [...new Intl.Segmenter('zh', { granularity: 'word' }).segment(t)].filter((s) => s.isWordLike && s.segment.length >= 2).map((s) => s.segment)))].slice(0, 20);
    const searchPaths = words.map((w) => `/api/gov/v1/search?q=${encodeURIComponent(w)}`);
    const fields = ['title', 'slug', 'indexNo', 'issuingAuthority', 'documentNumber', 'writtenDate', 'publishDate', 'genre', 'validity', 'isNormative', 'expiryDate', 'keywords', 'summary'];
    const stockFilter = `filters[catalogueNodes][code][$eq]=${encodeURIComponent(leaf.code)}&filters[scope][$eq]=${encodeURIComponent('面向社会')}&filters[disclosureMode][$eq]=${encodeURIComponent('主动公开')}&filters[secrecyLevel][$eq]=${encodeURIComponent('非密')}`;
    const stockPopulate = 'populate[organization][fields][0]=name&populate[organization][fields][1]=code&populate[organization][fields][2]=shortName&populate[subjectCategory][fields][0]=name&populate[subjectCategory][fields][1]=code';
    const stockFields = fields.map((f, i) => `fields[${i}]=${f}`).join('&');
    const stockListPath = `/api/disclosure-items?${stockFilter}&${stockPopulate}&${stockFields}&sort[0]=publishDate:desc&sort[1]=documentId:desc&pagination[pageSize]=20`;
    const stockDetailPath = `/api/disclosure-items/${firstId}?${stockPopulate}&populate[catalogueNodes][fields][0]=name&populate[catalogueNodes][fields][1]=code&populate[attachments]=true&populate[interpretations][fields][0]=title&populate[interprets][fields][0]=title`;
    for (const p of [stockListPath, stockDetailPath, detailPath, searchPaths[0]]) {
      const r = await get(p);
      if (r.status !== 200) throw new Error(`${p} → ${r.status} ${r.body.toString().slice(0, 300)}`);
    }
    const stockCount = JSON.parse((await get(stockListPath)).body.toString()).data.length;
    log(`栏目 ${leaf.code}（${leaf.c} 条）；Strapi REST 返回 ${stockCount} 条；检索词 ${words.length} 个`);

    // a bare node:http server answering the same bytes as our responses
    const bareBodies = new Map<string, { body: Buffer; type: string }>();
    for (const p of [listPath, detailPath, searchPaths[0]]) {
      const r = await get(p);
      bareBodies.set(p, { body: r.body, type: r.type });
    }
    bare = http.createServer((req, res) => {
      const hit = bareBodies.get(req.url ?? '') ?? bareBodies.get(listPath)!;
      res.writeHead(200, { 'Content-Type': hit.type, 'Content-Length': hit.body.length });
      res.end(hit.body);
    });
    await new Promise<void>((resolve) => bare!.listen(0, '127.0.0.1', () => resolve()));
    const bareBase = `http://127.0.0.1:${(bare.address() as any).port}`;

    const settings = gov.service('settings');
    const cacheOn = () => settings.configure({ cache: { enabled: true } });
    const cacheOff = () => settings.configure({ cache: { enabled: false } });
    const o = { connections: CONNECTIONS, duration: DURATION };
    const results: Record<string, Measured> = {};
    const run = async (name: string, fn: () => Promise<Measured>) => {
      log(`测量：${name} …`);
      results[name] = await fn();
      const r = results[name];
      log(`  ${fmt(r.rps)} 请求/秒  p50 ${r.p50} ms  p99 ${r.p99} ms${r.non2xx || r.errors ? `  （非2xx ${r.non2xx}，错误 ${r.errors}）` : ''}`);
    };

    cacheOn();
    await get(listPath);
    await run('list.cached', () => load(`${base}${listPath}`, o));
    cacheOff();
    await run('list.uncached', () => load(`${base}${listPath}`, o));
    await run('list.stock', () => load(`${base}${stockListPath}`, o));
    await run('list.bare', () => load(`${bareBase}${listPath}`, o));
    cacheOn();
    await get(detailPath);
    await run('detail.cached', () => load(`${base}${detailPath}`, o));
    cacheOff();
    await run('detail.uncached', () => load(`${base}${detailPath}`, o));
    await run('detail.stock', () => load(`${base}${stockDetailPath}`, o));
    await run('detail.bare', () => load(`${bareBase}${detailPath}`, o));
    cacheOn();
    await get(searchPaths[0]);
    await run('search.cached', () => load(`${base}${searchPaths[0]}`, o));
    cacheOff();
    await run('search.uncached', () => load(base, { ...o, paths: searchPaths }));
    await run('search.uncached.1', () => load(base, { ...o, connections: 1, paths: searchPaths }));
    await run('search.bare', () => load(`${bareBase}${searchPaths[0]}`, o));
    cacheOn();

    for (const id of permissions) await strapi.db.query('plugin::users-permissions.permission' as any).delete({ where: { id } });

    // report
    const R = results;
    const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
    const targets = [
      { name: '列表：本接口（缓存）÷ Strapi REST ≥ 5×', value: ratio(R['list.cached'].rps, R['list.stock'].rps), ok: ratio(R['list.cached'].rps, R['list.stock'].rps) >= 5, unit: '×' },
      { name: '列表：本接口（不缓存）÷ Strapi REST（参考）', value: ratio(R['list.uncached'].rps, R['list.stock'].rps), ok: null, unit: '×' },
      { name: '列表（缓存）÷ 裸 node:http ≥ 50%', value: ratio(R['list.cached'].rps, R['list.bare'].rps) * 100, ok: ratio(R['list.cached'].rps, R['list.bare'].rps) >= 0.5, unit: '%' },
      { name: '详情（缓存）÷ 裸 node:http ≥ 50%', value: ratio(R['detail.cached'].rps, R['detail.bare'].rps) * 100, ok: ratio(R['detail.cached'].rps, R['detail.bare'].rps) >= 0.5, unit: '%' },
      { name: '检索（缓存）÷ 裸 node:http ≥ 50%', value: ratio(R['search.cached'].rps, R['search.bare'].rps) * 100, ok: ratio(R['search.cached'].rps, R['search.bare'].rps) >= 0.5, unit: '%' },
      { name: '检索 p99 < 100 ms（不缓存，20 个检索词轮换，单连接）', value: R['search.uncached.1'].p99, ok: R['search.uncached.1'].p99 < 100, unit: ' ms' },
      { name: `检索 p99（不缓存，20 个检索词轮换，${CONNECTIONS} 个并发连接，参考）`, value: R['search.uncached'].p99, ok: null, unit: ' ms' },
    ];
    const LABELS: Record<string, string> = {
      'list.cached': '`/api/gov/v1/items?node=…&limit=20`（缓存命中）',
      'list.uncached': '`/api/gov/v1/items?node=…&limit=20`（关闭缓存）',
      'list.stock': 'Strapi REST `/api/disclosure-items`（同样筛选、populate、20 条）',
      'list.bare': '裸 node:http，同样的字节（列表）',
      'detail.cached': '`/api/gov/v1/items/:id`（缓存命中）',
      'detail.uncached': '`/api/gov/v1/items/:id`（关闭缓存）',
      'detail.stock': 'Strapi REST `/api/disclosure-items/:id`（populate 同样的关联）',
      'detail.bare': '裸 node:http，同样的字节（详情）',
      'search.cached': '`/api/gov/v1/search?q=…`（同一检索词，缓存命中）',
      'search.uncached': '`/api/gov/v1/search?q=…`（关闭缓存，20 个检索词轮换）',
      'search.uncached.1': '`/api/gov/v1/search?q=…`（关闭缓存，20 个检索词轮换，单连接）',
      'search.bare': '裸 node:http，同样的字节（检索）',
    };
    const pgVersion = (await knex.raw('SHOW server_version')).rows[0].server_version;
    const lines = [
      '## Public API (`npm run bench:api`)',
      '',
      `PostgreSQL ${pgVersion}, ${fmt(ITEMS)} published items (bulk path) over ${12 * 9} leaf catalogue nodes of 12 organisations, search index built with reindexAll in ${reindexSecs.toFixed(1)} s; ` +
        `measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'} (${Math.round(os.totalmem() / 2 ** 30)} GB), Node ${process.version}; ` +
        `autocannon in a child process on the same machine, ${CONNECTIONS} connections, ${DURATION} s per scenario, no compression (autocannon sends no Accept-Encoding), rate limit off. ` +
        'The machine is shared (2 cores, other jobs running): absolute figures vary between runs, the ratios less so.',
      '',
      '| scenario | requests/s | p50 | p99 |',
      '|---|---:|---:|---:|',
      ...Object.entries(R).map(([k, r]) => `| ${LABELS[k]} | ${fmt(r.rps)} | ${r.p50} ms | ${r.p99} ms |`),
      '',
      '| target | result | met |',
      '|---|---:|---|',
      ...targets.map((t) => `| ${t.name} | ${fmt(t.value, t.unit === '×' ? 1 : 0)}${t.unit} | ${t.ok === null ? '—' : t.ok ? '达标' : '未达标'} |`),
      '',
    ];
    console.log(`\n${lines.join('\n')}`);
    const file = path.join(root, 'docs', 'benchmarks.md');
    const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
    const section = lines.join('\n');
    const start = before.indexOf('## Public API (`npm run bench:api`)');
    let next = before;
    if (start >= 0) {
      const end = before.indexOf('\n## ', start + 5);
      next = before.slice(0, start) + section + (end >= 0 ? before.slice(end + 1) : '');
    } else {
      next = `${before.replace(/\s*$/, '')}\n\n${section}`;
    }
    fs.writeFileSync(file, next.endsWith('\n') ? next : `${next}\n`);
    log(`已写入 ${path.relative(root, file)}`);
  } finally {
    if (bare) await new Promise((r) => bare!.close(r));
    if (strapi) {
      await new Promise((r) => strapi!.server.httpServer.close(r));
      await strapi.destroy();
    }
    if (!flag('keep')) await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
    else log(`保留数据库 ${db}`);
    await admin.end();
  }
}

if (process.argv.includes('--autocannon')) {
  childMode().then(() => process.exit(0), (err) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().then(() => process.exit(0), (err) => {
    console.error('[bench:api] 失败：', err?.stack ?? err);
    process.exit(1);
  });
}
