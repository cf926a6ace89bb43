/**
 * Two projects:
 *  - unit: pure modules (the law as code), no Strapi;
 *  - integration: a really booted Strapi per test file (one per Jest worker), SQLite by default,
 *    PostgreSQL when DATABASE_CLIENT=postgres (see tests/helpers/strapi.ts).
 *
 * `npm run test:pg` runs the integration project only (the unit project never opens a database) and, on
 * PostgreSQL, leaves out the integration files that never touch the database (DIALECT_FREE): they would
 * only repeat the SQLite run.
 */
const postgres = process.env.DATABASE_CLIENT === 'postgres';
/** Integration files whose outcome cannot depend on the database: static files served by the app only; the
 * client package (packing, installing and loading it; its calls read one item). */
const DIALECT_FREE = ['<rootDir>/tests/integration/portal.test.ts', '<rootDir>/tests/integration/client-package.test.ts'];
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }] };
/** sanitize-html's parser (htmlparser2 12 and its dom* / entities packages) ships ES modules only: Node
 * loads them with require(esm); Jest's CommonJS runtime needs them compiled like the sources. */
const transformIgnorePatterns = ['^(?!.*/node_modules/(htmlparser2|domhandler|domutils|dom-serializer|domelementtype|entities)/).*/node_modules/'];
module.exports = {
  testTimeout: 120000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/tests/unit/**/*.test.ts', '<rootDir>/plugins/*/server/**/__tests__/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...(postgres ? DIALECT_FREE : [])],
      globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
      globalTeardown: '<rootDir>/tests/helpers/global-teardown.ts',
    },
  ],
};
