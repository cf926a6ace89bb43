import type { Core } from '@strapi/strapi';
import config from './config';
import services from './services';
import controllers from './controllers';
import routes from './routes';

export { verifySignature, sign } from './signature';

export default {
  async register({ strapi }: { strapi: Core.Strapi }) {
    await (strapi.service('admin::permission') as any).actionProvider.registerMany([
      { section: 'plugins', displayName: '查看推送目标与投递记录', uid: 'read', pluginName: 'sync' },
      { section: 'plugins', displayName: '管理推送目标（新增、修改、删除、重放、跳过）', uid: 'manage', pluginName: 'sync' },
    ]);
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
