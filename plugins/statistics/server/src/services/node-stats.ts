import type { Core } from '@strapi/strapi';

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
      if (strapi.db.dialect.client === 'postgres') await trx.raw('SELECT pg_advisory_xact_lock(724301)');
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
