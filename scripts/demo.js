#!/usr/bin/env node
/**
 * npm run demo — builds the app (server TypeScript, Chinese admin panel, the reference portal's client
 * modules), seeds an empty embedded SQLite database with the demo county, and starts the server in
 * demo mode (port 1337 unless PORT is set; the portal is at /portal/). Demo mode creates the super
 * admin admin@demo.gov.cn / Demo12345 (DEMO_ADMIN_EMAIL / DEMO_ADMIN_PASSWORD override) and prints
 * the credentials.
 */
const { spawnSync, spawn } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const env = { ...process.env, DEMO_MODE: 'true', STRAPI_TELEMETRY_DISABLED: 'true', NODE_ENV: process.env.NODE_ENV || 'production' };

function step(title, cmd, args) {
  console.log(`\n[demo] ${title}`);
  const started = Date.now();
  const res = spawnSync(cmd, args, { cwd: root, env, stdio: 'inherit' });
  if (res.status !== 0) {
    console.error(`[demo] 失败：${title}`);
    process.exit(res.status || 1);
  }
  console.log(`[demo] 完成（${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
}

step('生成 .env（如不存在）', process.execPath, [path.join(root, 'scripts/ensure-env.js')]);
step('编译服务端并构建中文管理后台（strapi build）', bin('strapi'), ['build']);
step('编译门户使用的接口客户端（public/portal）', process.execPath, [path.join(root, 'scripts/build-portal.js')]);
step('填充演示数据（仅空数据库）', process.execPath, [path.join(root, 'dist/scripts/seed.js')]);
console.log('\n[demo] 启动服务……');
const server = spawn(bin('strapi'), ['start'], { cwd: root, env, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
