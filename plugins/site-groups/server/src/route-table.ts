import type { Core } from '@strapi/strapi';
import { declarationOf, problemsOf, type RouteAuthz } from './authz';

/**
 * Every route on Strapi's admin router, with where it comes from and its declaration. Routes of Strapi's own
 * packages guard themselves (admin::hasPermissions with their own actions); every other admin route must
 * declare its permission and organisation scope (authz.ts).
 */
export const STRAPI_OWNED = ['admin', 'content-manager', 'content-type-builder', 'upload', 'i18n', 'email', 'users-permissions', 'content-releases', 'review-workflows'] as const;

export interface AdminRoute {
  method: string;
  path: string;
  owner: string;
  config: any;
  declaration: RouteAuthz | null;
}

/** Kept on the Strapi instance (Symbol.for: the same key from every copy of this module, source or compiled). */
const EXTRA = Symbol.for('gov-disclosure.app-admin-routes');

const join = (prefix: string, path: string) => `${prefix ?? ''}${path}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');

/** Mounts admin routes of the application itself (not of a plugin) and records them for the route table. */
export function registerAppAdminRoutes(strapi: Core.Strapi, owner: string, routes: any[], prefix = ''): void {
  const list: AdminRoute[] = ((strapi as any)[EXTRA] ??= []);
  for (const r of routes) list.push({ method: r.method, path: join(prefix, r.path), owner, config: r.config, declaration: declarationOf(r.config) });
  strapi.server.routes({ type: 'admin', prefix, routes } as any);
}

/** The declared admin routes (Strapi's own, plugins', the application's). Call after routing is initialised. */
export function adminRouteTable(strapi: Core.Strapi): AdminRoute[] {
  const out: AdminRoute[] = [];
  const add = (owner: string, prefix: string, routes: any[]) => {
    for (const r of routes ?? []) {
      const hasPrefix = r.config && Object.prototype.hasOwnProperty.call(r.config, 'prefix');
      out.push({ method: r.method, path: join(hasPrefix ? r.config.prefix : prefix, r.path), owner, config: r.config, declaration: declarationOf(r.config) });
    }
  };
  for (const router of Object.values((strapi as any).admin?.routes ?? {}) as any[]) {
    if ((router.type ?? 'admin') === 'admin') add('admin', router.prefix ?? '/admin', router.routes);
  }
  for (const [name, plugin] of Object.entries((strapi as any).plugins ?? {}) as Array<[string, any]>) {
    const routes = plugin.routes;
    if (Array.isArray(routes)) add(name, `/${name}`, routes);
    else for (const router of Object.values(routes ?? {}) as any[]) if ((router.type ?? 'admin') === 'admin') add(name, router.prefix ?? `/${name}`, router.routes);
  }
  out.push(...(((strapi as any)[EXTRA] ?? []) as AdminRoute[]));
  return out;
}

/** (method, path) of every route actually mounted on the admin router (koa-router layers). */
export function mountedAdminRoutes(strapi: Core.Strapi): Array<{ method: string; path: string }> {
  const layers: any[] = (strapi.server as any).api('admin').listRoutes();
  const out: Array<{ method: string; path: string }> = [];
  for (const layer of layers) {
    for (const m of layer.methods ?? []) if (m !== 'HEAD') out.push({ method: m, path: join('', layer.path) });
  }
  return out;
}

/** Admin routes that are not Strapi's own and lack a valid declaration (logged at boot; the test fails on any). */
export function undeclaredRoutes(strapi: Core.Strapi): Array<AdminRoute & { problems: string[] }> {
  return adminRouteTable(strapi)
    .filter((r) => !(STRAPI_OWNED as readonly string[]).includes(r.owner))
    .map((r) => ({ ...r, problems: problemsOf(r.declaration) }))
    .filter((r) => r.problems.length > 0);
}
