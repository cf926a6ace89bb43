import type { Core } from '@strapi/strapi';
import config from './config';
import services from './services';
import controllers from './controllers';
import routes from './routes';

export default {
  async register({ strapi }: { strapi: Core.Strapi }) {
    // RBAC actions in register(): other plugins' bootstraps seed roles that hold them
    await (strapi.service('admin::permission') as any).actionProvider.registerMany([
      { section: 'plugins', displayName: '查看统计、检查结果与年度报告', uid: 'read', pluginName: 'statistics' },
      { section: 'plugins', displayName: '编辑年度报告（填报数字、调整、文字部分）', uid: 'annual-report.write', pluginName: 'statistics' },
    ]);
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    const runs = strapi.plugin('statistics').service('runs');
    await runs.ensureTable();
    const stats = strapi.plugin('statistics').service('node-stats');
    await stats.ensureTable();
    if (await stats.isEmpty()) await stats.refresh();
    const daily = strapi.plugin('statistics').service('item-stats');
    await daily.ensureTable();
    if (await daily.isEmpty()) await daily.refresh();
    runs.schedule();
  },
  config,
  services,
  controllers,
  routes,
};
