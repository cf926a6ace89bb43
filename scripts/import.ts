/**
 * npm run import -- <file.xlsx|.csv|.json> --org <code> [--dry-run] [--mapping <file.json>] [--draft] [--report <out.json>]
 *   Validates every row (row, field, reason), imports the valid rows in batches, leaves invalid rows out
 *   and lists them; prints progress. Exit code 0 when the file was processed (even with invalid rows),
 *   1 on a fatal error, 2 when --strict is given and some rows were invalid.
 */
import fs from 'fs';
import path from 'path';
import { bootForScript } from './lib/boot';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

async function main() {
  const file = args.find((a, i) => !a.startsWith('--') && !['--org', '--mapping', '--report'].includes(args[i - 1]));
  const orgCode = opt('org');
  if (!file || !orgCode) {
    console.error('用法：npm run import -- <文件.xlsx|.csv|.json> --org <机构代码> [--dry-run] [--mapping <映射.json>] [--draft] [--report <报告.json>]');
    process.exit(1);
  }
  if (!fs.existsSync(file)) throw new Error(`文件不存在：${file}`);
  const strapi = await bootForScript(path.resolve(__dirname, '..', '..'));
  try {
    const report = await strapi.plugin('sync').service('migration').importItems({
      file: path.resolve(file), orgCode, dryRun: flag('dry-run'), mappingFile: opt('mapping'), status: flag('draft') ? 'draft' : 'published',
      onProgress: (done: number, total: number) => process.stdout.write(`\r[import] 已导入 ${done}/${total} 行`),
    });
    if (report.imported) process.stdout.write('\n');
    const errors = report.issues.filter((i: any) => i.severity === 'error');
    const warnings = report.issues.filter((i: any) => i.severity === 'warning');
    console.log(`[import] ${report.organization.name}：共 ${report.total} 行，有效 ${report.valid} 行，${report.dryRun ? '（试运行，未写入）' : `已导入 ${report.imported} 行`}，无效 ${report.invalidRows} 行；用时 ${(report.durationMs / 1000).toFixed(1)} 秒${report.imported ? `（${report.rowsPerSecond} 行/秒）` : ''}`);
    for (const i of errors.slice(0, 200)) console.log(`  [错误] 第${i.row}行 ${i.field}：${i.reason}`);
    if (errors.length > 200) console.log(`  ……另有 ${errors.length - 200} 条错误，见 --report 文件`);
    for (const i of warnings.slice(0, 50)) console.log(`  [提示] 第${i.row}行 ${i.field}：${i.reason}`);
    const out = opt('report');
    if (out) fs.writeFileSync(out, JSON.stringify({ ...report, documentIds: undefined }, null, 2));
    if (flag('strict') && errors.length) process.exitCode = 2;
  } finally {
    await strapi.destroy();
  }
}

main().then(() => process.exit(process.exitCode ?? 0), (e) => { console.error(`[import] 失败：${e?.message ?? e}`); process.exit(1); });
