import type { StrapiApp } from '@strapi/strapi/admin';

// Simplified-Chinese strings that Strapi's bundled zh-Hans files lack (admin core, content-manager,
// upload, users-permissions, content-type-builder, i18n, email, review-workflows, content-releases),
// plus a few overrides that harmonise the bundled terminology. Keys are the runtime message ids:
// admin-core ids are unprefixed, plugin ids carry the plugin id (e.g. `content-manager.containers.List.draft`).
import zhHans from './translations/zh-Hans.json';

/**
 * 简体中文 is the default for a browser that has not chosen a language yet (Strapi reads this key when it starts;
 * the language menu still switches to English). Set when this module loads, before the login page renders.
 */
const LANGUAGE_KEY = 'strapi-admin-language';
try {
  if (typeof window !== 'undefined' && !window.localStorage.getItem(LANGUAGE_KEY)) window.localStorage.setItem(LANGUAGE_KEY, 'zh-Hans');
} catch {
  // storage disabled: Strapi falls back to the browser's language
}

/**
 * The admin panel offers 简体中文 (zh-Hans) beside English; demo users are created with zh-Hans as
 * their preferred language. Content-type and field labels are Chinese (see src/foundation/labels.ts).
 */
export default {
  config: {
    locales: ['zh-Hans'],
    translations: {
      'zh-Hans': {
        ...zhHans,
        'app.components.LeftMenu.navbrand.title': '政府信息公开平台',
        'app.components.LeftMenu.navbrand.workplace': '管理后台',
        'Auth.form.welcome.title': '欢迎使用政府信息公开平台',
        'Auth.form.welcome.subtitle': '请登录您的账户',
      },
    },
  },
  bootstrap(_app: StrapiApp) {},
};
