/** Must equal the server plugin name (config/plugins.ts key and package.json `strapi.name`). */
export const PLUGIN_ID = 'gov-api';

/** RBAC action of the dictionary routes (server/src/admin/dictionary.ts DICTIONARY_ACTION). */
export const DICTIONARY_ACTION = 'plugin::gov-api.dictionary.manage';

/** Translation id of this plugin (keys in translations/*.json are stored without the prefix). */
export const getTrad = (id: string) => `${PLUGIN_ID}.${id}`;

export const prefixTranslations = (data: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(data).map(([key, value]) => [getTrad(key), value]));
