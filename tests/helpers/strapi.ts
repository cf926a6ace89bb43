import fs from 'fs';
import path from 'path';
import crypto from 'crypto';
import { Client } from 'pg';
import type { Core } from '@strapi/strapi';
import { applyTestEnv, isPg, PG_PREFIX, pgAdminUrl, pgUrlFor } from './env';
import { copySqliteTemplate, createTestDatabase, removeSqlite } from './template-db';

export const ROOT = path.resolve(__dirname, '../..');

let instance: Core.Strapi | null = null;
let dbName: string | null = null;
let sqliteFile: string | null = null;

/**
 * Boots a real Strapi (compiled app in dist/) on a database of its own: a new SQLite file, or a new
 * PostgreSQL database when DATABASE_CLIENT=postgres, copied from the run's first-boot template
 * (template-db.ts). One instance per test file (per Jest worker).
 */
export async function setupStrapi(): Promise<Core.Strapi> {
  applyTestEnv();
  const id = `${process.env.JEST_WORKER_ID ?? '0'}_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  if (isPg()) {
    dbName = `${PG_PREFIX}_${id}`;
    const admin = new Client({ connectionString: pgAdminUrl() });
    await admin.connect();
    await createTestDatabase(admin, dbName);
    await admin.end();
    process.env.DATABASE_URL = pgUrlFor(dbName);
  } else {
    process.env.DATABASE_CLIENT = 'sqlite';
    sqliteFile = `.tmp/test-${id}.db`;
    fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
    process.env.DATABASE_FILENAME = sqliteFile;
    copySqliteTemplate(ROOT, sqliteFile);
  }
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { createStrapi } = require('@strapi/strapi');
  const app: Core.Strapi = createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist'), autoReload: false, serveAdminPanel: false });
  app.log.level = 'error';
  await app.load();
  app.server.mount();
  instance = app;
  return app;
}

/** Strapi emits document events after commit, asynchronously: let queued queries finish before closing the pool. */
export async function drainDatabase(app: Core.Strapi, timeoutMs = 10000): Promise<void> {
  const pool = (app.db.connection as any).client?.pool;
  const deadline = Date.now() + timeoutMs;
  while (pool && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    if (pool.numUsed() === 0 && pool.numPendingAcquires() === 0 && pool.numPendingCreates() === 0) {
      await new Promise((r) => setTimeout(r, 50));
      if (pool.numUsed() === 0 && pool.numPendingAcquires() === 0) return;
    }
  }
}

export async function teardownStrapi(): Promise<void> {
  if (instance) {
    await drainDatabase(instance);
    await instance.destroy();
    instance = null;
  }
  if (dbName) {
    const admin = new Client({ connectionString: pgAdminUrl() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
    dbName = null;
  }
  if (sqliteFile) {
    removeSqlite(ROOT, sqliteFile);
    sqliteFile = null;
  }
}
