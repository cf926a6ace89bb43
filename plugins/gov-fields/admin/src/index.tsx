import type { StrapiApp } from '@strapi/strapi/admin';
import { FIELD_TYPES, PLUGIN_ID } from '../../server/src/fields';

/**
 * 字段控件 (README.md in this folder): the Content Manager inputs of the custom fields the server registers
 * (server/src/index.ts) — a select for the closed lists, a tag input for 主题词, a read-only generated number, a date
 * input that reads days as editors type them.
 * Bundled from source by Strapi's admin build (the `./strapi-admin` export in package.json).
 */
export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: '字段控件' });
    app.customFields.register([
      {
        name: 'select',
        pluginId: PLUGIN_ID,
        type: FIELD_TYPES.select,
        intlLabel: { id: `${PLUGIN_ID}.select.label`, defaultMessage: '封闭列表' },
        intlDescription: { id: `${PLUGIN_ID}.select.description`, defaultMessage: '从规定的取值中选择（体裁分类、公开方式等）' },
        components: { Input: () => import('./components/EnumSelect') },
      },
      {
        name: 'tags',
        pluginId: PLUGIN_ID,
        type: FIELD_TYPES.tags,
        intlLabel: { id: `${PLUGIN_ID}.tags.label`, defaultMessage: '主题词' },
        intlDescription: { id: `${PLUGIN_ID}.tags.description`, defaultMessage: '标签输入，逗号、分号或空格分隔' },
        components: { Input: () => import('./components/TagInput') },
      },
      {
        name: 'generated',
        pluginId: PLUGIN_ID,
        type: FIELD_TYPES.generated,
        intlLabel: { id: `${PLUGIN_ID}.generated.label`, defaultMessage: '自动生成编号' },
        intlDescription: { id: `${PLUGIN_ID}.generated.description`, defaultMessage: '保存后由系统生成，只读' },
        components: { Input: () => import('./components/GeneratedField') },
      },
      {
        name: 'day',
        pluginId: PLUGIN_ID,
        type: FIELD_TYPES.day,
        intlLabel: { id: `${PLUGIN_ID}.day.label`, defaultMessage: '日期' },
        intlDescription: { id: `${PLUGIN_ID}.day.description`, defaultMessage: '可输入 2026-11-20、2026/11/20、2026.11.20 或 2026年11月20日，或从日历选择' },
        components: { Input: () => import('./components/DayField') },
      },
    ] as Parameters<StrapiApp['customFields']['register']>[0]);
  },
  bootstrap() {},
};
