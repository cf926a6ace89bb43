import { factories } from '@strapi/strapi';

/** Standard REST routes. Closed to the Public role (nothing is granted by default); integrators use API tokens. */
export default factories.createCoreRouter('api::disclosure-request.disclosure-request');
