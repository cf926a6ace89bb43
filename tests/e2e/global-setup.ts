/**
 * Before any spec (playwright.config.ts): the server is compiled — `strapi build` (server and admin panel)
 * only when dist/build is missing or older than the admin sources (E2E_BUILD=always|never overrides), else
 * tsc -p tsconfig.json — the portal's client is compiled, the demo county is seeded ONCE into
 * .tmp/e2e-<run>/seed.db (beside the admin bundling when there is one), and one free port is reserved per
 * worker. Each spec then gets a copy of seed.db and its own server (fixtures.ts).
 */
import { spawn, spawnSync } from 'child_process';
import fs from 'fs';
import net from 'net';
import path from 'path';
import type { FullConfig } from '@playwright/test';
import { adminBuildReason, rel, ROOT, serverEnv, STRAPI_BIN } from './server';

const started = Date.now();
const secs = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
const log = (msg: string) => console.log(`[e2e ${secs(Date.now() - started).padStart(6)}] ${msg}`);

/** Runs a command to completion (output inherited); throws when it fails. */
function step(title: string, cmd: string, args: string[]) {
  log(title);
  const t0 = Date.now();
  const res = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (res.status !== 0) throw new Error(`${title}: exit ${res.status ?? res.signal}`);
  log(`  done in ${secs(Date.now() - t0)}`);
}

/** Runs a command in the background, its output prefixed; resolves with its exit code. `onLine` sees each line. */
function runAsync(label: string, args: string[], env: NodeJS.ProcessEnv, onLine?: (line: string) => void): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout, child.stderr]) {
      let rest = '';
      stream.on('data', (chunk) => {
        const lines = (rest + chunk.toString()).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) {
          if (line.trim()) process.stdout.write(`  [${label}] ${line}\n`);
          onLine?.(line);
        }
      });
    }
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** `count` distinct free ports (held open together, then released). */
async function freePorts(count: number, from = Number(process.env.E2E_PORT || 0)): Promise<number[]> {
  const servers: net.Server[] = [];
  const ports: number[] = [];
  try {
    for (let port = from; ports.length < count; port = from ? port + 1 : 0) {
      const srv = net.createServer();
      const got = await new Promise<number | null>((resolve) => {
        srv.once('error', () => resolve(null));
        srv.listen(port, '127.0.0.1', () => resolve((srv.address() as net.AddressInfo).port));
      });
      if (got !== null) {
        servers.push(srv);
        ports.push(got);
      } else if (!from) throw new Error('no free port');
    }
  } finally {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  }
  return ports;
}

export default async function globalSetup(config: FullConfig) {
  const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath} (set CHROMIUM_PATH; on Debian: apt-get install -y chromium fonts-noto-cjk). Browsers are never downloaded.`);
  }
  const runId = `${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-')}-${process.pid}`;
  const runDir = path.join(ROOT, '.tmp', `e2e-${runId}`);
  fs.mkdirSync(runDir, { recursive: true });
  fs.mkdirSync(path.join(ROOT, 'tests', 'artifacts'), { recursive: true });

  step('.env (generated if missing)', process.execPath, [path.join(ROOT, 'scripts', 'ensure-env.js')]);
  // the reference portal (public/portal) loads the typed client compiled for the browser (generated, gitignored)
  step('compile the portal client (scripts/build-portal.js)', process.execPath, [path.join(ROOT, 'scripts', 'build-portal.js')]);

  const seedDb = path.join(runDir, 'seed.db');
  let seeding: Promise<number> | null = null;
  const seed = () => {
    log(`seed the demo county into ${rel(seedDb)}`);
    const t0 = Date.now();
    return runAsync('seed', [path.join(ROOT, 'dist', 'scripts', 'seed.js')], serverEnv(seedDb)).then((code) => {
      log(`  seeded in ${secs(Date.now() - t0)}`);
      return code;
    });
  };
  const reason = adminBuildReason();
  if (reason) {
    // `strapi build` compiles the server first (the same tsconfig.json into dist/), then bundles the admin
    // (a minute on 2 cores): the seed runs beside the bundling, once the compiled server is complete
    log(`compile the server and build the admin panel (strapi build): ${reason}`);
    const t0 = Date.now();
    const code = await runAsync('admin', [STRAPI_BIN, 'build'], { ...process.env, NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true' }, (line) => {
      if (!seeding && /✔ Compiling TS/.test(line)) seeding = seed();
    });
    if (code !== 0) {
      await seeding;
      throw new Error(`strapi build: exit ${code}`);
    }
    log(`  admin panel built in ${secs(Date.now() - t0)}`);
    if (!seeding) seeding = seed(); // the compile marker was not seen: seed now
  } else {
    step('compile the server (tsc -p tsconfig.json)', process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json']);
    log('admin panel: dist/build is up to date (E2E_BUILD=always to rebuild)');
    seeding = seed();
  }
  const seeded = await seeding!;
  if (seeded !== 0) throw new Error(`seed: exit ${seeded}`);
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(seedDb + suffix)) throw new Error(`${rel(seedDb + suffix)} left behind: the seed did not close the database`);
  }

  const ports = await freePorts(Math.max(1, config.workers));
  process.env.E2E_RUN_DIR = runDir;
  process.env.E2E_SEED_DB = seedDb;
  process.env.E2E_PORTS = ports.join(',');
  log(`ready after ${secs(Date.now() - started)}: ${config.workers} worker(s) on port(s) ${ports.join(', ')}; Chromium ${chromiumPath}`);

  // teardown: the run's files go, unless E2E_KEEP=1 or a spec failed (its database and server log are kept)
  return async () => {
    if (process.env.E2E_KEEP) return log(`databases and server logs kept in ${rel(runDir)}`);
    fs.rmSync(seedDb, { force: true });
    if (fs.readdirSync(runDir).length) log(`failed specs' databases and server logs kept in ${rel(runDir)}`);
    else fs.rmSync(runDir, { recursive: true, force: true });
  };
}
