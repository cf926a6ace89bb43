/**
 * The `test` of the browser specs: @playwright/test with one Strapi server per spec (one test per spec file).
 * The `server` fixture (automatic) copies the seeded database (global-setup.ts) to .tmp/e2e-<run>/<spec>.db,
 * starts `strapi start` in demo mode on this worker's port (support.ts BASE), waits for GET /_health and the
 * admin panel, runs the test, stops the server by its process group. Every spec starts from the same data,
 * and Strapi's admin login limit (5 per e-mail and IP in 5 minutes, in memory) starts afresh.
 * On failure: a screenshot of the page in use (tests/artifacts/<spec>-failure.png), the end of the server log
 * printed and attached; the database and log stay in .tmp/e2e-<run>/.
 */
import fs from 'fs';
import path from 'path';
import { test as base } from '@playwright/test';
import { failureShot, setCurrentPage } from './support';
import { rel, startServer, stopServer, tail, waitHealthy, workerPort } from './server';

export { expect } from '@playwright/test';

export const test = base.extend<{ server: string }>({
  server: [
    async ({}, use, testInfo) => {
      const runDir = process.env.E2E_RUN_DIR;
      const seedDb = process.env.E2E_SEED_DB;
      if (!runDir || !seedDb) throw new Error('no seeded database: run the specs with `npm run test:e2e` (playwright.config.ts)');
      const name = path.basename(testInfo.file).replace(/\.e2e\.ts$/, '');
      const db = path.join(runDir, `${name}.db`);
      const logFile = path.join(runDir, `server-${name}.log`);
      fs.copyFileSync(seedDb, db);
      const port = workerPort();
      const baseUrl = `http://127.0.0.1:${port}`;
      const t0 = Date.now();
      const server = startServer(db, port, logFile);
      try {
        await waitHealthy(server, baseUrl, 180000);
        console.log(`server ${server.child.pid} on ${baseUrl} ready in ${((Date.now() - t0) / 1000).toFixed(1)}s (database ${rel(db)})`);
        setCurrentPage(null);
        await use(baseUrl);
        if (testInfo.status !== testInfo.expectedStatus) await failureShot(`${name}-failure`);
      } finally {
        await stopServer(server);
        const failed = testInfo.status !== testInfo.expectedStatus;
        if (failed) {
          console.log(`last lines of the server log ${rel(logFile)}:\n${tail(logFile, 25).replace(/^/gm, '  ')}`);
          await testInfo.attach('server.log', { path: logFile, contentType: 'text/plain' }).catch(() => undefined);
        } else if (!process.env.E2E_KEEP) {
          for (const f of [db, `${db}-wal`, `${db}-shm`, logFile]) fs.rmSync(f, { force: true });
        }
      }
    },
    { auto: true, timeout: 200000 },
  ],
});
