import type { StrapiApp } from '@strapi/strapi/admin';
import { Search } from '@strapi/icons';
import { DICTIONARY_ACTION, PLUGIN_ID, getTrad, prefixTranslations } from './pluginId';
import en from './translations/en.json';
import zhHans from './translations/zh-Hans.json';

const TRANSLATIONS: Record<string, Record<string, string>> = { en, 'zh-Hans': zhHans };

/**
 * 检索词典: the admin page over GET/PUT /gov-api/dictionary — the words the public search indexes and
 * matches whole (agency abbreviations and terms), by source; the admin list is edited here. Both routes
 * need plugin::gov-api.dictionary.manage (the menu link is hidden without it), saving also the scope of all
 * organisations (the page disables saving from meta.canManage). Bundled from source by Strapi's admin build.
 */
export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Search,
      intlLabel: { id: getTrad('menu.dictionary'), defaultMessage: 'Search dictionary' },
      permissions: [{ action: DICTIONARY_ACTION, subject: null }],
      position: 7,
      Component: () => import('./pages/DictionaryPage').then((mod) => ({ default: mod.DictionaryPage })),
    });
  },

  bootstrap() {},

  async registerTrads({ locales }: { locales: string[] }) {
    return locales.map((locale) => ({ locale, data: prefixTranslations(TRANSLATIONS[locale] ?? {}) }));
  },
};
