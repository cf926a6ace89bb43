/**
 * npm run bench:import [-- --rows N] [--batch-size N] — the legacy import on PostgreSQL: writes an N-row CSV (default
 * 20,000) in the agencies' column names, imports it with `npm run import`'s code path into a
 * throwaway database, and for comparison creates 200 items one by one through the Document Service.
 * imports the same file a second time (every row unchanged: nothing written). Prints rows/s for all three
 * (targets: ≥ 2,000 rows/s, ≥ 10,000 rows/s for the no-op run) and records them in docs/benchmarks.md ("Import").
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { withBenchDatabase, writeBenchmarkSection } from './lib/bench-db';
import { rng, NEWS_TOPICS, BODY_PARAGRAPHS } from './seed-data';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const ROWS = arg('rows', 20_000);
const BATCH = arg('batch-size', 0) || undefined;
const root = path.resolve(__dirname, '..', '..');

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));
  try {
    await withBenchDatabase('gov_bench_import', false, async (strapi) => {
      const org: any = await strapi.documents('api::organization.organization').create({ data: { name: '导入基准县人民政府', code: '000088888', level: '县' } as any });
      const codes = ['GZDT', 'TZGG', 'ZCWJ', 'CZXX', 'ZDLY'];
      for (const code of codes) await strapi.documents('api::catalogue-node.catalogue-node').create({ data: { name: `栏目${code}`, code, organization: org.documentId } as any });
      const r = rng(99);
      const lines = ['标题,索引号,发文字号,成文日期,发布日期,体裁分类,公开方式,所属目录,主题词,正文'];
      for (let i = 0; i < ROWS; i++) {
        const year = r.int(2010, 2025);
        const date = `${year}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
        const keep = i % 2 === 0 ? `000088888/${year}-${String(100000 + i).slice(1)}` : '';
        lines.push([`${r.pick(NEWS_TOPICS)}（旧系统第${i + 1}条）`, keep, i % 3 === 0 ? `导府发〔${year}〕${i + 1}号` : '', date, date, '通知', '主动公开', r.pick(codes), '迁移数据', `"${r.pick(BODY_PARAGRAPHS)}"`].join(','));
      }
      const file = path.join(tmp, 'legacy.csv');
      fs.writeFileSync(file, lines.join('\n'));
      const migration = strapi.plugin('sync').service('migration');
      const report = await migration.importItems({ file, orgCode: org.code, batchSize: BATCH, onProgress: (d: number, t: number) => process.stdout.write(`\r[bench:import] ${d}/${t}`) });
      process.stdout.write('\n');
      console.log(`[bench:import] 第一次导入：新建 ${report.created} 行，用时 ${(report.durationMs / 1000).toFixed(1)} 秒，${report.rowsPerSecond} 行/秒`, report.timings);
      // the same file again: every row matched and unchanged, nothing written
      const again = await migration.importItems({ file, orgCode: org.code });
      console.log(`[bench:import] 第二次导入（无变化）：新建 ${again.created}，更新 ${again.updated}，未变 ${again.unchanged} 行，用时 ${(again.durationMs / 1000).toFixed(1)} 秒，${again.rowsPerSecond} 行/秒`, again.timings);
      if (again.created || again.updated || again.unchanged !== report.created) throw new Error('第二次导入应无任何变化');
      // the Document Service one by one, for comparison
      const n = 200;
      const t0 = Date.now();
      for (let i = 0; i < n; i++) await strapi.documents('api::disclosure-item.disclosure-item').create({ data: { title: `逐条创建${i}`, organization: org.documentId, publishDate: '2025-01-01' } as any });
      const perItem = n / ((Date.now() - t0) / 1000);
      const table = [
        '| path | rows | time | rows/s |', '|---|---|---|---|',
        `| \`npm run import\` (bulk, validated, PostgreSQL; one transaction per ${(BATCH ?? 2000).toLocaleString('en')}-row batch incl. search index, roll-ups, outbox) | ${report.imported} | ${(report.durationMs / 1000).toFixed(1)} s | **${report.rowsPerSecond}** |`,
        `| the same file again (every row matched and unchanged, nothing written) | ${again.unchanged} | ${(again.durationMs / 1000).toFixed(1)} s | **${again.rowsPerSecond}** |`,
        `| Document Service, one create per item (drafts only) | ${n} | ${(n / perItem).toFixed(1)} s | ${Math.round(perItem)} |`,
      ].join('\n');
      console.log(`\n${table}\n\n批量导入为逐条创建的 ${(report.rowsPerSecond / perItem).toFixed(1)} 倍；目标 ≥ 2000 行/秒：${report.rowsPerSecond >= 2000 ? '达标' : '未达标'}；无变化的第二次导入目标 ≥ 10000 行/秒：${again.rowsPerSecond >= 10000 ? '达标' : '未达标'}`);
      writeBenchmarkSection(root, 'Import', `## Import (\`npm run bench:import\`)\n\nPostgreSQL, a ${ROWS.toLocaleString('en')}-row CSV (half with their own 索引号), measured ${new Date().toISOString().slice(0, 10)} on this project's 2-core machine. Targets: ≥ 2,000 rows/s for the import, ≥ 10,000 rows/s for the no-op second run.\n\n${table}\n`);
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
