import type { Core } from '@strapi/strapi';
import { configureContentManager } from '../../../../src/foundation/content-manager-layout';
import { attributeProblems, FIELD_TYPES, FIELD_UID, PLUGIN_ID } from './fields';

/**
 * 字段控件: the custom fields the content types use for the agencies' closed lists, 主题词 and generated
 * numbers (README.md in this folder). The server side only declares them (name and stored type) — the values
 * are still checked by the Document Service (src/foundation: unknown value → 400 naming the field).
 */
export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    strapi.customFields.register(
      (Object.keys(FIELD_TYPES) as Array<keyof typeof FIELD_TYPES>).map((name) => ({ name, plugin: PLUGIN_ID, type: FIELD_TYPES[name] })),
    );
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    // A select naming no list would show an empty dropdown and let nothing be chosen: refuse to start instead.
    const uids = new Set<string>(Object.values(FIELD_UID));
    const problems: string[] = [];
    const generated: Record<string, string[]> = {};
    for (const [uid, contentType] of Object.entries(strapi.contentTypes)) {
      for (const [name, attribute] of Object.entries(contentType.attributes as Record<string, any>)) {
        if (!uids.has(attribute.customField)) continue;
        for (const p of attributeProblems(attribute)) problems.push(`${uid}.${name}: ${p}`);
        if (attribute.customField === FIELD_UID.generated) (generated[uid] ??= []).push(name);
      }
    }
    if (problems.length) throw new Error(`字段控件配置错误：\n${problems.join('\n')}`);
    // the stored view configuration says the same as the input (the content-manager plugin has bootstrapped
    // before the app's plugins, so the configurations exist)
    for (const [uid, names] of Object.entries(generated)) await configureContentManager(strapi, uid, { readOnly: names });
  },
};
