import type { StrapiApp } from '@strapi/strapi/admin';

// Simplified-Chinese strings that Strapi's bundled zh-Hans files lack (admin core, content-manager,
// upload, users-permissions, content-type-builder, i18n, email, review-workflows, content-releases),
// plus a few overrides that harmonise the bundled terminology. Keys are the runtime message ids:
// admin-core ids are unprefixed, plugin ids carry the plugin id (e.g. `content-manager.containers.List.draft`).
import zhHans from './translations/zh-Hans.json';

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
