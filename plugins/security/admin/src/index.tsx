import type { StrapiApp } from '@strapi/strapi/admin';
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
