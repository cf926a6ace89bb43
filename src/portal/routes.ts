/**
 * The server side of the reference portal (public/portal, served as static files by strapi::public): the
 * /portal → /portal/ redirect and the site frame of config/portal.ts as /portal/site.json. The frame is
 * served beside the page rather than through /api/gov/v1 so that a copy of the portal hosted elsewhere
 * can ship its own static site.json (public/portal/README.md).
 */
import type { Core } from '@strapi/strapi';
import { checkSiteFrame, siteFrame, type SiteSettings } from '../domain/site-frame';

const settings = (strapi: Core.Strapi) => strapi.config.get('portal.site') as Partial<SiteSettings> | undefined;

export function portalRoutes(strapi: Core.Strapi): Parameters<Core.Strapi['server']['routes']>[0] {
  // a misconfigured frame (网站标识码, 备案号 …) stops the start, naming the setting
  siteFrame(settings(strapi));
  return [
    // the page loads its files by relative URL: /portal → /portal/ (the router also matches /portal/ here,
    // which goes on to the static files)
    { method: 'GET', path: '/portal', handler: (ctx: any, next: () => Promise<void>) => (ctx.path === '/portal' ? ctx.redirect('/portal/') : next()), config: { auth: false } },
    {
      method: 'GET',
      path: '/portal/site.json',
      handler: (ctx: any) => {
        // read per request (tests and operators may change the config at runtime); checked at boot already
        ctx.set('Cache-Control', 'public, max-age=300');
        ctx.type = 'application/json; charset=utf-8';
        ctx.body = { data: checkSiteFrame(settings(strapi)).frame };
      },
      config: { auth: false },
    },
  ];
}
