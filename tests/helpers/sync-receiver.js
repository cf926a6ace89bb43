/**
 * A test receiver for pushed events (plugins/sync), run as a separate Node process on 127.0.0.1.
 *
 *   node sync-receiver.js '<json options>'
 *   options: { port (0 = any), secret, logFile, seed,
 *              failRate          share of requests answered 500 BEFORE applying,
 *              failAfterApplyRate share answered 500 AFTER applying (the sender retries → a duplicate),
 *              slowRate, slowMs  share answered late (still within the sender's timeout),
 *              verySlowRate, verySlowMs  share applied, then answered after the sender gave up,
 *              failPaths         paths that always answer 500 }
 *
 * Verifies the signature with the plugin's exported verifySignature (compiled in dist/), dedupes by
 * Idempotency-Key and APPLIES each key once; everything is appended to logFile as JSON lines
 * (apply / dup / fail / bad-signature / order-violation / concurrent), and the applied keys are read
 * back from it on start, so a killed and restarted receiver still recognises duplicates.
 * Prints "LISTENING <port>" once up.
 */
const fs = require('fs');
const path = require('path');
const http = require('http');

const opts = JSON.parse(process.argv[2] || '{}');
const root = path.resolve(__dirname, '../..');
const { verifySignature } = require(path.join(root, 'dist/plugins/sync/server/src/signature.js'));

// deterministic PRNG (mulberry32) so runs are comparable
let seed = (opts.seed ?? 1) >>> 0;
const random = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const logFile = opts.logFile;
const applied = new Set();
const lastApplied = new Map(); // `${target}|${documentId}` → last applied event id
if (logFile && fs.existsSync(logFile)) {
  for (const line of fs.readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let e;
    try {
      e = JSON.parse(line);
    } catch {
      continue; // a line torn by a kill -9 of this process
    }
    if (e.t === 'apply') {
      applied.add(e.key);
      const k = `${e.target}|${e.documentId}`;
      lastApplied.set(k, Math.max(lastApplied.get(k) ?? 0, e.eventId));
    }
  }
}
const log = (entry) => {
  if (logFile) fs.appendFileSync(logFile, `${JSON.stringify({ ...entry, at: Date.now(), pid: process.pid })}\n`);
};

const inFlight = new Map(); // idempotency key → open requests
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, applied: applied.size }));
      return;
    }
    const raw = Buffer.concat(chunks);
    const key = String(req.headers['idempotency-key'] ?? '');
    const open = inFlight.get(key) ?? 0;
    if (open > 0) log({ t: 'concurrent', key });
    inFlight.set(key, open + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const n = (inFlight.get(key) ?? 1) - 1;
      if (n > 0) inFlight.set(key, n);
      else inFlight.delete(key);
    };
    res.on('close', release);
    const reply = (status, body) => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };

    const sigOk = verifySignature(opts.secret, req.headers['x-gov-timestamp'], raw, req.headers['x-gov-signature'], 5 * 60 * 1000);
    if (!sigOk) {
      log({ t: 'bad-signature', key, path: req.url });
      return reply(401, { error: 'bad signature' });
    }
    if ((opts.failPaths ?? []).includes(req.url)) {
      log({ t: 'fail', key, path: req.url, reason: 'failPath' });
      return reply(500, { error: 'always failing' });
    }
    if (random() < (opts.failRate ?? 0)) {
      log({ t: 'fail', key, reason: 'before-apply' });
      return reply(500, { error: 'injected failure' });
    }
    const m = /^(.*):(\d+)$/.exec(key);
    if (!m) {
      log({ t: 'bad-key', key });
      return reply(400, { error: 'bad idempotency key' });
    }
    if (applied.has(key)) {
      log({ t: 'dup', key });
      return reply(200, { ok: true, duplicate: true });
    }
    const target = m[1];
    const eventId = Number(m[2]);
    const documentId = String(req.headers['x-gov-document-id'] ?? '');
    const docKey = `${target}|${documentId}`;
    if ((lastApplied.get(docKey) ?? 0) > eventId) log({ t: 'order-violation', key, documentId, eventId, after: lastApplied.get(docKey) });
    applied.add(key);
    lastApplied.set(docKey, Math.max(lastApplied.get(docKey) ?? 0, eventId));
    log({
      t: 'apply', key, target, eventId, documentId, op: req.headers['x-gov-event'], type: req.headers['x-gov-document-type'],
      contentType: req.headers['content-type'], attempt: Number(req.headers['x-gov-attempt']), path: req.url, body: raw.toString('utf8'),
    });
    const roll = random();
    const failAfter = opts.failAfterApplyRate ?? 0;
    const verySlow = opts.verySlowRate ?? 0;
    const slow = opts.slowRate ?? 0;
    if (roll < failAfter) {
      log({ t: 'fail', key, reason: 'after-apply' });
      return reply(500, { error: 'injected failure after apply' });
    }
    if (roll < failAfter + verySlow) {
      await sleep(opts.verySlowMs ?? 3000);
      return reply(200, { ok: true, late: true });
    }
    if (roll < failAfter + verySlow + slow) await sleep(opts.slowMs ?? 300);
    reply(200, { ok: true });
  });
});

server.keepAliveTimeout = 1000;
server.listen(opts.port ?? 0, '127.0.0.1', () => {
  process.stdout.write(`LISTENING ${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
