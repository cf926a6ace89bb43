/**
 * Metadata checks: 核心要素 required by the item's catalogue nodes, and the publication gate
 * (密级 非密, 公开范围 面向社会, 公开方式 主动公开) for public publishing.
 */
import { PUBLIC_ITEM } from '../../../../../src/domain/visibility';
import { fieldLabel } from './labels';
import type { CheckDocument, CheckId, DisclosureMeta, FindingDraft } from './types';

/** Values required for publishing an item to the public: the visibility rule of src/domain/visibility.ts. */
export const PUBLIC_REQUIREMENTS = {
  secrecyLevel: PUBLIC_ITEM.secrecyLevel,
  scope: PUBLIC_ITEM.scope,
  disclosureMode: PUBLIC_ITEM.disclosureMode,
} as const;

type GateField = keyof typeof PUBLIC_REQUIREMENTS;

const GATE_CHECK: Record<GateField, CheckId> = {
  secrecyLevel: 'metadata.secrecyLevel',
  scope: 'metadata.scope',
  disclosureMode: 'metadata.disclosureMode',
};

const GATE_REASON: Record<GateField, string> = {
  secrecyLevel: '只有“非密”信息才能公开发布',
  scope: '公开发布须为“面向社会”',
  disclosureMode: '公开发布须为“主动公开”',
};

/** Empty: undefined, null, blank string, empty array, or an object without own keys. */
export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value as object).length === 0;
  return false;
}

function display(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/**
 * One finding per required attribute that is missing or empty. An attribute counts as filled when
 * it is non-empty in `doc.fields` or in `doc.meta` (`attachments` also accepts `doc.attachments`).
 */
export function checkRequiredFields(doc: CheckDocument, labels?: Readonly<Record<string, string>>): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  for (const name of new Set(doc.requiredFields ?? [])) {
    const filled =
      !isEmptyValue(doc.fields[name]) ||
      (doc.meta !== undefined && !isEmptyValue(doc.meta[name])) ||
      (name === 'attachments' && (doc.attachments?.length ?? 0) > 0);
    if (filled) continue;
    const label = fieldLabel(name, labels);
    drafts.push({
      check: 'metadata.required',
      field: name,
      start: 0,
      end: 0,
      snippet: '',
      message: `核心要素“${label}”未填写（所属目录要求必须填写）`,
    });
  }
  return drafts;
}

/**
 * The publication gate; a missing value is a finding too. No suggestion is offered on purpose: the
 * fix is to not publish (or to have the attribute corrected through the proper procedure), never
 * to flip the value.
 */
export function checkPublicationMeta(meta: DisclosureMeta, labels?: Readonly<Record<string, string>>): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  for (const field of Object.keys(PUBLIC_REQUIREMENTS) as GateField[]) {
    const raw = meta[field];
    const value = typeof raw === 'string' ? raw.trim() : raw;
    if (value === PUBLIC_REQUIREMENTS[field]) continue;
    const label = fieldLabel(field, labels);
    const shown = display(raw);
    drafts.push({
      check: GATE_CHECK[field],
      field,
      start: 0,
      end: shown.length,
      snippet: shown,
      message: isEmptyValue(raw) ? `未填写${label}，${GATE_REASON[field]}` : `${label}为“${shown}”，${GATE_REASON[field]}`,
    });
  }
  return drafts;
}

/**
 * 主动公开 needs a 所属目录: an item published without a catalogue node appears under no column of the 公开目录
 * (政府信息公开条例第二十条、第二十二条: 主动公开的信息编入政府信息公开目录). Severity `metadata.catalogue` (default blocking).
 */
export function checkCatalogue(doc: CheckDocument, labels?: Readonly<Record<string, string>>): FindingDraft[] {
  if (doc.catalogueNodes === undefined || doc.catalogueNodes > 0) return [];
  const mode = typeof doc.meta?.disclosureMode === 'string' ? doc.meta.disclosureMode.trim() : doc.meta?.disclosureMode;
  if (mode !== PUBLIC_REQUIREMENTS.disclosureMode) return [];
  return [
    {
      check: 'metadata.catalogue',
      field: 'catalogueNodes',
      start: 0,
      end: 0,
      snippet: '',
      message: `主动公开的信息须至少选择一个${fieldLabel('catalogueNodes', labels)}，否则发布后不会出现在公开目录的任何栏目中`,
    },
  ];
}
