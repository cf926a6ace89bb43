import type { Core } from '@strapi/strapi';
import config from './config';
import services from './services';
import controllers from './controllers';
import routes from './routes';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // keep catalogue_node_stats current in the same transaction as every public change of an item
    strapi.documents.use(async (context: any, next: () => Promise<any>) => {
      if (context.uid !== 'api::disclosure-item.disclosure-item' || !['publish', 'unpublish', 'delete'].includes(context.action)) return next();
      return strapi.db.transaction(async () => {
        const stats = strapi.plugin('statistics').service('node-stats');
        const before: number[] = context.params?.documentId ? await stats.nodesOfDocument(context.params.documentId) : [];
        const result = await next();
        const after: number[] = context.params?.documentId ? await stats.nodesOfDocument(context.params.documentId) : [];
        await stats.refresh([...new Set([...before, ...after])]);
        return result;
      });
    });
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    const runs = strapi.plugin('statistics').service('runs');
    await runs.ensureTable();
    const stats = strapi.plugin('statistics').service('node-stats');
    await stats.ensureTable();
    if (await stats.isEmpty()) await stats.refresh();
    runs.schedule();
  },
  config,
  services,
  controllers,
  routes,
};
