/**
 * npm run lint:openapi — writes the OpenAPI document of /api/gov/v1 (the same one GET /api/gov/v1/openapi.json
 * serves) to a file without booting Strapi (it is generated from the route table and pure modules), then
 * runs `redocly lint` with the recommended ruleset on it; exit code 1 on any error (warnings are printed).
 *   node dist/scripts/openapi.js [out.json] [--no-lint]
 */
import fs from 'fs';
import path from 'path';
import { spawnSync } from 'child_process';
import { buildOpenApiDocument } from '../plugins/gov-api/server/src/openapi/document';

const root = path.resolve(__dirname, '..', '..');
const args = process.argv.slice(2);
const out = path.resolve(root, args.find((a) => !a.startsWith('--')) ?? '.tmp/openapi.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`);
console.log(`[openapi] 已写入 ${path.relative(root, out)}`);

if (!args.includes('--no-lint')) {
  const redocly = path.join(root, 'node_modules', '.bin', 'redocly');
  // no telemetry or update check: CI reaches only the package registries
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
  const run = spawnSync(redocly, ['lint', out, '--extends', 'recommended', '--format', 'stylish'], { stdio: 'inherit', env, cwd: root });
  if (run.status !== 0) {
    console.error('[openapi] redocly lint 报告错误（见上）');
    process.exit(1);
  }
}
