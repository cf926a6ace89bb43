import { Client } from 'pg';
import path from 'path';
import { PG_PREFIX, pgAdminUrl } from './env';
import { TEMPLATE_ENV, removeSqlite } from './template-db';

/** Drop any throwaway PostgreSQL database a crashed test file left behind. */
export default async function globalTeardown() {
  const template = process.env[TEMPLATE_ENV];
  if (process.env.DATABASE_CLIENT !== 'postgres') {
    if (template) removeSqlite(path.resolve(__dirname, '../..'), template);
    return;
  }
  const client = new Client({ connectionString: pgAdminUrl() });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${process.env.TEST_PG_PREFIX ?? PG_PREFIX}\\_%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
