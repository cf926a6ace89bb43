import type { StrapiApp } from '@strapi/strapi/admin';
import { Clock } from '@strapi/icons';
import { PLUGIN_ID } from './pluginId';
import { REQUEST_UID } from './domain';
import { getTrad, prefixTranslations } from './utils/getTrad';
import en from './translations/en.json';
import zhHans from './translations/zh-Hans.json';

const TRANSLATIONS: Record<string, Record<string, string>> = { en, 'zh-Hans': zhHans };

/**
 * 依申请公开办理: the admin page over the app's 依申请公开 routes (src/requests/admin-routes.ts) — the
 * requests by due date, one page per request with its clock, event timeline, the form to record an
 * event and the reply letters. Admin-only plugin, bundled from source by Strapi's admin build (vite),
 * see the `./strapi-admin` export in the plugin's package.json.
 */
export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Clock,
      intlLabel: { id: getTrad('menu.requests'), defaultMessage: 'Requests on the clock' },
      // the routes need the Content Manager read permission on the requests: hide the link without it
      permissions: [{ action: 'plugin::content-manager.explorer.read', subject: REQUEST_UID }],
      position: 4,
      Component: () => import('./pages/App').then((mod) => ({ default: mod.App })),
    });
  },

  bootstrap() {},

  async registerTrads({ locales }: { locales: string[] }) {
    return locales.map((locale) => ({ locale, data: prefixTranslations(TRANSLATIONS[locale] ?? {}) }));
  },
};
