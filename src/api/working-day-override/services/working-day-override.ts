import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::working-day-override.working-day-override');
