/** Must equal the server plugin name (config/plugins.ts key and package.json `strapi.name`). */
export const PLUGIN_ID = 'security';
