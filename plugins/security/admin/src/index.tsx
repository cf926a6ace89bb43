import type { StrapiApp } from '@strapi/strapi/admin';
// security log and 三员分立
import { ListSearch } from '@strapi/icons';
// end security log and 三员分立
import { PLUGIN_ID } from './pluginId';
// authentication (auth/)
import { AuthGuardIcon } from './auth/AuthGuard';
import { AUTH_PAGE } from './auth/api';

/**
 * 安全管理: the security log page and the session guards of the admin panel. Bundled from source by Strapi's
 * admin build (vite), see the `./strapi-admin` export in the plugin's package.json.
 */
export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
    // security log and 三员分立: 安全审计日志 (GET /security-log); the link only for holders of plugin::security.log.read
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}/log`,
      icon: ListSearch,
      intlLabel: { id: `${PLUGIN_ID}.menu.log`, defaultMessage: '安全审计日志' },
      permissions: [{ action: 'plugin::security.log.read', subject: null }],
      position: 12,
      Component: () => import('./pages/SecurityLogPage').then((mod) => ({ default: mod.SecurityLogPage })),
    });
    // end security log and 三员分立
    // authentication (auth/): the 账号安全 page (second factor); its menu icon guards every page (AuthGuard.tsx)
    app.addMenuLink({
      to: AUTH_PAGE,
      icon: AuthGuardIcon,
      intlLabel: { id: `${PLUGIN_ID}.auth.menu`, defaultMessage: '账号安全' },
      permissions: [],
      Component: () => import('./auth/AccountSecurityPage').then((mod) => ({ default: mod.AccountSecurityPage })),
    });
  },
  bootstrap() {},
};
