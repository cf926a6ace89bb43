import { spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { Client } from 'pg';
import { PG_PREFIX, TEST_ENV, isPg, pgAdminUrl, pgUrlFor } from './env';

/**
 * One first boot per test run: global-setup.ts boots the compiled app ONCE, in a child process, on an empty
 * database (so the first-boot path — schema creation, seeded roles, settings — is exercised by every run and
 * fails the run when it breaks). Every test file then starts from a copy of that database (SQLite: a file copy;
 * PostgreSQL: CREATE DATABASE … TEMPLATE), which is a restart of an existing installation: about 1.6 s less per
 * file than creating the schema again. TEST_FRESH_DB=1 gives every file an empty database instead.
 */
export const TEMPLATE_ENV = 'TEST_DB_TEMPLATE';

const BOOT = `
const path = require('path');
const { createStrapi } = require('@strapi/strapi');
const root = process.argv[1];
createStrapi({ appDir: root, distDir: path.join(root, 'dist'), autoReload: false, serveAdminPanel: false })
  .load()
  .then((app) => app.destroy())
  .then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
`;

export async function makeTemplate(root: string): Promise<string | null> {
  if (process.env.TEST_FRESH_DB === '1') return null;
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(TEST_ENV)) if (env[k] === undefined || k === 'NODE_ENV') env[k] = v;
  let template: string;
  if (isPg()) {
    template = `${process.env.TEST_PG_PREFIX ?? PG_PREFIX}_template`;
    const admin = new Client({ connectionString: pgAdminUrl() });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${template}"`);
    } finally {
      await admin.end();
    }
    env.DATABASE_URL = pgUrlFor(template);
  } else {
    template = path.join('.tmp', `test-template-${process.pid}.db`);
    fs.mkdirSync(path.join(root, '.tmp'), { recursive: true });
    removeSqlite(root, template);
    env.DATABASE_CLIENT = 'sqlite';
    env.DATABASE_FILENAME = template;
  }
  const res = spawnSync(process.execPath, ['-e', BOOT, root], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  if (res.status !== 0) throw new Error(`first boot on an empty database failed (exit ${res.status ?? res.signal})`);
  process.env[TEMPLATE_ENV] = template;
  return template;
}

/** A new database for one test file: a copy of the template when there is one. */
export async function createTestDatabase(admin: Client, name: string): Promise<void> {
  const template = process.env[TEMPLATE_ENV];
  if (!template) {
    await admin.query(`CREATE DATABASE "${name}"`);
    return;
  }
  // two files may copy the template at the same moment: PostgreSQL refuses a copy while another is connected
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}" STRATEGY FILE_COPY`);
      return;
    } catch (err: any) {
      if (attempt >= 50 || !/being accessed by other users/.test(String(err?.message))) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export function copySqliteTemplate(root: string, file: string): void {
  const template = process.env[TEMPLATE_ENV];
  if (!template) return;
  fs.copyFileSync(path.join(root, template), path.join(root, file));
  const wal = path.join(root, `${template}-wal`);
  if (fs.existsSync(wal)) fs.copyFileSync(wal, path.join(root, `${file}-wal`));
}

export function removeSqlite(root: string, file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(path.join(root, file + suffix), { force: true });
}
