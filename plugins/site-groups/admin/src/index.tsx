import type { StrapiApp } from '@strapi/strapi/admin';
import { User } from '@strapi/icons';
import { PLUGIN_ID } from './pluginId';
import { getTrad, prefixTranslations } from './utils/getTrad';
import en from './translations/en.json';
import zhHans from './translations/zh-Hans.json';

const TRANSLATIONS: Record<string, Record<string, string>> = { en, 'zh-Hans': zhHans };

/** RBAC action of the membership routes (server/src/scope.ts MANAGE_ACTION). */
export const MANAGE_ACTION = 'plugin::site-groups.manage';

/**
 * 机构成员: the admin page over the /site-groups/memberships routes — which admin user belongs to which
 * organisations (and so may see, edit and review their content). Memberships are hidden from the Content
 * Manager; they are edited here only. Bundled from source by Strapi's admin build (vite), see the
 * `./strapi-admin` export in the plugin's package.json.
 */
export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: User,
      intlLabel: { id: getTrad('menu.memberships'), defaultMessage: 'Organisation members' },
      // the routes need this action (and the scope of all organisations); hide the link without it
      permissions: [{ action: MANAGE_ACTION, subject: null }],
      position: 6,
      Component: () => import('./pages/MembershipsPage').then((mod) => ({ default: mod.MembershipsPage })),
    });
  },

  bootstrap() {},

  async registerTrads({ locales }: { locales: string[] }) {
    return locales.map((locale) => ({ locale, data: prefixTranslations(TRANSLATIONS[locale] ?? {}) }));
  },
};
