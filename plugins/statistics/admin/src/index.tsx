import type { StrapiApp } from '@strapi/strapi/admin';
import { PresentationChart } from '@strapi/icons';
import { PLUGIN_ID } from './pluginId';
import { getTrad, prefixTranslations } from './utils/getTrad';
import en from './translations/en.json';
import zhHans from './translations/zh-Hans.json';

const TRANSLATIONS: Record<string, Record<string, string>> = { en, 'zh-Hans': zhHans };

/**
 * Admin side of the statistics plugin (统计与检查): one dashboard page with the headline figures, the
 * publishing charts, the inspection result, upcoming deadlines and the downloads. Bundled from source by
 * Strapi's admin build (vite), see the `./strapi-admin` export in the plugin's package.json.
 */
export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: PresentationChart,
      intlLabel: { id: getTrad('menu.dashboard'), defaultMessage: 'Statistics & inspection' },
      // the routes need plugin::statistics.read: hide the link without it
      permissions: [{ action: 'plugin::statistics.read', subject: null }],
      position: 3,
      Component: () => import('./pages/DashboardPage').then((mod) => ({ default: mod.DashboardPage })),
    });
  },

  bootstrap() {},

  async registerTrads({ locales }: { locales: string[] }) {
    return locales.map((locale) => ({ locale, data: prefixTranslations(TRANSLATIONS[locale] ?? {}) }));
  },
};
