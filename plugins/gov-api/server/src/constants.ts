/**
 * Names used across the plugin: content-type UIDs, the tables and link tables the hot queries read
 * (checked against Strapi's metadata at bootstrap, see services/schema.ts), the public visibility
 * rule's values, event names and the notification channel.
 */
import { UID, ENUMS } from '../../../../src/foundation/constants';
import { PUBLIC_ITEM } from '../../../../src/domain/visibility';

export { UID, ENUMS };

export const PLUGIN_ID = 'gov-api' as const;

/** Routes live under `${api.rest.prefix}${ROUTE_PREFIX}` (default /api/gov/v1). */
export const ROUTE_PREFIX = '/gov/v1' as const;
export const API_VERSION = '1.0.0' as const;

/**
 * The public visibility rule for disclosure items (政府信息): only the published row of a document,
 * 面向社会, 主动公开, 非密. Laws and annual reports: the published row. Nowhere else is this decided.
 */
export { PUBLIC_ITEM };

/** Tables and columns of the hot raw-SQL paths (Strapi 5 naming; verified at bootstrap). */
export const T = {
  items: 'disclosure_items',
  laws: 'laws',
  reports: 'annual_reports',
  orgs: 'organizations',
  nodes: 'catalogue_nodes',
  categories: 'subject_categories',
  files: 'files',
  filesMorph: 'files_related_mph',
  itemOrg: { table: 'disclosure_items_organization_lnk', owner: 'disclosure_item_id', target: 'organization_id' },
  itemCategory: { table: 'disclosure_items_subject_category_lnk', owner: 'disclosure_item_id', target: 'subject_category_id' },
  itemNodes: { table: 'disclosure_items_catalogue_nodes_lnk', owner: 'disclosure_item_id', target: 'catalogue_node_id' },
  itemInterprets: { table: 'disclosure_items_interprets_lnk', owner: 'disclosure_item_id', target: 'inv_disclosure_item_id' },
  lawOrg: { table: 'laws_organization_lnk', owner: 'law_id', target: 'organization_id' },
  lawRepealedBy: { table: 'laws_repealed_by_lnk', owner: 'law_id', target: 'inv_law_id' },
  lawAmendedBy: { table: 'laws_amended_by_lnk', owner: 'law_id', target: 'inv_law_id' },
  reportOrg: { table: 'annual_reports_organization_lnk', owner: 'annual_report_id', target: 'organization_id' },
  nodeOrg: { table: 'catalogue_nodes_organization_lnk', owner: 'catalogue_node_id', target: 'organization_id' },
  nodeParent: { table: 'catalogue_nodes_parent_lnk', owner: 'catalogue_node_id', target: 'inv_catalogue_node_id' },
  categoryParent: { table: 'subject_categories_parent_lnk', owner: 'subject_category_id', target: 'inv_subject_category_id' },
  orgParent: { table: 'organizations_parent_lnk', owner: 'organization_id', target: 'inv_organization_id' },
} as const;

/** Relation attribute → link table, for the metadata check at bootstrap. */
export const LINKS: Array<{ uid: string; attribute: string; link: { table: string; owner: string; target: string } }> = [
  { uid: UID.item, attribute: 'organization', link: T.itemOrg },
  { uid: UID.item, attribute: 'subjectCategory', link: T.itemCategory },
  { uid: UID.item, attribute: 'catalogueNodes', link: T.itemNodes },
  { uid: UID.item, attribute: 'interprets', link: T.itemInterprets },
  { uid: UID.law, attribute: 'organization', link: T.lawOrg },
  { uid: UID.law, attribute: 'repealedBy', link: T.lawRepealedBy },
  { uid: UID.law, attribute: 'amendedBy', link: T.lawAmendedBy },
  { uid: UID.annualReport, attribute: 'organization', link: T.reportOrg },
  { uid: UID.catalogueNode, attribute: 'organization', link: T.nodeOrg },
  { uid: UID.catalogueNode, attribute: 'parent', link: T.nodeParent },
  { uid: UID.subjectCategory, attribute: 'parent', link: T.categoryParent },
  { uid: UID.organization, attribute: 'parent', link: T.orgParent },
];

/** Tables this plugin owns (created idempotently at bootstrap). */
export const SEARCH_TABLE = 'gov_api_search' as const;
export const SEARCH_FTS_TABLE = 'gov_api_search_fts' as const;

/** PostgreSQL LISTEN/NOTIFY channel for cross-node cache invalidation. */
export const NOTIFY_CHANNEL = 'gov_api_cache' as const;

/** Events emitted on strapi.eventHub (documented in the README). */
export const EVENTS = {
  cacheFlushed: 'gov-api::cache.flushed',
  indexUpdated: 'gov-api::search-index.updated',
  reindexed: 'gov-api::search-index.reindexed',
} as const;

/** Search result / document kinds. */
export const KINDS = ['item', 'law'] as const;
export type Kind = (typeof KINDS)[number];

/** Response header telling whether the in-memory cache served the response (hit/miss). */
export const CACHE_HEADER = 'X-Gov-Cache' as const;

/** Response header with the cache's hit ratio on this node since it started ("0.937 hits=… misses=…"). */
export const CACHE_RATIO_HEADER = 'X-Gov-Cache-Ratio' as const;
