/**
 * THE public visibility rule of 政府信息, in one place (《政府信息公开条例》第十四条–第十六条: 不予公开 and
 * classified information are never disclosed; 仅对内 items are internal). A disclosure item reaches the
 * public — public API, search index, feeds, pushes to provincial platforms — only when its published version is
 * 面向社会, 主动公开 and 非密. The public API's SQL predicates (plugins/gov-api visibility.ts), the sync plugin's
 * representation and the review workflow's publication gate all read these values.
 */
export const PUBLIC_ITEM = {
  scope: '面向社会',
  disclosureMode: '主动公开',
  secrecyLevel: '非密',
} as const;

/** The rule on a document as the Document Service returns it (camelCase; published or not is the caller's part). */
export function hasPublicMetadata(doc: { scope?: unknown; disclosureMode?: unknown; secrecyLevel?: unknown } | null | undefined): boolean {
  return !!doc && doc.scope === PUBLIC_ITEM.scope && doc.disclosureMode === PUBLIC_ITEM.disclosureMode && doc.secrecyLevel === PUBLIC_ITEM.secrecyLevel;
}
