import type { Core } from '@strapi/strapi';
import config, { type ReviewWorkflowConfig } from './config';
import contentTypes from './content-types';
import services from './services';
import controllers from './controllers';
import routes from './routes';
import { REVIEW_ACTIONS, ensureRoles } from './services/roles';
import { ensureAppendOnly } from './append-only';
import { EVENTS } from './constants';

export default {
  async register({ strapi }: { strapi: Core.Strapi }) {
    await (strapi.service('admin::permission') as any).actionProvider.registerMany(REVIEW_ACTIONS);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    const cfg = strapi.config.get('plugin::review-workflow') as ReviewWorkflowConfig;
    await ensureAppendOnly(strapi);
    await ensureRoles(strapi, Object.keys(cfg.contentTypes));
    // Strapi webhooks for stage changes, publishing and 撤稿
    const webhookStore: any = strapi.get('webhookStore');
    webhookStore.addAllowedEvent('REVIEW_STAGE_CHANGE', EVENTS.stageChange);
    webhookStore.addAllowedEvent('REVIEW_PUBLISHED', EVENTS.published);
    webhookStore.addAllowedEvent('REVIEW_UNPUBLISHED', EVENTS.unpublished);
  },

  config,
  contentTypes,
  services,
  controllers,
  routes,
};
