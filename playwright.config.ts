/**
 * Browser tests: `npm run test:e2e [-- <spec name filter> …]` (tests/e2e/*.e2e.ts, one test per spec).
 * tests/e2e/global-setup.ts builds the admin only when stale and seeds once; tests/e2e/fixtures.ts gives each
 * spec its own server on a fresh copy of the seeded database. System Chromium only (CHROMIUM_PATH, default
 * /usr/bin/chromium): browsers are never downloaded.
 *
 * Env: CHROMIUM_PATH, E2E_WORKERS (parallel specs, default 1), E2E_PORT (first port to try, default: ports the
 * OS picks), E2E_KEEP=1 (keep the run's databases and server logs), E2E_SPEC_TIMEOUT (seconds per spec, default
 * 300), E2E_BUILD=always|never. Screenshots: tests/artifacts/ (gitignored).
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './tests/e2e',
  testMatch: '*.e2e.ts',
  globalSetup: './tests/e2e/global-setup.ts',
  outputDir: './.tmp/e2e-results',
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  workers: Number(process.env.E2E_WORKERS || 1),
  timeout: Number(process.env.E2E_SPEC_TIMEOUT || 300) * 1000,
  expect: { timeout: 20000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    actionTimeout: 30000,
    navigationTimeout: 60000,
  },
});
