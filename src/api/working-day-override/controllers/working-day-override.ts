import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::working-day-override.working-day-override');
