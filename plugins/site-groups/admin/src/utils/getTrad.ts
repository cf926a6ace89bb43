import { PLUGIN_ID } from '../pluginId';

/** Translation id of this plugin (keys in translations/*.json are stored without the prefix). */
export const getTrad = (id: string) => `${PLUGIN_ID}.${id}`;

export const prefixTranslations = (data: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(data).map(([key, value]) => [getTrad(key), value]));
