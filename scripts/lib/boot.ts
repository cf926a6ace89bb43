import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';

/** Loads .env (without overriding the environment) and boots Strapi from dist/ without an HTTP server. */
export async function bootForScript(appDir: string): Promise<Core.Strapi> {
  const envFile = path.join(appDir, '.env');
  if (fs.existsSync(envFile)) {
    for (const line of fs.readFileSync(envFile, 'utf8').split('\n')) {
      const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
      if (m && process.env[m[1]] === undefined) process.env[m[1]] = m[2].replace(/^"(.*)"$/, '$1');
    }
  }
  process.env.STRAPI_TELEMETRY_DISABLED ??= 'true';
  process.env.CRON_ENABLED ??= 'false';
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { createStrapi } = require('@strapi/strapi');
  const strapi: Core.Strapi = createStrapi({ appDir, distDir: path.join(appDir, 'dist'), autoReload: false, serveAdminPanel: false });
  strapi.log.level = process.env.LOG_LEVEL || 'warn';
  await strapi.load();
  return strapi;
}
