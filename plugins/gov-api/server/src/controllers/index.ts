/**
 * Controllers: a few lines each — validate the query against the route's parameter specs (400 in
 * Chinese), call a service, send the rendered response (validators and caching: http/).
 */
import type { Core } from '@strapi/strapi';
import { runtime, type Runtime } from '../runtime';
import { send } from '../http/respond';
import { PARAMS, parseQuery, type Parsed, type RouteParamsName } from '../validation/params';
import type { Rendered } from '../services/context';

type Handler = (rt: Runtime, p: Parsed, ctx: any) => Promise<Rendered>;

const action = (strapi: Core.Strapi, params: RouteParamsName, handler: Handler) => async (ctx: any) => {
  const rt = runtime(strapi);
  const parsed = parseQuery(ctx.query, PARAMS[params]);
  send(ctx, await handler(rt, parsed, ctx), rt.config);
};

export default {
  api: ({ strapi }: { strapi: Core.Strapi }) => ({
    catalogue: action(strapi, 'catalogue', (rt, p) => rt.catalogue.tree(p)),
    items: action(strapi, 'items', (rt, p) => rt.items.list(p)),
    item: action(strapi, 'item', (rt, p, ctx) => rt.items.findOne(String(ctx.params.id), { wx: p.format === 'wx' })),
    laws: action(strapi, 'laws', (rt, p) => rt.laws.list(p)),
    law: action(strapi, 'law', (rt, p, ctx) => rt.laws.findOne(String(ctx.params.id), { wx: p.format === 'wx' })),
    annualReports: action(strapi, 'annualReports', (rt, p) => rt.reports.list(p)),
    annualReport: action(strapi, 'annualReport', (rt, _p, ctx) => rt.reports.findOne(String(ctx.params.id))),
    search: action(strapi, 'search', (rt, p) => rt.search.search(p)),
    feed: action(strapi, 'feed', (rt, p, ctx) => rt.feeds.feed(String(ctx.params.feed), p)),
    lawFeed: action(strapi, 'lawFeed', (rt, p, ctx) => rt.feeds.lawFeed(String(ctx.params.feed), p)),
    openapi: action(strapi, 'openapi', async (rt) => ({ body: rt.openApiDocument() })),
  }),
};
