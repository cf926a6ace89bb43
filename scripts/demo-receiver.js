#!/usr/bin/env node
/**
 * The demo's “青州市政务公开平台”: a loopback receiver of the demo push target (scripts/lib/demo-push.ts),
 * started by `npm run demo` (scripts/demo.js). It behaves like the platforms agencies push to, so the 同步推送
 * page has something to show:
 *   - it checks the signature (plugins/sync signature.js, compiled in dist/) and answers 401 when it is wrong;
 *   - annual reports are refused for good (422: the platform takes them through its own annual-report channel):
 *     after the target's attempts they are dead letters;
 *   - every fourth event is answered 500 (busy) on its first attempt: retried after the backoff, then accepted;
 *   - each accepted delivery takes DEMO_RECEIVER_DELAY_MS (default 300 ms): the backlog drains visibly.
 *
 *   node scripts/demo-receiver.js [port]   (port 0: any free port; prints "LISTENING <port>")
 */
const http = require('http');
const path = require('path');

const root = path.resolve(__dirname, '..');
const { verifySignature } = require(path.join(root, 'dist/plugins/sync/server/src/signature.js'));
const SECRET = process.env.DEMO_PUSH_SECRET || 'qingshan-demo-receiver-secret-2026';
const DELAY_MS = Number(process.env.DEMO_RECEIVER_DELAY_MS ?? 300);
const port = Number(process.argv[2] ?? process.env.DEMO_RECEIVER_PORT ?? 1338);
const quiet = process.env.DEMO_RECEIVER_QUIET === 'true';

const applied = new Set();
const counts = { accepted: 0, duplicate: 0, busy: 0, refused: 0, badSignature: 0 };
const say = (msg) => {
  if (!quiet) console.log(`[演示接收端] ${msg}`);
};

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const reply = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET') return reply(200, { ok: true, ...counts });
    const raw = Buffer.concat(chunks);
    if (!verifySignature(SECRET, req.headers['x-gov-timestamp'], raw, req.headers['x-gov-signature'], 5 * 60 * 1000)) {
      counts.badSignature++;
      return reply(401, { error: '签名无效' });
    }
    const key = String(req.headers['idempotency-key'] ?? '');
    const eventId = Number(req.headers['x-gov-event-id'] ?? 0);
    const attempt = Number(req.headers['x-gov-attempt'] ?? 1);
    const type = String(req.headers['x-gov-document-type'] ?? '');
    if (type === 'annualReport') {
      counts.refused++;
      say(`拒收年度报告 ${key}（第${attempt}次）`);
      return reply(422, { error: '年度报告请通过省平台年报系统报送，本接口不接收' });
    }
    if (attempt === 1 && eventId % 4 === 0) {
      counts.busy++;
      return reply(500, { error: '接收端繁忙，请稍后重试' });
    }
    setTimeout(() => {
      if (applied.has(key)) {
        counts.duplicate++;
        return reply(200, { ok: true, duplicate: true });
      }
      applied.add(key);
      counts.accepted++;
      if (counts.accepted % 25 === 0) say(`已接收 ${counts.accepted} 条`);
      reply(200, { ok: true });
    }, DELAY_MS);
  });
});

server.listen(port, '127.0.0.1', () => {
  const actual = server.address().port;
  console.log(`LISTENING ${actual}`);
  say(`青州市政务公开平台（演示）在 http://127.0.0.1:${actual}/gkpt/receive 接收推送`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
