/**
 * The public read model (issue 18): what the list and detail routes answer from, kept in the SAME
 * transaction as every write that changes public content (document-middleware.ts), like the search index.
 *
 *   gov_read_docs     one row per PUBLIC document (kind 'item' | 'law'): its list entry and its detail as
 *                     the JSON text today's serializers produce (serializers/index.ts — byte for byte what
 *                     services/items.ts and laws.ts send), the 索引号, the sort key and the listing scopes
 *                     it is in (so a re-serialization removes exactly the listing rows it had).
 *   gov_read_listing  (scope, pd, document_id): one narrow row per document and listing; a list page is one
 *                     range scan of its primary key in (pd DESC, document_id DESC) order and a keyset
 *                     cursor, then the page's list entries by primary key. Scopes:
 *                       item · item:o:<organisation row id> · item:n:<catalogue node row id> · item:c:<node code>
 *                       law  · law:o:<organisation row id>
 *                     A node's listing holds the items of the node AND its public descendants (what the
 *                     `node` filter means: RefData.subtreeIds). pd = publish_date, '' when it has none:
 *                     '' sorts first ascending and last descending, exactly the lists' NULLS FIRST/LAST.
 *   gov_read_counts   (scope, n): the listing's total, changed with the listing rows.
 *   gov_read_state    'filled': the model was built once (boot fill / rebuild) and is maintained since.
 *
 * Only what the public may see enters: the item rows passing itemVisible (面向社会, 主动公开, 非密, published),
 * the published law rows (visibility.ts) — the same predicates the SQL path reads.
 *
 * Concurrency (PostgreSQL, several nodes): writers take the advisory lock readModelRebuild SHARED in their
 * transaction, a rebuild takes it EXCLUSIVE (it waits for the writers in flight, and publishes wait for it).
 * Counters change by deltas with an upsert, in scope order (no deadlock between two writers).
 */
import type { Core } from '@strapi/strapi';
import type { CatalogueNodeRef, ItemLink, LawLink } from '../../../../../client/src/types';
import { T, UID, type Kind } from '../constants';
import { attachment, itemDetail, itemLink, itemListEntry, lawDetail, lawLink, lawListEntry, nodeRef } from '../serializers';
import { isPostgres, isoDate, isoTime, pgPrepared, placeholders, query, type Knex } from '../sql';
import { itemVisible, lawVisible } from '../visibility';
import { RefData } from '../services/refs';
import { ITEM_LIST_COLUMNS } from '../services/items';
import { LAW_LIST_COLUMNS } from '../services/laws';
import { ddlStatementsOnce, xactLock, xactLockShared } from '../../../../../src/foundation/sql';

export const READ_DOCS = 'gov_read_docs';
export const READ_LISTING = 'gov_read_listing';
export const READ_COUNTS = 'gov_read_counts';
export const READ_STATE = 'gov_read_state';

const CHUNK = 500;

/** One public document, serialized. */
export interface ReadEntry {
  kind: Kind;
  documentId: string;
  rowId: number;
  indexNo: string | null;
  publishedAt: string | null;
  pd: string;
  listJson: string;
  detailJson: string;
  scopes: string[];
}

export const scopeOf = {
  all: (kind: Kind) => kind,
  org: (kind: Kind, orgId: number) => `${kind}:o:${orgId}`,
  node: (nodeId: number) => `item:n:${nodeId}`,
  /** `node=<code>`: the union of the public nodes with that code (codes are unique per organisation only) */
  code: (code: string) => `item:c:${code}`,
};

const chunks = <T>(list: T[], n = CHUNK): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += n) out.push(list.slice(i, i + n));
  return out;
};

const groupBy = <R extends Record<string, any>>(rows: R[], key: (r: R) => string): Map<string, R[]> => {
  const m = new Map<string, R[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
};

/** Node row id → the nodes whose `node` listing includes it (itself and the ancestors whose subtree reaches it). */
const listingNodesCache = new WeakMap<RefData, Map<number, number[]>>();
export function listingNodesOf(refs: RefData): Map<number, number[]> {
  let m = listingNodesCache.get(refs);
  if (!m) {
    m = new Map();
    for (const n of refs.nodes.values()) {
      for (const id of refs.subtreeIds(n.id)) {
        const list = m.get(id);
        if (list) list.push(n.id);
        else m.set(id, [n.id]);
      }
    }
    listingNodesCache.set(refs, m);
  }
  return m;
}

/**
 * Never a leak, whoever writes: a row that stops being public (visibility columns changed, unpublished or
 * deleted — also by raw SQL behind the Document Service: a legacy import, a manual fix) takes its read-model
 * entry, listing rows and counts with it in the same statement, by database triggers. (The Document Service
 * path re-adds what is still public right after, in the same transaction; what raw SQL makes public or
 * rewrites is picked up by npm run rebuild-read-model, as for the search index.)
 */
const guardTriggerNames = ['item', 'law'].flatMap((k) => [`gov_read_${k}_hidden`, `gov_read_${k}_deleted`]);

function guardTriggers(pg: boolean): string[] {
  // documents whose detail shows the row's document (政策解读 / 废止·修改 links both ways): their stored detail is
  // dropped (NULL), so their detail is rendered by the SQL path until the next write or rebuild re-serializes them
  const linked = (table: string, links: Array<{ table: string; owner: string; target: string }>) => links.map((L) =>
    `SELECT s.document_id FROM ${L.table} x JOIN ${table} s ON s.id = x.${L.owner} JOIN ${table} t ON t.id = x.${L.target} WHERE t.document_id = OLD.document_id
     UNION SELECT t.document_id FROM ${L.table} x JOIN ${table} t ON t.id = x.${L.target} WHERE x.${L.owner} = OLD.id`).join(' UNION ');
  const tables = [
    { kind: 'item', table: T.items, cols: 'scope, disclosure_mode, secrecy_level, published_at', visible: itemVisible('NEW').text, linked: linked(T.items, [T.itemInterprets]) },
    { kind: 'law', table: T.laws, cols: 'published_at', visible: lawVisible('NEW').text, linked: linked(T.laws, [T.lawRepealedBy, T.lawAmendedBy]) },
  ];
  if (pg) {
    const out = [
      `CREATE OR REPLACE FUNCTION gov_read_model_guard() RETURNS trigger LANGUAGE plpgsql AS $fn$
       BEGIN
         IF TG_ARGV[0] = 'item' THEN
           UPDATE ${READ_DOCS} SET detail_json = NULL WHERE kind = 'item' AND detail_json IS NOT NULL AND document_id IN (${tables[0].linked});
         ELSE
           UPDATE ${READ_DOCS} SET detail_json = NULL WHERE kind = 'law' AND detail_json IS NOT NULL AND document_id IN (${tables[1].linked});
         END IF;
         WITH gone AS (DELETE FROM ${READ_DOCS} r WHERE r.kind = TG_ARGV[0] AND r.row_id = OLD.id RETURNING r.document_id, r.pd, r.scopes),
              s AS (SELECT g.document_id, g.pd, x.scope FROM gone g, json_array_elements_text(g.scopes::json) AS x(scope)),
              d AS (DELETE FROM ${READ_LISTING} l USING s WHERE l.scope = s.scope AND l.pd = s.pd AND l.document_id = s.document_id RETURNING l.scope)
         UPDATE ${READ_COUNTS} c SET n = c.n - x.k FROM (SELECT scope, COUNT(*) AS k FROM d GROUP BY scope) x WHERE c.scope = x.scope;
         RETURN NULL;
       END $fn$`,
    ];
    for (const t of tables) {
      out.push(
        `DROP TRIGGER IF EXISTS gov_read_${t.kind}_hidden ON ${t.table}`,
        `CREATE TRIGGER gov_read_${t.kind}_hidden AFTER UPDATE OF ${t.cols} ON ${t.table} FOR EACH ROW WHEN (NOT (${t.visible})) EXECUTE FUNCTION gov_read_model_guard('${t.kind}')`,
        `DROP TRIGGER IF EXISTS gov_read_${t.kind}_deleted ON ${t.table}`,
        `CREATE TRIGGER gov_read_${t.kind}_deleted AFTER DELETE ON ${t.table} FOR EACH ROW EXECUTE FUNCTION gov_read_model_guard('${t.kind}')`,
      );
    }
    return out;
  }
  const out: string[] = [];
  for (const t of tables) {
    const body = `BEGIN
      UPDATE ${READ_DOCS} SET detail_json = NULL WHERE kind = '${t.kind}' AND detail_json IS NOT NULL AND document_id IN (${t.linked});
      UPDATE ${READ_COUNTS} SET n = n - 1 WHERE scope IN (SELECT j.value FROM ${READ_DOCS} r, json_each(r.scopes) j WHERE r.kind = '${t.kind}' AND r.row_id = OLD.id);
      DELETE FROM ${READ_LISTING} WHERE (scope, pd, document_id) IN (SELECT j.value, r.pd, r.document_id FROM ${READ_DOCS} r, json_each(r.scopes) j WHERE r.kind = '${t.kind}' AND r.row_id = OLD.id);
      DELETE FROM ${READ_DOCS} WHERE kind = '${t.kind}' AND row_id = OLD.id;
    END`;
    out.push(
      `DROP TRIGGER IF EXISTS gov_read_${t.kind}_hidden`,
      `CREATE TRIGGER gov_read_${t.kind}_hidden AFTER UPDATE OF ${t.cols} ON ${t.table} FOR EACH ROW WHEN NOT (${t.visible}) ${body}`,
      `DROP TRIGGER IF EXISTS gov_read_${t.kind}_deleted`,
      `CREATE TRIGGER gov_read_${t.kind}_deleted AFTER DELETE ON ${t.table} FOR EACH ROW ${body}`,
    );
  }
  return out;
}

export class ReadModel {
  /** The model was filled (boot fill or rebuild) and is maintained: the routes may answer from it. */
  ready = false;
  /** Answers read from the model on this node (list pages, details). */
  served = { lists: 0, details: 0 };

  constructor(private strapi: Core.Strapi) {}

  get pg(): boolean {
    return isPostgres(this.strapi);
  }

  async ensureSchema(): Promise<void> {
    const knex = this.strapi.db.connection;
    const stmts = [
      `CREATE TABLE IF NOT EXISTS ${READ_DOCS} (
         kind VARCHAR(8) NOT NULL,
         document_id VARCHAR(64) NOT NULL,
         row_id INTEGER NOT NULL,
         index_no VARCHAR(255),
         published_at VARCHAR(32),
         pd VARCHAR(10) NOT NULL,
         scopes TEXT NOT NULL,
         list_json TEXT NOT NULL,
         detail_json TEXT,
         PRIMARY KEY (kind, document_id)
       )`,
      `CREATE INDEX IF NOT EXISTS ${READ_DOCS}_index_no_idx ON ${READ_DOCS} (index_no)`,
      `CREATE INDEX IF NOT EXISTS ${READ_DOCS}_row_idx ON ${READ_DOCS} (kind, row_id)`,
      `CREATE TABLE IF NOT EXISTS ${READ_LISTING} (
         scope VARCHAR(300) NOT NULL,
         pd VARCHAR(10) NOT NULL,
         document_id VARCHAR(64) NOT NULL,
         PRIMARY KEY (scope, pd, document_id)
       )`,
      `CREATE TABLE IF NOT EXISTS ${READ_COUNTS} (scope VARCHAR(300) PRIMARY KEY, n INTEGER NOT NULL)`,
      `CREATE TABLE IF NOT EXISTS ${READ_STATE} (key VARCHAR(32) PRIMARY KEY, value TEXT)`,
    ];
    if (this.pg) {
      // A node joining a running cluster must take no lock on the documents' tables: DROP/CREATE TRIGGER waits for
      // the other nodes' writes, which then wait for the read-model tables this transaction holds — a deadlock
      // (seen in CI: a sync worker booting beside a publishing node). So the DDL runs only when it changed, once.
      await ddlStatementsOnce(knex, true, 'gov-api-read-model', 'readModelSchema', [...stmts, ...guardTriggers(true)], guardTriggerNames);
    } else {
      for (const sql of [...stmts, ...guardTriggers(false)]) await knex.raw(sql);
    }
  }

  async isFilled(knex: Knex = this.strapi.db.connection): Promise<boolean> {
    const [r] = await query(knex, `SELECT value FROM ${READ_STATE} WHERE key = 'filled'`);
    return !!r;
  }

  /** Number of documents in the model (by kind). */
  async count(knex: Knex = this.strapi.db.connection): Promise<{ items: number; laws: number }> {
    const rows = await query(knex, `SELECT kind, COUNT(*) AS n FROM ${READ_DOCS} GROUP BY kind`);
    const by = new Map(rows.map((r) => [String(r.kind), Number(r.n)]));
    return { items: by.get('item') ?? 0, laws: by.get('law') ?? 0 };
  }

  // ---------------------------------------------------------------- serialization (today's serializers)

  /** The public entries of these documents, as the SQL path renders them now (absent: not public). */
  async serialize(knex: Knex, refs: RefData, kind: Kind, documentIds: string[]): Promise<Map<string, ReadEntry>> {
    const out = new Map<string, ReadEntry>();
    for (const ids of chunks([...new Set(documentIds)])) {
      const rows = kind === 'item'
        ? await query(knex, `SELECT ${ITEM_LIST_COLUMNS}, d.body, d.body_html, d.summary_html, d.disclosure_mode FROM ${T.items} d
            WHERE ${itemVisible('d').text} AND d.document_id IN (${placeholders(ids.length)}) ORDER BY d.id DESC`, ids)
        : await query(knex, `SELECT ${LAW_LIST_COLUMNS}, l.body, l.body_html, l.summary_html FROM ${T.laws} l
            WHERE ${lawVisible('l').text} AND l.document_id IN (${placeholders(ids.length)}) ORDER BY l.id DESC`, ids);
      await this.serializeRows(knex, refs, kind, rows, out);
    }
    return out;
  }

  /** Rows of the list+detail query (id DESC: the first row of a document is the one findOne picks). */
  private async serializeRows(knex: Knex, refs: RefData, kind: Kind, rows: Array<Record<string, any>>, out: Map<string, ReadEntry>): Promise<void> {
    const seen = new Set<string>();
    const first = rows.filter((r) => {
      const d = String(r.document_id);
      if (seen.has(d)) return false;
      seen.add(d);
      return true;
    });
    if (!first.length) return;
    const rowIds = first.map((r) => Number(r.id));
    const docIds = first.map((r) => String(r.document_id));
    const orgLinks = groupBy(await query(knex, `SELECT ${kind === 'item' ? T.itemOrg.owner : T.lawOrg.owner} AS row_id, ${kind === 'item' ? T.itemOrg.target : T.lawOrg.target} AS org_id
      FROM ${kind === 'item' ? T.itemOrg.table : T.lawOrg.table} WHERE ${kind === 'item' ? T.itemOrg.owner : T.lawOrg.owner} IN (${placeholders(rowIds.length)})`, rowIds), (r) => String(r.row_id));
    const orgScopes = (rowId: number) => [...new Set((orgLinks.get(String(rowId)) ?? []).map((l) => scopeOf.org(kind, Number(l.org_id))))];

    if (kind === 'item') {
      const marks = placeholders(rowIds.length);
      const files = groupBy(await query(knex, `SELECT m.related_id, f.name, f.url, f.mime, f.ext, f.size FROM ${T.filesMorph} m JOIN ${T.files} f ON f.id = m.file_id
        WHERE m.related_id IN (${marks}) AND m.related_type = ? AND m.field = ? ORDER BY m.related_id, m."order", m.id`, [...rowIds, UID.item, 'attachments']), (r) => String(r.related_id));
      const nodeLinks = groupBy(await query(knex, `SELECT ${T.itemNodes.owner} AS row_id, ${T.itemNodes.target} AS node_id FROM ${T.itemNodes.table}
        WHERE ${T.itemNodes.owner} IN (${marks}) ORDER BY id`, rowIds), (r) => String(r.row_id));
      const pv = itemVisible('p');
      const interpreted = groupBy(await query(knex, `SELECT li.${T.itemInterprets.owner} AS src, p.document_id, p.index_no, p.title, p.publish_date
        FROM ${T.itemInterprets.table} li
        JOIN ${T.items} t ON t.id = li.${T.itemInterprets.target}
        JOIN ${T.items} p ON p.document_id = t.document_id AND ${pv.text}
        WHERE li.${T.itemInterprets.owner} IN (${marks}) ORDER BY p.id DESC`, [...pv.bindings, ...rowIds]), (r) => String(r.src));
      const sv = itemVisible('s');
      const interpretations = groupBy(await query(knex, `SELECT DISTINCT t.document_id AS target_doc, s.document_id, s.index_no, s.title, s.publish_date
        FROM ${T.itemInterprets.table} li
        JOIN ${T.items} s ON s.id = li.${T.itemInterprets.owner}
        JOIN ${T.items} t ON t.id = li.${T.itemInterprets.target}
        WHERE t.document_id IN (${placeholders(docIds.length)}) AND ${sv.text}
        ORDER BY s.publish_date DESC, s.document_id`, [...docIds, ...sv.bindings]), (r) => String(r.target_doc));
      const listingNodes = listingNodesOf(refs);
      for (const row of first) {
        const rowId = Number(row.id);
        const documentId = String(row.document_id);
        const links = nodeLinks.get(String(rowId)) ?? [];
        const cataloguePaths: CatalogueNodeRef[][] = [];
        const scopes = new Set<string>([scopeOf.all('item'), ...orgScopes(rowId)]);
        for (const l of links) {
          const path = refs.pathOf(Number(l.node_id));
          if (path) cataloguePaths.push(path.map(nodeRef));
          for (const n of listingNodes.get(Number(l.node_id)) ?? []) {
            scopes.add(scopeOf.node(n));
            scopes.add(scopeOf.code(refs.nodes.get(n)!.code));
          }
        }
        const target = interpreted.get(String(rowId))?.[0];
        const linksTo: ItemLink[] = (interpretations.get(documentId) ?? []).map(itemLink);
        const detail = itemDetail(row, refs, {
          attachments: (files.get(String(rowId)) ?? []).map(attachment),
          cataloguePaths,
          interprets: target ? itemLink(target) : null,
          interpretations: linksTo,
        });
        out.set(documentId, this.entry('item', row, JSON.stringify(itemListEntry(row, refs)), JSON.stringify(detail), scopes));
      }
      return;
    }

    const outgoing = async (link: { table: string; owner: string; target: string }) => groupBy(await query(knex, `SELECT x.${link.owner} AS src, p.document_id, p.title, p.document_number, p.law_status
      FROM ${link.table} x JOIN ${T.laws} t ON t.id = x.${link.target}
      JOIN ${T.laws} p ON p.document_id = t.document_id AND ${lawVisible('p').text}
      WHERE x.${link.owner} IN (${placeholders(rowIds.length)}) ORDER BY p.id DESC`, rowIds), (r) => String(r.src));
    const incoming = async (link: { table: string; owner: string; target: string }) => groupBy(await query(knex, `SELECT DISTINCT t.document_id AS target_doc, s.document_id, s.title, s.document_number, s.law_status, s.publish_date
      FROM ${link.table} x JOIN ${T.laws} s ON s.id = x.${link.owner} JOIN ${T.laws} t ON t.id = x.${link.target}
      WHERE t.document_id IN (${placeholders(docIds.length)}) AND ${lawVisible('s').text}
      ORDER BY s.publish_date DESC, s.document_id`, docIds), (r) => String(r.target_doc));
    const [repealedBy, amendedBy, repeals, amends] = [await outgoing(T.lawRepealedBy), await outgoing(T.lawAmendedBy), await incoming(T.lawRepealedBy), await incoming(T.lawAmendedBy)];
    for (const row of first) {
      const rowId = String(row.id);
      const documentId = String(row.document_id);
      const one = (m: Map<string, any[]>): LawLink | null => {
        const r = m.get(rowId)?.[0];
        return r ? lawLink(r) : null;
      };
      const detail = lawDetail(row, refs, {
        repealedBy: one(repealedBy),
        repeals: (repeals.get(documentId) ?? []).map(lawLink),
        amendedBy: one(amendedBy),
        amends: (amends.get(documentId) ?? []).map(lawLink),
      });
      const scopes = new Set<string>([scopeOf.all('law'), ...orgScopes(Number(row.id))]);
      out.set(documentId, this.entry('law', row, JSON.stringify(lawListEntry(row, refs)), JSON.stringify(detail), scopes));
    }
  }

  private entry(kind: Kind, row: Record<string, any>, listJson: string, detailJson: string, scopes: Set<string>): ReadEntry {
    return {
      kind, documentId: String(row.document_id), rowId: Number(row.id), indexNo: kind === 'item' && row.index_no != null ? String(row.index_no) : null,
      publishedAt: isoTime(row.published_at), pd: isoDate(row.publish_date) ?? '', listJson, detailJson, scopes: [...scopes].sort(),
    };
  }

  // ---------------------------------------------------------------- maintenance

  /**
   * Bring these documents' entries and listing rows in line with the database as `trx` sees it: public
   * ones (re)serialized, others removed. `refs`: reference data read in the same transaction.
   */
  async syncDocuments(trx: Knex, kind: Kind, documentIds: string[], refs?: RefData): Promise<number> {
    const ids = [...new Set(documentIds)];
    if (!ids.length) return 0;
    await xactLockShared(trx, 'readModelRebuild', this.pg);
    const data = refs ?? (await RefData.load(this.strapi, trx));
    const fresh = await this.serialize(trx, data, kind, ids);
    const delta = new Map<string, number>();
    const bump = (scope: string, by: number) => delta.set(scope, (delta.get(scope) ?? 0) + by);
    for (const part of chunks(ids)) {
      const old = await query(trx, `SELECT document_id, pd, scopes FROM ${READ_DOCS} WHERE kind = ? AND document_id IN (${placeholders(part.length)})${this.pg ? ' FOR UPDATE' : ''}`, [kind, ...part]);
      const oldByDoc = new Map(old.map((r) => [String(r.document_id), { pd: String(r.pd), scopes: JSON.parse(String(r.scopes)) as string[] }]));
      const removeRows: Array<[string, string, string]> = [];
      const addRows: Array<[string, string, string]> = [];
      const gone: string[] = [];
      for (const id of part) {
        const before = oldByDoc.get(id);
        const after = fresh.get(id);
        const same = before && after && before.pd === after.pd && before.scopes.join('\n') === after.scopes.join('\n');
        if (!same) {
          for (const s of before?.scopes ?? []) {
            removeRows.push([s, before!.pd, id]);
            bump(s, -1);
          }
          for (const s of after?.scopes ?? []) {
            addRows.push([s, after!.pd, id]);
            bump(s, +1);
          }
        }
        if (before && !after) gone.push(id);
      }
      for (const rows of chunks(removeRows, 300)) {
        await trx.raw(`DELETE FROM ${READ_LISTING} WHERE ${rows.map(() => '(scope = ? AND pd = ? AND document_id = ?)').join(' OR ')}`, rows.flat());
      }
      for (const rows of chunks(addRows, 300)) {
        await trx.raw(`INSERT INTO ${READ_LISTING} (scope, pd, document_id) VALUES ${rows.map(() => '(?, ?, ?)').join(', ')} ON CONFLICT DO NOTHING`, rows.flat());
      }
      if (gone.length) await trx.raw(`DELETE FROM ${READ_DOCS} WHERE kind = ? AND document_id IN (${placeholders(gone.length)})`, [kind, ...gone]);
      const upserts = part.map((id) => fresh.get(id)).filter((e): e is ReadEntry => !!e);
      await this.upsertDocs(trx, upserts);
    }
    await this.applyDeltas(trx, delta);
    return fresh.size;
  }

  private async upsertDocs(trx: Knex, entries: ReadEntry[]): Promise<void> {
    for (const part of chunks(entries, 100)) {
      if (!part.length) continue;
      await trx.raw(
        `INSERT INTO ${READ_DOCS} (kind, document_id, row_id, index_no, published_at, pd, scopes, list_json, detail_json)
         VALUES ${part.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
         ON CONFLICT (kind, document_id) DO UPDATE SET row_id = excluded.row_id, index_no = excluded.index_no, published_at = excluded.published_at,
           pd = excluded.pd, scopes = excluded.scopes, list_json = excluded.list_json, detail_json = excluded.detail_json`,
        part.flatMap((e) => [e.kind, e.documentId, e.rowId, e.indexNo, e.publishedAt, e.pd, JSON.stringify(e.scopes), e.listJson, e.detailJson]),
      );
    }
  }

  private async applyDeltas(trx: Knex, delta: Map<string, number>): Promise<void> {
    // scope order: two writers never wait on each other's counters in opposite orders
    for (const scope of [...delta.keys()].sort()) {
      const by = delta.get(scope)!;
      if (!by) continue;
      await trx.raw(`INSERT INTO ${READ_COUNTS} (scope, n) VALUES (?, ?) ON CONFLICT (scope) DO UPDATE SET n = ${READ_COUNTS}.n + excluded.n`, [scope, by]);
    }
  }

  /** Documents whose public JSON shows this one (政策解读 links; repeal/amend links), before or after a write. */
  async dependents(trx: Knex, kind: Kind, documentId: string): Promise<string[]> {
    if (kind === 'item') {
      const L = T.itemInterprets;
      const rows = await query(trx, `SELECT t.document_id FROM ${L.table} li JOIN ${T.items} s ON s.id = li.${L.owner} JOIN ${T.items} t ON t.id = li.${L.target}
          WHERE s.document_id = ? AND s.published_at IS NOT NULL
        UNION SELECT s.document_id FROM ${L.table} li JOIN ${T.items} s ON s.id = li.${L.owner} JOIN ${T.items} t ON t.id = li.${L.target}
          WHERE t.document_id = ? AND s.published_at IS NOT NULL`, [documentId, documentId]);
      return rows.map((r) => String(r.document_id)).filter((d) => d !== documentId);
    }
    const out = new Set<string>();
    for (const L of [T.lawRepealedBy, T.lawAmendedBy]) {
      const rows = await query(trx, `SELECT t.document_id FROM ${L.table} x JOIN ${T.laws} s ON s.id = x.${L.owner} JOIN ${T.laws} t ON t.id = x.${L.target}
          WHERE s.document_id = ? AND s.published_at IS NOT NULL
        UNION SELECT s.document_id FROM ${L.table} x JOIN ${T.laws} s ON s.id = x.${L.owner} JOIN ${T.laws} t ON t.id = x.${L.target}
          WHERE t.document_id = ? AND s.published_at IS NOT NULL`, [documentId, documentId]);
      for (const r of rows) if (String(r.document_id) !== documentId) out.add(String(r.document_id));
    }
    return [...out];
  }

  /**
   * Public documents whose JSON or listings depend on a reference row (机构, 公开目录 node, 主题分类): read
   * before AND after the write (a deleted node's links are gone after; a moved node's new ancestors exist only after).
   */
  async documentsOfReference(trx: Knex, uid: string, documentId: string): Promise<{ items: string[]; laws: string[] }> {
    const items = new Set<string>();
    const laws = new Set<string>();
    const vis = itemVisible('d');
    if (uid === UID.organization) {
      for (const r of await query(trx, `SELECT DISTINCT d.document_id FROM ${T.itemOrg.table} lo JOIN ${T.items} d ON d.id = lo.${T.itemOrg.owner} JOIN ${T.orgs} o ON o.id = lo.${T.itemOrg.target}
        WHERE o.document_id = ? AND ${vis.text}`, [documentId, ...vis.bindings])) items.add(String(r.document_id));
      for (const r of await query(trx, `SELECT DISTINCT l.document_id FROM ${T.lawOrg.table} lo JOIN ${T.laws} l ON l.id = lo.${T.lawOrg.owner} JOIN ${T.orgs} o ON o.id = lo.${T.lawOrg.target}
        WHERE o.document_id = ? AND l.published_at IS NOT NULL`, [documentId])) laws.add(String(r.document_id));
      // the items of catalogue nodes of this organisation (node rows change with it when it is deleted)
      const nodeRows = await query(trx, `SELECT n.document_id FROM ${T.nodeOrg.table} x JOIN ${T.nodes} n ON n.id = x.${T.nodeOrg.owner} JOIN ${T.orgs} o ON o.id = x.${T.nodeOrg.target} WHERE o.document_id = ?`, [documentId]);
      for (const n of nodeRows) for (const d of (await this.documentsOfReference(trx, UID.catalogueNode, String(n.document_id))).items) items.add(d);
    } else if (uid === UID.catalogueNode) {
      // every node below it, public or not (its isPublic or its parent's may be what changed)
      const all = await query(trx, `SELECT n.id, n.document_id, p.${T.nodeParent.target} AS parent_id FROM ${T.nodes} n LEFT JOIN ${T.nodeParent.table} p ON p.${T.nodeParent.owner} = n.id`);
      const children = groupBy(all.filter((r) => r.parent_id != null), (r) => String(r.parent_id));
      const stack = all.filter((r) => String(r.document_id) === documentId).map((r) => Number(r.id));
      const ids = new Set<number>();
      while (stack.length) {
        const id = stack.pop()!;
        if (ids.has(id)) continue;
        ids.add(id);
        for (const c of children.get(String(id)) ?? []) stack.push(Number(c.id));
      }
      for (const part of chunks([...ids])) {
        for (const r of await query(trx, `SELECT DISTINCT d.document_id FROM ${T.itemNodes.table} ln JOIN ${T.items} d ON d.id = ln.${T.itemNodes.owner}
          WHERE ln.${T.itemNodes.target} IN (${placeholders(part.length)}) AND ${vis.text}`, [...part, ...vis.bindings])) items.add(String(r.document_id));
      }
    } else if (uid === UID.subjectCategory) {
      const cats = await query(trx, `SELECT c.id FROM ${T.categories} c WHERE c.document_id = ?
        UNION SELECT x.${T.categoryParent.owner} FROM ${T.categoryParent.table} x JOIN ${T.categories} p ON p.id = x.${T.categoryParent.target} WHERE p.document_id = ?`, [documentId, documentId]);
      const ids = cats.map((c) => Number(c.id));
      if (ids.length) {
        for (const r of await query(trx, `SELECT DISTINCT d.document_id FROM ${T.itemCategory.table} lc JOIN ${T.items} d ON d.id = lc.${T.itemCategory.owner}
          WHERE lc.${T.itemCategory.target} IN (${placeholders(ids.length)}) AND ${vis.text}`, [...ids, ...vis.bindings])) items.add(String(r.document_id));
      }
    }
    return { items: [...items], laws: [...laws] };
  }

  /**
   * Rebuild the whole model from the published rows, in one transaction under the exclusive lock (readers
   * keep the old model until it commits; writers wait). Idempotent.
   */
  async rebuild(log: (msg: string) => void = () => undefined, batchSize = 500): Promise<{ items: number; laws: number }> {
    const counts = { items: 0, laws: 0 };
    const started = Date.now();
    await this.strapi.db.connection.transaction(async (trx: Knex) => {
      await xactLock(trx, 'readModelRebuild', this.pg);
      await this.fillIn(trx, counts, log, started, batchSize);
    });
    if (this.pg) await this.strapi.db.connection.raw(`ANALYZE ${READ_DOCS}; ANALYZE ${READ_LISTING}`).catch(() => undefined);
    this.ready = true;
    log(`完成：政府信息 ${counts.items} 条、法规文件 ${counts.laws} 条（${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
    return counts;
  }

  /**
   * Boot: fill the model when it was never filled (first start of this version on an existing database), once
   * across nodes (the second node waits for the lock, then finds it filled). `force`: rows were changed
   * behind the Document Service before this boot (e.g. rendered bodies filled), rebuild anyway.
   */
  async fillOnBoot(log: (msg: string) => void, force = false): Promise<boolean> {
    let built = false;
    const counts = { items: 0, laws: 0 };
    const started = Date.now();
    await this.strapi.db.connection.transaction(async (trx: Knex) => {
      await xactLock(trx, 'readModelRebuild', this.pg);
      if (!force && (await this.isFilled(trx))) return;
      await this.fillIn(trx, counts, log, started, CHUNK);
      built = true;
    });
    this.ready = true;
    if (built) log(`公开读模型已建立：政府信息 ${counts.items} 条、法规文件 ${counts.laws} 条（${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
    return built;
  }

  private async fillIn(trx: Knex, counts: { items: number; laws: number }, log: (msg: string) => void, started: number, batchSize: number): Promise<void> {
    await trx.raw(`DELETE FROM ${READ_LISTING}`);
    await trx.raw(`DELETE FROM ${READ_COUNTS}`);
    await trx.raw(`DELETE FROM ${READ_DOCS}`);
    const refs = await RefData.load(this.strapi, trx);
    let lastLogged = 0;
    for (const kind of ['item', 'law'] as const) {
      // documents in row-id order of their newest public row, a batch at a time
      let lastId = 0;
      for (;;) {
        const vis = kind === 'item' ? itemVisible('d') : lawVisible('d');
        const batch = await query(trx, `SELECT d.id, d.document_id FROM ${kind === 'item' ? T.items : T.laws} d WHERE ${vis.text} AND d.id > ? ORDER BY d.id LIMIT ?`, [...vis.bindings, lastId, batchSize]);
        if (!batch.length) break;
        lastId = Number(batch[batch.length - 1].id);
        const entries = [...(await this.serialize(trx, refs, kind, batch.map((r) => String(r.document_id)))).values()]
          // a document with several public rows: counted once, at its newest row's batch (serialize picks that row)
          .filter((e) => e.rowId <= lastId && !(e.rowId < Number(batch[0].id)));
        await this.upsertDocs(trx, entries);
        const rows = entries.flatMap((e) => e.scopes.map((s) => [s, e.pd, e.documentId] as [string, string, string]));
        for (const part of chunks(rows, 300)) {
          await trx.raw(`INSERT INTO ${READ_LISTING} (scope, pd, document_id) VALUES ${part.map(() => '(?, ?, ?)').join(', ')} ON CONFLICT DO NOTHING`, part.flat());
        }
        counts[kind === 'item' ? 'items' : 'laws'] += entries.length;
        const done = counts.items + counts.laws;
        if (done - lastLogged >= 10_000) {
          lastLogged = done;
          log(`已写入 ${done} 条（${Math.round(done / ((Date.now() - started) / 1000 || 1))} 条/秒）`);
        }
      }
    }
    await trx.raw(`INSERT INTO ${READ_COUNTS} (scope, n) SELECT scope, COUNT(*) FROM ${READ_LISTING} GROUP BY scope`);
    await trx.raw(`DELETE FROM ${READ_STATE} WHERE key = 'filled'`);
    await trx.raw(`INSERT INTO ${READ_STATE} (key, value) VALUES ('filled', ?)`, [new Date().toISOString()]);
  }

  // ---------------------------------------------------------------- reads

  /** One page of a listing: list entries' JSON in order, with the sort key of each. */
  async page(scope: string, dir: 'asc' | 'desc', after: { pd: string; documentId: string } | null, limit: number, offset: number): Promise<Array<{ document_id: string; pd: string; list_json: string; published_at: string | null }>> {
    const kind = scope.startsWith('law') ? 'law' : 'item';
    this.served.lists++;
    const cmp = dir === 'desc' ? '<' : '>';
    const ord = dir === 'desc' ? 'DESC' : 'ASC';
    const keyset = after ? `AND (l.pd, l.document_id) ${cmp} (?, ?)` : '';
    return query(this.strapi.db.connection, `SELECT r.document_id, r.pd, r.list_json, r.published_at FROM (
        SELECT l.pd, l.document_id FROM ${READ_LISTING} l WHERE l.scope = ? ${keyset} ORDER BY l.pd ${ord}, l.document_id ${ord} LIMIT ? OFFSET ?
      ) p JOIN ${READ_DOCS} r ON r.kind = ? AND r.document_id = p.document_id
      ORDER BY p.pd ${ord}, p.document_id ${ord}`, [scope, ...(after ? [after.pd, after.documentId] : []), limit, offset, kind]);
  }

  /**
   * A page and the listing's total. PostgreSQL: one prepared statement (the count row LEFT JOINed to the page, so
   * an empty page still carries the total); SQLite: the two reads.
   */
  async pageAndTotal(scope: string, dir: 'asc' | 'desc', after: { pd: string; documentId: string } | null, limit: number, offset: number): Promise<{ rows: Array<{ document_id: string; pd: string; list_json: string; published_at: string | null }>; total: number }> {
    if (!this.pg) {
      const [rows, total] = await Promise.all([this.page(scope, dir, after, limit, offset), this.total(scope)]);
      return { rows, total };
    }
    const kind = scope.startsWith('law') ? 'law' : 'item';
    this.served.lists++;
    const cmp = dir === 'desc' ? '<' : '>';
    const ord = dir === 'desc' ? 'DESC' : 'ASC';
    const values: unknown[] = [scope, kind, limit, offset, ...(after ? [after.pd, after.documentId] : [])];
    const rows = await pgPrepared<Record<string, any>>(this.strapi.db.connection, `gov_read_page_${ord.toLowerCase()}${after ? '_after' : ''}`,
      `SELECT c.n AS total, x.document_id, x.pd, x.list_json, x.published_at
       FROM (SELECT COALESCE((SELECT n FROM ${READ_COUNTS} WHERE scope = $1), 0) AS n) c
       LEFT JOIN LATERAL (
         SELECT r.document_id, p.pd, r.list_json, r.published_at FROM (
           SELECT l.pd, l.document_id FROM ${READ_LISTING} l WHERE l.scope = $1 ${after ? `AND (l.pd, l.document_id) ${cmp} ($5, $6)` : ''}
           ORDER BY l.pd ${ord}, l.document_id ${ord} LIMIT $3 OFFSET $4
         ) p JOIN ${READ_DOCS} r ON r.kind = $2 AND r.document_id = p.document_id
       ) x ON true
       ORDER BY x.pd ${ord}, x.document_id ${ord}`, values);
    const total = Number(rows[0]?.total ?? 0);
    return { rows: rows.filter((r) => r.document_id !== null) as any, total };
  }

  async total(scope: string): Promise<number> {
    const [r] = await query(this.strapi.db.connection, `SELECT n FROM ${READ_COUNTS} WHERE scope = ?`, [scope]);
    return Number(r?.n ?? 0);
  }

  /** The detail JSON by documentId (or 索引号 for items), as findOne picks it. */
  /** Undefined: not public; detail_json null: dropped by the guard trigger (the caller renders it by SQL). */
  async detail(kind: Kind, id: string): Promise<{ detail_json: string | null; published_at: string | null } | undefined> {
    this.served.details++;
    if (this.pg) {
      const [hit] = kind === 'item'
        ? await pgPrepared(this.strapi.db.connection, 'gov_read_item', `SELECT detail_json, published_at FROM ${READ_DOCS} WHERE kind = 'item' AND (document_id = $1 OR index_no = $1) ORDER BY row_id DESC LIMIT 1`, [id])
        : await pgPrepared(this.strapi.db.connection, 'gov_read_law', `SELECT detail_json, published_at FROM ${READ_DOCS} WHERE kind = 'law' AND document_id = $1`, [id]);
      return hit as any;
    }
    const [r] = kind === 'item'
      ? await query(this.strapi.db.connection, `SELECT detail_json, published_at FROM ${READ_DOCS} WHERE kind = 'item' AND (document_id = ? OR index_no = ?) ORDER BY row_id DESC LIMIT 1`, [id, id])
      : await query(this.strapi.db.connection, `SELECT detail_json, published_at FROM ${READ_DOCS} WHERE kind = 'law' AND document_id = ?`, [id]);
    return r as any;
  }
}
