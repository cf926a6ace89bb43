import type { Core } from '@strapi/strapi';
import os from 'os';
import { rowsOf } from './sql';

/**
 * Run a scheduled job once per run key (e.g. once per day) across all Strapi nodes sharing the
 * database: the node that wins the conditional upsert runs it, the others skip.
 */
export async function runOnce(strapi: Core.Strapi, name: string, runKey: string, job: () => Promise<void>): Promise<boolean> {
  const knex = strapi.db.connection;
  const node = `${os.hostname()}:${process.pid}`;
  const now = new Date().toISOString();
  const res = await knex.raw(
    `INSERT INTO gov_job_runs (name, last_run_key, ran_at, node) VALUES (?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET last_run_key = excluded.last_run_key, ran_at = excluded.ran_at, node = excluded.node
     WHERE gov_job_runs.last_run_key <> excluded.last_run_key
     RETURNING name`,
    [name, runKey, now, node]
  );
  if (!rowsOf(res).length) return false;
  await job();
  return true;
}
