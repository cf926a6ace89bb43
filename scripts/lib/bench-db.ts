import path from 'path';
import { Client } from 'pg';
import type { Core } from '@strapi/strapi';
import { bootForScript } from './boot';

/**
 * A throwaway PostgreSQL database for a benchmark script: created, Strapi booted on it, and dropped
 * afterwards (unless keep). BENCH_PG_URL points at the server (default postgres://postgres@127.0.0.1:5432/postgres).
 */
export async function withBenchDatabase(prefix: string, keep: boolean, run: (strapi: Core.Strapi, reused: boolean) => Promise<void>) {
  const adminUrl = new URL(process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
  // --reuse <database>: time again on a database an earlier `--keep` run left (skips the data preparation)
  const i = process.argv.indexOf('--reuse');
  const reuse = i >= 0 ? process.argv[i + 1] : undefined;
  if (reuse !== undefined && !/^[a-z0-9_]+$/.test(reuse)) throw new Error(`--reuse: not a database name: ${reuse}`);
  const db = reuse ?? `${prefix}_${process.pid}`;
  keep = keep || reuse !== undefined;
  const admin = new Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  if (!reuse) await admin.query(`CREATE DATABASE "${db}"`);
  if (keep) console.log(`[bench] database ${db} is kept (time again with --reuse ${db}; drop it with: psql -c 'DROP DATABASE "${db}"')`);
  const url = new URL(adminUrl.toString());
  url.pathname = `/${db}`;
  process.env.DATABASE_CLIENT = 'postgres';
  process.env.DATABASE_URL = url.toString();
  process.env.APP_KEYS ??= 'benchA,benchB';
  for (const k of ['API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY']) process.env[k] ??= `bench-${k}`;
  let strapi: Core.Strapi | null = null;
  try {
    strapi = await bootForScript(path.resolve(__dirname, '..', '..', '..'));
    await run(strapi, reuse !== undefined);
  } finally {
    if (strapi) await strapi.destroy();
    if (!keep) await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
    await admin.end();
  }
}

/** Replace (or append) a "## title" section of docs/benchmarks.md. */
export function writeBenchmarkSection(root: string, title: string, section: string) {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const fs = require('fs') as typeof import('fs');
  const doc = path.join(root, 'docs', 'benchmarks.md');
  fs.mkdirSync(path.dirname(doc), { recursive: true });
  let text = fs.existsSync(doc) ? fs.readFileSync(doc, 'utf8') : '# Benchmarks\n\n';
  const re = new RegExp(`## ${title}[\\s\\S]*?(?=\\n## |$)`);
  text = re.test(text) ? text.replace(re, section) : `${text.trimEnd()}\n\n${section}`;
  fs.writeFileSync(doc, text);
}
