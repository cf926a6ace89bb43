/**
 * npm run reindex — rebuild the public API's search index and read model (plugins/gov-api) from the published rows,
 * e.g. after raw bulk imports (`npm run seed -- --items N`, which bypass the Document Service), then
 * invalidate every node's response cache (NOTIFY on PostgreSQL; a SQLite server in another process
 * picks the change up when its cache entries expire, cache.ttlSeconds).
 * Uses the database of the environment (DATABASE_CLIENT / DATABASE_URL …, .env).
 */
import path from 'path';
import type { Core } from '@strapi/strapi';
import { bootForScript } from './lib/boot';

async function main() {
  process.env.GOV_API_REINDEX_ON_BOOT_MAX = '0'; // this script does it
  process.env.GOV_API_READ_MODEL_BOOT_FILL = 'false'; // and the read model too (reindexAll)
  const strapi: Core.Strapi = await bootForScript(path.resolve(__dirname, '..', '..'));
  try {
    const started = Date.now();
    const counts = await (strapi.plugin('gov-api') as any).service('search').reindexAll((m: string) => console.log(`[reindex] ${m}`));
    console.log(`[reindex] 完成：政府信息 ${counts.items} 条、法规文件 ${counts.laws} 条（${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
  } finally {
    await strapi.destroy();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error('[reindex] 失败：', err?.message ?? err);
    process.exit(1);
  },
);
