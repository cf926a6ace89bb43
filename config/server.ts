import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server & { trustedProxies: string[] } => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  app: {
    keys: env.array('APP_KEYS')!,
  },
  webhooks: {
    populateRelations: env.bool('WEBHOOKS_POPULATE_RELATIONS', false),
  },
  /**
   * Reverse proxies whose X-Forwarded-For is believed (comma-separated IPs / CIDRs / loopback,
   * linklocal, uniquelocal; default none): src/foundation/client-ip.ts, used by the rate limits of
   * the public 依申请公开 routes. Invalid entries stop the boot.
   */
  trustedProxies: env.array('TRUSTED_PROXIES', [] as string[]).map((e) => String(e).trim()).filter(Boolean),
  cron: { enabled: env.bool('CRON_ENABLED', true) },
  logger: { updates: { enabled: false }, startup: { enabled: env.bool('STARTUP_BANNER', true) } },
});

export default config;
