/**
 * npm run bench:search — the judged query set of the public search (tests/search/judged-queries.ts) on the
 * demo county: precision@10 and recall per query and overall (target ≥ 0.9 for both), and the search time.
 * Uses the database of the environment (DATABASE_CLIENT / DATABASE_URL …, .env); an empty database is seeded
 * with the demo first (as `npm run seed` does). Run `npm run seed` before on a database you care about.
 */
import path from 'path';
import type { Core } from '@strapi/strapi';
import { bootForScript } from './lib/boot';
import { seedDemo } from './lib/seed-demo';
import { overall, report } from '../tests/search/judged-queries';
import { runJudged } from '../tests/search/run-judged';

async function main() {
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
