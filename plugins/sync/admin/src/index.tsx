import type { StrapiApp } from '@strapi/strapi/admin';
import { ArrowsCounterClockwise } from '@strapi/icons';
import { PLUGIN_ID } from './pluginId';
import { getTrad, prefixTranslations } from './utils/getTrad';
import en from './translations/en.json';
import zhHans from './translations/zh-Hans.json';

const TRANSLATIONS: Record<string, Record<string, string>> = { en, 'zh-Hans': zhHans };

/**
 * 同步推送: the admin page over the sync plugin's /sync routes — every push target with its backlog,
 * last success, failures and dead letters; one page per target with its dead letters (replay, skip)
 * and recent deliveries. Reading needs plugin::sync.read (the menu link is hidden without it); replaying
 * and skipping need plugin::sync.manage with the scope of all organisations (the routes answer 403
 * otherwise; the page hides the buttons, from meta.canManage).
 * Bundled from source by Strapi's admin build (vite), see the `./strapi-admin` export in package.json.
 */
export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: ArrowsCounterClockwise,
      intlLabel: { id: getTrad('menu.push'), defaultMessage: 'Push delivery' },
      // the routes need plugin::sync.read (replay and skip: plugin::sync.manage): hide the link without it
      permissions: [{ action: 'plugin::sync.read', subject: null }],
      position: 5,
      Component: () => import('./pages/App').then((mod) => ({ default: mod.App })),
    });
  },

  bootstrap() {},

  async registerTrads({ locales }: { locales: string[] }) {
    return locales.map((locale) => ({ locale, data: prefixTranslations(TRANSLATIONS[locale] ?? {}) }));
  },
};
