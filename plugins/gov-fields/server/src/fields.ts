/**
 * The custom fields of the content model (README.md in this folder), shared by the server (registration,
 * the boot check) and the admin bundle (which imports this file by relative path, like the other plugins'
 * wire.ts): pure, no Strapi import.
 */
import { ENUMS } from '../../../../src/foundation/constants';

export const PLUGIN_ID = 'gov-fields';

/** Field name → the stored type (the column stays what it was before the field existed). */
export const FIELD_TYPES = {
  /** one value of a closed list of ENUMS (src/foundation/constants.ts), stored as the agencies write it */
  select: 'string',
  /** 主题词 and the like: a JSON array of words (src/domain/keywords.ts) */
  tags: 'json',
  /** a number the Document Service generates (索引号, 申请编号): shown, never typed */
  generated: 'string',
  /** a calendar day typed as people write it (2026年11月20日 …) or picked in the calendar, stored 'YYYY-MM-DD' */
  day: 'date',
} as const;

export type FieldName = keyof typeof FIELD_TYPES;

export const FIELD_UID: { [K in FieldName]: `plugin::gov-fields.${K}` } = {
  select: 'plugin::gov-fields.select',
  tags: 'plugin::gov-fields.tags',
  generated: 'plugin::gov-fields.generated',
  day: 'plugin::gov-fields.day',
};

/** What a generated field shows before the document's first save. */
export const GENERATED_PLACEHOLDER = '保存后自动生成';

export type EnumList = keyof typeof ENUMS;

/** The values of the list a select names in its schema options (`"options": { "list": "genre" }`), null if none. */
export function listValues(options: unknown): readonly string[] | null {
  const list = (options as { list?: unknown } | null | undefined)?.list;
  if (typeof list !== 'string' || !Object.prototype.hasOwnProperty.call(ENUMS, list)) return null;
  return ENUMS[list as EnumList];
}

/** Problems of one attribute's use of these fields (boot check): an empty list means fine. */
export function attributeProblems(attribute: { customField?: unknown; options?: unknown }): string[] {
  if (attribute.customField === FIELD_UID.select && !listValues(attribute.options)) {
    return [`options.list 应为 ENUMS 中的列表名（${Object.keys(ENUMS).join('、')}）`];
  }
  return [];
}
