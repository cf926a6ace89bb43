/**
 * npm run bench:search — the judged query set of the public search (tests/search/judged-queries.ts) on the
 * demo county: precision@10 and recall per query and overall (target ≥ 0.9 for both), and the search time.
 * Uses the database of the environment (DATABASE_CLIENT / DATABASE_URL …, .env); an empty database is seeded
 * with the demo first (as `npm run seed` does). Run `npm run seed` before on a database you care about.
 *
 * `--items N` (PostgreSQL, a throwaway database like the other benchmarks; BENCH_PG_URL): the demo plus N bulk
 * items (scripts/lib/bulk-items.ts), index rebuilt, then every judged query and a few words found in most
 * documents timed on one connection, 20 runs each after a warm-up: p50 / p99 per query kind. The judged figures
 * are printed too (the bulk items share words with the demo, so they measure ranking among many matches).
 */
import path from 'path';
import type { Core } from '@strapi/strapi';
import { bootForScript } from './lib/boot';
import { seedDemo } from './lib/seed-demo';
import { withBenchDatabase } from './lib/bench-db';
import { bulkInsertItems } from './lib/bulk-items';
import { JUDGED_QUERIES, overall, report } from '../tests/search/judged-queries';
import { runJudged } from '../tests/search/run-judged';
import { runtime } from '../plugins/gov-api/server/src/runtime';
import { PARAMS, parseQuery } from '../plugins/gov-api/server/src/validation/params';

const argIndex = process.argv.indexOf('--items');
const ITEMS = argIndex >= 0 ? Number(process.argv[argIndex + 1]) : 0;

async function atScale() {
  await withBenchDatabase('gov_bench_search', process.argv.includes('--keep'), async (strapi, reused) => {
    const log = (m: string) => console.log(`[bench:search] ${m}`);
    if (!reused) {
      await seedDemo(strapi, () => undefined);
      const t0 = Date.now();
      await bulkInsertItems(strapi, ITEMS, (m) => process.stdout.write(`\r[bench:search] ${m}   `), 2000);
      process.stdout.write('\n');
      log(`批量写入 ${ITEMS} 条（${((Date.now() - t0) / 1000).toFixed(1)} 秒）`);
      const t1 = Date.now();
      const counts = await (strapi.plugin('gov-api') as any).service('search').reindexAll();
      log(`检索索引 ${counts.items + counts.laws} 条（${((Date.now() - t1) / 1000).toFixed(1)} 秒）`);
      await strapi.db.connection.raw('VACUUM ANALYZE');
    }
    const rt = runtime(strapi);
    const [{ n }] = (await strapi.db.connection.raw('SELECT COUNT(*) AS n FROM gov_api_search')).rows;
    const common = ['通知', '工作', '青山县', '关于'];
    const kinds: Record<string, string[]> = { judged: JUDGED_QUERIES.map((j) => j.q), common };
    for (const [kind, queries] of Object.entries(kinds)) {
      const times: number[] = [];
      for (const q of queries) {
        const p = parseQuery({ q, limit: '20' }, PARAMS.search);
        await rt.search.search(p);
        for (let i = 0; i < 20; i++) {
          const t = process.hrtime.bigint();
          await rt.search.search(p);
          times.push(Number(process.hrtime.bigint() - t) / 1e6);
        }
      }
      times.sort((a, b) => a - b);
      const at = (f: number) => times[Math.min(times.length - 1, Math.floor(f * times.length))].toFixed(1);
      log(`${n} 条索引，${kind === 'judged' ? '判定查询' : '高频词（' + common.join('、') + '）'}：p50 ${at(0.5)} ms，p99 ${at(0.99)} ms（${times.length} 次，单连接）`);
    }
    const run = await runJudged(strapi);
    const o = overall(run.scores);
    log(`判定查询在 ${n} 条上：precision@10 ${o.precisionAt10.toFixed(2)}，recall ${o.recall.toFixed(2)}`);
  });
}

async function main() {
  if (ITEMS > 0) return atScale();
  const strapi: Core.Strapi = await bootForScript(path.resolve(__dirname, '..', '..'));
  try {
    const orgs = Number(((await strapi.db.connection('organizations').count({ n: '*' }).first()) as any)?.n ?? 0);
    if (orgs === 0) {
      console.log('[bench:search] 空数据库：先填充演示数据');
      await seedDemo(strapi, (m: string) => console.log(`[seed] ${m}`));
    }
    const search = (strapi.plugin('gov-api') as any).service('search');
    await search.settled();
    const run = await runJudged(strapi);
    console.log(report(run.scores));
    for (const u of run.unmatched) console.log(`[bench:search] 查询“${u.q}”的判定键未对应任何演示文档：${u.keys.join('；')}`);
    console.log(`[bench:search] 检索耗时（首页）：中位 ${run.timing.medianMs.toFixed(1)} ms，最慢 ${run.timing.maxMs.toFixed(1)} ms`);
    const o = overall(run.scores);
    if (o.precisionAt10 < 0.9 || o.recall < 0.9) process.exitCode = 1;
  } finally {
    await strapi.destroy();
  }
}

main().catch((err) => {
  console.error('[bench:search] 失败：', err?.message ?? err);
  process.exit(1);
});
