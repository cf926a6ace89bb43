/**
 * npm run bench:import [-- --rows N] [--batch-size N] [--runs N] [--keep] [--profile out.cpuprofile] — the legacy import
 * on PostgreSQL. Each of N rounds (default 3) writes an N-row CSV (default 20,000) in the agencies' column names for a
 * new organisation, imports it with `npm run import`'s code path into one throwaway database, then imports the same
 * file again (every row unchanged: nothing written). For comparison 200 items are created one by one through the
 * Document Service. Prints rows/s (median and range of the rounds; targets: ≥ 2,000 rows/s, ≥ 10,000 rows/s for the
 * no-op run), the CPU time of Node and of PostgreSQL, and records them in docs/benchmarks.md ("Import").
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { withBenchDatabase, writeBenchmarkSection } from './lib/bench-db';
import { rng, NEWS_TOPICS, BODY_PARAGRAPHS } from './seed-data';
import { UID } from '../src/foundation/constants';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const ROWS = arg('rows', 20_000);
const BATCH = arg('batch-size', 0) || undefined;
const RUNS = Math.max(1, arg('runs', 3));
const root = path.resolve(__dirname, '..', '..');

async function startProfile() {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { Session } = require('inspector') as typeof import('inspector');
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) => new Promise<any>((res, rej) => session.post(method, params ?? {}, (e: any, r: any) => (e ? rej(e) : res(r))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return { stop: async () => { const { profile } = await post('Profiler.stop'); session.disconnect(); return profile; } };
}

/** CPU seconds used so far by the local PostgreSQL server's processes (Linux /proc; 0 elsewhere or for a remote server). */
function postgresCpuSeconds(): number {
  let ticks = 0;
  try {
    for (const pid of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (!stat.includes('(postgres)')) continue;
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks += Number(f[11]) + Number(f[12]);
      } catch { /* gone */ }
    }
  } catch { return 0; }
  return ticks / 100;
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));
  try {
    await withBenchDatabase('gov_bench_import', process.argv.includes('--keep'), async (strapi) => {
      const migration = strapi.plugin('sync').service('migration');
      const codes = ['GZDT', 'TZGG', 'ZCWJ', 'CZXX', 'ZDLY'];
      // --profile <file.cpuprofile>: a CPU profile of the first round's import (open it in Chrome DevTools)
      const profileAt = process.argv.indexOf('--profile');
      const rounds: Array<{ report: any; again: any; nodeCpu: number; pgCpu: number }> = [];
      let lastOrg: any = null;
      for (let round = 1; round <= RUNS; round++) {
        // each round: a new organisation with its catalogue and its own file (the database grows round by round)
        const orgCode = `00008888${round}`;
        const org: any = await strapi.documents(UID.organization).create({ data: { name: `导入基准县${round}`, code: orgCode, level: '县' } as any });
        lastOrg = org;
        for (const code of codes) await strapi.documents(UID.catalogueNode).create({ data: { name: `栏目${code}`, code: `${code}${round}`, organization: org.documentId } as any });
        const r = rng(98 + round);
        const lines = ['标题,索引号,发文字号,成文日期,发布日期,体裁分类,公开方式,所属目录,主题词,正文'];
        for (let i = 0; i < ROWS; i++) {
          const year = r.int(2010, 2025);
          const date = `${year}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
          const keep = i % 2 === 0 ? `${orgCode}/${year}-${String(100000 + i).slice(1)}` : '';
          lines.push([`${r.pick(NEWS_TOPICS)}（旧系统第${i + 1}条）`, keep, i % 3 === 0 ? `导府发〔${year}〕${i + 1}号` : '', date, date, '通知', '主动公开', `${r.pick(codes)}${round}`, '迁移数据', `"${r.pick(BODY_PARAGRAPHS)}"`].join(','));
        }
        const file = path.join(tmp, `legacy-${round}.csv`);
        fs.writeFileSync(file, lines.join('\n'));
        const profiler = profileAt >= 0 && round === 1 ? await startProfile() : null;
        const cpu0 = process.cpuUsage();
        const pg0 = postgresCpuSeconds();
        const report = await migration.importItems({ file, orgCode, batchSize: BATCH, onProgress: (d: number, t: number) => process.stdout.write(`\r[bench:import] 第${round}轮 ${d}/${t}`) });
        const cpu = process.cpuUsage(cpu0);
        const pgCpu = postgresCpuSeconds() - pg0;
        if (profiler) fs.writeFileSync(process.argv[profileAt + 1], JSON.stringify(await profiler.stop()));
        process.stdout.write('\n');
        if (report.created !== ROWS || report.failedBatches.length) throw new Error(`第${round}轮导入未全部成功：${JSON.stringify({ created: report.created, failedBatches: report.failedBatches })}`);
        console.log(`[bench:import] 第${round}轮导入：新建 ${report.created} 行，用时 ${(report.durationMs / 1000).toFixed(1)} 秒，${report.rowsPerSecond} 行/秒（CPU：Node 进程 ${((cpu.user + cpu.system) / 1e6).toFixed(1)} 秒，PostgreSQL ${pgCpu.toFixed(1)} 秒）`, report.timings);
        // the same file again: every row matched and unchanged, nothing written
        const again = await migration.importItems({ file, orgCode });
        console.log(`[bench:import] 第${round}轮再次导入（无变化）：新建 ${again.created}，更新 ${again.updated}，未变 ${again.unchanged} 行，用时 ${(again.durationMs / 1000).toFixed(1)} 秒，${again.rowsPerSecond} 行/秒`);
        if (again.created || again.updated || again.unchanged !== report.created) throw new Error('再次导入应无任何变化');
        rounds.push({ report, again, nodeCpu: (cpu.user + cpu.system) / 1e6, pgCpu });
      }
      // the Document Service one by one, for comparison
      const n = 200;
      const t0 = Date.now();
      for (let i = 0; i < n; i++) await strapi.documents(UID.item).create({ data: { title: `逐条创建${i}`, organization: lastOrg.documentId, publishDate: '2025-01-01' } as any });
      const perItem = n / ((Date.now() - t0) / 1000);
      const median = (xs: number[]) => { const a = [...xs].sort((x, y) => x - y); return a.length % 2 ? a[(a.length - 1) / 2] : Math.round((a[a.length / 2 - 1] + a[a.length / 2]) / 2); };
      const imp = rounds.map((x) => x.report.rowsPerSecond);
      const noop = rounds.map((x) => x.again.rowsPerSecond);
      const range = (xs: number[]) => (xs.length > 1 ? ` (${Math.min(...xs)}–${Math.max(...xs)})` : '');
      const table = [
        `| path | rows | rows/s, median of ${RUNS}${RUNS > 1 ? ' (range)' : ''} |`, '|---|---|---|',
        `| \`npm run import\` (bulk, validated, PostgreSQL; one transaction per ${(BATCH ?? 2000).toLocaleString('en')}-row batch incl. search index, roll-ups, outbox) | ${ROWS.toLocaleString('en')} | **${median(imp)}**${range(imp)} |`,
        `| the same file again (every row matched and unchanged, nothing written) | ${ROWS.toLocaleString('en')} | **${median(noop)}**${range(noop)} |`,
        `| Document Service, one create per item (drafts only) | ${n} | ${Math.round(perItem)} |`,
      ].join('\n');
      console.log(`\n${table}\n\n批量导入为逐条创建的 ${(median(imp) / perItem).toFixed(1)} 倍；目标 ≥ 2000 行/秒：${median(imp) >= 2000 ? '达标' : '未达标'}（最低一轮 ${Math.min(...imp)}）；无变化的再次导入目标 ≥ 10000 行/秒：${median(noop) >= 10000 ? '达标' : '未达标'}`);
      const cpuLines = rounds.map((x, i) => `- round ${i + 1}: ${x.report.rowsPerSecond} rows/s, wall ${(x.report.durationMs / 1000).toFixed(1)} s, CPU Node ${x.nodeCpu.toFixed(1)} s + PostgreSQL ${x.pgCpu.toFixed(1)} s`).join('\n');
      const phases = Object.entries(rounds[0].report.timings).map(([k, v]) => `${k} ${v}`).join(', ');
      writeBenchmarkSection(root, 'Import', `## Import (\`npm run bench:import\`)\n\nPostgreSQL, ${RUNS} rounds: each a new organisation and a ${ROWS.toLocaleString('en')}-row CSV (half with their own 索引号) imported into the same growing database, then the same file again; measured ${new Date().toISOString().slice(0, 10)} on this project's 2-core machine. Targets: ≥ 2,000 rows/s for the import, ≥ 10,000 rows/s for the no-op second run.\n\n${table}\n\n${cpuLines}\n\nThe next batch's pinyin slugs and search text are computed while PostgreSQL writes the current one, so Node and PostgreSQL CPU overlap. Phases of round 1 (ms, overlapping): ${phases}.\n`);
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
