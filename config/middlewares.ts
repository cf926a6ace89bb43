import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  // implemented by src/foundation/cors.ts (installed in register(), src/index.ts): `/api/...` gets
  // `Access-Control-Allow-Origin: *` without credentials; admin routes accept credentialed
  // cross-origin requests only from ADMIN_ORIGINS and the server's own origin.
  { name: 'strapi::cors', config: { adminOrigins: env.array('ADMIN_ORIGINS', []) } },
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  // refuses __proto__ / constructor / prototype keys in bodies and query strings (src/middlewares)
  'global::reject-prototype-keys',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
