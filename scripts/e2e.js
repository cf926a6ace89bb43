#!/usr/bin/env node
/**
 * npm run test:e2e [-- <spec name filter> …] — the browser tests (tests/e2e/*.e2e.ts) against a real server.
 *
 *   1. compiles the portal's client (scripts/build-portal.js, when present) and the server: `strapi build`
 *      (server and admin panel) when dist/build is missing or older than the admin sources (src/admin,
 *      plugins/<name>/admin, the plugins' package.json, config/plugins.ts, config/admin.ts,
 *      package-lock.json; E2E_BUILD=always|never overrides the check), else tsc -p tsconfig.json;
 *   2. seeds a fresh SQLite database with the demo county (.tmp/e2e-<run>/seed.db, unique to the run),
 *      beside the admin bundling when there is one;
 *   3. compiles every spec to .tmp/e2e (one tsc call);
 *   4. for each spec: a copy of the seeded database, `strapi start` in demo mode on a free port, waits
 *      for GET /_health, runs the spec with E2E_BASE_URL, stops the server (by its PID). One server per
 *      spec: every spec starts from the same data, and Strapi's admin login limit (5 per e-mail and IP
 *      in 5 minutes, in memory) starts afresh;
 *   5. prints a summary with timings; exit code 1 if any spec failed.
 *
 * Env: CHROMIUM_PATH (default /usr/bin/chromium; never downloaded), E2E_PORT (first port to try,
 * default: one the OS picks), E2E_KEEP=1 (keep the run's databases and server logs), E2E_SPEC_TIMEOUT
 * (seconds per spec, default 300). Screenshots: tests/artifacts/ (gitignored). Server logs:
 * .tmp/e2e-<run>/server-<spec>.log (printed when a spec fails).
 */
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');

const root = path.resolve(__dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const rel = (p) => path.relative(root, p) || '.';
const started = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)}s`;
const log = (msg) => console.log(`[e2e ${secs(Date.now() - started).padStart(6)}] ${msg}`);

const runId = `${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-')}-${process.pid}`;
const runDir = path.join(root, '.tmp', `e2e-${runId}`);
const outDir = path.join(root, '.tmp', 'e2e');
const specDir = path.join(root, 'tests', 'e2e');
const artifacts = path.join(root, 'tests', 'artifacts');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const specTimeout = Number(process.env.E2E_SPEC_TIMEOUT || 300) * 1000;
const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));

/** The environment of the seed script and of the server: embedded SQLite, demo mode, no cron, no telemetry. */
function serverEnv(dbFile, port) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (/^DATABASE_/.test(key)) delete env[key];
  return {
    ...env,
    NODE_ENV: 'production',
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: dbFile,
    DEMO_MODE: 'true',
    CRON_ENABLED: 'false',
    STRAPI_TELEMETRY_DISABLED: 'true',
    BROWSER: 'none',
    STARTUP_BANNER: 'false',
    ...(port ? { HOST: '127.0.0.1', PORT: String(port) } : {}),
  };
}

/** Runs a command to completion (output inherited); exits the runner when it fails. */
function step(title, cmd, args, env = process.env) {
  log(title);
  const t0 = Date.now();
  const res = spawnSync(cmd, args, { cwd: root, env, stdio: 'inherit' });
  if (res.status !== 0) {
    log(`FAILED: ${title} (exit ${res.status ?? res.signal})`);
    finish(1);
  }
  log(`  done in ${secs(Date.now() - t0)}`);
  return Date.now() - t0;
}

/** Runs a command in the background, its output prefixed; resolves with { code, ms }. `onLine` sees each line. */
function runAsync(label, cmd, args, env, onLine) {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    background.add(child);
    for (const stream of [child.stdout, child.stderr]) {
      let rest = '';
      stream.on('data', (chunk) => {
        const lines = (rest + chunk.toString()).split('\n');
        rest = lines.pop();
        for (const line of lines) {
          if (line.trim()) process.stdout.write(line.startsWith(`[${label}]`) ? `  ${line}\n` : `  [${label}] ${line}\n`);
          if (onLine) onLine(line);
        }
      });
    }
    child.on('exit', (code, signal) => {
      background.delete(child);
      resolve({ code: code ?? (signal ? 1 : 0), ms: Date.now() - t0 });
    });
  });
}

/** Build and seed processes running in the background (killed if the runner is stopped). */
const background = new Set();

/** Newest modification time under a path (files only; node_modules and build output skipped). */
function newest(p) {
  let stat;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = 0;
  for (const entry of fs.readdirSync(p)) {
    if (entry === 'node_modules' || entry === 'dist' || entry === 'build') continue;
    max = Math.max(max, newest(path.join(p, entry)));
  }
  return max;
}

/** Why the admin panel must be (re)built, or null when dist/build is up to date. */
function adminBuildReason() {
  const mode = process.env.E2E_BUILD;
  if (mode === 'always') return 'E2E_BUILD=always';
  const index = path.join(root, 'dist', 'build', 'index.html');
  if (!fs.existsSync(index)) return 'dist/build is missing';
  if (mode === 'never') return null;
  const built = fs.statSync(index).mtimeMs;
  const pluginsDir = path.join(root, 'plugins');
  const sources = [
    path.join(root, 'src', 'admin'),
    path.join(root, 'config', 'plugins.ts'),
    path.join(root, 'config', 'admin.ts'),
    path.join(root, 'package-lock.json'),
    ...fs.readdirSync(pluginsDir).flatMap((p) => [path.join(pluginsDir, p, 'admin'), path.join(pluginsDir, p, 'package.json')]),
  ];
  const stale = sources.filter((s) => newest(s) > built);
  return stale.length ? `older than ${stale.map(rel).join(', ')}` : null;
}

/** A free TCP port: E2E_PORT or the next free one above it, else one the OS picks. */
function freePort(from) {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', (err) => {
      if (from && err.code === 'EADDRINUSE' && from < 65000) resolve(freePort(from + 1));
      else reject(err);
    });
    srv.listen(from || 0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ------------------------------------------------------------------------------------------- server
/** The server this runner started (only this one is ever killed, by its PID / process group). */
let server = null;

function startServer(dbFile, port, logFile) {
  const out = fs.openSync(logFile, 'a');
  // detached: the server gets its own process group, so stopping it also stops anything it forked
  const child = spawn(process.execPath, [path.join(root, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'], {
    cwd: root,
    env: serverEnv(dbFile, port),
    stdio: ['ignore', out, out],
    detached: true,
  });
  fs.closeSync(out);
  server = { child, pid: child.pid, exited: false, code: null };
  child.on('exit', (code, signal) => {
    if (server && server.child === child) Object.assign(server, { exited: true, code: code ?? signal });
  });
  return server;
}

async function waitHealthy(srv, baseUrl, timeoutMs = 180000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (srv.exited) throw new Error(`the server exited (${srv.code}) before it was ready`);
    try {
      const res = await fetch(`${baseUrl}/_health`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 204 || res.status === 200) {
        // the admin panel is served too (a missing build would only show in the browser)
        const admin = await fetch(`${baseUrl}/admin/auth/login`, { signal: AbortSignal.timeout(5000) });
        if (admin.status !== 200) throw new Error(`GET /admin/auth/login: ${admin.status}`);
        return;
      }
    } catch (e) {
      if (/GET \/admin/.test(String(e && e.message))) throw e;
    }
    await sleep(250);
  }
  throw new Error(`the server was not healthy after ${secs(timeoutMs)}`);
}

function signalGroup(pid, sig) {
  try {
    process.kill(-pid, sig);
  } catch {
    try {
      process.kill(pid, sig);
    } catch {
      /* already gone */
    }
  }
}

async function stopServer() {
  const srv = server;
  if (!srv) return;
  if (!srv.exited) {
    signalGroup(srv.pid, 'SIGTERM');
    const deadline = Date.now() + 15000;
    while (!srv.exited && Date.now() < deadline) await sleep(100);
    if (!srv.exited) {
      signalGroup(srv.pid, 'SIGKILL');
      while (!srv.exited) await sleep(50);
    }
  }
  server = null;
}

/** Synchronous last resort (process exit / signals): kill the server's process group. */
function killServerNow() {
  if (server && !server.exited) signalGroup(server.pid, 'SIGKILL');
  for (const child of background) child.kill('SIGKILL');
  if (specChild) signalGroup(specChild.pid, 'SIGKILL');
}

/** The spec being run, if any. */
let specChild = null;

function finish(code) {
  killServerNow();
  if (code === 0 && !process.env.E2E_KEEP) fs.rmSync(runDir, { recursive: true, force: true });
  else if (fs.existsSync(runDir)) log(`databases and server logs kept in ${rel(runDir)}`);
  process.exit(code);
}

process.on('exit', killServerNow);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    log(`${sig}: stopping`);
    killServerNow();
    process.exit(130);
  });
}

// ------------------------------------------------------------------------------------------- specs
/** Runs one compiled spec; resolves with its exit code (a timeout kills it). */
function runSpec(file, baseUrl) {
  return new Promise((resolve) => {
    // its own process group: a timeout or a stopped runner also ends the Chromium it launched
    const child = spawn(process.execPath, [file], {
      cwd: root,
      env: { ...process.env, E2E_BASE_URL: baseUrl, CHROMIUM_PATH: chromiumPath },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    specChild = child;
    const prefix = (stream, target) => {
      let rest = '';
      stream.on('data', (chunk) => {
        const lines = (rest + chunk.toString()).split('\n');
        rest = lines.pop();
        for (const line of lines) target.write(`    ${line}\n`);
      });
      stream.on('end', () => rest && target.write(`    ${rest}\n`));
    };
    prefix(child.stdout, process.stdout);
    prefix(child.stderr, process.stderr);
    const timer = setTimeout(() => {
      console.error(`    timed out after ${secs(specTimeout)}`);
      signalGroup(child.pid, 'SIGKILL');
    }, specTimeout);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      specChild = null;
      signalGroup(child.pid, 'SIGKILL'); // anything the spec left behind (e.g. a browser after a crash)
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** The compiled spec: flat in .tmp/e2e, or under tests/e2e/ there when a spec imports from outside tests/e2e. */
function compiled(name) {
  const flat = path.join(outDir, `${name}.e2e.js`);
  return fs.existsSync(flat) ? flat : path.join(outDir, 'tests', 'e2e', `${name}.e2e.js`);
}

function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

async function main() {
  fs.mkdirSync(runDir, { recursive: true });
  fs.mkdirSync(artifacts, { recursive: true });
  const timings = {};

  let specs = fs
    .readdirSync(specDir)
    .filter((f) => f.endsWith('.e2e.ts'))
    .sort();
  if (filters.length) specs = specs.filter((f) => filters.some((q) => f.includes(q)));
  if (!specs.length) {
    log(`no spec matches ${filters.join(' ')}`);
    finish(1);
  }
  if (!fs.existsSync(chromiumPath)) {
    log(`Chromium not found at ${chromiumPath} (set CHROMIUM_PATH; on Debian: apt-get install -y chromium fonts-noto-cjk). Browsers are never downloaded.`);
    finish(1);
  }
  log(`run ${runId}: ${specs.length} spec(s): ${specs.join(', ')}; Chromium ${chromiumPath}`);

  // ----------------------------------------------------------------------------- build
  timings.env = step('.env (generated if missing)', process.execPath, [path.join(root, 'scripts', 'ensure-env.js')]);
  // the reference portal (public/portal) loads the typed client compiled for the browser (generated, gitignored)
  if (fs.existsSync(path.join(root, 'scripts', 'build-portal.js'))) {
    timings.portal = step('compile the portal client (scripts/build-portal.js)', process.execPath, [path.join(root, 'scripts', 'build-portal.js')]);
  }
  const seedDb = path.join(runDir, 'seed.db');
  const seed = () => {
    log(`seed the demo county into ${rel(seedDb)}`);
    return runAsync('seed', process.execPath, [path.join(root, 'dist', 'scripts', 'seed.js')], serverEnv(seedDb));
  };
  let seeding = null;
  const reason = adminBuildReason();
  if (reason) {
    // `strapi build` compiles the server first (the same tsconfig.json into dist/), then bundles the admin
    // (a minute on 2 cores): the seed runs beside the bundling, once the compiled server is complete
    log(`compile the server and build the admin panel (strapi build): ${reason}`);
    const admin = runAsync('admin', process.execPath, [path.join(root, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'build'], { ...process.env, NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true' }, (line) => {
      if (!seeding && /✔ Compiling TS/.test(line)) seeding = seed();
    });
    const built = await admin;
    timings.admin = built.ms;
    if (built.code !== 0) {
      log(`FAILED: strapi build (exit ${built.code})`);
      if (seeding) await seeding;
      finish(1);
    }
    log(`  admin panel built in ${secs(built.ms)}`);
    if (!seeding) seeding = seed(); // the compile marker was not seen: seed now
  } else {
    timings.compile = step('compile the server (tsc -p tsconfig.json)', bin('tsc'), ['-p', 'tsconfig.json']);
    log('admin panel: dist/build is up to date (E2E_BUILD=always to rebuild)');
    seeding = seed();
  }
  const seeded = await seeding;
  timings.seed = seeded.ms;
  if (seeded.code !== 0) {
    log(`FAILED: seed (exit ${seeded.code})`);
    finish(1);
  }
  log(`  seeded in ${secs(seeded.ms)}`);
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(seedDb + suffix)) throw new Error(`${rel(seedDb + suffix)} left behind: the seed did not close the database`);
  }

  // ----------------------------------------------------------------------------- compile the specs
  log(`compile the specs to ${rel(outDir)}`);
  let t0 = Date.now();
  fs.rmSync(outDir, { recursive: true, force: true });
  const tsc = spawnSync(
    bin('tsc'),
    ['--outDir', outDir, '--module', 'commonjs', '--target', 'es2022', '--esModuleInterop', '--skipLibCheck', '--types', 'node', ...specs.map((s) => path.join(specDir, s))],
    { cwd: root, encoding: 'utf8' }
  );
  const tscOutput = `${tsc.stdout}${tsc.stderr}`;
  const brokenSpecs = new Set();
  if (tsc.status !== 0) {
    console.log(tscOutput.replace(/^/gm, '    '));
    // type errors: the files still emit; the spec with an error is failed, the others run
    for (const s of specs) if (tscOutput.includes(`tests/e2e/${s}`)) brokenSpecs.add(s);
    if (!brokenSpecs.size) for (const s of specs) brokenSpecs.add(s); // an error in a shared file: all fail
  }
  timings.compileSpecs = Date.now() - t0;
  log(`  done in ${secs(timings.compileSpecs)}`);

  timings.ready = Date.now() - started;

  // ----------------------------------------------------------------------------- run
  const results = [];
  for (const spec of specs) {
    const name = spec.replace(/\.e2e\.ts$/, '');
    const res = { name, ok: false, ms: 0, startMs: 0, note: '' };
    results.push(res);
    if (brokenSpecs.has(spec)) {
      res.note = 'does not compile';
      log(`✗ ${name}: does not compile`);
      continue;
    }
    const db = path.join(runDir, `${name}.db`);
    fs.copyFileSync(seedDb, db);
    const port = await freePort(process.env.E2E_PORT ? Number(process.env.E2E_PORT) : 0);
    const baseUrl = `http://127.0.0.1:${port}`;
    const logFile = path.join(runDir, `server-${name}.log`);
    log(`▶ ${name}: server on ${baseUrl} (database ${rel(db)})`);
    t0 = Date.now();
    const srv = startServer(db, port, logFile);
    try {
      await waitHealthy(srv, baseUrl);
    } catch (e) {
      res.note = `server not ready: ${e.message}`;
      log(`✗ ${name}: ${res.note}; server log ${rel(logFile)}:\n${tail(logFile)}`);
      await stopServer();
      continue;
    }
    res.startMs = Date.now() - t0;
    log(`  server ${srv.pid} ready in ${secs(res.startMs)}; running ${rel(compiled(name))}`);
    t0 = Date.now();
    const code = await runSpec(compiled(name), baseUrl);
    res.ms = Date.now() - t0;
    res.ok = code === 0;
    if (!res.ok) res.note = `exit ${code}`;
    await stopServer();
    log(`${res.ok ? '✓' : '✗'} ${name} (${secs(res.ms)})`);
    if (!res.ok) console.log(`    last lines of the server log ${rel(logFile)}:\n${tail(logFile, 25).replace(/^/gm, '      ')}`);
  }

  // ----------------------------------------------------------------------------- summary
  const failed = results.filter((r) => !r.ok);
  console.log('\n== e2e summary');
  for (const r of results) console.log(`  ${r.ok ? '✓ pass' : '✗ FAIL'}  ${r.name.padEnd(24)} ${r.ms ? secs(r.ms).padStart(7) : '      -'}  (server start ${secs(r.startMs)})${r.note ? `  ${r.note}` : ''}`);
  const phase = (k, label) => (timings[k] !== undefined ? `${label} ${secs(timings[k])}` : null);
  console.log(`  build: ${[phase('compile', 'tsc'), phase('admin', 'strapi build'), phase('seed', 'seed (beside the admin build when there is one)'), phase('compileSpecs', 'specs tsc')].filter(Boolean).join(', ')}; ready to run the specs after ${secs(timings.ready)}`);
  console.log(`  ${results.length - failed.length}/${results.length} passed in ${secs(Date.now() - started)}; screenshots in ${rel(artifacts)}/`);
  finish(failed.length ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  finish(1);
});
