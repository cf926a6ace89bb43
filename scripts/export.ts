/**
 * npm run export -- --org <code> [--out <file.json>]
 *   Writes the organisation's catalogue, items, laws and annual reports as one JSON package
 *   (format gov-disclosure-export v1) that `npm run import -- <file> --org <code>` reads back.
 */
import fs from 'fs';
import path from 'path';
import { bootForScript } from './lib/boot';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

async function main() {
  const orgCode = opt('org');
  if (!orgCode) {
    console.error('用法：npm run export -- --org <机构代码> [--out <文件.json>]');
    process.exit(1);
  }
  const out = opt('out') ?? `export-${orgCode}-${new Date().toISOString().slice(0, 10)}.json`;
  const strapi = await bootForScript(path.resolve(__dirname, '..', '..'));
  try {
    const pkg = await strapi.plugin('sync').service('migration').exportOrganization(orgCode);
    fs.writeFileSync(out, JSON.stringify(pkg, null, 2));
    console.log(`[export] ${pkg.organization.name}：目录 ${pkg.catalogue.length} 个、政府信息 ${pkg.items.length} 条、法规文件 ${pkg.laws.length} 件、年度报告 ${pkg.annualReports.length} 份 → ${out}`);
  } finally {
    await strapi.destroy();
  }
}

main().then(() => process.exit(0), (e) => { console.error(`[export] 失败：${e?.message ?? e}`); process.exit(1); });
