/**
 * The search index: one row per PUBLIC published document (政府信息 and 法规文件) in `gov_api_search`
 * (kind, document_id, row_id of the published row, title, publish_date), with its pre-segmented words in
 *   - SQLite: an FTS5 virtual table `gov_api_search_fts` (contentless, rowid = gov_api_search.id;
 *     columns title / ident (索引号, 发文字号) / body (摘要 + 正文), ranked with bm25 10:5:1);
 *   - PostgreSQL: a tsvector built with the 'simple' configuration over the token strings, weighted
 *     title 'A', ident 'B', body 'D' (ts_filter(tsv, '{a}') gives the title alone), GIN-indexed.
 * The row stays narrow (snippets are cut from the live row of the page's hits).
 * Maintained by the Document Service middleware (syncDocument after publish/unpublish/delete) and
 * rebuilt by reindexAll() (npm run reindex) after writes made behind the platform's back; bulk imports
 * (plugins/sync) keep it with syncDocuments() in each batch's transaction.
 */
import type { Core } from '@strapi/strapi';
import { SEARCH_FTS_TABLE as FTS, SEARCH_TABLE as S, T, type Kind } from '../constants';
import { isoDate, isPostgres, query, type Knex } from '../sql';
import { PUBLIC_ITEM_PREDICATE, isPublicItemRow, itemVisible } from '../visibility';
import { indexTokens, plainText, setActiveDictionary } from './text';
import { ddlOnce, xactLock } from '../../../../../src/foundation/sql';
import { runOnce } from '../../../../../src/foundation/jobs';
import { Dictionary, agencyCodeOf } from './dictionary';
import { WORDS_TABLE, addCodes, dictionarySchema, loadDictionary, scanCodes, setIndexedWords, type LoadedDictionary } from './dictionary-store';

interface Source {
  kind: Kind;
  rowId: number;
  documentId: string;
  title: string;
  ident: string;
  /** 发文字号 and 索引号 as stored (exact and prefix match) */
  docNo: string | null;
  indexNo: string | null;
  summary: string | null;
  body: string | null;
  publishDate: string | null;
}

interface Prepared {
  source: Source;
  titleTokens: string;
  identTokens: string;
  bodyTokens: string;
}

/**
 * The costly part of an entry — segmenting title, summary and body — which needs no row id or 索引号, so bulk
 * imports compute it for the next batch while the database writes the current one.
 */
export interface PreparedText { title: string; summary: string | null; body: string | null; titleTokens: string; bodyTokens: string }

export function prepareText(title: string, summary: string | null | undefined, body: string | null | undefined): PreparedText {
  return {
    title, summary: summary ?? null, body: body ?? null,
    titleTokens: indexTokens(title),
    bodyTokens: indexTokens(`${summary ?? ''} ${plainText(body)}`),
  };
}

function prepare(source: Source, text?: PreparedText): Prepared {
  // a text prepared ahead is used only when it is of exactly this content
  const pre = text && text.title === source.title && text.summary === source.summary && text.body === source.body ? text : prepareText(source.title, source.summary, source.body);
  // the 机关代字 is a word of the 发文字号 by its structure, dictionary or not (a new agency's first document)
  const code = agencyCodeOf(source.docNo);
  const identTokens = indexTokens(source.ident) + (code ? ` ${code}` : '');
  return { source, titleTokens: pre.titleTokens, identTokens, bodyTokens: pre.bodyTokens };
}

const ITEM_COLUMNS = 'd.id, d.document_id, d.title, d.index_no, d.document_number, d.summary, d.body, d.publish_date, d.published_at, d.scope, d.disclosure_mode, d.secrecy_level';
const LAW_COLUMNS = 'l.id, l.document_id, l.title, l.document_number, l.summary, l.body, l.publish_date, l.published_at';

function itemSource(r: Record<string, any>): Source {
  return {
    kind: 'item', rowId: Number(r.id), documentId: String(r.document_id), title: String(r.title ?? ''),
    ident: [r.index_no, r.document_number].filter(Boolean).join(' '), docNo: r.document_number ?? null, indexNo: r.index_no ?? null, summary: r.summary ?? null, body: r.body ?? null, publishDate: isoDate(r.publish_date),
  };
}

function lawSource(r: Record<string, any>): Source {
  return {
    kind: 'law', rowId: Number(r.id), documentId: String(r.document_id), title: String(r.title ?? ''),
    ident: String(r.document_number ?? ''), docNo: r.document_number ?? null, indexNo: null, summary: r.summary ?? null, body: r.body ?? null, publishDate: isoDate(r.publish_date),
  };
}

export class SearchIndex {
  /** The dictionary as last loaded (null: load before the next segmentation). */
  private loaded: LoadedDictionary | null = null;
  private loading: Promise<LoadedDictionary> | null = null;
  private applying: Promise<void> | null = null;
  private applyAgain = false;
  private noApply = false;

  constructor(
    private strapi: Core.Strapi,
    private configWords: () => readonly string[] = () => [],
    /** after documents were re-segmented: flush every node's response cache */
    private afterResegment: (reason: string) => Promise<void> = async () => undefined,
  ) {}

  get pg(): boolean {
    return isPostgres(this.strapi);
  }

  /** Tables and indexes of the plugin (idempotent; on PostgreSQL under an advisory lock, and only when changed). */
  async ensureSchema(): Promise<void> {
    const knex = this.strapi.db.connection;
    const pub = PUBLIC_ITEM_PREDICATE;
    // The lists' order: publish_date DESC NULLS LAST, document_id DESC (and its exact reverse).
    // PostgreSQL needs the NULLS placement in the index; SQLite's ascending index read backwards is it.
    const order = this.pg ? '(publish_date DESC NULLS LAST, document_id DESC)' : '(publish_date, document_id)';
    const common = [
      // earlier names of these indexes
      'DROP INDEX IF EXISTS gov_api_items_keyset_idx',
      'DROP INDEX IF EXISTS gov_api_laws_keyset_idx',
      'DROP INDEX IF EXISTS gov_api_items_order_idx',
      // public items in list order (lists read it in order and stop after a page; with the row id, index-only)
      `CREATE INDEX IF NOT EXISTS gov_api_items_list_idx ON ${T.items} ${order}${this.pg ? ' INCLUDE (id)' : ''} WHERE ${pub}`,
      // public items by row id with the columns the filters and the order need: the node/org/category
      // joins probe it without reading the (wide) rows; only the page's rows are read
      this.pg
        ? `CREATE INDEX IF NOT EXISTS gov_api_items_public_idx ON ${T.items} (id) INCLUDE (publish_date, document_id, genre, validity) WHERE ${pub}`
        : `CREATE INDEX IF NOT EXISTS gov_api_items_public_idx ON ${T.items} (id, publish_date, document_id, genre, validity) WHERE ${pub}`,
      `CREATE INDEX IF NOT EXISTS gov_api_laws_order_idx ON ${T.laws} ${order} WHERE published_at IS NOT NULL`,
      `CREATE INDEX IF NOT EXISTS gov_api_items_nodes_idx ON ${T.itemNodes.table} (${T.itemNodes.target}, ${T.itemNodes.owner})`,
      `CREATE INDEX IF NOT EXISTS ${S}_order_idx ON ${S} (kind, ${order.slice(1)}`,
    ];
    if (this.pg) {
      const stmts = [
        `CREATE TABLE IF NOT EXISTS ${S} (
           id BIGSERIAL PRIMARY KEY,
           kind VARCHAR(8) NOT NULL,
           document_id VARCHAR(64) NOT NULL,
           row_id INTEGER NOT NULL,
           title TEXT NOT NULL,
           publish_date DATE,
           tsv TSVECTOR NOT NULL,
           indexed_at TIMESTAMPTZ NOT NULL DEFAULT now()
         )`,
        // columns of an earlier layout of this table
        `ALTER TABLE ${S} DROP COLUMN IF EXISTS plain, DROP COLUMN IF EXISTS title_tsv`,
        `CREATE UNIQUE INDEX IF NOT EXISTS ${S}_doc_uq ON ${S} (kind, document_id)`,
        `CREATE INDEX IF NOT EXISTS ${S}_row_idx ON ${S} (kind, row_id)`,
        `CREATE INDEX IF NOT EXISTS ${S}_tsv_gin ON ${S} USING GIN (tsv)`,
        ...common,
        ...dictionarySchema(true),
      ];
      const tail = [
        // prefix match (LIKE 'x%') on 发文字号 and 索引号 whatever the database's collation
        `CREATE INDEX IF NOT EXISTS ${S}_doc_no_idx ON ${S} (doc_no text_pattern_ops)`,
        `CREATE INDEX IF NOT EXISTS ${S}_index_no_idx ON ${S} (index_no text_pattern_ops)`,
        // the title tier of /search (all words in the title): the title's words alone, without a column to maintain
        `CREATE INDEX IF NOT EXISTS ${S}_title_gin ON ${S} USING GIN ((ts_filter(tsv, '{a}')))`,
      ];
      // A node joining a running cluster must take no table lock: ALTER TABLE / CREATE INDEX wait for the other
      // nodes' writes, which then wait for the tables this transaction already holds — a deadlock (seen in CI: a
      // sync worker booting beside a publishing node). So the DDL runs only when it changed, once (fingerprint).
      await ddlOnce(knex, true, {
        name: 'gov-api-search',
        lock: 'searchSchema',
        fingerprint: [...stmts, 'doc_no, index_no', ...tail],
        run: async (trx) => {
          for (const sql of stmts) await trx.raw(sql);
          const [has] = await query(trx, `SELECT 1 AS x FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? AND column_name = 'doc_no'`, [S]);
          if (!has) {
            await trx.raw(`ALTER TABLE ${S} ADD COLUMN doc_no VARCHAR(255), ADD COLUMN index_no VARCHAR(255)`);
            await this.fillIdentColumns(trx);
          }
          for (const sql of tail) await trx.raw(sql);
        },
      });
    } else {
      const stmts = [
        `CREATE TABLE IF NOT EXISTS ${S} (
           id INTEGER PRIMARY KEY AUTOINCREMENT,
           kind VARCHAR(8) NOT NULL,
           document_id VARCHAR(64) NOT NULL,
           row_id INTEGER NOT NULL,
           title TEXT NOT NULL,
           publish_date VARCHAR(10),
           indexed_at BIGINT
         )`,
        `CREATE UNIQUE INDEX IF NOT EXISTS ${S}_doc_uq ON ${S} (kind, document_id)`,
        `CREATE INDEX IF NOT EXISTS ${S}_row_idx ON ${S} (kind, row_id)`,
        `CREATE VIRTUAL TABLE IF NOT EXISTS ${FTS} USING fts5(title, ident, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`,
        ...common,
        ...dictionarySchema(false),
      ];
      for (const sql of stmts) await knex.raw(sql);
      const columns = (await query(knex, `PRAGMA table_info(${S})`)).map((c) => String(c.name));
      if (columns.includes('plain')) await knex.raw(`ALTER TABLE ${S} DROP COLUMN plain`);
      if (!columns.includes('doc_no')) {
        await knex.raw(`ALTER TABLE ${S} ADD COLUMN doc_no VARCHAR(255)`);
        await knex.raw(`ALTER TABLE ${S} ADD COLUMN index_no VARCHAR(255)`);
        await this.fillIdentColumns(knex);
      }
      // SQLite compares text bytewise (BINARY): prefix match is a range on these
      await knex.raw(`CREATE INDEX IF NOT EXISTS ${S}_doc_no_idx ON ${S} (doc_no)`);
      await knex.raw(`CREATE INDEX IF NOT EXISTS ${S}_index_no_idx ON ${S} (index_no)`);
    }
  }

  /** Entries made before the 发文字号/索引号 columns existed take them from their rows. */
  private async fillIdentColumns(knex: Knex): Promise<void> {
    await knex.raw(`UPDATE ${S} SET doc_no = d.document_number, index_no = d.index_no FROM ${T.items} d WHERE ${S}.kind = 'item' AND d.id = ${S}.row_id`);
    await knex.raw(`UPDATE ${S} SET doc_no = l.document_number FROM ${T.laws} l WHERE ${S}.kind = 'law' AND l.id = ${S}.row_id`);
  }

  // ---- the dictionary -------------------------------------------------------------------------------

  /** The dictionary (loaded once, again after invalidateDictionary); `knex`: the caller's transaction, if any. */
  async dictionary(knex: Knex = this.strapi.db.connection): Promise<LoadedDictionary> {
    if (this.loaded) return this.loaded;
    // inside a transaction the load must use it (SQLite has one connection); elsewhere share one load
    const load = async () => {
      const d = await loadDictionary(knex, this.configWords());
      setActiveDictionary(d.dict);
      this.loaded = d;
      if (!sameSet(d.dict.words, d.indexed)) this.scheduleApply();
      return d;
    };
    if (knex !== this.strapi.db.connection) return load();
    if (!this.loading) {
      const p = load();
      this.loading = p;
      p.finally(() => {
        if (this.loading === p) this.loading = null;
      }).catch(() => undefined);
    }
    return this.loading;
  }

  /**
   * At boot: the 机关代字 of an index built before the dictionary existed are collected once; an empty
   * index (new database) is segmented with the current dictionary by definition.
   */
  async prepareDictionary(): Promise<void> {
    const knex = this.strapi.db.connection;
    const [codes] = await query(knex, `SELECT COUNT(*) AS n FROM ${WORDS_TABLE} WHERE source = 'code'`);
    if (Number(codes?.n ?? 0) === 0 && (await this.count()) > 0) {
      await knex.transaction(async (trx: Knex) => addCodes(trx, this.pg, await scanCodes(trx)));
    }
    if ((await this.count()) === 0) {
      this.noApply = true;
      try {
        const d = await this.dictionary();
        await knex.transaction((trx: Knex) => setIndexedWords(trx, d.dict.words));
        this.loaded = { ...d, indexed: new Set(d.dict.words) };
      } finally {
        this.noApply = false;
      }
    } else {
      await this.dictionary();
    }
  }

  /** Stop starting dictionary runs and wait for the one in progress (shutdown). */
  async close(): Promise<void> {
    this.noApply = true;
    await this.settled();
  }

  /** Words changed (admin list, an organisation's short name, another node): reload before the next use. */
  invalidateDictionary(): void {
    this.loaded = null;
  }

  /** Resolves when no dictionary application is running or scheduled on this node (tests, scripts). */
  async settled(): Promise<void> {
    while (this.applying) await this.applying;
  }

  private scheduleApply(): void {
    if (this.noApply) return;
    if (this.applying) {
      this.applyAgain = true;
      return;
    }
    const run = async () => {
      try {
        do {
          this.applyAgain = false;
          await new Promise((r) => setImmediate(r));
          await this.applyDictionary();
        } while (this.applyAgain);
      } catch (err: any) {
        this.strapi.log.warn(`[gov-api] 检索词典更新索引失败：${err?.message ?? err}`);
      }
    };
    this.applying = run().finally(() => {
      this.applying = null;
    });
  }

  /**
   * Bring the index in line with the dictionary: the documents that contain a word added since the
   * index was segmented are re-segmented, batch by batch (each its own transaction, so readers and
   * writers are never held up for long), then the indexed word list is updated. Once across nodes:
   * the node that claims the run (gov_job_runs, keyed by the added words and the day) does it, the
   * others see the result when its cache notification reloads their dictionaries. A run interrupted
   * by a crash is retried on the next day's change or by `npm run reindex`.
   * Returns the number of documents re-segmented, or null when another node has the run.
   */
  async applyDictionary(): Promise<number | null> {
    this.noApply = true;
    try {
      return await this.applyLoaded();
    } finally {
      this.noApply = false;
    }
  }

  private async applyLoaded(): Promise<number | null> {
    this.invalidateDictionary();
    const d = await this.dictionary();
    const added = [...d.dict.words].filter((w) => !d.indexed.has(w)).sort();
    const removed = [...d.indexed].some((w) => !d.dict.words.has(w));
    if (!added.length) {
      if (removed) await this.strapi.db.connection.transaction((trx: Knex) => setIndexedWords(trx, d.dict.words));
      if (removed) this.loaded = { ...d, indexed: new Set(d.dict.words) };
      return 0;
    }
    let resegmented = 0;
    const day = new Date().toISOString().slice(0, 10);
    const ran = await runOnce(this.strapi, 'gov-api.search-dictionary', `${day}:${new Dictionary(added).version}`, async () => {
      resegmented = await this.resegmentContaining(added);
      await this.strapi.db.connection.transaction((trx: Knex) => setIndexedWords(trx, d.dict.words));
    });
    if (!ran) return null;
    this.loaded = { ...d, indexed: new Set(d.dict.words) };
    if (resegmented) await this.afterResegment('search-dictionary');
    this.strapi.eventHub?.emit('gov-api::search-dictionary.applied', { added, documents: resegmented });
    return resegmented;
  }

  /** Re-index the public documents whose title, 发文字号 or text contains one of the words. */
  private async resegmentContaining(words: string[]): Promise<number> {
    const knex = this.strapi.db.connection;
    let count = 0;
    for (const kind of ['item', 'law'] as const) {
      let lastId = 0;
      for (;;) {
        // by row_id: re-syncing gives an entry a new id but keeps its published row
        const rows = await query(knex, `SELECT s.row_id, s.document_id, s.title, s.doc_no, x.summary, x.body FROM ${S} s JOIN ${kind === 'item' ? T.items : T.laws} x ON x.id = s.row_id
          WHERE s.kind = ? AND s.row_id > ? ORDER BY s.row_id LIMIT 500`, [kind, lastId]);
        if (!rows.length) break;
        lastId = Number(rows[rows.length - 1].row_id);
        const ids = rows
          .filter((r) => {
            const text = `${r.title ?? ''}\n${r.doc_no ?? ''}\n${r.summary ?? ''}\n${r.body ?? ''}`.toLowerCase();
            return words.some((w) => text.includes(w));
          })
          .map((r) => String(r.document_id));
        if (ids.length) {
          await knex.transaction((trx: Knex) => this.syncDocuments(trx, kind, ids));
          count += ids.length;
        }
      }
    }
    return count;
  }

  /** Number of indexed documents. */
  async count(knex: Knex = this.strapi.db.connection): Promise<number> {
    const [r] = await query(knex, `SELECT COUNT(*) AS n FROM ${S}`);
    return Number(r?.n ?? 0);
  }

  /** Number of documents that should be indexed. */
  async publicCount(knex: Knex = this.strapi.db.connection): Promise<number> {
    const vis = itemVisible('d');
    const [a] = await query(knex, `SELECT COUNT(*) AS n FROM ${T.items} d WHERE ${vis.text}`, vis.bindings);
    const [b] = await query(knex, `SELECT COUNT(*) AS n FROM ${T.laws} l WHERE l.published_at IS NOT NULL`);
    return Number(a?.n ?? 0) + Number(b?.n ?? 0);
  }

  /**
   * Bring one document's index entry in line with its current published row: (re)index it when
   * public, remove it otherwise (unpublished, deleted, 仅对内, 依申请公开, 不予公开, not 非密).
   */
  async syncDocument(trx: Knex, kind: Kind, documentId: string): Promise<'indexed' | 'removed'> {
    await this.dictionary(trx);
    await this.remove(trx, kind, documentId);
    let source: Source | null = null;
    if (kind === 'item') {
      const [row] = await query(trx, `SELECT ${ITEM_COLUMNS} FROM ${T.items} d WHERE d.document_id = ? AND d.published_at IS NOT NULL ORDER BY d.id DESC LIMIT 1`, [documentId]);
      if (row && isPublicItemRow(row)) source = itemSource(row);
    } else {
      const [row] = await query(trx, `SELECT ${LAW_COLUMNS} FROM ${T.laws} l WHERE l.document_id = ? AND l.published_at IS NOT NULL ORDER BY l.id DESC LIMIT 1`, [documentId]);
      if (row) source = lawSource(row);
    }
    if (!source) return 'removed';
    await this.insert(trx, [prepare(source)]);
    return 'indexed';
  }

  /**
   * syncDocument for many documents at once, in the caller's transaction (bulk imports: the index
   * changes commit or roll back with the batch that wrote the rows).
   */
  async syncDocuments(trx: Knex, kind: Kind, documentIds: string[]): Promise<number> {
    await this.dictionary(trx);
    let indexed = 0;
    for (let i = 0; i < documentIds.length; i += 2000) {
      const chunk = documentIds.slice(i, i + 2000);
      const marks = chunk.map(() => '?').join(',');
      if (!this.pg) await trx.raw(`DELETE FROM ${FTS} WHERE rowid IN (SELECT id FROM ${S} WHERE kind = ? AND document_id IN (${marks}))`, [kind, ...chunk]);
      await trx.raw(`DELETE FROM ${S} WHERE kind = ? AND document_id IN (${marks})`, [kind, ...chunk]);
      const rows = kind === 'item'
        ? await query(trx, `SELECT ${ITEM_COLUMNS} FROM ${T.items} d WHERE d.document_id IN (${marks}) AND d.published_at IS NOT NULL`, chunk)
        : await query(trx, `SELECT ${LAW_COLUMNS} FROM ${T.laws} l WHERE l.document_id IN (${marks}) AND l.published_at IS NOT NULL`, chunk);
      const prepared = dedupe(rows.filter((r) => kind === 'law' || isPublicItemRow(r)).map((r) => prepare(kind === 'item' ? itemSource(r) : lawSource(r))));
      for (let j = 0; j < prepared.length; j += 2000) await this.insert(trx, prepared.slice(j, j + 2000));
      indexed += prepared.length;
    }
    return indexed;
  }

  /**
   * Index published item rows just written in the caller's transaction by documents that have no entry yet
   * (bulk imports creating documents): the rows as written, not read back. Non-public rows are left out.
   * `texts`: segmented texts prepared ahead (prepareText), by documentId; used when their content matches.
   */
  async indexNewItemRows(trx: Knex, rows: Array<Record<string, any>>, texts?: Map<string, PreparedText>): Promise<number> {
    await this.dictionary(trx);
    const prepared = dedupe(rows.filter((r) => isPublicItemRow(r)).map((r) => prepare(itemSource(r), texts?.get(String(r.document_id)))));
    for (let j = 0; j < prepared.length; j += 2000) await this.insert(trx, prepared.slice(j, j + 2000));
    return prepared.length;
  }

  private async remove(trx: Knex, kind: Kind, documentId: string): Promise<void> {
    if (!this.pg) await trx.raw(`DELETE FROM ${FTS} WHERE rowid IN (SELECT id FROM ${S} WHERE kind = ? AND document_id = ?)`, [kind, documentId]);
    await trx.raw(`DELETE FROM ${S} WHERE kind = ? AND document_id = ?`, [kind, documentId]);
  }

  private async insert(trx: Knex, rows: Prepared[]): Promise<void> {
    if (!rows.length) return;
    await this.recordCodes(trx, rows);
    if (this.pg && rows.length > 1) {
      // one binding per column (arrays), not per value: cheaper to build and to send for bulk paths
      const col = (f: (r: Prepared) => unknown) => rows.map(f);
      await trx.raw(
        `INSERT INTO ${S} (kind, document_id, row_id, title, publish_date, doc_no, index_no, tsv)
         SELECT k, d, r, t, p, dn, ix, setweight(to_tsvector('simple', a), 'A') || setweight(to_tsvector('simple', b), 'B') || setweight(to_tsvector('simple', c), 'D')
         FROM unnest(?::text[], ?::text[], ?::int4[], ?::text[], ?::date[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS x(k, d, r, t, p, dn, ix, a, b, c)`,
        [col((r) => r.source.kind), col((r) => r.source.documentId), col((r) => r.source.rowId), col((r) => r.source.title), col((r) => r.source.publishDate),
          col((r) => r.source.docNo), col((r) => r.source.indexNo), col((r) => r.titleTokens), col((r) => r.identTokens), col((r) => r.bodyTokens)] as any,
      );
      return;
    }
    if (this.pg) {
      const values: string[] = [];
      const bindings: unknown[] = [];
      for (const r of rows) {
        values.push(`(?, ?, ?, ?, ?::date, ?, ?, setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'B') || setweight(to_tsvector('simple', ?), 'D'))`);
        bindings.push(r.source.kind, r.source.documentId, r.source.rowId, r.source.title, r.source.publishDate, r.source.docNo, r.source.indexNo, r.titleTokens, r.identTokens, r.bodyTokens);
      }
      await trx.raw(`INSERT INTO ${S} (kind, document_id, row_id, title, publish_date, doc_no, index_no, tsv) VALUES ${values.join(', ')}`, bindings);
      return;
    }
    const now = Date.now();
    for (const r of rows) {
      const [ins] = await query(trx, `INSERT INTO ${S} (kind, document_id, row_id, title, publish_date, doc_no, index_no, indexed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, [
        r.source.kind, r.source.documentId, r.source.rowId, r.source.title, r.source.publishDate, r.source.docNo, r.source.indexNo, now,
      ]);
      await trx.raw(`INSERT INTO ${FTS} (rowid, title, ident, body) VALUES (?, ?, ?, ?)`, [Number(ins.id), r.titleTokens, r.identTokens, r.bodyTokens]);
    }
  }

  /**
   * 机关代字 not seen before become dictionary words: recorded in the caller's transaction; the
   * dictionary is reloaded on the next use and the documents mentioning them re-segmented (applyDictionary).
   */
  private async recordCodes(trx: Knex, rows: Prepared[]): Promise<void> {
    const known = this.loaded?.codes;
    const fresh = new Set<string>();
    for (const r of rows) {
      const c = agencyCodeOf(r.source.docNo);
      if (c && !known?.has(c)) fresh.add(c);
    }
    if (!fresh.size) return;
    await addCodes(trx, this.pg, [...fresh]);
    for (const c of fresh) known?.add(c);
    this.invalidateDictionary();
  }

  /**
   * Rebuild the whole index from the published rows (after raw bulk imports: npm run reindex).
   * One transaction: readers see the old index until it commits.
   */
  async reindexAll(log: (msg: string) => void = () => undefined, batchSize = 500): Promise<{ items: number; laws: number }> {
    const counts = { items: 0, laws: 0 };
    const started = Date.now();
    this.noApply = true; // this rebuild segments everything with the current dictionary
    try {
      await this.reindexIn(counts, started, log, batchSize);
    } finally {
      this.noApply = false;
    }
    if (this.pg) await this.strapi.db.connection.raw(`ANALYZE ${S}`);
    return counts;
  }

  private async reindexIn(counts: { items: number; laws: number }, started: number, log: (msg: string) => void, batchSize: number): Promise<void> {
    await this.strapi.db.connection.transaction(async (trx: Knex) => {
      await xactLock(trx, 'searchReindex', this.pg);
      // every 机关代字 first, so that the whole index is segmented with one dictionary
      await addCodes(trx, this.pg, await scanCodes(trx));
      this.invalidateDictionary();
      const dict = await this.dictionary(trx);
      if (!this.pg) await trx.raw(`DELETE FROM ${FTS}`);
      await trx.raw(`DELETE FROM ${S}`);
      for (const kind of ['item', 'law'] as const) {
        let lastId = 0;
        for (;;) {
          const rows = kind === 'item'
            ? await query(trx, `SELECT ${ITEM_COLUMNS} FROM ${T.items} d WHERE ${itemVisible('d').text} AND d.id > ? ORDER BY d.id LIMIT ?`, [...itemVisible('d').bindings, lastId, batchSize])
            : await query(trx, `SELECT ${LAW_COLUMNS} FROM ${T.laws} l WHERE l.published_at IS NOT NULL AND l.id > ? ORDER BY l.id LIMIT ?`, [lastId, batchSize]);
          if (!rows.length) break;
          lastId = Number(rows[rows.length - 1].id);
          const prepared = rows
            .filter((r) => kind === 'law' || isPublicItemRow(r))
            .map((r) => prepare(kind === 'item' ? itemSource(r) : lawSource(r)));
          // one index entry per document (the newest published row)
          await this.insert(trx, dedupe(prepared));
          counts[kind === 'item' ? 'items' : 'laws'] += prepared.length;
          if ((counts.items + counts.laws) % 10_000 < batchSize) {
            log(`已索引 ${counts.items + counts.laws} 条（${Math.round((counts.items + counts.laws) / ((Date.now() - started) / 1000 || 1))} 条/秒）`);
          }
        }
      }
      await setIndexedWords(trx, dict.dict.words);
      this.loaded = { ...dict, indexed: new Set(dict.dict.words) };
    });
  }
}

const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>) => a.size === b.size && [...a].every((w) => b.has(w));

/** Drop a document's older published rows within a batch (there is normally one). */
function dedupe(rows: Prepared[]): Prepared[] {
  const byDoc = new Map<string, Prepared>();
  for (const r of rows) {
    const prev = byDoc.get(r.source.documentId);
    if (!prev || prev.source.rowId < r.source.rowId) byDoc.set(r.source.documentId, r);
  }
  return [...byDoc.values()];
}
