import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::catalogue-node.catalogue-node');
