/**
 * THE public visibility rule, in one place. Every query of this plugin that returns or counts
 * content includes one of these predicates; the search index is filled only with rows passing
 * isPublicItemRow / the published law row, and search results are joined back to the live row
 * through these predicates again (so a stale index entry can never surface a hidden document).
 *
 *  - 政府信息: the published row (published_at IS NOT NULL) of a document that is 面向社会, 主动公开
 *    and 非密. Drafts, review states and unpublished changes live only in the draft row: never read.
 *  - 法律法规与规范性文件 / 年度报告: the published row.
 */
import { PUBLIC_ITEM } from './constants';
import type { Sql } from './sql';

const literal = (v: string) => `'${v.replace(/'/g, "''")}'`;

/**
 * The predicate as SQL with the values inlined (constants of this module, never input): written
 * exactly like this, it is also the predicate of the partial indexes gov_api_items_list_idx and
 * gov_api_items_public_idx, which the planner can then use.
 */
export const PUBLIC_ITEM_PREDICATE = `published_at IS NOT NULL AND scope = ${literal(PUBLIC_ITEM.scope)} AND disclosure_mode = ${literal(PUBLIC_ITEM.disclosureMode)} AND secrecy_level = ${literal(PUBLIC_ITEM.secrecyLevel)}`;

export function itemVisible(alias: string): Sql {
  return {
    text: `${alias}.published_at IS NOT NULL AND ${alias}.scope = ${literal(PUBLIC_ITEM.scope)} AND ${alias}.disclosure_mode = ${literal(PUBLIC_ITEM.disclosureMode)} AND ${alias}.secrecy_level = ${literal(PUBLIC_ITEM.secrecyLevel)}`,
    bindings: [],
  };
}

export function lawVisible(alias: string): Sql {
  return { text: `${alias}.published_at IS NOT NULL`, bindings: [] };
}

export function reportVisible(alias: string): Sql {
  return { text: `${alias}.published_at IS NOT NULL`, bindings: [] };
}

/** The same rule on a loaded disclosure_items row (snake_case columns). */
export function isPublicItemRow(row: Record<string, unknown> | null | undefined): boolean {
  return !!row &&
    row.published_at !== null && row.published_at !== undefined &&
    row.scope === PUBLIC_ITEM.scope &&
    row.disclosure_mode === PUBLIC_ITEM.disclosureMode &&
    row.secrecy_level === PUBLIC_ITEM.secrecyLevel;
}
