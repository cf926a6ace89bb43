import { Client } from 'pg';
import { PG_PREFIX, pgAdminUrl } from './env';

/** Drop any throwaway PostgreSQL database a crashed test file left behind. */
export default async function globalTeardown() {
  if (process.env.DATABASE_CLIENT !== 'postgres') return;
  const client = new Client({ connectionString: pgAdminUrl() });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${process.env.TEST_PG_PREFIX ?? PG_PREFIX}\\_%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
