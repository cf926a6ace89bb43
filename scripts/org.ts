/**
 * npm run org -- create --code <机构代码> --name <名称> --level <层级> [--short-name <简称>] [--parent <上级机构代码>] [--sort N]
 * npm run org -- import <机构表.xlsx|.csv|.json> [--dry-run]   (columns 机构代码, 机构名称, 层级, 简称, 上级机构代码, 排序)
 * npm run org -- list
 *   Organisations from the command line — e.g. before a legacy import into an empty database (`npm run import`
 *   needs the organisation; export packages create theirs). Created through the Document Service (validation).
 *   `create` of an existing code changes nothing and says so (exit 0), so scripts can run it again.
 */
import fs from 'fs';
import path from 'path';
import { bootForScript } from './lib/boot';
import { UID } from '../src/foundation/constants';

const ORG = UID.organization;
const args = process.argv.slice(2);
const opt = (name: string) => {
  const eq = args.find((a) => a.startsWith(`--${name}=`));
  if (eq) return eq.slice(name.length + 3);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const USAGE = '用法：npm run org -- create --code <机构代码> --name <名称> --level <层级> [--short-name <简称>] [--parent <上级机构代码>] [--sort N]\n      npm run org -- import <机构表.xlsx|.csv|.json> [--dry-run]（列：机构代码、机构名称、层级、简称、上级机构代码、排序）\n      npm run org -- list';

async function main() {
  const cmd = args[0];
  if (cmd !== 'create' && cmd !== 'list' && cmd !== 'import') {
    console.error(USAGE);
    process.exit(1);
  }
  const code = opt('code');
  const name = opt('name');
  const level = opt('level');
  if (cmd === 'create' && (!code || !name || !level)) {
    console.error(`create 需要 --code、--name 和 --level\n${USAGE}`);
    process.exit(1);
  }
  const sheet = cmd === 'import' ? args.find((a, i) => i > 0 && !a.startsWith('--')) : undefined;
  if (cmd === 'import' && (!sheet || !fs.existsSync(sheet))) {
    console.error(sheet ? `文件不存在：${sheet}` : USAGE);
    process.exit(1);
  }
  const strapi = await bootForScript(path.resolve(__dirname, '..', '..'));
  try {
    if (cmd === 'import') {
      const r = await strapi.plugin('sync').service('migration').importOrganizations(path.resolve(sheet!), args.includes('--dry-run'));
      for (const i of r.issues) console.log(`  [错误] 第${i.row}行 ${i.field}：${i.reason}`);
      console.log(`[org] 共 ${r.total} 行：${args.includes('--dry-run') ? '（试运行，未写入）将' : ''}新建 ${r.created} 个机构，已存在 ${r.existing} 个，有误 ${new Set(r.issues.map((i: any) => i.row)).size} 行`);
      if (r.issues.length) process.exitCode = 2;
      return;
    }
    if (cmd === 'list') {
      const rows: any[] = await strapi.db.query(ORG).findMany({ populate: { parent: { select: ['code'] } }, orderBy: [{ code: 'asc' }] });
      for (const o of rows) console.log(`${o.code}\t${o.name}\t${o.level}${o.parent ? `\t上级 ${o.parent.code}` : ''}`);
      console.log(`[org] 共 ${rows.length} 个机构`);
      return;
    }
    const existing: any = await strapi.db.query(ORG).findOne({ where: { code } });
    if (existing) {
      console.log(`[org] 机构代码 ${code} 已存在（${existing.name}），未作改动`);
      return;
    }
    let parent: string | null = null;
    if (opt('parent')) {
      const p: any = await strapi.db.query(ORG).findOne({ where: { code: opt('parent') } });
      if (!p) throw new Error(`上级机构代码 ${opt('parent')} 不存在`);
      parent = p.documentId;
    }
    const created: any = await strapi.documents(ORG).create({ data: { code, name, level, shortName: opt('short-name') ?? null, sortOrder: Number(opt('sort') ?? 0), parent } as any });
    console.log(`[org] 已创建机构 ${created.code} ${created.name}（${created.level}）`);
  } finally {
    await strapi.destroy();
  }
}

main().then(() => process.exit(process.exitCode ?? 0), (e) => { console.error(`[org] 失败：${e?.details?.errors?.map((x: any) => x.message).join('；') || e?.message || e}`); process.exit(1); });
