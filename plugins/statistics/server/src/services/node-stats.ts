import type { Core } from '@strapi/strapi';
import { isoDate, rowsOf, xactLock } from '../../../../../src/foundation/sql';

/**
 * Per catalogue node: the last publish date and the number of published items — the figures every
 * inspection rule reads. Kept in catalogue_node_stats and refreshed, with one aggregate restricted to
 * the affected nodes, in the same transaction as each publish / unpublish / delete (Document Service
 * middleware) and after bulk paths; fully rebuilt before the daily inspection run (self-healing).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async ensureTable() {
    const pg = strapi.db.dialect.client === 'postgres';
    await strapi.db.connection.raw(`CREATE TABLE IF NOT EXISTS catalogue_node_stats (
      node_id INTEGER PRIMARY KEY, last_publish_date ${pg ? 'DATE' : 'TEXT'}, item_count INTEGER NOT NULL
    )`);
  },

  /** Recompute the stats of some nodes (or all) — inside the caller's transaction when there is one. */
  async refresh(nodeIds?: number[]) {
    if (nodeIds && !nodeIds.length) return;
    await strapi.db.transaction(async ({ trx }: any) => {
      // serialise refreshes across nodes (PostgreSQL): two publishes on one node must not both DELETE then INSERT its row
      await xactLock(trx, 'rollups', strapi.db.dialect.client === 'postgres');
      const only = nodeIds ? `AND ic.catalogue_node_id IN (${nodeIds.map(Number).join(',')})` : '';
      if (nodeIds) await trx.raw(`DELETE FROM catalogue_node_stats WHERE node_id IN (${nodeIds.map(Number).join(',')})`);
      else await trx.raw('DELETE FROM catalogue_node_stats');
      await trx.raw(`INSERT INTO catalogue_node_stats (node_id, last_publish_date, item_count)
        SELECT ic.catalogue_node_id, MAX(i.publish_date), COUNT(*)
        FROM disclosure_items_catalogue_nodes_lnk ic JOIN disclosure_items i ON i.id = ic.disclosure_item_id
        WHERE i.published_at IS NOT NULL ${only}
        GROUP BY ic.catalogue_node_id`);
    });
  },

  /**
   * Count published rows that no node's stats count yet (documents published for the first time, just written
   * in the caller's transaction by a bulk import): their count and latest date are added to their nodes' rows —
   * a delta proportional to the rows added, where a refresh re-counts every item of the nodes. Equal to a full
   * rebuild (tested).
   */
  async addRows(rowIds: number[]) {
    if (!rowIds.length) return;
    const later = (a: string | null, b: string | null) => (a && (!b || a > b) ? a : b);
    await strapi.db.transaction(async ({ trx }: any) => {
      await xactLock(trx, 'rollups', strapi.db.dialect.client === 'postgres');
      const delta = new Map<number, { last: string | null; n: number }>();
      for (let k = 0; k < rowIds.length; k += 2000) {
        const ids = rowIds.slice(k, k + 2000).map(Number);
        if (ids.some((id) => !Number.isInteger(id))) throw new Error('addRows: row ids must be integers');
        // two single-table lookups by key (no join for a planner with stale statistics to reorder), aggregated here
        const dateOfRow = new Map<number, string | null>();
        for (const r of rowsOf(await trx.raw(`SELECT id, publish_date FROM disclosure_items WHERE id IN (${ids.join(',')}) AND published_at IS NOT NULL`))) dateOfRow.set(Number(r.id), isoDate(r.publish_date));
        for (const l of rowsOf(await trx.raw(`SELECT disclosure_item_id, catalogue_node_id FROM disclosure_items_catalogue_nodes_lnk WHERE disclosure_item_id IN (${ids.join(',')})`))) {
          if (!dateOfRow.has(Number(l.disclosure_item_id))) continue;
          const prev = delta.get(Number(l.catalogue_node_id));
          delta.set(Number(l.catalogue_node_id), { last: later(prev?.last ?? null, dateOfRow.get(Number(l.disclosure_item_id)) ?? null), n: (prev?.n ?? 0) + 1 });
        }
      }
      if (!delta.size) return;
      const nodes = [...delta.keys()];
      const existing = new Map(rowsOf(await trx.raw(`SELECT node_id, last_publish_date, item_count FROM catalogue_node_stats WHERE node_id IN (${nodes.join(',')})`)).map((r: any) => [Number(r.node_id), r]));
      await trx.raw(`DELETE FROM catalogue_node_stats WHERE node_id IN (${nodes.join(',')})`);
      const rows = nodes.map((id) => {
        const d = delta.get(id)!;
        const e: any = existing.get(id);
        return { node_id: id, last_publish_date: later(isoDate(e?.last_publish_date), d.last), item_count: Number(e?.item_count ?? 0) + d.n };
      });
      for (let k = 0; k < rows.length; k += 500) await trx('catalogue_node_stats').insert(rows.slice(k, k + 500));
    });
  },

  /** Node ids linked to any row (draft or published) of a document. */
  async nodesOfDocument(documentId: string): Promise<number[]> {
    return strapi.db.transaction(async ({ trx }: any) => {
      const rows = await trx('disclosure_items_catalogue_nodes_lnk as ic').join('disclosure_items as i', 'i.id', 'ic.disclosure_item_id').where('i.document_id', documentId).distinct('ic.catalogue_node_id as id');
      return rows.map((r: any) => Number(r.id));
    });
  },

  async isEmpty(): Promise<boolean> {
    const row: any = await strapi.db.connection('catalogue_node_stats').count({ n: '*' }).first();
    return Number(row?.n ?? 0) === 0;
  },
});
