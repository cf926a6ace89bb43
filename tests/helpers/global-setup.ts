import { execFileSync } from 'child_process';
import path from 'path';
import { makeTemplate } from './template-db';

/** Compile the TypeScript app once (Strapi loads TS apps from dist/: strapi/strapi#20935). */
export default async function globalSetup() {
  // a database-name prefix of this run only: concurrent runs never drop each other's databases
  if (!process.env.TEST_PG_PREFIX) process.env.TEST_PG_PREFIX = `gov_test_${process.pid}`;
  const root = path.resolve(__dirname, '../..');
  const started = Date.now();
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.json')], { cwd: root, stdio: 'inherit' });
  const compiled = Date.now();
  const template = await makeTemplate(root);
  // eslint-disable-next-line no-console
  console.log(
    `\n[tests] compiled TypeScript in ${((compiled - started) / 1000).toFixed(1)}s; database: ${process.env.DATABASE_CLIENT === 'postgres' ? 'PostgreSQL' : 'SQLite'}; ` +
      (template ? `first boot (template ${template}) in ${((Date.now() - compiled) / 1000).toFixed(1)}s` : 'an empty database per file (TEST_FRESH_DB=1)'),
  );
}
