/**
 * npm run seed [-- --items N] [--force]
 *   Fills an EMPTY database with a realistic, deterministic county government (青山县): organisations,
 *   subject categories, catalogue trees, ≥300 items (with interpretations) across nodes and years,
 *   ~40 laws in every status, ~30 disclosure requests, an annual report.
 *   --items N adds N extra published items through the bulk path (raw batched inserts, not one
 *   Document Service create per item) for benchmarks, printing progress.
 */
import path from 'path';
import type { Core } from '@strapi/strapi';
import { bootForScript } from './lib/boot';
import { seedDemo } from './lib/seed-demo';
import { bulkInsertItems } from './lib/bulk-items';
import { ensureDemoPushTarget } from './lib/demo-push';
import { UID } from '../src/foundation/constants';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i === -1) return undefined;
  const v = process.argv[i + 1];
  return v && !v.startsWith('--') ? v : 'true';
}

async function main() {
  const extra = Number(arg('items') ?? 0);
  if (!Number.isInteger(extra) || extra < 0) throw new Error('--items 必须是非负整数');
  const strapi: Core.Strapi = await bootForScript(path.resolve(__dirname, '..', '..'));
  try {
    const orgCount = await strapi.db.query(UID.organization).count();
    if (orgCount > 0 && !arg('force')) {
      console.log(`[seed] 数据库已有 ${orgCount} 个机构，跳过演示数据（空数据库才会填充）。`);
    } else {
      await seedDemo(strapi, (msg: string) => console.log(`[seed] ${msg}`));
    }
    const pushUrl = process.env.DEMO_PUSH_URL;
    if (pushUrl && (await ensureDemoPushTarget(strapi, pushUrl))) console.log(`[seed] 演示推送目标 → ${pushUrl}`);
    if (extra > 0) await bulkInsertItems(strapi, extra, (msg) => process.stdout.write(`[seed] ${msg}\n`));
  } finally {
    await strapi.destroy();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error('[seed] 失败：', err?.message ?? err);
    if (err?.details) console.error(JSON.stringify(err.details, null, 2));
    process.exit(1);
  }
);
