/**
 * npm run bench:api — the public API (plugins/gov-api) under load, on PostgreSQL (issue 18).
 *
 *   A throwaway database; a county of 12 organisations with 144 catalogue nodes (Document Service);
 *   N published items (default 100,000; --items N) through the bulk path (scripts/lib/bulk-items.ts:
 *   INSERT … SELECT FROM unnest per batch, search index rows in the same transaction), the public read
 *   model rebuilt when the build has one (timed), VACUUM ANALYZE. Then, in one run:
 *
 *     hot        cached list / detail / search, and a bare node:http server answering the same bytes
 *     uncached   list / detail / search with the response cache off, stock Strapi REST for the same list
 *                and detail on a node of its own, S (the Public role gets find for the benchmark only), and a bare node:http + pg
 *                server running the SQL our list handler ran for the same URL (captured from knex)
 *     longtail   3,780 URLs (3,000 item pages, 5 list pages of each of the 144 nodes, 60 searches),
 *                each request a random pick (scripts/lib/url-mix.ts), cache as in production
 *     twonodes   node B on the same database; the long tail through a round-robin proxy
 *                (scripts/lib/round-robin-proxy.ts) to A alone, then to A and B: the scaling factor
 *     staleness  publish on A (Document Service: edit the draft, approval, publish), poll B until it
 *                serves the new title; --staleness-runs times (default 50), p50/p99/max ms
 *     large      the database grown to 1,000,000 items (--items-large N; --skip-1m to leave it out),
 *                read model rebuilt, nodes restarted: long tail, uncached list, search on one connection
 *   and the resident memory (RSS) of every node after its runs.
 *
 *   Every Strapi node is its own process (`--node`, driven over IPC), autocannon runs in another
 *   (`--autocannon`), so no load generator shares a server's event loop and RSS is per node.
 *   Options: --duration S (per scenario, default 10), --connections C (default 10), --only a,b (scenarios
 *   above), --staleness-runs N, --keep (leave the database), --reuse <db> (measure on a kept database at
 *   its size; no load), --no-write, --profile <dir> (each node writes a V8 CPU profile there when it stops). Writes the section "Public API" of docs/benchmarks.md after a full run
 *   (not with --only or --reuse unless --write).
 *   PostgreSQL: BENCH_PG_URL or postgres://postgres@127.0.0.1:5432/postgres (the admin database).
 */
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import { fork, spawn, type ChildProcess } from 'child_process';
import { Client, Pool } from 'pg';
import type { Core } from '@strapi/strapi';
import { bootForScript } from './lib/boot';
import { bulkInsertItems } from './lib/bulk-items';
import { longTailMix, randomPicker, sample } from './lib/url-mix';
import { startRoundRobinProxy } from './lib/round-robin-proxy';
import { NEWS_TOPICS } from './seed-data';
import { UID } from '../src/foundation/constants';

const root = path.resolve(__dirname, '..', '..');
const argv = process.argv;
const flag = (name: string) => argv.includes(`--${name}`);
const arg = (name: string, def: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : def;
};
const argStr = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const log = (m: string) => console.log(`[bench:api] ${m}`);
const progress = (m: string) => process.stdout.write(`\r[bench:api] ${m}   `);

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  requests: number;
  /** the machine's CPUs busy during the run, in cores (from /proc/stat; all processes: nodes, PostgreSQL, load generator, proxy) */
  coresBusy?: number;
}

/** Busy and total jiffies of all CPUs so far (/proc/stat); null where there is none. */
function cpuTimes(): { busy: number; total: number } | null {
  try {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = f.reduce((a, b) => a + b, 0);
    return { busy: total - f[3] - (f[4] ?? 0), total };
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------------------------------------
// child: autocannon (its own process, so the load generator does not share a server's event loop)

interface LoadSpec {
  url: string;
  connections: number;
  duration: number;
  paths?: string[];
  /** each request a uniform random pick from pathsFile (one path a line) */
  pathsFile?: string;
  seed?: number;
}

async function autocannonMode() {
  const spec: LoadSpec = JSON.parse(argv[argv.indexOf('--autocannon') + 1]);
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const autocannon = require('autocannon');
  const opts: Record<string, unknown> = { url: spec.url, connections: spec.connections, duration: spec.duration, renderProgressBar: false, renderResultsTable: false };
  if (spec.pathsFile) {
    const pick = randomPicker(fs.readFileSync(spec.pathsFile, 'utf8').split('\n').filter(Boolean), spec.seed ?? 1);
    opts.requests = [{ method: 'GET', setupRequest: (req: any) => ({ ...req, path: pick() }) }];
  } else {
    opts.requests = (spec.paths ?? ['/']).map((p) => ({ method: 'GET', path: p }));
  }
  const result = await autocannon(opts);
  const out: Measured = {
    rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99,
    non2xx: result.non2xx, errors: result.errors + result.timeouts, requests: result.requests.total,
  };
  process.stdout.write(`RESULT ${JSON.stringify(out)}\n`);
}

function load(spec: LoadSpec): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [__filename, '--autocannon', JSON.stringify(spec)], { stdio: ['ignore', 'pipe', 'inherit'] });
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
// child: one Strapi node, driven over IPC

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

async function grantPublic(strapi: Core.Strapi) {
  const role: any = await strapi.db.query('plugin::users-permissions.role' as any).findOne({ where: { type: 'public' } });
  for (const action of PUBLIC_ACTIONS) await strapi.db.query('plugin::users-permissions.permission' as any).create({ data: { action, role: role.id } });
}

/** The public read model's rebuild, when this build has one (issue 18, another slice): timed, else null. */
async function rebuildReadModel(strapi: Core.Strapi): Promise<number | null> {
  const gov: any = strapi.plugin('gov-api');
  const candidates = ['readModel', 'read-model'];
  for (const name of candidates) {
    let svc: any;
    try {
      svc = gov.service(name);
    } catch {
      svc = undefined;
    }
    if (svc && typeof svc.rebuild === 'function') {
      const t = Date.now();
      await svc.rebuild((m: string) => progress(`读模型 ${m}`));
      process.stdout.write('\n');
      return (Date.now() - t) / 1000;
    }
  }
  return null;
}

/**
 * After a load: CHECKPOINT, so the measurements do not run while the checkpointer writes out the gigabytes the
 * load left dirty (at 1,000,000 items it did for minutes, stalling the first scenarios: 0 req/s for 5 s).
 */
async function settle(knex: any) {
  await knex.raw('CHECKPOINT').catch((err: any) => log(`CHECKPOINT 未执行（${err?.message ?? err}）：测量可能与检查点写盘重叠`));
}

async function nodeMode() {
  const name = argStr('node') ?? 'node';
  const strapi = await bootForScript(root);
  const knex: any = strapi.db.connection;
  const gov: any = strapi.plugin('gov-api');
  let base = '';
  const handlers: Record<string, (args: any) => Promise<unknown>> = {
    async setup(a: { items: number; first: boolean; seed: number }) {
      const t0 = Date.now();
      if (a.first) {
        await createOrganisations(strapi);
        await grantPublic(strapi);
      }
      await bulkInsertItems(strapi, a.items, progress, 5000, { index: true, seed: a.seed });
      process.stdout.write('\n');
      const insertSecs = (Date.now() - t0) / 1000;
      const readModelSecs = await rebuildReadModel(strapi);
      const t1 = Date.now();
      await knex.raw('VACUUM ANALYZE'); // as autovacuum would eventually: statistics and the visibility map (index-only scans)
      await settle(knex);
      return { insertSecs, readModelSecs, vacuumSecs: (Date.now() - t1) / 1000 };
    },
    async rebuild() {
      const readModelSecs = await rebuildReadModel(strapi);
      const t1 = Date.now();
      await knex.raw('VACUUM ANALYZE');
      await settle(knex);
      return { readModelSecs, vacuumSecs: (Date.now() - t1) / 1000 };
    },
    async listen() {
      strapi.server.mount();
      await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
      base = `http://127.0.0.1:${(strapi.server.httpServer.address() as any).port}`;
      return base;
    },
    async configure(partial: Record<string, unknown>) {
      gov.service('settings').configure(partial);
      return null;
    },
    async flush() {
      gov.service('cache').flush?.('bench');
      return null;
    },
    async settings() {
      return gov.service('settings').get();
    },
    async cacheStats() {
      const c = gov.service('cache');
      return { hits: c.hits, misses: c.misses, size: c.size, bytes: c.bytes ?? null };
    },
    /** the SQL (SELECT / WITH) our handler runs for one uncached request of `path` */
    async capture(a: { path: string }) {
      const seen: Array<{ sql: string; bindings: unknown[] }> = [];
      const onQuery = (q: any) => {
        if (/^\s*(select|with)\b/i.test(q.sql)) seen.push({ sql: q.sql, bindings: q.bindings ?? [] });
      };
      const wasEnabled = gov.service('settings').get().cache.enabled;
      gov.service('settings').configure({ cache: { enabled: false } });
      knex.on('query', onQuery);
      try {
        const r = await fetch(`${base}${a.path}`);
        if (r.status !== 200) throw new Error(`${a.path} → ${r.status}`);
        await r.arrayBuffer();
      } finally {
        knex.removeListener('query', onQuery);
        gov.service('settings').configure({ cache: { enabled: wasEnabled } });
      }
      return seen;
    },
    /** a new version of a published item through the Document Service: edit the draft, approval, publish */
    async publish(a: { documentId: string; title: string }) {
      const t0 = Date.now();
      const docs: any = strapi.documents(UID.item as any);
      await docs.update({ documentId: a.documentId, data: { title: a.title } });
      await strapi.plugin('review-workflow').service('workflow').approveForImport(UID.item, a.documentId, { comment: '基准测试：跨节点时效' });
      await docs.publish({ documentId: a.documentId });
      const at = Date.now();
      return { at, ms: at - t0 };
    },
    async stop() {
      if (base) await new Promise((r) => strapi.server.httpServer.close(r));
      await strapi.destroy();
      return null;
    },
  };
  process.on('message', async (m: any) => {
    try {
      const result = await handlers[m.cmd](m.args);
      process.send!({ id: m.id, ok: true, result });
      if (m.cmd === 'stop') setTimeout(() => process.exit(0), 50);
    } catch (err: any) {
      process.send!({ id: m.id, ok: false, error: `[${name}] ${err?.stack ?? err}` });
    }
  });
  process.on('disconnect', () => process.exit(0)); // the parent died: never leave a server behind
  process.send!({ ready: true });
}

class StrapiNode {
  url = '';
  private seq = 0;
  private pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  private constructor(readonly name: string, private child: ChildProcess) {
    child.on('message', (m: any) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      else p.reject(new Error(m.error));
    });
    child.on('exit', (code) => {
      for (const p of this.pending.values()) p.reject(new Error(`${name} exited (${code})`));
      this.pending.clear();
    });
  }

  static start(name: string): Promise<StrapiNode> {
    // --profile <dir>: every Strapi node writes a V8 CPU profile there when it stops (open in Chrome DevTools)
    const profileDir = argStr('profile');
    const execArgv = profileDir ? [...process.execArgv, '--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : process.execArgv;
    const child = fork(__filename, ['--node', name], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv });
    return new Promise((resolve, reject) => {
      child.once('message', (m: any) => (m?.ready ? resolve(new StrapiNode(name, child)) : reject(new Error(`${name}: ${JSON.stringify(m)}`))));
      child.once('exit', (code) => reject(new Error(`${name} exited during boot (${code})`)));
    });
  }

  get pid() {
    return this.child.pid!;
  }

  call<T = any>(cmd: string, args: unknown = {}): Promise<T> {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, cmd, args });
    });
  }

  async listen() {
    this.url = await this.call<string>('listen');
    return this;
  }

  /** resident and peak resident memory from /proc (MB) */
  memory(): { rss: number; hwm: number } {
    const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  }

  async stop() {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    await this.call('stop').catch(() => undefined);
    await exited;
  }

  kill() {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

// ------------------------------------------------------------------------------------------------

function fmt(n: number, digits = 0) {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function percentile(values: number[], p: number) {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
}

function get(base: string, p: string) {
  return new Promise<{ status: number; body: Buffer; type: string }>((resolve, reject) => {
    http.get(`${base}${p}`, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), type: String(res.headers['content-type']) }));
    }).on('error', reject);
  });
}

async function getOk(base: string, p: string) {
  const r = await get(base, p);
  if (r.status !== 200) throw new Error(`${p} → ${r.status} ${r.body.toString().slice(0, 300)}`);
  return r;
}

const SCENARIOS = ['hot', 'uncached', 'longtail', 'twonodes', 'staleness', 'large'] as const;
type Scenario = (typeof SCENARIOS)[number];

interface PhaseFacts {
  items: number;
  setup?: { insertSecs: number; readModelSecs: number | null; vacuumSecs: number };
  results: Record<string, Measured>;
  memory: Record<string, { rss: number; hwm: number }>;
  /** the node that served stock Strapi REST only (S), when it stopped */
  stockMemory?: { rss: number; hwm: number };
  cacheHitRatio?: number;
  proxyCounts?: number[];
  capturedStatements?: number;
}

async function main() {
  const ITEMS = arg('items', 100_000);
  const LARGE = arg('items-large', 1_000_000);
  const CONNECTIONS = arg('connections', 10);
  const DURATION = arg('duration', 10);
  const STALENESS_RUNS = arg('staleness-runs', 50);
  const only = argStr('only')?.split(',').map((s) => s.trim()) as Scenario[] | undefined;
  for (const s of only ?? []) if (!SCENARIOS.includes(s)) throw new Error(`--only: 未知场景 ${s}（可选：${SCENARIOS.join(', ')}）`);
  const wants = (s: Scenario) => (only ? only.includes(s) : s !== 'large' || !flag('skip-1m'));
  const reuse = argStr('reuse');
  if (reuse !== undefined && !/^[a-z0-9_]+$/.test(reuse)) throw new Error(`--reuse: 不是数据库名：${reuse}`);
  const keep = flag('keep') || reuse !== undefined;
  const write = flag('write') || (!flag('no-write') && !only && reuse === undefined);

  const adminUrl = new URL(process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
  const db = reuse ?? `gov_bench_api_${process.pid}`;
  const admin = new Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  if (!reuse) await admin.query(`CREATE DATABASE "${db}"`);
  const url = new URL(adminUrl.toString());
  url.pathname = `/${db}`;
  Object.assign(process.env, {
    DATABASE_CLIENT: 'postgres', DATABASE_URL: url.toString(), CRON_ENABLED: 'false',
    GOV_API_RATE_LIMIT_ENABLED: 'false', GOV_API_REINDEX_ON_BOOT_MAX: '0', DATABASE_POOL_MAX: process.env.DATABASE_POOL_MAX ?? '10',
    // the loader rebuilds the read model itself (timed); serving nodes must not redo it at boot
    GOV_API_READ_MODEL_BOOT_FILL: 'false',
  });
  process.env.APP_KEYS ??= 'benchA,benchB';
  for (const k of ['API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY']) process.env[k] ??= `bench-${k}`;
  const pg = new Client({ connectionString: url.toString() });
  await pg.connect();

  const nodes: StrapiNode[] = [];
  const servers: http.Server[] = [];
  let barePool: Pool | null = null;
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-api-'));
  const phases: PhaseFacts[] = [];
  const o = { connections: CONNECTIONS, duration: DURATION };
  const started = Date.now();

  const startNode = async (name: string) => {
    log(`启动节点 ${name} …`);
    const n = await StrapiNode.start(name);
    nodes.push(n);
    return n.listen();
  };
  const stopNodes = async () => {
    for (const n of nodes.splice(0)) await n.stop();
  };
  const setupPhase = async (items: number, first: boolean, seed: number) => {
    log(first ? `写入 ${fmt(items)} 条 …` : `数据库增至 ${fmt(items)} 条 …`);
    const loader = await StrapiNode.start('loader');
    nodes.push(loader);
    try {
      return await loader.call('setup', { items, first, seed });
    } finally {
      await loader.stop();
      nodes.splice(nodes.indexOf(loader), 1);
    }
  };
  const countItems = async () => Number((await pg.query('SELECT COUNT(*)::int AS c FROM disclosure_items WHERE published_at IS NOT NULL')).rows[0].c);

  try {
    // ---------------------------------------------------------------- phase 1: --items
    const phase1: PhaseFacts = { items: ITEMS, results: {}, memory: {} };
    if (!reuse) phase1.setup = await setupPhase(ITEMS, true, 4242);
    else {
      phase1.items = await countItems();
      let r = { readModelSecs: null as number | null, vacuumSecs: NaN };
      if (!flag('skip-rebuild')) {
        const loader = await StrapiNode.start('loader');
        nodes.push(loader);
        r = await loader.call('rebuild');
        await stopNodes();
      }
      phase1.setup = { insertSecs: NaN, readModelSecs: r.readModelSecs, vacuumSecs: r.vacuumSecs }; // NaN: written by an earlier run
    }
    phases.push(phase1);
    const s1 = phase1.setup!;
    log(`数据：${fmt(phase1.items)} 条已公开政府信息（写入 ${s1.insertSecs.toFixed(1)} 秒，读模型 ${s1.readModelSecs?.toFixed(1) ?? '—'} 秒，VACUUM ANALYZE ${s1.vacuumSecs.toFixed(1)} 秒）`);

    const A = await startNode('A');
    const run = async (phase: PhaseFacts, key: string, spec: LoadSpec) => {
      // every long-tail figure starts from empty response caches (not from what earlier scenarios left)
      if (key.startsWith('longtail')) for (const n of nodes) await n.call('flush');
      log(`测量 [${fmt(phase.items)}]：${key} …`);
      const before = cpuTimes();
      const r = await load(spec);
      const after = cpuTimes();
      if (before && after && after.total > before.total) r.coresBusy = (os.cpus().length * (after.busy - before.busy)) / (after.total - before.total);
      phase.results[key] = r;
      log(`  ${fmt(r.rps)} 请求/秒  p50 ${r.p50} ms  p99 ${r.p99} ms${r.coresBusy !== undefined ? `  CPU ${r.coresBusy.toFixed(2)} 核` : ''}${r.non2xx || r.errors ? `  （非2xx ${r.non2xx}，错误 ${r.errors}）` : ''}`);
      return r;
    };

    // the leaf node with the most items, one of its items, search words, the long-tail mix
    const leaf = (await pg.query(`SELECT n.code, COUNT(*)::int AS c FROM catalogue_nodes n JOIN disclosure_items_catalogue_nodes_lnk l ON l.catalogue_node_id = n.id
      JOIN disclosure_items d ON d.id = l.disclosure_item_id AND d.published_at IS NOT NULL GROUP BY n.code ORDER BY c DESC LIMIT 1`)).rows[0];
    const nodeCodes: string[] = (await pg.query('SELECT DISTINCT code FROM catalogue_nodes ORDER BY code')).rows.map((x: any) => x.code);
    const listPath = `/api/gov/v1/items?node=${encodeURIComponent(leaf.code)}&limit=20`;
    const firstId = JSON.parse((await getOk(A.url, listPath)).body.toString()).data[0].id as string;
    const detailPath = `/api/gov/v1/items/${firstId}`;
    const words = [...new Set(NEWS_TOPICS.flatMap((t) => [...new Intl.Segmenter('zh', { granularity: 'word' }).segment(t)].filter((s) => s.isWordLike && s.segment.length >= 2).map((s) => s.segment)))];
    const searchPaths = words.slice(0, 20).map((w) => `/api/gov/v1/search?q=${encodeURIComponent(w)}`);
    const fields = ['title', 'slug', 'indexNo', 'issuingAuthority', 'documentNumber', 'writtenDate', 'publishDate', 'genre', 'validity', 'isNormative', 'expiryDate', 'keywords', 'summary'];
    const stockFilter = `filters[catalogueNodes][code][$eq]=${encodeURIComponent(leaf.code)}&filters[scope][$eq]=${encodeURIComponent('面向社会')}&filters[disclosureMode][$eq]=${encodeURIComponent('主动公开')}&filters[secrecyLevel][$eq]=${encodeURIComponent('非密')}`;
    const stockPopulate = 'populate[organization][fields][0]=name&populate[organization][fields][1]=code&populate[organization][fields][2]=shortName&populate[subjectCategory][fields][0]=name&populate[subjectCategory][fields][1]=code';
    const stockFields = fields.map((f, i) => `fields[${i}]=${f}`).join('&');
    const stockListPath = `/api/disclosure-items?${stockFilter}&${stockPopulate}&${stockFields}&sort[0]=publishDate:desc&sort[1]=documentId:desc&pagination[pageSize]=20`;
    const stockDetailPath = `/api/disclosure-items/${firstId}?${stockPopulate}&populate[catalogueNodes][fields][0]=name&populate[catalogueNodes][fields][1]=code&populate[attachments]=true&populate[interpretations][fields][0]=title&populate[interprets][fields][0]=title`;
    for (const p of [detailPath, searchPaths[0]]) await getOk(A.url, p);

    const makeMix = async (seed: number, base: string) => {
      // a uniform sample of the public items (TABLESAMPLE would favour some pages of the heap)
      const ids: string[] = (await pg.query('SELECT document_id FROM disclosure_items WHERE published_at IS NOT NULL ORDER BY md5(document_id || $1) LIMIT 3000', [String(seed)])).rows.map((x: any) => x.document_id);
      const mix = longTailMix({ itemIds: ids, nodeCodes, words, seed });
      const file = path.join(tmpDir, `longtail-${seed}.txt`);
      fs.writeFileSync(file, mix.all.join('\n'));
      // every kind answers 200 (a sample: the whole mix would warm the cache before the run)
      for (const p of [...sample(mix.items, 5, seed), ...sample(mix.lists, 5, seed), ...sample(mix.searches, 5, seed)]) await getOk(base, p);
      return { mix, file };
    };
    const tail1 = await makeMix(18, A.url);
    log(`栏目 ${leaf.code}（${leaf.c} 条）；目录栏目 ${nodeCodes.length} 个；长尾地址 ${tail1.mix.all.length} 个（详情 ${tail1.mix.items.length}，列表 ${tail1.mix.lists.length}，检索 ${tail1.mix.searches.length}）`);

    const cache = (n: StrapiNode, enabled: boolean) => n.call('configure', { cache: { enabled } });

    if (wants('hot')) {
      // a bare node:http server answering the same bytes as our responses (the machine's limit)
      const bytes = new Map<string, { body: Buffer; type: string }>();
      for (const p of [listPath, detailPath, searchPaths[0]]) {
        const r = await getOk(A.url, p);
        bytes.set(p, { body: r.body, type: r.type });
      }
      const bare = http.createServer((req, res) => {
        const hit = bytes.get(req.url ?? '') ?? bytes.get(listPath)!;
        res.writeHead(200, { 'Content-Type': hit.type, 'Content-Length': hit.body.length });
        res.end(hit.body);
      });
      servers.push(bare);
      await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', () => resolve()));
      const bareUrl = `http://127.0.0.1:${(bare.address() as any).port}`;
      await cache(A, true);
      for (const [key, p] of [['list', listPath], ['detail', detailPath], ['search', searchPaths[0]]] as const) {
        await getOk(A.url, p);
        await run(phase1, `${key}.cached`, { ...o, url: A.url, paths: [p] });
        await run(phase1, `${key}.bare`, { ...o, url: bareUrl, paths: [p] });
      }
    }

    if (wants('uncached')) {
      // a bare node:http + pg server running the SQL our list handler ran for the same URL, replayed
      const statements: Array<{ sql: string; bindings: unknown[] }> = await A.call('capture', { path: listPath });
      phase1.capturedStatements = statements.length;
      barePool = new Pool({ connectionString: url.toString(), max: Number(process.env.DATABASE_POOL_MAX) || 10 });
      const pool = barePool;
      const barePg = http.createServer(async (_req, res) => {
        try {
          let rows: unknown[] = [];
          for (const s of statements) {
            const r = await pool.query(s.sql, s.bindings as any[]);
            if (r.rows.length >= rows.length) rows = r.rows;
          }
          const body = JSON.stringify({ data: rows });
          res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
          res.end(body);
        } catch (err) {
          res.writeHead(500);
          res.end(String(err));
        }
      });
      servers.push(barePg);
      await new Promise<void>((resolve) => barePg.listen(0, '127.0.0.1', () => resolve()));
      const barePgUrl = `http://127.0.0.1:${(barePg.address() as any).port}`;
      await getOk(barePgUrl, listPath);
      log(`裸 node:http + pg：重放列表处理时的 ${statements.length} 条 SQL`);
      await cache(A, false);
      // stock Strapi REST on a node of its own (S), stopped after its runs: a production node never serves it (the
      // Public role has no find outside this bench), so its heap does not count in A's resident memory
      const S = await startNode('S');
      for (const p of [stockListPath, stockDetailPath]) await getOk(S.url, p);
      await run(phase1, 'list.uncached', { ...o, url: A.url, paths: [listPath] });
      await run(phase1, 'list.stock', { ...o, url: S.url, paths: [stockListPath] });
      await run(phase1, 'list.barepg', { ...o, url: barePgUrl, paths: [listPath] });
      await run(phase1, 'detail.uncached', { ...o, url: A.url, paths: [detailPath] });
      await run(phase1, 'detail.stock', { ...o, url: S.url, paths: [stockDetailPath] });
      phase1.stockMemory = S.memory();
      nodes.splice(nodes.indexOf(S), 1);
      await S.stop();
      await run(phase1, 'search.uncached', { ...o, url: A.url, paths: searchPaths });
      await run(phase1, 'search.uncached.1', { ...o, connections: 1, url: A.url, paths: searchPaths });
      await run(phase1, 'longtail.uncached', { ...o, url: A.url, pathsFile: tail1.file, seed: 1 });
      // with a read model in the build: the same without it (the SQL path), in the same run
      if ((await A.call('settings'))?.readModel) {
        await A.call('configure', { readModel: { enabled: false } });
        await run(phase1, 'list.uncached.sql', { ...o, url: A.url, paths: [listPath] });
        await run(phase1, 'longtail.uncached.sql', { ...o, url: A.url, pathsFile: tail1.file, seed: 1 });
        await A.call('configure', { readModel: { enabled: true } });
      }
      await cache(A, true);
    }

    const cacheHitRatio = async (n: StrapiNode, fn: () => Promise<unknown>) => {
      const before = await n.call('cacheStats');
      await fn();
      const after = await n.call('cacheStats');
      const hits = after.hits - before.hits;
      const total = hits + after.misses - before.misses;
      return total ? hits / total : 0;
    };

    if (wants('longtail')) {
      await cache(A, true);
      phase1.cacheHitRatio = await cacheHitRatio(A, () => run(phase1, 'longtail', { ...o, url: A.url, pathsFile: tail1.file, seed: 2 }));
      log(`  响应缓存命中率 ${(phase1.cacheHitRatio * 100).toFixed(1)}%`);
    }

    let B: StrapiNode | null = null;
    if (wants('twonodes') || wants('staleness')) B = await startNode('B');

    if (wants('twonodes') && B) {
      // B alone, directly: tells a slow second node from a slow pair
      await run(phase1, 'longtail.nodeB', { ...o, url: B.url, pathsFile: tail1.file, seed: 3 });
      const one = await startRoundRobinProxy([A.url]);
      try {
        await run(phase1, 'longtail.proxy1', { ...o, url: one.url, pathsFile: tail1.file, seed: 3 });
      } finally {
        await one.close();
      }
      const two = await startRoundRobinProxy([A.url, B.url]);
      try {
        await run(phase1, 'longtail.proxy2', { ...o, url: two.url, pathsFile: tail1.file, seed: 3 });
        phase1.proxyCounts = two.counts;
      } finally {
        await two.close();
      }
    }

    let staleness: { runs: number[]; publish: number[]; timeouts: number } | null = null;
    if (wants('staleness') && B) {
      log(`跨节点时效：在 A 上发布，轮询 B（${STALENESS_RUNS} 次）…`);
      staleness = { runs: [], publish: [], timeouts: 0 };
      const ids = sample(tail1.mix.items, STALENESS_RUNS, 50);
      for (const [i, p] of ids.entries()) {
        const before = JSON.parse((await getOk(B.url, p)).body.toString()).data;
        await getOk(B.url, p); // in B's response cache now (when it caches)
        const marker = `（修订${i + 1}-${process.pid}）`;
        const title = `${String(before.title).replace(/（修订\d+-\d+）$/, '')}${marker}`;
        const done = await A.call('publish', { documentId: before.id, title });
        staleness.publish.push(done.ms);
        let seen = -1;
        while (Date.now() - done.at < 10_000) {
          const r = await get(B.url, p);
          if (r.status === 200 && JSON.parse(r.body.toString()).data.title === title) {
            seen = Date.now() - done.at;
            break;
          }
          await new Promise((r) => setTimeout(r, 2));
        }
        if (seen < 0) staleness.timeouts++;
        else staleness.runs.push(seen);
        progress(`跨节点时效 ${i + 1}/${ids.length}：${seen} ms（发布 ${done.ms} ms）`);
      }
      process.stdout.write('\n');
    }

    for (const n of nodes) phase1.memory[n.name] = n.memory();
    log(`常驻内存：${Object.entries(phase1.memory).map(([k, m]) => `${k} ${m.rss.toFixed(0)} MB（峰值 ${m.hwm.toFixed(0)} MB）`).join('，')}`);

    const pgVersion = (await pg.query('SHOW server_version')).rows[0].server_version;
    const sectionTitle = reuse ? `Public API on a kept database of ${fmt(phase1.items)} items (\`npm run bench:api -- --reuse …\`)` : 'Public API (`npm run bench:api`)';
    const facts = () => ({ title: sectionTitle, phases, staleness, pgVersion, connections: CONNECTIONS, duration: DURATION, argv: argv.slice(2), minutes: (Date.now() - started) / 60000, nodeCount: nodeCodes.length, leaf });

    // ---------------------------------------------------------------- phase 2: --items-large
    if (wants('large') && !reuse && LARGE > ITEMS) {
      // the growth takes long on a busy machine: the figures so far are on record if the run is cut short
      if (write) writeSection(sectionTitle, `${report(facts())}\n_(the ${fmt(LARGE)}-item phase of this run had not finished when this was written)_\n`);
      await stopNodes();
      const phase2: PhaseFacts = { items: LARGE, results: {}, memory: {} };
      phases.push(phase2);
      phase2.setup = await setupPhase(LARGE - ITEMS, false, 9999);
      log(`数据：${fmt(await countItems())} 条（增量写入 ${phase2.setup!.insertSecs.toFixed(1)} 秒，读模型 ${phase2.setup!.readModelSecs?.toFixed(1) ?? '—'} 秒，VACUUM ANALYZE ${phase2.setup!.vacuumSecs.toFixed(1)} 秒）`);
      const A2 = await startNode('A');
      const tail2 = await makeMix(19, A2.url);
      const list2 = JSON.parse((await getOk(A2.url, listPath)).body.toString());
      log(`栏目 ${leaf.code} 现有 ${list2.meta?.pagination?.total ?? '?'} 条`);
      await cache(A2, true);
      await getOk(A2.url, listPath);
      await run(phase2, 'list.cached', { ...o, url: A2.url, paths: [listPath] });
      phase2.cacheHitRatio = await cacheHitRatio(A2, () => run(phase2, 'longtail', { ...o, url: A2.url, pathsFile: tail2.file, seed: 2 }));
      log(`  响应缓存命中率 ${(phase2.cacheHitRatio * 100).toFixed(1)}%`);
      await cache(A2, false);
      await run(phase2, 'list.uncached', { ...o, url: A2.url, paths: [listPath] });
      await run(phase2, 'search.uncached.1', { ...o, connections: 1, url: A2.url, paths: searchPaths });
      await run(phase2, 'search.uncached', { ...o, url: A2.url, paths: searchPaths });
      await cache(A2, true);
      for (const n of nodes) phase2.memory[n.name] = n.memory();
      log(`常驻内存：${Object.entries(phase2.memory).map(([k, m]) => `${k} ${m.rss.toFixed(0)} MB`).join('，')}`);
    }

    const section = report(facts());
    console.log(`\n${section}`);
    if (write) {
      writeSection(sectionTitle, section);
      log('已写入 docs/benchmarks.md');
    }
  } finally {
    await stopNodes().catch(() => undefined);
    for (const n of nodes) n.kill();
    for (const s of servers) await new Promise((r) => s.close(r));
    if (barePool) await barePool.end();
    await pg.end();
    fs.rmSync(tmpDir, { recursive: true, force: true });
    if (!keep) await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
    else log(`保留数据库 ${db}（再测：node dist/scripts/bench-api.js --reuse ${db}；删除：psql -c 'DROP DATABASE "${db}"'）`);
    await admin.end();
  }
}

// ------------------------------------------------------------------------------------------------
// report

const LABELS: Record<string, string> = {
  'list.cached': '`/items?node=…&limit=20`（缓存命中）',
  'list.bare': '裸 node:http，同样的字节（列表）',
  'detail.cached': '`/items/:id`（缓存命中）',
  'detail.bare': '裸 node:http，同样的字节（详情）',
  'search.cached': '`/search?q=…`（同一检索词，缓存命中）',
  'search.bare': '裸 node:http，同样的字节（检索）',
  'list.uncached': '`/items?node=…&limit=20`（关闭缓存）',
  'list.stock': 'Strapi REST `/api/disclosure-items`（同样筛选、populate、20 条）',
  'list.barepg': '裸 node:http + pg，重放同一列表请求的 SQL',
  'detail.uncached': '`/items/:id`（关闭缓存）',
  'detail.stock': 'Strapi REST `/api/disclosure-items/:id`（populate 同样的关联）',
  'search.uncached': '`/search?q=…`（关闭缓存，20 个检索词轮换）',
  'search.uncached.1': '`/search?q=…`（关闭缓存，20 个检索词轮换，单连接）',
  'longtail.uncached': '长尾 3,780 个地址随机（关闭缓存）',
  'list.uncached.sql': '`/items?node=…&limit=20`（关闭缓存，关闭读模型：SQL 路径）',
  'longtail.uncached.sql': '长尾 3,780 个地址随机（关闭缓存，关闭读模型：SQL 路径）',
  longtail: '长尾 3,780 个地址随机（响应缓存照常）',
  'longtail.nodeB': '长尾，直接发往节点 B（第二个节点单独）',
  'longtail.proxy1': '长尾，经轮询代理 → 节点 A',
  'longtail.proxy2': '长尾，经轮询代理 → 节点 A、B（同一 PostgreSQL）',
};

function report(f: {
  title: string; phases: PhaseFacts[]; staleness: { runs: number[]; publish: number[]; timeouts: number } | null; pgVersion: string; connections: number; duration: number;
  argv: string[]; minutes: number; nodeCount: number; leaf: { code: string; c: number };
}) {
  const [p1, p2] = f.phases;
  const R1 = p1.results;
  const R2 = p2?.results ?? {};
  const ratio = (a?: Measured, b?: Measured) => (a && b && b.rps > 0 ? a.rps / b.rps : undefined);
  type Target = { name: string; value?: number; unit: string; ok?: boolean | null; why?: string };
  const t = (name: string, value: number | undefined, unit: string, test: ((v: number) => boolean) | null, why = ''): Target =>
    ({ name, value, unit, ok: value === undefined ? undefined : test ? test(value) : null, why });
  const memMax = Math.max(...f.phases.flatMap((p) => Object.values(p.memory).map((m) => m.rss)));
  const stale99 = f.staleness?.runs.length ? percentile(f.staleness.runs, 99) : undefined;
  const targets: Target[] = [
    t(`长尾 ÷ 缓存热点列表 ≥ 15%（${fmt(p1.items)} 条）`, ratio(R1.longtail, R1['list.cached']) !== undefined ? ratio(R1.longtail, R1['list.cached'])! * 100 : undefined, '%', (v) => v >= 15),
    t(`长尾 p99 < 50 ms（${fmt(p1.items)} 条，${f.connections} 个连接）`, R1.longtail?.p99, ' ms', (v) => v < 50),
    t(`长尾：${fmt(p2?.items ?? 1_000_000)} 条 ÷ ${fmt(p1.items)} 条 ≥ 75%`, ratio(R2.longtail, R1.longtail) !== undefined ? ratio(R2.longtail, R1.longtail)! * 100 : undefined, '%', (v) => v >= 75),
    t('列表（关闭缓存）÷ Strapi REST ≥ 30×', ratio(R1['list.uncached'], R1['list.stock']), '×', (v) => v >= 30),
    t('两个节点 ÷ 一个节点（长尾，同一代理）≥ 1.6×', ratio(R1['longtail.proxy2'], R1['longtail.proxy1']), '×', (v) => v >= 1.6),
    t('跨节点时效 p99 < 1 s（A 发布 → B 返回新版本）', stale99, ' ms', (v) => v < 1000),
    t(`检索 p99 < 100 ms（关闭缓存，单连接，${fmt(p2?.items ?? 1_000_000)} 条）`, R2['search.uncached.1']?.p99, ' ms', (v) => v < 100),
    t('每个节点运行后常驻内存 < 400 MB', Number.isFinite(memMax) ? memMax : undefined, ' MB', (v) => v < 400),
    t('参考：列表（关闭缓存）÷ 裸 node:http + pg（同样的 SQL）', ratio(R1['list.uncached'], R1['list.barepg']) !== undefined ? ratio(R1['list.uncached'], R1['list.barepg'])! * 100 : undefined, '%', null),
    t('参考：列表（缓存）÷ 裸 node:http（同样的字节）', ratio(R1['list.cached'], R1['list.bare']) !== undefined ? ratio(R1['list.cached'], R1['list.bare'])! * 100 : undefined, '%', null),
    t('参考：长尾 ÷ Strapi REST 列表', ratio(R1.longtail, R1['list.stock']), '×', null),
    t('参考：长尾（关闭缓存）÷ 缓存热点列表', ratio(R1['longtail.uncached'], R1['list.cached']) !== undefined ? ratio(R1['longtail.uncached'], R1['list.cached'])! * 100 : undefined, '%', null),
    t('参考：长尾（关闭缓存）p99', R1['longtail.uncached']?.p99, ' ms', null),
    t('参考：列表（关闭缓存）读模型 ÷ SQL 路径', ratio(R1['list.uncached'], R1['list.uncached.sql']), '×', null),
    t('参考：长尾（关闭缓存）读模型 ÷ SQL 路径', ratio(R1['longtail.uncached'], R1['longtail.uncached.sql']), '×', null),
    t(`参考：检索 p99（关闭缓存，单连接，${fmt(p1.items)} 条）`, R1['search.uncached.1']?.p99, ' ms', null),
  ];
  const digits = (u: string) => (u === '×' ? 1 : 0);
  const lines = [
    `## ${f.title}`,
    '',
    `PostgreSQL ${f.pgVersion}; ${fmt(p1.items)} published items (bulk path) over the ${f.nodeCount} catalogue nodes of 12 organisations` +
      (p2 ? `, then the same database grown to ${fmt(p2.items)}` : '') +
      `; measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'} (${Math.round(os.totalmem() / 2 ** 30)} GB), Node ${process.version}. ` +
      `Every Strapi node is its own process (pool ${process.env.DATABASE_POOL_MAX ?? 10}), autocannon runs in another on the same machine: ${f.connections} connections, ${f.duration} s per scenario, no compression (no Accept-Encoding), rate limit off. ` +
      `Command: \`node dist/scripts/bench-api.js ${f.argv.join(' ')}\` (${f.minutes.toFixed(0)} min). The list scenarios use node ${f.leaf.code} (${fmt(f.leaf.c)} items at ${fmt(p1.items)}).`,
    '',
    ...f.phases.map((p) => `- ${fmt(p.items)} items: ${p.setup && Number.isNaN(p.setup.insertSecs) ? 'written by an earlier run (kept database)' : `bulk write ${p.setup?.insertSecs.toFixed(1) ?? '—'} s (search index rows in the same transactions)`}, read model rebuild ${p.setup?.readModelSecs == null ? '— (none in this build)' : `${p.setup.readModelSecs.toFixed(1)} s`}, VACUUM ANALYZE ${p.setup?.vacuumSecs.toFixed(1) ?? '—'} s` +
      (p.cacheHitRatio !== undefined ? `; response-cache hit ratio on the long tail ${(p.cacheHitRatio * 100).toFixed(1)}%` : '') +
      `; RSS after the run: ${Object.entries(p.memory).map(([k, m]) => `${k} ${m.rss.toFixed(0)} MB (peak ${m.hwm.toFixed(0)} MB)`).join(', ')}` +
      (p.stockMemory ? ` (the stock-REST node S, not counted: ${p.stockMemory.rss.toFixed(0)} MB)` : '')),
    ...(p1.capturedStatements !== undefined ? [`- the bare node:http + pg server replays the ${p1.capturedStatements} SELECT statement(s) our list handler sent for the same URL (captured from knex), answering \`{ data: rows }\``] : []),
    ...(p1.proxyCounts ? [`- two nodes: requests per node through the proxy ${p1.proxyCounts.map((c) => fmt(c)).join(' / ')}`] : []),
    ...(f.staleness ? [`- cross-node staleness, ${f.staleness.runs.length + f.staleness.timeouts} publications on A (edit draft → approval → publish, Document Service; publish itself p50 ${percentile(f.staleness.publish, 50)} ms), B polled every ~2 ms from A's commit: p50 ${percentile(f.staleness.runs, 50)} ms, p99 ${percentile(f.staleness.runs, 99)} ms, max ${Math.max(...f.staleness.runs)} ms${f.staleness.timeouts ? `, ${f.staleness.timeouts} never seen within 10 s` : ''}`] : []),
    '',
    `| items | scenario | requests/s | p50 | p99 | CPU busy (of ${os.cpus().length} cores) |`,
    '|---:|---|---:|---:|---:|---:|',
    ...f.phases.flatMap((p) => Object.entries(p.results).map(([k, r]) => `| ${fmt(p.items)} | ${LABELS[k] ?? k} | ${fmt(r.rps)} | ${r.p50} ms | ${r.p99} ms${r.non2xx || r.errors ? ` (non-2xx ${r.non2xx}, errors ${r.errors})` : ''} | ${r.coresBusy !== undefined ? r.coresBusy.toFixed(2) : '—'} |`)),
    '',
    '| target | result | met |',
    '|---|---:|---|',
    ...targets.map((x) => `| ${x.name} | ${x.value === undefined ? '—' : `${fmt(x.value, digits(x.unit))}${x.unit}`} | ${x.ok === undefined ? '未测' : x.ok === null ? '—' : x.ok ? '达标' : '未达标'} |`),
    '',
  ];
  return lines.join('\n');
}

function writeSection(title: string, section: string) {
  const file = path.join(root, 'docs', 'benchmarks.md');
  const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = before.indexOf(`## ${title}\n`);
  let next: string;
  if (start >= 0) {
    const end = before.indexOf('\n## ', start + 5);
    next = before.slice(0, start) + section + (end >= 0 ? before.slice(end + 1) : '');
  } else {
    next = `${before.replace(/\s*$/, '')}\n\n${section}`;
  }
  fs.writeFileSync(file, next.endsWith('\n') ? next : `${next}\n`);
}

const entry = argv.includes('--autocannon') ? autocannonMode : argv.includes('--node') ? nodeMode : main;
entry().then(
  () => {
    if (entry !== nodeMode) process.exit(0);
  },
  (err) => {
    console.error('[bench:api] 失败：', err?.stack ?? err);
    process.exit(1);
  },
);
