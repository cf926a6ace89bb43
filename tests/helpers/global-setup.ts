import { execFileSync } from 'child_process';
import path from 'path';

/** Compile the TypeScript app once (Strapi loads TS apps from dist/: strapi/strapi#20935). */
export default async function globalSetup() {
  // a database-name prefix of this run only: concurrent runs never drop each other's databases
  if (!process.env.TEST_PG_PREFIX) process.env.TEST_PG_PREFIX = `gov_test_${process.pid}`;
  const root = path.resolve(__dirname, '../..');
  const started = Date.now();
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.json')], { cwd: root, stdio: 'inherit' });
  // eslint-disable-next-line no-console
  console.log(`\n[tests] compiled TypeScript in ${((Date.now() - started) / 1000).toFixed(1)}s; database: ${process.env.DATABASE_CLIENT === 'postgres' ? 'PostgreSQL' : 'SQLite'}`);
}
