import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::subject-category.subject-category');
