import type { Core } from '@strapi/strapi';

/**
 * Daily roll-ups of published items — what the dashboard summary reads instead of scanning a year of
 * items through their link tables:
 *
 *   item_daily_stats       (organization_id, publish_date, genre, disclosure_mode, subject, fulltext, n)
 *   item_node_daily_stats  (organization_id, publish_date, node_id, n)
 *
 * `subject` is the 主题分类 name (未分类 without one), `fulltext` 1 when the item has a body or a text
 * attachment (全文电子化率). Kept like catalogue_node_stats: the (organisation, day) keys a document had
 * before and after a publish / unpublish / delete are recomputed in the same transaction (Document Service
 * middleware), bulk paths refresh what they wrote, and the daily inspection run rebuilds everything
 * (self-healing, e.g. after a subject category was renamed). On PostgreSQL refreshes take a transaction
 * advisory lock, so two nodes publishing on the same day cannot interleave DELETE and INSERT of a key.
 */
export const TEXT_EXTS = ['.pdf', '.doc', '.docx', '.wps', '.ofd', '.txt', '.rtf', '.xls', '.xlsx', '.et', '.html'];
const LOCK = 724301;

export interface DayKey { organizationId: number; date: string }

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const pg = () => strapi.db.dialect.client === 'postgres';
  const dateOf = (v: unknown): string | null => {
    if (v === null || v === undefined) return null;
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    return String(v).slice(0, 10);
  };

  return {
    async ensureTable() {
      const date = pg() ? 'DATE' : 'TEXT';
      const knex = strapi.db.connection;
      await knex.raw(`CREATE TABLE IF NOT EXISTS item_daily_stats (
        organization_id INTEGER NOT NULL, publish_date ${date} NOT NULL, genre VARCHAR(40) NOT NULL, disclosure_mode VARCHAR(40),
        subject VARCHAR(255) NOT NULL, fulltext INTEGER NOT NULL, n INTEGER NOT NULL)`);
      await knex.raw('CREATE INDEX IF NOT EXISTS item_daily_stats_key_idx ON item_daily_stats (organization_id, publish_date)');
      await knex.raw('CREATE INDEX IF NOT EXISTS item_daily_stats_date_idx ON item_daily_stats (publish_date)');
      await knex.raw(`CREATE TABLE IF NOT EXISTS item_node_daily_stats (
        organization_id INTEGER NOT NULL, publish_date ${date} NOT NULL, node_id INTEGER NOT NULL, n INTEGER NOT NULL)`);
      await knex.raw('CREATE INDEX IF NOT EXISTS item_node_daily_stats_key_idx ON item_node_daily_stats (organization_id, publish_date)');
      await knex.raw('CREATE INDEX IF NOT EXISTS item_node_daily_stats_date_idx ON item_node_daily_stats (publish_date)');
    },

    /** Recompute the roll-ups of some (organisation, day) keys, or of everything — in the caller's transaction when there is one. */
    async refresh(keys?: DayKey[]) {
      // one set of statements per organisation (its days as one IN list), or one for everything
      const byOrg = new Map<number, Set<string>>();
      for (const k of keys ?? []) if (k.organizationId && k.date) byOrg.set(k.organizationId, (byOrg.get(k.organizationId) ?? new Set()).add(k.date));
      if (keys && !byOrg.size) return;
      await strapi.db.transaction(async ({ trx }: any) => {
        if (pg()) await trx.raw('SELECT pg_advisory_xact_lock(?)', [LOCK]);
        const parts: Array<[number, string[]] | null> = keys ? [...byOrg].map(([org, days]) => [org, [...days]]) : [null];
        for (const part of parts) {
          const marks = part ? part[1].map(() => '?').join(',') : '';
          const where = part ? `AND io.organization_id = ? AND i.publish_date IN (${marks})` : '';
          const bind = part ? [part[0], ...part[1]] : [];
          for (const table of ['item_daily_stats', 'item_node_daily_stats']) {
            await trx.raw(`DELETE FROM ${table}${part ? ` WHERE organization_id = ? AND publish_date IN (${marks})` : ''}`, bind);
          }
          await trx.raw(`INSERT INTO item_daily_stats (organization_id, publish_date, genre, disclosure_mode, subject, fulltext, n)
            SELECT organization_id, publish_date, genre, disclosure_mode, subject, fulltext, COUNT(*) FROM (
              SELECT io.organization_id, i.publish_date, COALESCE(i.genre, '其他') AS genre, i.disclosure_mode,
                COALESCE((SELECT s.name FROM disclosure_items_subject_category_lnk isc JOIN subject_categories s ON s.id = isc.subject_category_id
                          WHERE isc.disclosure_item_id = i.id LIMIT 1), '未分类') AS subject,
                CASE WHEN (i.body IS NOT NULL AND i.body <> '') OR EXISTS (
                  SELECT 1 FROM files_related_mph m JOIN files f ON f.id = m.file_id
                  WHERE m.related_id = i.id AND m.related_type = 'api::disclosure-item.disclosure-item' AND m.field = 'attachments'
                    AND LOWER(f.ext) IN (${TEXT_EXTS.map(() => '?').join(',')})) THEN 1 ELSE 0 END AS fulltext
              FROM disclosure_items i JOIN disclosure_items_organization_lnk io ON io.disclosure_item_id = i.id
              WHERE i.published_at IS NOT NULL AND i.publish_date IS NOT NULL ${where}
            ) x GROUP BY organization_id, publish_date, genre, disclosure_mode, subject, fulltext`, [...TEXT_EXTS, ...bind]);
          await trx.raw(`INSERT INTO item_node_daily_stats (organization_id, publish_date, node_id, n)
            SELECT io.organization_id, i.publish_date, ic.catalogue_node_id, COUNT(*)
            FROM disclosure_items i JOIN disclosure_items_organization_lnk io ON io.disclosure_item_id = i.id
              JOIN disclosure_items_catalogue_nodes_lnk ic ON ic.disclosure_item_id = i.id
            WHERE i.published_at IS NOT NULL AND i.publish_date IS NOT NULL ${where}
            GROUP BY io.organization_id, i.publish_date, ic.catalogue_node_id`, bind);
        }
      });
    },

    /** The (organisation, day) keys of every row (draft or published) of a document. */
    async keysOfDocument(documentId: string): Promise<DayKey[]> {
      return strapi.db.transaction(async ({ trx }: any) => {
        const rows = await trx('disclosure_items as i').join('disclosure_items_organization_lnk as io', 'io.disclosure_item_id', 'i.id')
          .where('i.document_id', documentId).whereNotNull('i.publish_date').distinct('io.organization_id as org', 'i.publish_date as date');
        return rows.map((r: any) => ({ organizationId: Number(r.org), date: dateOf(r.date)! }));
      });
    },

    async isEmpty(): Promise<boolean> {
      const row: any = await strapi.db.connection('item_daily_stats').count({ n: '*' }).first();
      return Number(row?.n ?? 0) === 0;
    },
  };
};
