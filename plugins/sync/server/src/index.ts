import type { Core } from '@strapi/strapi';
import config from './config';
import services from './services';
import controllers from './controllers';
import routes from './routes';
import { registerOutboxMiddleware } from './middleware';

export { verifySignature, sign } from './signature';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerOutboxMiddleware(strapi);
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    const sync = strapi.plugin('sync');
    await sync.service('outbox').ensureTable();
    await sync.service('targets').ensureTable();
    await sync.service('delivery').ensureTables();
    // config targets start their cursor when they first appear (backfill: false → only events from now on)
    for (const t of await sync.service('targets').list()) await sync.service('delivery').ensureCursor(t);
    if ((strapi.config.get('plugin::sync') as any)?.worker?.enabled) sync.service('delivery').start();
  },
  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await strapi.plugin('sync').service('delivery').stop();
  },
  config,
  services,
  controllers,
  routes,
};
