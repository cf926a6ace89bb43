import type { Core } from '@strapi/strapi';

/**
 * Admin sessions (等保 2.0 身份鉴别 b: 登录连接超时自动退出): idle timeout SESSION_IDLE_MINUTES (default 30) and
 * absolute lifetime SESSION_MAX_HOURS (default 8), for "remember me" sessions too. An access token lives half
 * the idle window (the panel renews it while in use; a renewal restarts the idle window), so no session
 * survives the idle window unused (it may end from half the window on); plugins/security (auth/gate.ts) also
 * refuses access tokens of a session past its absolute lifetime.
 */
const sessionSeconds = (env: Core.Config.Shared.ConfigParams['env']) => {
  const idle = Math.max(1, env.int('SESSION_IDLE_MINUTES', 30)) * 60;
  const max = Math.max(1, env.int('SESSION_MAX_HOURS', 8)) * 3600;
  return { idle, max: Math.max(max, idle), access: Math.max(30, Math.floor(idle / 2)) };
};

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Admin => ({
  auth: {
    secret: env('ADMIN_JWT_SECRET')!,
    sessions: {
      accessTokenLifespan: sessionSeconds(env).access,
      idleSessionLifespan: sessionSeconds(env).idle,
      maxSessionLifespan: sessionSeconds(env).max,
      idleRefreshTokenLifespan: sessionSeconds(env).idle,
      maxRefreshTokenLifespan: sessionSeconds(env).max,
    },
  },
  apiToken: {
    salt: env('API_TOKEN_SALT')!,
  },
  transfer: {
    token: {
      salt: env('TRANSFER_TOKEN_SALT')!,
    },
  },
  secrets: {
    encryptionKey: env('ENCRYPTION_KEY')!,
  },
  // The admin panel is in Chinese for editors; no telemetry prompts, no EE promotion.
  flags: {
    nps: env.bool('FLAG_NPS', false),
    promoteEE: env.bool('FLAG_PROMOTE_EE', false),
    docLinks: env.bool('FLAG_DOC_LINKS', false),
  },
  serveAdminPanel: env.bool('SERVE_ADMIN', true),
});

export default config;
