import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::subject-category.subject-category');
