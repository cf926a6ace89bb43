/**
 * A second Strapi node for multi-process tests: boots the compiled app on the database given in the
 * environment (same as the parent test), creates N items for an organisation, prints their 索引号 as JSON.
 * Prints READY once booted and waits for a line on stdin before creating.
 * Usage: node create-items-child.js <orgDocumentId> <count>
 */
const path = require('path');

async function main() {
  const [orgDocumentId, count] = process.argv.slice(2);
  const root = path.resolve(__dirname, '../..');
  const { createStrapi } = require('@strapi/strapi');
  const app = createStrapi({ appDir: root, distDir: path.join(root, 'dist'), autoReload: false, serveAdminPanel: false });
  app.log.level = 'error';
  await app.load();
  // tell the parent we are up, and start creating when it says GO (so both nodes write at the same time)
  process.stdout.write('READY\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  const startedAt = Date.now();
  const results = await Promise.all(
    Array.from({ length: Number(count) }, (_, i) =>
      app.documents('api::disclosure-item.disclosure-item').create({
        data: { title: `第二节点并发创建${i}`, organization: orgDocumentId, publishDate: '2025-06-01' },
      })
    )
  );
  const endedAt = Date.now();
  process.stdout.write(`RESULT ${JSON.stringify({ indexNos: results.map((r) => r.indexNo), startedAt, endedAt })}\n`);
  await new Promise((r) => setTimeout(r, 300));
  await app.destroy();
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
