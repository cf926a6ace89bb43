/** Environment shared by the test harness, the seed script and CI. */
export const TEST_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  APP_KEYS: 'testKeyA,testKeyB',
  API_TOKEN_SALT: 'test-api-token-salt',
  ADMIN_JWT_SECRET: 'test-admin-jwt-secret',
  TRANSFER_TOKEN_SALT: 'test-transfer-token-salt',
  JWT_SECRET: 'test-jwt-secret',
  ENCRYPTION_KEY: 'test-encryption-key-0123456789abcdef',
  STRAPI_TELEMETRY_DISABLED: 'true',
  SERVE_ADMIN: 'false',
  CRON_ENABLED: 'false',
  BROWSER: 'none',
};

export function applyTestEnv() {
  for (const [k, v] of Object.entries(TEST_ENV)) if (process.env[k] === undefined || k === 'NODE_ENV') process.env[k] = v;
}

export const isPg = () => process.env.DATABASE_CLIENT === 'postgres';

/** Base URL of the PostgreSQL server used by test:pg (a fresh database per test file is created on it). */
export function pgAdminUrl(): string {
  const url = new URL(process.env.TEST_PG_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = '/postgres';
  return url.toString();
}

export function pgUrlFor(database: string): string {
  const url = new URL(pgAdminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

/** Prefix of the throwaway databases of this run (global teardown drops what is left). */
export const PG_PREFIX = process.env.TEST_PG_PREFIX || `gov_test_${process.ppid}`;
