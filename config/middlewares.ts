import type { Core } from '@strapi/strapi';

const config: Core.Config.Middlewares = [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
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
