/**
 * The Strapi server of the browser tests (playwright.config.ts): the environment it runs in, the port each
 * Playwright worker uses, the admin-build staleness check. Shared by global-setup.ts (build, seed) and
 * fixtures.ts (one server per spec).
 */
import { spawn, type ChildProcess } from 'child_process';
import fs from 'fs';
import path from 'path';

export const ROOT = path.resolve(__dirname, '../..');
export const rel = (p: string) => path.relative(ROOT, p) || '.';
export const STRAPI_BIN = path.join(ROOT, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');

/**
 * The server's port for this worker: global-setup.ts reserves one free port per worker (E2E_PORTS), and each
 * worker runs its specs one after another on its own port (TEST_PARALLEL_INDEX, set by Playwright).
 */
export function workerPort(): number {
  const ports = (process.env.E2E_PORTS ?? '').split(',').filter(Boolean).map(Number);
  const index = Number(process.env.TEST_PARALLEL_INDEX ?? 0);
  if (!ports[index]) throw new Error(`no port for worker ${index} (E2E_PORTS=${process.env.E2E_PORTS ?? ''}): run through playwright.config.ts`);
  return ports[index];
}

/** The environment of the seed script and of the server: embedded SQLite, demo mode, no cron, no telemetry. */
export function serverEnv(dbFile: string, port?: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (/^(DATABASE_|TEST_)/.test(key)) delete env[key];
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

/** Newest modification time under a path (files only; node_modules and build output skipped). */
function newest(p: string): number {
  let stat: fs.Stats;
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

/** Why the admin panel must be (re)built, or null when dist/build is up to date (E2E_BUILD=always|never overrides). */
export function adminBuildReason(): string | null {
  const mode = process.env.E2E_BUILD;
  if (mode === 'always') return 'E2E_BUILD=always';
  const index = path.join(ROOT, 'dist', 'build', 'index.html');
  if (!fs.existsSync(index)) return 'dist/build is missing';
  if (mode === 'never') return null;
  const built = fs.statSync(index).mtimeMs;
  const pluginsDir = path.join(ROOT, 'plugins');
  const sources = [
    path.join(ROOT, 'src', 'admin'),
    path.join(ROOT, 'config', 'plugins.ts'),
    path.join(ROOT, 'config', 'admin.ts'),
    path.join(ROOT, 'package-lock.json'),
    ...fs.readdirSync(pluginsDir).flatMap((p) => [path.join(pluginsDir, p, 'admin'), path.join(pluginsDir, p, 'package.json')]),
  ];
  const stale = sources.filter((s) => newest(s) > built);
  return stale.length ? `older than ${stale.map(rel).join(', ')}` : null;
}

/** Signals a process group (the server is started detached: stopping it also stops anything it forked). */
export function signalGroup(pid: number, sig: NodeJS.Signals) {
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

export interface Server {
  child: ChildProcess;
  exited: Promise<void>;
  done: boolean;
  code: number | string | null;
}

/** `strapi start` in demo mode on `port` with `dbFile`, its output appended to `logFile`. */
export function startServer(dbFile: string, port: number, logFile: string): Server {
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [STRAPI_BIN, 'start'], { cwd: ROOT, env: serverEnv(dbFile, port), stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  const server: Server = { child, done: false, code: null, exited: Promise.resolve() };
  server.exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      Object.assign(server, { done: true, code: code ?? signal });
      resolve();
    })
  );
  return server;
}

/** Resolves once GET /_health answers and the admin panel is served; rejects if the server exits first. */
export async function waitHealthy(server: Server, baseUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.done) throw new Error(`the server exited (${server.code}) before it was ready`);
    const health = await fetch(`${baseUrl}/_health`, { signal: AbortSignal.timeout(2000) }).catch(() => null);
    if (health && (health.status === 204 || health.status === 200)) {
      // the admin panel is served too (a missing build would only show in the browser)
      const admin = await fetch(`${baseUrl}/admin/auth/login`, { signal: AbortSignal.timeout(5000) });
      if (admin.status !== 200) throw new Error(`GET /admin/auth/login: ${admin.status}`);
      return;
    }
    // the server is starting: poll its health endpoint again (the only signal it gives)
    await Promise.race([server.exited, new Promise((r) => setTimeout(r, 200))]);
  }
  throw new Error(`the server was not healthy after ${timeoutMs / 1000}s`);
}

/** SIGTERM, then SIGKILL after 15 s; resolves when the server has exited. */
export async function stopServer(server: Server): Promise<void> {
  if (server.done) return;
  signalGroup(server.child.pid!, 'SIGTERM');
  const killed = setTimeout(() => signalGroup(server.child.pid!, 'SIGKILL'), 15000);
  await server.exited;
  clearTimeout(killed);
}

export function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** This worker's port, or null outside a Playwright worker run through playwright.config.ts. */
export function workerPortOrNull(): number | null {
  try {
    return workerPort();
  } catch {
    return null;
  }
}
