import type { Core } from '@strapi/strapi';
import { assertAuthSettings } from './settings';
import { ensureAuthTables } from './store';
import { wrapUserService } from './password-policy';
import { createAuthGate } from './gate';
import { authController, authRoutes, installAdminRouteGuards } from './routes';

/**
 * Identification and authentication (等保 2.0 身份鉴别), README.md of the plugin: password policy
 * (password-policy.ts), expiry / second factor gate (gate.ts), lock-out (lockout.ts), TOTP (totp.ts),
 * sessions (config/admin.ts). Wired by the plugin's index.ts through these three.
 */
export function registerAuth(strapi: Core.Strapi): void {
  assertAuthSettings(strapi);
  strapi.server.use(createAuthGate(strapi));
  installAdminRouteGuards(strapi);
}

export async function bootstrapAuth(strapi: Core.Strapi): Promise<void> {
  await ensureAuthTables(strapi);
  wrapUserService(strapi);
}

export { authRoutes, authController };
