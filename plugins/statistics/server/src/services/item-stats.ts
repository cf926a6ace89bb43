import type { Core } from '@strapi/strapi';
import { ddlStatementsOnce, isoDate, rowsOf, xactLock } from '../../../../../src/foundation/sql';
import { UID } from '../../../../../src/foundation/constants';

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

export interface DayKey { organizationId: number; date: string }


/** The roll-up key columns of one published item row `i` (bindings: TEXT_EXTS): 体裁 (其他 without), 主题分类 name (未分类 without), full text. */
const ROW_KEY_COLUMNS = `COALESCE(i.genre, '其他') AS genre, i.disclosure_mode,
        COALESCE((SELECT s.name FROM disclosure_items_subject_category_lnk isc JOIN subject_categories s ON s.id = isc.subject_category_id
                  WHERE isc.disclosure_item_id = i.id LIMIT 1), '未分类') AS subject,
        CASE WHEN (i.body IS NOT NULL AND i.body <> '') OR EXISTS (
          SELECT 1 FROM files_related_mph m JOIN files f ON f.id = m.file_id
          WHERE m.related_id = i.id AND m.related_type = '${UID.item}' AND m.field = 'attachments'
            AND LOWER(f.ext) IN (${TEXT_EXTS.map(() => '?').join(',')})) THEN 1 ELSE 0 END AS fulltext`;

/** The roll-up rows of item_daily_stats for the published rows matching `where` (bindings: TEXT_EXTS, then the where's). */
function dailySelect(where: string): string {
  return `SELECT organization_id, publish_date, genre, disclosure_mode, subject, fulltext, COUNT(*) AS n FROM (
      SELECT io.organization_id, i.publish_date, ${ROW_KEY_COLUMNS}
      FROM disclosure_items i JOIN disclosure_items_organization_lnk io ON io.disclosure_item_id = i.id
      WHERE i.published_at IS NOT NULL AND i.publish_date IS NOT NULL ${where}
    ) x GROUP BY organization_id, publish_date, genre, disclosure_mode, subject, fulltext`;
}

/** The roll-up rows of item_node_daily_stats for the published rows matching `where`. */
function nodeSelect(where: string): string {
  return `SELECT io.organization_id, i.publish_date, ic.catalogue_node_id AS node_id, COUNT(*) AS n
    FROM disclosure_items i JOIN disclosure_items_organization_lnk io ON io.disclosure_item_id = i.id
      JOIN disclosure_items_catalogue_nodes_lnk ic ON ic.disclosure_item_id = i.id
    WHERE i.published_at IS NOT NULL AND i.publish_date IS NOT NULL ${where}
    GROUP BY io.organization_id, i.publish_date, ic.catalogue_node_id`;
}

/**
 * Add counted rows (a delta) to a roll-up table: the existing rows of the delta's (organisation, day) keys are
 * read, merged with the delta by their whole key, and written back (DELETE + INSERT of those keys only).
 */
async function mergeDelta(trx: any, pg: boolean, table: string, key: string[], delta: any[]) {
  if (!delta.length) return;
  const keyOf = (r: any) => key.map((c) => (c === 'publish_date' ? isoDate(r[c]) : r[c] === null || r[c] === undefined ? '\u0000' : String(r[c]))).join('\u0001');
  const days = new Map<number, Set<string>>();
  for (const r of delta) days.set(Number(r.organization_id), (days.get(Number(r.organization_id)) ?? new Set()).add(isoDate(r.publish_date)!));
  const merged = new Map<string, any>();
  const add = (r: any) => {
    const k = keyOf(r);
    const prev = merged.get(k);
    if (prev) prev.n += Number(r.n);
    else merged.set(k, { ...Object.fromEntries(key.map((c) => [c, c === 'publish_date' ? isoDate(r[c]) : r[c] ?? null])), n: Number(r.n) });
  };
  for (const [org, set] of days) {
    const list = [...set];
    for (let k = 0; k < list.length; k += 2000) {
      const part = list.slice(k, k + 2000);
      const where = `organization_id = ? AND publish_date IN (${part.map(() => '?').join(',')})`;
      rowsOf(await trx.raw(`SELECT * FROM ${table} WHERE ${where}`, [org, ...part])).forEach(add);
      await trx.raw(`DELETE FROM ${table} WHERE ${where}`, [org, ...part]);
    }
  }
  delta.forEach(add);
  const rows = [...merged.values()];
  if (pg) {
    // one statement, one array per column
    const cols = [...key, 'n'];
    const types: Record<string, string> = { organization_id: 'int', publish_date: 'date', node_id: 'int', fulltext: 'int', n: 'int' };
    await trx.raw(`INSERT INTO ${table} (${cols.join(', ')}) SELECT * FROM unnest(${cols.map((c) => `?::${types[c] ?? 'text'}[]`).join(', ')})`, cols.map((c) => rows.map((r) => r[c])));
  } else for (let k = 0; k < rows.length; k += 500) await trx(table).insert(rows.slice(k, k + 500));
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const pg = () => strapi.db.dialect.client === 'postgres';

  return {
    async ensureTable() {
      const date = pg() ? 'DATE' : 'TEXT';
      const statements = [
        `CREATE TABLE IF NOT EXISTS item_daily_stats (
        organization_id INTEGER NOT NULL, publish_date ${date} NOT NULL, genre VARCHAR(40) NOT NULL, disclosure_mode VARCHAR(40),
        subject VARCHAR(255) NOT NULL, fulltext INTEGER NOT NULL, n INTEGER NOT NULL)`,
        'CREATE INDEX IF NOT EXISTS item_daily_stats_key_idx ON item_daily_stats (organization_id, publish_date)',
        'CREATE INDEX IF NOT EXISTS item_daily_stats_date_idx ON item_daily_stats (publish_date)',
        `CREATE TABLE IF NOT EXISTS item_node_daily_stats (
        organization_id INTEGER NOT NULL, publish_date ${date} NOT NULL, node_id INTEGER NOT NULL, n INTEGER NOT NULL)`,
        'CREATE INDEX IF NOT EXISTS item_node_daily_stats_key_idx ON item_node_daily_stats (organization_id, publish_date)',
        'CREATE INDEX IF NOT EXISTS item_node_daily_stats_date_idx ON item_node_daily_stats (publish_date)',
      ];
      // once per change (ddlOnce): CREATE INDEX IF NOT EXISTS locks the roll-ups every publish of every node updates
      await ddlStatementsOnce(strapi.db.connection, pg(), 'statistics-rollups', 'schema', statements);
    },

    /** Recompute the roll-ups of some (organisation, day) keys, or of everything — in the caller's transaction when there is one. */
    async refresh(keys?: DayKey[]) {
      // one set of statements per organisation (its days as one IN list), or one for everything
      const byOrg = new Map<number, Set<string>>();
      for (const k of keys ?? []) if (k.organizationId && k.date) byOrg.set(k.organizationId, (byOrg.get(k.organizationId) ?? new Set()).add(k.date));
      if (keys && !byOrg.size) return;
      await strapi.db.transaction(async ({ trx }: any) => {
        await xactLock(trx, 'rollups', pg());
        const parts: Array<[number, string[]] | null> = keys ? [...byOrg].map(([org, days]) => [org, [...days]]) : [null];
        for (const part of parts) {
          const marks = part ? part[1].map(() => '?').join(',') : '';
          const where = part ? `AND io.organization_id = ? AND i.publish_date IN (${marks})` : '';
          const bind = part ? [part[0], ...part[1]] : [];
          for (const table of ['item_daily_stats', 'item_node_daily_stats']) {
            await trx.raw(`DELETE FROM ${table}${part ? ` WHERE organization_id = ? AND publish_date IN (${marks})` : ''}`, bind);
          }
          await trx.raw(`INSERT INTO item_daily_stats (organization_id, publish_date, genre, disclosure_mode, subject, fulltext, n) ${dailySelect(where)}`, [...TEXT_EXTS, ...bind]);
          await trx.raw(`INSERT INTO item_node_daily_stats (organization_id, publish_date, node_id, n) ${nodeSelect(where)}`, bind);
        }
      });
    },

    /**
     * Count published rows that no roll-up counts yet — rows of documents published for the first time, just
     * written in the caller's transaction (bulk imports). A delta: the new rows are aggregated by their ids and
     * added to the roll-up rows of their keys, so the cost follows the rows added — not, as a refresh of their
     * days would, every organisation's items on those days. Equal to a full rebuild (tested).
     */
    async addRows(rowIds: number[]) {
      if (!rowIds.length) return;
      await strapi.db.transaction(async ({ trx }: any) => {
        await xactLock(trx, 'rollups', pg());
        const daily = new Map<string, any>();
        const nodes = new Map<string, any>();
        const count = (m: Map<string, any>, row: any) => {
          const k = JSON.stringify(row);
          const prev = m.get(k);
          if (prev) prev.n++;
          else m.set(k, { ...row, n: 1 });
        };
        for (let k = 0; k < rowIds.length; k += 2000) {
          const ids = rowIds.slice(k, k + 2000).map((id) => Number(id));
          if (ids.some((id) => !Number.isInteger(id))) throw new Error('addRows: row ids must be integers');
          const list = ids.join(',');
          // three single-table lookups by key (no join for a planner with stale statistics to reorder into a
          // scan of a whole link table), aggregated here
          const rows = rowsOf(await trx.raw(`SELECT i.id, i.publish_date, ${ROW_KEY_COLUMNS} FROM disclosure_items i
            WHERE i.id IN (${list}) AND i.published_at IS NOT NULL AND i.publish_date IS NOT NULL`, TEXT_EXTS));
          const orgOf = new Map<number, number>();
          for (const l of rowsOf(await trx.raw(`SELECT disclosure_item_id, organization_id FROM disclosure_items_organization_lnk WHERE disclosure_item_id IN (${list})`))) orgOf.set(Number(l.disclosure_item_id), Number(l.organization_id));
          const nodesOf = new Map<number, number[]>();
          for (const l of rowsOf(await trx.raw(`SELECT disclosure_item_id, catalogue_node_id FROM disclosure_items_catalogue_nodes_lnk WHERE disclosure_item_id IN (${list})`))) {
            nodesOf.set(Number(l.disclosure_item_id), [...(nodesOf.get(Number(l.disclosure_item_id)) ?? []), Number(l.catalogue_node_id)]);
          }
          for (const r of rows) {
            const org = orgOf.get(Number(r.id));
            if (org === undefined) continue;
            const date = isoDate(r.publish_date);
            count(daily, { organization_id: org, publish_date: date, genre: r.genre, disclosure_mode: r.disclosure_mode ?? null, subject: r.subject, fulltext: Number(r.fulltext) });
            for (const node of nodesOf.get(Number(r.id)) ?? []) count(nodes, { organization_id: org, publish_date: date, node_id: node });
          }
        }
        await mergeDelta(trx, pg(), 'item_daily_stats', ['organization_id', 'publish_date', 'genre', 'disclosure_mode', 'subject', 'fulltext'], [...daily.values()]);
        await mergeDelta(trx, pg(), 'item_node_daily_stats', ['organization_id', 'publish_date', 'node_id'], [...nodes.values()]);
      });
    },

    /** The (organisation, day) keys of every row (draft or published) of a document. */
    async keysOfDocument(documentId: string): Promise<DayKey[]> {
      return strapi.db.transaction(async ({ trx }: any) => {
        const rows = await trx('disclosure_items as i').join('disclosure_items_organization_lnk as io', 'io.disclosure_item_id', 'i.id')
          .where('i.document_id', documentId).whereNotNull('i.publish_date').distinct('io.organization_id as org', 'i.publish_date as date');
        return rows.map((r: any) => ({ organizationId: Number(r.org), date: isoDate(r.date)! }));
      });
    },

    async isEmpty(): Promise<boolean> {
      const row: any = await strapi.db.connection('item_daily_stats').count({ n: '*' }).first();
      return Number(row?.n ?? 0) === 0;
    },
  };
};
