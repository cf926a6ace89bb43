/**
 * npm run rebuild-read-model — rebuild the public API's read model (plugins/gov-api read-model/store.ts) from
 * the published rows: after writes made behind the platform's back (raw SQL, `npm run seed -- --items N`),
 * or to repair it after a logged failure. Idempotent; one transaction under the exclusive advisory lock
 * readModelRebuild, so on a live multi-node PostgreSQL readers keep the old model until it commits and
 * publishes on other nodes wait for it; then every node's response cache is invalidated (NOTIFY).
 * `npm run reindex` rebuilds it too (with the search index).
 * Uses the database of the environment (DATABASE_CLIENT / DATABASE_URL …, .env).
 */
import path from 'path';
import type { Core } from '@strapi/strapi';
import { bootForScript } from './lib/boot';

async function main() {
  process.env.GOV_API_REINDEX_ON_BOOT_MAX = '0';
  process.env.GOV_API_READ_MODEL_BOOT_FILL = 'false'; // this script does it
  const strapi: Core.Strapi = await bootForScript(path.resolve(__dirname, '..', '..'));
  try {
    const counts = await (strapi.plugin('gov-api') as any).service('readModel').rebuild((m: string) => console.log(`[rebuild-read-model] ${m}`));
    console.log(`[rebuild-read-model] 政府信息 ${counts.items} 条、法规文件 ${counts.laws} 条`);
  } finally {
    await strapi.destroy();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error('[rebuild-read-model] 失败：', err?.message ?? err);
    process.exit(1);
  },
);
