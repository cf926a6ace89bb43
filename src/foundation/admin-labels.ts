import type { Core } from '@strapi/strapi';
import { FIELD_LABELS, MAIN_FIELD } from './labels';

/** Puts the Chinese field labels and main fields into the Content Manager's stored view configuration. */
export async function applyAdminLabels(strapi: Core.Strapi) {
  const service = strapi.plugin('content-manager').service('content-types');
  for (const [uid, labels] of Object.entries(FIELD_LABELS)) {
    const contentType = strapi.contentType(uid as any);
    if (!contentType) continue;
    const conf = await service.findConfiguration(contentType);
    let changed = false;
    for (const [field, label] of Object.entries(labels)) {
      const meta = conf.metadatas?.[field];
      if (!meta) continue;
      if (meta.edit && meta.edit.label !== label) { meta.edit.label = label; changed = true; }
      if (meta.list && meta.list.label !== label) { meta.list.label = label; changed = true; }
    }
    // Relations to our types show their Chinese main field (name / title) instead of the id.
    for (const [field, attr] of Object.entries(contentType.attributes as Record<string, any>)) {
      if (attr.type !== 'relation' || !MAIN_FIELD[attr.target]) continue;
      const meta = conf.metadatas?.[field];
      if (meta?.edit && meta.edit.mainField !== MAIN_FIELD[attr.target]) { meta.edit.mainField = MAIN_FIELD[attr.target]; changed = true; }
    }
    if (conf.settings && conf.settings.mainField !== MAIN_FIELD[uid]) { conf.settings.mainField = MAIN_FIELD[uid]; changed = true; }
    if (changed) {
      await service.updateConfiguration(contentType, { settings: conf.settings, metadatas: conf.metadatas, layouts: conf.layouts });
    }
  }
}
