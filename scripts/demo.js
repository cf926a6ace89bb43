#!/usr/bin/env node
/**
 * npm run demo — builds the app (server TypeScript, Chinese admin panel, the reference portal's client
 * modules), seeds an empty embedded SQLite database with the demo county, and starts the server in
 * demo mode (port 1337 unless PORT is set; the portal is at /portal/). Demo mode creates the super
 * admin admin@demo.gov.cn / Demo12345 (DEMO_ADMIN_EMAIL / DEMO_ADMIN_PASSWORD override) and prints
 * the credentials. A loopback “青州市政务公开平台” (scripts/demo-receiver.js, port DEMO_RECEIVER_PORT, default
 * 1338) receives the demo push target's deliveries, so the 同步推送 page shows lag, retries and a dead letter.
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

// the receiver first: the seed records its address in the demo push target
const receiverPort = process.env.DEMO_RECEIVER_PORT || '1338';
const receiver = spawn(process.execPath, [path.join(root, 'scripts/demo-receiver.js'), receiverPort], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
receiver.stdout.on('data', (chunk) => process.stdout.write(chunk.toString().replace(/^LISTENING \d+\n/m, '')));
receiver.on('exit', (code) => {
  if (code) console.error(`[demo] 演示接收端退出（${code}）：端口 ${receiverPort} 是否被占用？推送将失败并进入死信`);
});
process.on('exit', () => receiver.kill('SIGTERM'));
env.DEMO_PUSH_URL = `http://127.0.0.1:${receiverPort}/gkpt/receive`;
step('填充演示数据（仅空数据库；演示推送目标）', process.execPath, [path.join(root, 'dist/scripts/seed.js')]);
console.log('\n[demo] 启动服务……');
const server = spawn(bin('strapi'), ['start'], { cwd: root, env, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    server.kill(sig);
    receiver.kill(sig);
  });
}
server.on('exit', (code) => {
  receiver.kill('SIGTERM');
  process.exit(code ?? 0);
});
