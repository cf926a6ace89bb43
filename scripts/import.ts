/**
 * npm run import -- <file.xlsx|.csv|.json> [--org <code>] [--dry-run] [--mapping <file.json>] [--draft] [--report <out.json>]
 *                   [--on-existing update|skip|error] [--stop-on-error] [--batch-size N] [--strict]
 *   Validates every row (row, field, reason), matches each row with an existing document (documentId, else
 *   original 索引号, else 发文字号 + title + 成文日期) and creates / updates / leaves it; writes in batches, each
 *   one transaction (rolled back whole on failure, reported with its rows); prints progress. `--org` may be
 *   left out for export packages (the package names its organisation, created when missing). Exit code 0
 *   when the file was processed (even with invalid rows), 1 on a fatal error or when a batch failed,
 *   2 when --strict is given and some rows were invalid.
 */
import fs from 'fs';
import path from 'path';
import { bootForScript } from './lib/boot';
import { chineseReason } from '../plugins/sync/server/src/migration/package';

const args = process.argv.slice(2);
const VALUED = ['--org', '--mapping', '--report', '--on-existing', '--batch-size'];
const flag = (name: string) => args.includes(`--${name}`);
const opt = (name: string) => {
  const eq = args.find((a) => a.startsWith(`--${name}=`));
  if (eq) return eq.slice(name.length + 3);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const USAGE = '用法：npm run import -- <文件.xlsx|.csv|.json> [--org <机构代码>] [--dry-run] [--mapping <映射.json>] [--draft] [--report <报告.json>] [--on-existing update|skip|error] [--stop-on-error] [--batch-size 2000]';

async function main() {
  const file = args.find((a, i) => !a.startsWith('--') && !VALUED.includes(args[i - 1]));
  const orgCode = opt('org');
  if (!file) {
    console.error(USAGE);
    process.exit(1);
  }
  if (!fs.existsSync(file)) throw new Error(`文件不存在：${file}`);
  if (!orgCode && !file.toLowerCase().endsWith('.json')) throw new Error(`请用 --org 指定机构代码（只有本系统导出的数据包可省略）\n${USAGE}`);
  const onExisting = opt('on-existing');
  if (onExisting && !['update', 'skip', 'error'].includes(onExisting)) throw new Error(`--on-existing 应为 update、skip 或 error\n${USAGE}`);
  const batchSize = opt('batch-size') ? Number(opt('batch-size')) : undefined;
  if (batchSize !== undefined && !(batchSize >= 1)) throw new Error('--batch-size 应为正整数');
  const strapi = await bootForScript(path.resolve(__dirname, '..', '..'));
  try {
    const report = await strapi.plugin('sync').service('migration').importItems({
      file: path.resolve(file), orgCode, dryRun: flag('dry-run'), mappingFile: opt('mapping'), status: flag('draft') ? 'draft' : 'published',
      onExisting, stopOnError: flag('stop-on-error'), batchSize,
      onProgress: (done: number, total: number, r: any) => {
        // one line per committed batch (a log, and what a supervising process can follow)
        console.log(`[import] 已处理 ${done}/${total} 行（新建 ${r.created}，更新 ${r.updated}，未变 ${r.unchanged}，跳过 ${r.skipped}${r.failedBatches.length ? `，失败批次 ${r.failedBatches.length}` : ''}）`);
      },
    });
    const errors = report.issues.filter((i: any) => i.severity === 'error');
    const warnings = report.issues.filter((i: any) => i.severity === 'warning');
    console.log(`[import] ${report.organization.name}：共 ${report.total} 行，有效 ${report.valid} 行，${report.dryRun ? '（试运行，未写入）将' : ''}新建 ${report.created} 行、更新 ${report.updated} 行、未变 ${report.unchanged} 行、跳过 ${report.skipped} 行，无效 ${report.invalidRows} 行；用时 ${(report.durationMs / 1000).toFixed(1)} 秒${report.dryRun ? '' : `（${report.rowsPerSecond} 行/秒）`}`);
    for (const [label, c] of [['法规文件', report.laws], ['年度报告', report.annualReports]] as const) {
      if (c) console.log(`[import] ${label}：新建 ${c.created}，更新 ${c.updated}，未变 ${c.unchanged}，跳过 ${c.skipped}${c.errors.length ? `，失败 ${c.errors.length}` : ''}`);
      for (const e of c?.errors ?? []) console.log(`  [错误] ${label} ${e}`);
    }
    for (const b of report.failedBatches) console.log(`  [批次失败] ${b.reason}`);
    if (report.stopped) console.log('[import] 已按 --stop-on-error 在失败批次处停止；修正后重新运行即可（已写入的行不会重复导入）');
    for (const i of errors.slice(0, 200)) console.log(`  [错误] 第${i.row}行 ${i.field}：${i.reason}`);
    if (errors.length > 200) console.log(`  ……另有 ${errors.length - 200} 条错误，见 --report 文件`);
    for (const i of warnings.slice(0, 50)) console.log(`  [提示] 第${i.row}行 ${i.field}：${i.reason}`);
    const out = opt('report');
    if (out) fs.writeFileSync(out, JSON.stringify({ ...report, documentIds: undefined }, null, 2));
    if (report.failedBatches.length || report.laws?.errors.length || report.annualReports?.errors.length) process.exitCode = 1;
    else if (flag('strict') && errors.length) process.exitCode = 2;
  } finally {
    await strapi.destroy();
  }
}

main().then(() => process.exit(process.exitCode ?? 0), (e) => {
  // our own errors are Chinese sentences; a database error's text (with its SQL) only with LOG_LEVEL=debug
  const own = /[\u4e00-\u9fa5]/.test(String(e?.message)) && !e?.sql && !e?.code;
  console.error(`[import] 失败：${own ? e.message : chineseReason(e)}`);
  if (!own && process.env.LOG_LEVEL === 'debug') console.error(e);
  process.exit(1);
});
