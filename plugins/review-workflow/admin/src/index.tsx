import type { StrapiApp } from '@strapi/strapi/admin';
import type { ContentManagerPlugin } from '@strapi/content-manager/strapi-admin';
import { PLUGIN_ID } from './pluginId';
import { MenuIcon } from './components/MenuIcon';
import { ReviewPanel } from './components/ReviewPanel';
import { WordImportPanel } from './components/WordImportPanel';
import { addStageColumn } from './utils/listColumn';
import { getTrad, prefixTranslations } from './utils/getTrad';
import en from './translations/en.json';
import zhHans from './translations/zh-Hans.json';

const TRANSLATIONS: Record<string, Record<string, string>> = { en, 'zh-Hans': zhHans };

type CmApis = ContentManagerPlugin['config']['apis'];

/**
 * Admin side of the review workflow (审核发布): the edit-view panel, the 待我审核 page and the
 * 审核阶段 column of the list views. Bundled from source by Strapi's admin build (vite), see the
 * `./strapi-admin` export in the plugin's package.json.
 */
export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: MenuIcon,
      intlLabel: { id: getTrad('menu.inbox'), defaultMessage: 'Awaiting my review' },
      // the inbox route needs plugin::review-workflow.review: hide the link without it
      permissions: [{ action: 'plugin::review-workflow.review', subject: null }],
      position: 2,
      Component: () => import('./pages/InboxPage').then((mod) => ({ default: mod.InboxPage })),
    });
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', addStageColumn);
  },

  bootstrap(app: Pick<StrapiApp, 'getPlugin'>) {
    const apis = app.getPlugin('content-manager').apis as unknown as CmApis;
    apis.addEditViewSidePanel([ReviewPanel]);
    // 上传 Word 正文 (政府信息 only; src/word-import)
    apis.addEditViewSidePanel([WordImportPanel]);
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return locales.map((locale) => ({ locale, data: prefixTranslations(TRANSLATIONS[locale] ?? {}) }));
  },
};
