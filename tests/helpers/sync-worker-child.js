/**
 * A Strapi node that runs the sync push worker, for the delivery fault tests: boots the compiled app on
 * the database given in the environment (same as the parent test, SYNC_WORKER=false so bootstrap does
 * not start the loop by itself), prints "READY", then obeys lines on stdin:
 *   GO   → start the worker loop, print "STARTED <workerId>"
 *   STOP → stop the loop, shut Strapi down, exit 0
 * The parent may also kill it with SIGKILL at any moment (that is the point).
 * Usage: node sync-worker-child.js
 */
const path = require('path');

async function main() {
  const root = path.resolve(__dirname, '../..');
  const { createStrapi } = require('@strapi/strapi');
  const app = createStrapi({ appDir: root, distDir: path.join(root, 'dist'), autoReload: false, serveAdminPanel: false });
  app.log.level = process.env.SYNC_CHILD_LOG_LEVEL || 'error';
  await app.load();
  const delivery = app.plugin('sync').service('delivery');
  process.stdout.write('READY\n');
  let buffer = '';
  process.stdin.on('data', async (d) => {
    buffer += d;
    let i;
    while ((i = buffer.indexOf('\n')) >= 0) {
      const cmd = buffer.slice(0, i).trim();
      buffer = buffer.slice(i + 1);
      if (cmd === 'GO') {
        delivery.start();
        process.stdout.write(`STARTED ${delivery.workerId}\n`);
      } else if (cmd === 'STOP') {
        await delivery.stop();
        await app.destroy();
        process.exit(0);
      }
    }
  });
  process.stdin.on('end', () => process.exit(0));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
