import fs from 'fs';
import type { Core } from '@strapi/strapi';
import { formatIndexNo, parseIndexNo, DEFAULT_INDEX_NO_TEMPLATE } from '../../../../../src/domain/index-no';
import { pinyinSlug } from '../../../../../src/domain/slug';
import { reserveSequenceBlock, bumpSequence } from '../../../../../src/foundation/sequences';
import { newDocumentId } from '../../../../../src/foundation/ids';
import { readSource } from './read';
import { resolveColumns } from './columns';
import { validateRow, type NormalisedItem, type RowIssue } from './validate';
import { ADVISORY_LOCKS } from '../../../../../src/foundation/sql';
import {
  chineseReason, emptyCounts, ensureOrganizationChain, ensureSubjectCategories, importPackageCatalogue, importPackageDocuments,
  type DocumentCounts, type OnExisting,
} from './package';
import { UID } from '../../../../../src/foundation/constants';
import { renderStored } from '../../../../../src/foundation/rich-text-fields';

export type { OnExisting } from './package';

export interface ImportOptions {
  file: string;
  /** the organisation's code; optional for export packages (the package names its organisation) */
  orgCode?: string;
  dryRun?: boolean;
  mappingFile?: string;
  /** publish imported items (default) or keep them as drafts */
  status?: 'published' | 'draft';
  batchSize?: number;
  /** rows matching an existing document with different content: update (default for packages), skip (default for legacy files) or error */
  onExisting?: OnExisting;
  /** stop at the first batch that fails (default: report it and continue with the next batch) */
  stopOnError?: boolean;
  onProgress?: (done: number, total: number, report: ImportReport) => void;
  /** called inside each batch's transaction before it commits (tests inject failures here) */
  beforeCommit?: (batch: { index: number; rows: number[] }, trx: any) => Promise<void> | void;
}

/** A batch that was rolled back whole: its number (1-based), its source rows and the reason (Chinese). */
export interface FailedBatch { batch: number; rows: number[]; reason: string }

export interface ImportReport {
  file: string;
  organization: { code: string; name: string };
  dryRun: boolean;
  /** rows in the file */
  total: number;
  /** rows that passed validation */
  valid: number;
  /** rows written (created + updated) */
  imported: number;
  /** rows with at least one error (validation, duplicate key within the file, --on-existing=error) */
  invalidRows: number;
  issues: RowIssue[];
  unknownColumns: string[];
  durationMs: number;
  rowsPerSecond: number;
  /** new documents (in a dry run: that would be created) */
  created: number;
  /** existing documents whose content differed and was updated */
  updated: number;
  /** rows identical to their existing document (nothing written) */
  unchanged: number;
  /** rows matching an existing document with different content, left alone (--on-existing=skip) */
  skipped: number;
  /** batches rolled back whole (nothing of them written) */
  failedBatches: FailedBatch[];
  /** true when --stop-on-error ended the import at a failed batch */
  stopped: boolean;
  /** export packages: laws and annual reports (same counters; errors as text) */
  laws?: DocumentCounts;
  annualReports?: DocumentCounts;
  /** milliseconds spent per phase (read, validate, match, write, review, outbox, search, statistics), for tuning */
  timings: Record<string, number>;
  documentIds?: string[];
}

const ITEM_UID = UID.item;

/** The columns of disclosure_items an import writes and compares (besides document_id, index_no, slug). */
const CONTENT_COLUMNS = [
  'title', 'issuing_authority', 'document_number', 'written_date', 'publish_date', 'genre', 'disclosure_mode', 'exemption_reason', 'scope',
  'secrecy_level', 'keywords', 'summary', 'body', 'validity', 'is_normative', 'expiry_date',
] as const;

interface Existing {
  documentId: string;
  draft: any;
  publishedId: number | null;
  orgId: number | null;
  nodeIds: number[];
  categoryId: number | null;
  interpretsIndexNo: string | null;
  oldDates: string[];
}

type Row = NormalisedItem & { nodeIds: number[]; categoryId: number | null; key: string; existing?: Existing; action?: 'create' | 'update' };

const chunks = <T>(a: T[], n: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < a.length; i += n) out.push(a.slice(i, i + n));
  return out;
};
const dateStr = (v: unknown): string | null => {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) return `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}`;
  return String(v).slice(0, 10);
};
const jsonVal = (v: unknown) => {
  if (typeof v === 'string') { try { return JSON.parse(v); } catch { return v; } }
  return v ?? null;
};
/** A column value as the import compares it (dates as YYYY-MM-DD, JSON parsed, booleans, empty → null). */
function norm(col: string, v: unknown): unknown {
  if (col.endsWith('_date')) return dateStr(v);
  if (col === 'keywords') { const k = jsonVal(v); return Array.isArray(k) && k.length ? k : null; }
  if (col === 'is_normative') return v === true || v === 1 || v === '1' || v === 't' || v === 'true';
  return v === undefined || v === '' ? null : v;
}

/**
 * Bulk import of disclosure items from a legacy system (.xlsx/.csv/.json) or an export package: every row
 * validated with the content model's rules and reported (row, field, reason); invalid rows left out and listed.
 *
 * Idempotent: a row is identified by its documentId (export packages), else its original 索引号 (legacy files),
 * else (organisation, 发文字号, title, 成文日期). A row matching an existing document is reported unchanged when its
 * content is the same, otherwise updated / skipped / an error row (`onExisting`); it never becomes a second
 * document. Duplicate keys within the file: every row after the first is an error row.
 *
 * Atomic batches: each batch of rows to write is ONE transaction — draft and published rows, relation rows,
 * review-workflow import approval and audit entries, outbox events, the search index entries and the
 * statistics roll-ups; a failing batch is rolled back whole, reported in Chinese with its rows (the SQL goes
 * to the debug log) and the import continues with the next batch, or stops (`stopOnError`).
 */
export async function importItems(strapi: Core.Strapi, opts: ImportOptions): Promise<ImportReport> {
  const held: Array<() => Promise<void>> = [];
  try {
    return await importItemsLocked(strapi, opts, held);
  } finally {
    for (const release of held.reverse()) await release();
  }
}

/** imports per organisation in this process, chained (the database lock below covers other processes on PostgreSQL) */
const running = new Map<string, Promise<void>>();

/**
 * One import per organisation at a time: the match phase and the batches must not interleave with another
 * import of the same organisation (both would see a row as new). In this process a promise chain; across
 * processes / nodes on PostgreSQL a session advisory lock on a connection held for the import's duration
 * (released on exit, also when the process is killed).
 */
async function lockOrganization(strapi: Core.Strapi, org: any, held: Array<() => Promise<void>>) {
  const key = `${strapi.db.dialect.client}:${org.code}`;
  const before = running.get(key) ?? Promise.resolve();
  let done!: () => void;
  const mine = new Promise<void>((r) => (done = r));
  const chained = before.then(() => mine);
  running.set(key, chained);
  held.push(async () => {
    done();
    if (running.get(key) === chained) running.delete(key);
  });
  await before;
  if (strapi.db.dialect.client !== 'postgres') return;
  const knex: any = strapi.db.connection;
  const conn = await knex.client.acquireConnection();
  try {
    await knex.raw('SELECT pg_advisory_lock(?, ?)', [ADVISORY_LOCKS.importOrganization, Number(org.id)]).connection(conn);
  } catch (e) {
    await knex.client.releaseConnection(conn);
    throw e;
  }
  held.push(async () => {
    try { await knex.raw('SELECT pg_advisory_unlock(?, ?)', [ADVISORY_LOCKS.importOrganization, Number(org.id)]).connection(conn); } finally { await knex.client.releaseConnection(conn); }
  });
}

async function importItemsLocked(strapi: Core.Strapi, opts: ImportOptions, held: Array<() => Promise<void>>): Promise<ImportReport> {
  const started = Date.now();
  const timings: Record<string, number> = {};
  let mark = Date.now();
  const lap = (phase: string) => { const t = Date.now(); timings[phase] = (timings[phase] ?? 0) + t - mark; mark = t; };
  const knex: any = strapi.db.connection;
  const pg = strapi.db.dialect.client === 'postgres';
  const source = await readSource(opts.file);
  lap('read');
  const pkg = source.package;
  const onExisting: OnExisting = opts.onExisting ?? (pkg ? 'update' : 'skip');
  if (!['update', 'skip', 'error'].includes(onExisting)) throw new Error(`--on-existing 应为 update、skip 或 error，而不是“${onExisting}”`);

  // the organisation: by code, or the package's (created with its parent chain when missing)
  const orgCode = opts.orgCode ?? pkg?.organization?.code;
  if (!orgCode) throw new Error('请用 --org 指定机构代码（只有本系统导出的数据包可省略）');
  let org: any = await strapi.db.query(UID.organization).findOne({ where: { code: orgCode } });
  if (!org && pkg && (!opts.orgCode || opts.orgCode === pkg.organization?.code)) {
    org = await ensureOrganizationChain(strapi, pkg.organization, !!opts.dryRun);
    if (!org && opts.dryRun) org = { id: -1, code: pkg.organization.code, name: pkg.organization.name, documentId: null };
  }
  if (!org) throw new Error(`机构代码 ${orgCode} 不存在（可先用 npm run org -- create --code ${orgCode} --name <名称> --level <层级> 创建）`);
  if (!opts.dryRun) await lockOrganization(strapi, org, held);
  const overrides = opts.mappingFile ? JSON.parse(fs.readFileSync(opts.mappingFile, 'utf8')) : {};
  const { map, unknown } = pkg ? { map: null, unknown: [] as string[] } : resolveColumns(source.headers, overrides);

  if (pkg && !opts.dryRun) {
    await ensureSubjectCategories(strapi, pkg);
    await importPackageCatalogue(strapi, org, pkg);
  }

  // catalogue nodes of the organisation (and those delegated to it), by code and by path
  const nodeRows: any[] = await knex('catalogue_nodes as c')
    .leftJoin('catalogue_nodes_organization_lnk as co', 'co.catalogue_node_id', 'c.id')
    .leftJoin('catalogue_nodes_delegates_lnk as cd', 'cd.catalogue_node_id', 'c.id')
    .leftJoin('catalogue_nodes_parent_lnk as p', 'p.catalogue_node_id', 'c.id')
    .where((q: any) => q.where('co.organization_id', org.id).orWhere('cd.organization_id', org.id))
    .select('c.id', 'c.code', 'c.name', 'p.inv_catalogue_node_id as parentId');
  const byId = new Map(nodeRows.map((n) => [n.id, n]));
  const pathOf = (n: any): string => (n.parentId && byId.has(n.parentId) ? `${pathOf(byId.get(n.parentId))}/${n.name}` : n.name);
  const nodeByKey = new Map<string, number>();
  for (const n of nodeRows) {
    nodeByKey.set(n.code, n.id);
    nodeByKey.set(pathOf(n), n.id);
  }
  const cats: any[] = await knex('subject_categories as s').leftJoin('subject_categories_parent_lnk as p', 'p.subject_category_id', 's.id').leftJoin('subject_categories as ps', 'ps.id', 'p.inv_subject_category_id').select('s.id', 's.name', 's.code', 'ps.name as parentName');
  const catByKey = new Map<string, number>();
  for (const c of cats) {
    catByKey.set(c.code, c.id);
    if (c.parentName) catByKey.set(`${c.parentName}\\${c.name}`, c.id);
    else catByKey.set(c.name, c.id);
  }

  // validate every row; identify it; refuse duplicate keys within the file
  const issues: RowIssue[] = [...unknown.map((h) => ({ row: 1, field: h, reason: `未识别的列“${h}”，已忽略（可用 --mapping 指定对应字段）`, severity: 'warning' as const }))];
  const valid: Row[] = [];
  const firstRowOfKey = new Map<string, number>();
  for (const r of source.rows) {
    const mapped: Record<string, unknown> = {};
    if (map) for (const [col, field] of map) mapped[field] = r.values[col];
    const values = map ? mapped : r.values;
    const { item, issues: rowIssues } = validateRow(r.row, values as any);
    issues.push(...rowIssues);
    if (!item) continue;
    const nodeIds: number[] = [];
    let bad = false;
    for (const key of item.catalogue) {
      const id = nodeByKey.get(key);
      if (id === undefined) {
        issues.push({ row: r.row, field: 'catalogue', reason: `目录“${key}”不存在或不属于${org.name}（按目录编码或“一级/二级”路径匹配）`, value: key, severity: 'error' });
        bad = true;
      } else nodeIds.push(id);
    }
    let categoryId: number | null = null;
    if (item.subjectCategory) {
      categoryId = catByKey.get(item.subjectCategory) ?? catByKey.get(item.subjectCategory.replace('/', '\\')) ?? null;
      if (categoryId === null) {
        issues.push({ row: r.row, field: 'subjectCategory', reason: `主题分类“${item.subjectCategory}”不存在（应为“一级\\二级”或分类代码）`, value: item.subjectCategory, severity: 'error' });
        bad = true;
      }
    }
    const [key, field, label] = item.documentId
      ? [`d:${item.documentId}`, 'documentId', `documentId ${item.documentId}`]
      : item.indexNo
        ? [`i:${item.indexNo}`, 'indexNo', `索引号 ${item.indexNo}`]
        : [`k:${item.documentNumber ?? ''}\u0001${item.title}\u0001${item.writtenDate ?? ''}`, 'title', `（发文字号、标题、成文日期）“${[item.documentNumber, item.title, item.writtenDate].filter(Boolean).join('，')}”`];
    const first = firstRowOfKey.get(key);
    if (first !== undefined) {
      issues.push({ row: r.row, field, reason: `与第${first}行重复：${label}在文件中已出现，本行未导入`, value: field === 'title' ? item.title : field === 'indexNo' ? item.indexNo : item.documentId, severity: 'error' });
      continue;
    }
    firstRowOfKey.set(key, r.row);
    if (!bad) valid.push({ ...item, nodeIds, categoryId, key });
  }

  lap('validate');
  // match the rows against the database (by their key), with the content to compare
  await findExisting(knex, org, valid, issues, lap);
  const report: ImportReport = {
    file: opts.file, organization: { code: org.code, name: org.name }, dryRun: !!opts.dryRun, total: source.rows.length, valid: 0,
    imported: 0, invalidRows: 0, issues, unknownColumns: unknown, durationMs: 0, rowsPerSecond: 0,
    created: 0, updated: 0, unchanged: 0, skipped: 0, failedBatches: [], stopped: false, timings,
  };
  const publishStatus = opts.status ?? 'published';
  const shouldPublish = (v: Row) => v.published ?? publishStatus === 'published';
  const toWrite: Row[] = [];
  const keep: Row[] = [];
  for (const v of valid) {
    if (v.existing === undefined && (v as any).refused) continue;
    keep.push(v);
    if (!v.existing) { v.action = 'create'; toWrite.push(v); continue; }
    if (sameContent(v, v.existing, shouldPublish(v))) { report.unchanged++; continue; }
    if (onExisting === 'skip') {
      report.skipped++;
      issues.push({ row: v.row, field: v.documentId ? 'documentId' : v.indexNo ? 'indexNo' : 'title', reason: `已存在（${v.existing.draft.index_no ?? v.existing.documentId}）且内容不同，按 --on-existing=skip 未更新`, severity: 'warning' });
      continue;
    }
    if (onExisting === 'error') {
      issues.push({ row: v.row, field: v.documentId ? 'documentId' : v.indexNo ? 'indexNo' : 'title', reason: `已存在（${v.existing.draft.index_no ?? v.existing.documentId}）且内容不同（--on-existing=error）`, severity: 'error' });
      continue;
    }
    v.action = 'update';
    toWrite.push(v);
  }
  lap('match');
  report.valid = keep.length;
  report.invalidRows = new Set(issues.filter((i) => i.severity === 'error').map((i) => i.row)).size;
  if (opts.dryRun) {
    report.created = toWrite.filter((v) => v.action === 'create').length;
    report.updated = toWrite.length - report.created;
    if (pkg) Object.assign(report, await importPackageDocuments(strapi, org, pkg, onExisting, true));
    report.durationMs = Date.now() - started;
    return report;
  }

  const template = String(strapi.config.get('disclosure.indexNoTemplate', DEFAULT_INDEX_NO_TEMPLATE));
  const batchSize = opts.batchSize ?? 2000;
  const documentIds: string[] = [];
  const now = new Date();
  const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
  const nodeStats: any = (strapi.plugin('statistics') as any)?.service?.('node-stats');
  const itemStats: any = (strapi.plugin('statistics') as any)?.service?.('item-stats');
  const search: any = (strapi.plugin('gov-api') as any)?.service?.('search');
  const outbox: any = strapi.plugin('sync').service('outbox');
  const fileName = opts.file.split(/[\\/]/).pop();
  /** 政策解读 links whose target is written in a later batch */
  const deferred: Row[] = [];
  const inFile = new Set(keep.map((v) => v.indexNo).filter(Boolean));
  /** 索引号 → documentId of the rows written in the current batch */
  const docOfIndexNo = new Map<string, string>();

  // raise the sequences above every kept original of this organisation first, so numbers assigned in
  // any batch can never collide with an original kept in a later batch
  const maxKept = new Map<number, number>();
  for (const v of toWrite) {
    const parts = v.action === 'create' && v.indexNo ? parseIndexNo(template, v.indexNo) : null;
    if (parts && parts.orgCode === org.code) maxKept.set(parts.year, Math.max(maxKept.get(parts.year) ?? 0, parts.seq));
  }
  if (maxKept.size) await knex.transaction(async (trx: any) => {
    for (const [year, seq] of maxKept) await bumpSequence(strapi, trx, `item:${org.code}`, year, seq);
  });

  const batches = chunks(toWrite, batchSize);
  let done = report.unchanged + report.skipped;
  // the pure computation of a batch (pinyin slugs, segmented search text) is done for the NEXT batch while the
  // database writes this one: Node and PostgreSQL work at the same time instead of taking turns
  const ahead = new WeakMap<Row, { slug?: string; text?: any }>();
  const prepareAhead = async (batch: Row[] | undefined) => {
    if (!batch) return;
    for (let i = 0; i < batch.length; i++) {
      const v = batch[i];
      if (v.action !== 'create') continue;
      try {
        ahead.set(v, { slug: v.slug ?? pinyinSlug(v.title), text: search?.prepareText && shouldPublish(v) ? search.prepareText(v.title, v.summary ?? null, v.body ?? null) : undefined });
      } catch { /* computed again when written, where an error belongs to the batch */ }
      // give the event loop back regularly, so the current batch's statements are sent as soon as they can be
      if (i % 32 === 31) await new Promise((r) => setImmediate(r));
    }
  };
  let preparing: Promise<void> = prepareAhead(batches[0]);
  for (const [b, batch] of batches.entries()) {
    await preparing;
    preparing = prepareAhead(batches[b + 1]);
    const snapshot = batch.map((v) => ({ indexNo: v.indexNo, documentId: v.documentId }));
    const deferredBefore = deferred.length;
    const issuesBefore = report.issues.length;
    try {
      await strapi.db.transaction(async ({ trx }: any) => {
        await writeBatch(trx, batch);
        await opts.beforeCommit?.({ index: b + 1, rows: batch.map((v) => v.row) }, trx);
      });
    } catch (e: any) {
      // the batch is rolled back whole: give its rows their state before the batch back
      batch.forEach((v, i) => Object.assign(v, snapshot[i]));
      deferred.length = deferredBefore;
      report.issues.length = issuesBefore;
      strapi.log.debug(`[import] 第${b + 1}批失败：${e?.stack ?? e}${e?.sql ? `\nSQL: ${e.sql}` : ''}`);
      const rows = batch.map((v) => v.row);
      report.failedBatches.push({ batch: b + 1, rows, reason: `第${b + 1}批（共${rows.length}行：第${rows[0]}–${rows[rows.length - 1]}行）已整批回滚：${chineseReason(e)}` });
      if (opts.stopOnError) { report.stopped = true; await preparing; break; }
      continue;
    }
    for (const v of batch) {
      documentIds.push(v.documentId!);
      if (v.action === 'create') report.created++;
      else report.updated++;
    }
    report.imported = report.created + report.updated;
    done += batch.length;
    opts.onProgress?.(done, keep.length, report);
  }
  await preparing;
  if (!batches.length) opts.onProgress?.(done, keep.length, report);

  // 政策解读 links to targets written in a later batch (one transaction)
  if (deferred.length) {
    await strapi.db.transaction(async ({ trx }: any) => {
      for (const v of deferred) await linkInterprets(trx, v, new Map(), true);
      const readModel = (strapi.plugin('gov-api') as any)?.service?.('readModel');
      if (readModel?.syncDocuments) {
        const ids = deferred.map((v) => v.documentId!).filter(Boolean);
        await readModel.syncDocuments(trx, 'item', [...ids, ...(await readModel.dependentsOf(trx, 'item', ids))]);
      }
    });
  }
  if (documentIds.length) await search?.invalidate?.('import');
  strapi.eventHub.emit('sync.imported', { uid: ITEM_UID, count: documentIds.length });

  if (pkg && !report.stopped) Object.assign(report, await importPackageDocuments(strapi, org, pkg, onExisting, false));

  report.durationMs = Date.now() - started;
  report.rowsPerSecond = Math.round((report.created + report.updated + report.unchanged + report.skipped) / Math.max(report.durationMs / 1000, 0.001));
  report.documentIds = documentIds;
  return report;

  /** One batch, inside its transaction. */
  async function writeBatch(trx: any, batch: Row[]) {
    // PostgreSQL, for this transaction only. Every statement of a batch looks rows up by key (ids, 索引号, slugs,
    // days), but the planner plans with the statistics of the last ANALYZE: while an import grows the tables
    // many times over (before autovacuum, if it is on at all, analyzes them) it believes them small and scans
    // them whole — the slug check and the roll-ups grew with every import (measured: 2,400 → 1,650 rows/s over
    // four imports into one database). An index lookup is right for keyed statements whatever the statistics
    // say. JIT is off too: the roll-up statements crossed jit_above_cost and spent ~0.5 s compiling a 30 ms query.
    if (pg) await trx.raw('SET LOCAL jit = off; SET LOCAL enable_seqscan = off');
    const creates = batch.filter((v) => v.action === 'create');
    const updates = batch.filter((v) => v.action === 'update');
    const ids = new Map<string, { draftId: number; publishedId: number | null }>();
    const events: Array<{ uid: string; documentId: string; op: 'upsert' | 'tombstone' }> = [];
    const touchedNodes = new Set<number>();
    const dayKeys: Array<{ organizationId: number; date: string }> = [];

    // numbers: reserve blocks for new rows without a kept original
    const needs = new Map<number, number>();
    for (const v of creates) {
      const year = Number((v.publishDate ?? now.toISOString()).slice(0, 4));
      if (!v.indexNo) needs.set(year, (needs.get(year) ?? 0) + 1);
    }
    const next = new Map<number, number>();
    for (const [year, n] of needs) next.set(year, await reserveSequenceBlock(strapi, trx, `item:${org.code}`, year, n));
    // slugs: readable pinyin, unique against the database and the batch
    lap('write:sequences');
    const bases = creates.map((v) => ahead.get(v)?.slug ?? v.slug ?? pinyinSlug(v.title));
    lap('write:pinyin');
    const existingSlugs = new Set<string>();
    for (const part of chunks([...new Set(bases)], 500)) (await trx('disclosure_items').whereIn('slug', part).select('slug')).forEach((r: any) => existingSlugs.add(r.slug));
    const used = new Set<string>();
    lap('write:prepare');

    const columnsOf = (v: Row) => ({
      title: v.title, issuing_authority: v.issuingAuthority, document_number: v.documentNumber, written_date: v.writtenDate, publish_date: v.publishDate,
      genre: v.genre, disclosure_mode: v.disclosureMode, exemption_reason: v.exemptionReason, scope: v.scope, secrecy_level: v.secrecyLevel,
      keywords: json(v.keywords), summary: v.summary, body: v.body, validity: v.validity, is_normative: v.isNormative, expiry_date: v.expiryDate,
      // rendered and sanitized like the Document Service does (src/foundation/rich-text-fields.ts)
      summary_html: v.summary === undefined ? undefined : renderStored(v.summary), body_html: v.body === undefined ? undefined : renderStored(v.body),
    });
    const drafts: any[] = [];
    const published: any[] = [];
    for (const [i, v] of creates.entries()) {
      const year = Number((v.publishDate ?? now.toISOString()).slice(0, 4));
      let indexNo = v.indexNo;
      if (!indexNo) {
        const seq = next.get(year)!;
        next.set(year, seq + 1);
        indexNo = formatIndexNo(template, { orgCode: org.code, year, seq });
      }
      v.indexNo = indexNo;
      let slug = bases[i];
      if (!v.slug && (existingSlugs.has(slug) || used.has(slug))) slug = `${slug}-${indexNo.split('-').pop()}`;
      used.add(slug);
      v.documentId = v.documentId ?? newDocumentId();
      const row = { document_id: v.documentId, slug, index_no: indexNo, ...columnsOf(v), internal_note: v.internalNote ?? null, created_at: now, updated_at: now };
      drafts.push({ ...row, published_at: null });
      if (shouldPublish(v)) published.push({ ...row, published_at: now, _i: i });
    }
    const insert = async (rows: any[]) => {
      const out: number[] = [];
      for (const part of chunks(rows, pg ? 2000 : 200)) {
        const clean = part.map(({ _i, ...r }) => r);
        if (pg) {
          // ids by document id (one row per document in each call: drafts and published rows are inserted apart)
          const back = new Map<string, number>((await bulkInsert(trx, 'disclosure_items', clean, ['id', 'document_id'])).map((x: any) => [x.document_id, Number(x.id)]));
          out.push(...clean.map((r) => back.get(r.document_id)!));
        } else for (const r of clean) { const [id] = await trx('disclosure_items').insert(r); out.push(typeof id === 'object' ? id.id : id); }
      }
      return out;
    };
    const insertAll = async (table: string, rows: any[]) => {
      if (pg) for (const part of chunks(rows, 5000)) await bulkInsert(trx, table, part);
      else for (const part of chunks(rows, 500)) await trx(table).insert(part);
    };
    /** published copies of draft rows (same columns, published_at now), their ids in the order given */
    const copyAsPublished = async (draftRowIds: number[], columns: string[]) => {
      const cols = columns.filter((c) => c !== 'published_at').map((c) => `"${c}"`);
      const res = await trx.raw(
        `INSERT INTO disclosure_items (${cols.join(', ')}, published_at)
         SELECT ${cols.map((c) => `d.${c}`).join(', ')}, ? FROM unnest(?::int[]) WITH ORDINALITY AS x(id, ord) JOIN disclosure_items d ON d.id = x.id ORDER BY x.ord
         RETURNING id, document_id`, [now, draftRowIds]);
      const back = new Map<string, number>(res.rows.map((x: any) => [x.document_id, Number(x.id)]));
      return draftRowIds.map((_, k) => back.get(published[k].document_id)!);
    };
    lap('write:prepare');
    const draftIds = await insert(drafts);
    // PostgreSQL: the published rows are copied from the draft rows just written, in the database (the
    // columns are not serialised, sent and parsed a second time)
    const publishedIds = pg && published.length ? await copyAsPublished(published.map((p) => draftIds[p._i]), Object.keys(drafts[0])) : await insert(published);
    lap('write:rows');
    const pubIdByIndex = new Map<number, number>();
    published.forEach((p, k) => pubIdByIndex.set(p._i, publishedIds[k]));
    creates.forEach((v, i) => ids.set(v.documentId!, { draftId: draftIds[i], publishedId: pubIdByIndex.get(i) ?? null }));

    // updates: both rows in place (索引号 and, for legacy rows, the slug stay), publish state as the row says
    const removedRows: number[] = [];
    for (const v of updates) {
      const ex = v.existing!;
      v.documentId = ex.documentId;
      v.indexNo = ex.draft.index_no;
      const cols: any = { ...columnsOf(v), updated_at: now };
      if (v.slug) cols.slug = v.slug;
      if (v.internalNote !== undefined) cols.internal_note = v.internalNote;
      await trx('disclosure_items').where('id', ex.draft.id).update(cols);
      let publishedId = ex.publishedId;
      if (shouldPublish(v)) {
        if (publishedId) await trx('disclosure_items').where('id', publishedId).update({ ...cols, published_at: now });
        else {
          const [draftRow] = await trx('disclosure_items').where('id', ex.draft.id).select('*');
          const { id: _id, ...copy } = draftRow;
          publishedId = (await insert([{ ...copy, published_at: now, created_at: now, updated_at: now }]))[0];
          await trx('disclosure_items_organization_lnk').insert({ disclosure_item_id: publishedId, organization_id: org.id });
        }
      } else if (publishedId) {
        removedRows.push(publishedId);
        publishedId = null;
        events.push({ uid: ITEM_UID, documentId: ex.documentId, op: 'tombstone' });
      }
      ids.set(ex.documentId, { draftId: ex.draft.id, publishedId });
      ex.nodeIds.forEach((n) => touchedNodes.add(n));
      ex.oldDates.forEach((d) => dayKeys.push({ organizationId: org.id, date: d }));
    }
    if (removedRows.length) {
      for (const t of ['disclosure_items_organization_lnk', 'disclosure_items_catalogue_nodes_lnk', 'disclosure_items_subject_category_lnk', 'disclosure_items_interprets_lnk']) await trx(t).whereIn('disclosure_item_id', removedRows).del();
      await trx('disclosure_items_interprets_lnk').whereIn('inv_disclosure_item_id', removedRows).del();
      await trx('disclosure_items').whereIn('id', removedRows).del();
    }
    const updatedRowIds = updates.flatMap((v) => { const x = ids.get(v.documentId!)!; return [x.draftId, x.publishedId].filter((n): n is number => !!n); });
    for (const part of chunks(updatedRowIds, 500)) {
      await trx('disclosure_items_catalogue_nodes_lnk').whereIn('disclosure_item_id', part).del();
      await trx('disclosure_items_subject_category_lnk').whereIn('disclosure_item_id', part).del();
    }

    const orgLinks: any[] = [];
    const nodeLinks: any[] = [];
    const catLinks: any[] = [];
    for (const v of batch) {
      const x = ids.get(v.documentId!)!;
      for (const id of [x.draftId, x.publishedId]) {
        if (!id) continue;
        if (v.action === 'create') orgLinks.push({ disclosure_item_id: id, organization_id: org.id });
        v.nodeIds.forEach((n, k) => nodeLinks.push({ disclosure_item_id: id, catalogue_node_id: n, catalogue_node_ord: k + 1 }));
        if (v.categoryId) catLinks.push({ disclosure_item_id: id, subject_category_id: v.categoryId });
      }
      // updated documents: their nodes and days before and after are recomputed; new ones are added as a delta (addRows)
      if (v.action === 'update') {
        v.nodeIds.forEach((n) => touchedNodes.add(n));
        if (v.publishDate) dayKeys.push({ organizationId: org.id, date: v.publishDate });
      }
      if (x.publishedId) events.push({ uid: ITEM_UID, documentId: v.documentId!, op: 'upsert' });
    }
    for (const [table, rows] of [['disclosure_items_organization_lnk', orgLinks], ['disclosure_items_catalogue_nodes_lnk', nodeLinks], ['disclosure_items_subject_category_lnk', catLinks]] as const) {
      await insertAll(table, rows);
    }
    docOfIndexNo.clear();
    for (const v of batch) docOfIndexNo.set(v.indexNo!, v.documentId!);
    lap('write:links');
    // 政策解读 links (targets in this batch, earlier batches or the database; later batches: after the last batch)
    for (const v of batch) await linkInterprets(trx, v, ids, false);
    lap('write');

    // review workflow: migrated content counts as reviewed in the old system — audited, per document;
    // an edit afterwards needs a full review again (no approved hash is recorded)
    const approval = json([{ stage: 'import', by: null, byName: '迁移导入', at: now.toISOString(), hash: null }]);
    const audits = batch.map((v) => ({ document_id: newDocumentId(), target_uid: ITEM_UID, target_document_id: v.documentId, actor_name: '迁移导入', actor_roles: json([]), action: 'import-approve', from_stage: null, to_stage: 'readyToPublish', organization_id: org.id, comment: `迁移导入${v.action === 'update' ? '（更新）' : ''}：${fileName} 第${v.row}行`, at: now, created_at: now, updated_at: now, published_at: now }));
    if (updates.length) for (const part of chunks(updates.map((v) => v.documentId!), 500)) await trx('review_states').where('target_uid', ITEM_UID).whereIn('target_document_id', part).del();
    const states = batch.map((v) => ({ document_id: newDocumentId(), target_uid: ITEM_UID, target_document_id: v.documentId, stage: 'readyToPublish', approvals: approval, stage_entered_at: now, created_at: now, updated_at: now, published_at: now }));
    await insertAll('review_states', states);
    await insertAll('review_audit_entries', audits);
    lap('review');
    await outbox.recordBulk(trx, events);
    lap('outbox');
    // search index and statistics roll-ups, in the same transaction
    if (search?.indexNewItemRows) {
      // new documents: their rows as written (no entry to replace); updated ones: re-read and replaced
      const texts = new Map<string, any>();
      for (const v of creates) { const t = ahead.get(v)?.text; if (t) texts.set(v.documentId!, t); }
      await search.indexNewItemRows(trx, published.map((p, k) => ({ ...p, id: publishedIds[k] })), texts);
      if (updates.length) await search.syncDocuments(trx, 'item', updates.map((v) => v.documentId!));
    } else if (search?.syncDocuments) await search.syncDocuments(trx, 'item', batch.map((v) => v.documentId!));
    lap('search');
    // the public read model (gov-api), in the same transaction: the batch's documents and those whose 政策解读 links show them
    const readModel = (strapi.plugin('gov-api') as any)?.service?.('readModel');
    if (readModel?.syncDocuments) {
      const ids = batch.map((v) => v.documentId!);
      await readModel.syncDocuments(trx, 'item', [...ids, ...(await readModel.dependentsOf(trx, 'item', ids))]);
    }
    lap('read-model');
    // roll-ups: the new published rows as a delta first, then the nodes and days of updated documents recomputed
    // whole (a recompute after the delta sees the new rows too: nothing is counted twice)
    if (nodeStats) await nodeStats.addRows(publishedIds);
    if (itemStats) await itemStats.addRows(publishedIds);
    if (nodeStats && touchedNodes.size) await nodeStats.refresh([...touchedNodes]);
    if (itemStats && dayKeys.length) await itemStats.refresh(dayKeys);
    lap('statistics');
  }

  /** The 政策解读 link of a written row (replacing the one it had). */
  async function linkInterprets(trx: any, v: Row, ids: Map<string, { draftId: number; publishedId: number | null }>, final: boolean) {
    const self = ids.get(v.documentId!) ?? await rowIdsOf(trx, v.documentId!);
    if (!self) return;
    if (v.action === 'update') await trx('disclosure_items_interprets_lnk').whereIn('disclosure_item_id', [self.draftId, self.publishedId].filter(Boolean)).del();
    if (!v.interpretsIndexNo) return;
    let target: { draftId: number; publishedId: number | null } | null = null;
    const inBatch = docOfIndexNo.get(v.interpretsIndexNo);
    if (inBatch && ids.has(inBatch)) target = ids.get(inBatch)!;
    if (!target) {
      const rows = await trx('disclosure_items').where('index_no', v.interpretsIndexNo).select('id', 'published_at');
      const d = rows.find((r: any) => !r.published_at);
      const p = rows.find((r: any) => r.published_at);
      if (d) target = { draftId: d.id, publishedId: p?.id ?? null };
    }
    if (!target) {
      if (!final && inFile.has(v.interpretsIndexNo)) { deferred.push(v); return; }
      report.issues.push({ row: v.row, field: 'interpretsIndexNo', reason: `解读的政策（索引号 ${v.interpretsIndexNo}）不存在，未建立关联`, value: v.interpretsIndexNo, severity: 'warning' });
      return;
    }
    const links = [{ disclosure_item_id: self.draftId, inv_disclosure_item_id: target.draftId, disclosure_item_ord: 1 }];
    if (self.publishedId && target.publishedId) links.push({ disclosure_item_id: self.publishedId, inv_disclosure_item_id: target.publishedId, disclosure_item_ord: 1 });
    await trx('disclosure_items_interprets_lnk').insert(links);
  }
}

const columnTypes = new WeakMap<object, Map<string, Map<string, string>>>();

/**
 * PostgreSQL: many rows in ONE statement, `INSERT … SELECT * FROM unnest($1::type[], $2::type[], …)` — one
 * binding per column instead of one per value (the query building and parameter handling of wide multi-row
 * VALUES lists dominated the bulk insert). Column types are read once per table from the catalogue.
 */
async function bulkInsert(trx: any, table: string, rows: any[], returning: string[] = []): Promise<any[]> {
  if (!rows.length) return [];
  const client = trx.client;
  let byTable = columnTypes.get(client);
  if (!byTable) columnTypes.set(client, (byTable = new Map()));
  let types = byTable.get(table);
  if (!types) {
    const res = await trx.raw('SELECT column_name, udt_name FROM information_schema.columns WHERE table_name = ? AND table_schema = current_schema()', [table]);
    types = new Map<string, string>(res.rows.map((r: any) => [r.column_name, r.udt_name]));
    byTable.set(table, types);
  }
  const cols = Object.keys(rows[0]);
  const arrays = cols.map((c) => rows.map((r) => r[c] ?? null));
  const casts = cols.map((c) => {
    const t = types!.get(c);
    if (!t) throw new Error(`bulkInsert: ${table}.${c} 不存在`);
    return `?::${t}[]`;
  });
  const q = (id: string) => `"${id}"`;
  const sql = `INSERT INTO ${q(table)} (${cols.map(q).join(', ')}) SELECT * FROM unnest(${casts.join(', ')})${returning.length ? ` RETURNING ${returning.map(q).join(', ')}` : ''}`;
  const res = await trx.raw(sql, arrays);
  return res.rows ?? [];
}

async function rowIdsOf(trx: any, documentId: string) {
  const rows = await trx('disclosure_items').where('document_id', documentId).select('id', 'published_at');
  const d = rows.find((r: any) => !r.published_at);
  return d ? { draftId: d.id as number, publishedId: (rows.find((r: any) => r.published_at)?.id ?? null) as number | null } : null;
}

/**
 * The existing document of each row (by documentId, original 索引号, or (organisation, 发文字号, title, 成文日期)),
 * with what the import compares: the draft row's columns, its links and whether it is published. A row whose
 * key belongs to another organisation's document is refused (error row).
 */
async function findExisting(knex: any, org: any, rows: Row[], issues: RowIssue[], lap: (phase: string) => void) {
  // draft rows (the content) by key, through the indexes (document_id; the partial unique 索引号 index of drafts)
  const cols = ['id', 'document_id', 'index_no', 'slug', 'internal_note', 'published_at', ...CONTENT_COLUMNS];
  const drafts: any[] = [];
  const byDoc = rows.filter((v) => v.documentId).map((v) => v.documentId!);
  const byIndex = rows.filter((v) => !v.documentId && v.indexNo).map((v) => v.indexNo!);
  const byTitle = new Set(rows.filter((v) => !v.documentId && !v.indexNo).map((v) => v.title));
  for (const part of chunks(byDoc, 5000)) drafts.push(...await knex('disclosure_items').whereIn('document_id', part).whereNull('published_at').select(cols));
  for (const part of chunks(byIndex, 5000)) drafts.push(...await knex('disclosure_items').whereIn('index_no', part).whereNull('published_at').whereNotNull('index_no').select(cols));
  if (org.id > 0 && byTitle.size) {
    const ofOrg = () => knex('disclosure_items as i').join('disclosure_items_organization_lnk as io', 'io.disclosure_item_id', 'i.id').where('io.organization_id', org.id).whereNull('i.published_at');
    // many titles: one pass over the organisation's drafts instead of many IN lists
    if (byTitle.size > 2000) drafts.push(...(await ofOrg().select(cols.map((c) => `i.${c}`))).filter((r: any) => byTitle.has(r.title)));
    else for (const part of chunks([...byTitle], 1000)) drafts.push(...await ofOrg().whereIn('i.title', part).select(cols.map((c) => `i.${c}`)));
  }
  lap('match:drafts');
  if (!drafts.length) return;
  const docs = new Map<string, { draft: any; publishedId: number | null; dates: Set<string> }>();
  for (const r of drafts) {
    const d = { draft: r, publishedId: null as number | null, dates: new Set<string>() };
    if (r.publish_date) d.dates.add(dateStr(r.publish_date)!);
    docs.set(r.document_id, d);
  }
  for (const part of chunks([...docs.keys()], 5000)) {
    for (const r of await knex('disclosure_items').whereIn('document_id', part).whereNotNull('published_at').select('id', 'document_id', 'publish_date')) {
      const d = docs.get(r.document_id)!;
      d.publishedId = Math.max(d.publishedId ?? 0, r.id);
      if (r.publish_date) d.dates.add(dateStr(r.publish_date)!);
    }
  }
  lap('match:published');
  const draftIds = [...docs.values()].filter((d) => d.draft).map((d) => d.draft.id);
  const orgOf = new Map<number, number>();
  const nodesOf = new Map<number, Array<[number, number]>>();
  const catOf = new Map<number, number>();
  const interpretsOf = new Map<number, string>();
  for (const part of chunks(draftIds, 5000)) {
    for (const l of await knex('disclosure_items_organization_lnk').whereIn('disclosure_item_id', part).select('disclosure_item_id', 'organization_id')) orgOf.set(l.disclosure_item_id, l.organization_id);
    for (const l of await knex('disclosure_items_catalogue_nodes_lnk').whereIn('disclosure_item_id', part).select('disclosure_item_id', 'catalogue_node_id', 'catalogue_node_ord')) {
      const a = nodesOf.get(l.disclosure_item_id) ?? [];
      a.push([Number(l.catalogue_node_ord ?? 0), l.catalogue_node_id]);
      nodesOf.set(l.disclosure_item_id, a);
    }
    for (const l of await knex('disclosure_items_subject_category_lnk').whereIn('disclosure_item_id', part).select('disclosure_item_id', 'subject_category_id')) catOf.set(l.disclosure_item_id, l.subject_category_id);
    for (const l of await knex('disclosure_items_interprets_lnk as il').join('disclosure_items as t', 't.id', 'il.inv_disclosure_item_id').whereIn('il.disclosure_item_id', part).select('il.disclosure_item_id', 't.index_no')) interpretsOf.set(l.disclosure_item_id, l.index_no);
  }
  lap('match:links');
  const existingOf = (documentId: string): Existing | null => {
    const d = docs.get(documentId);
    if (!d?.draft) return null;
    return {
      documentId, draft: d.draft, publishedId: d.publishedId, orgId: orgOf.get(d.draft.id) ?? null,
      nodeIds: (nodesOf.get(d.draft.id) ?? []).sort((a, b) => a[0] - b[0]).map((x) => x[1]), categoryId: catOf.get(d.draft.id) ?? null,
      interpretsIndexNo: interpretsOf.get(d.draft.id) ?? null, oldDates: [...d.dates],
    };
  };
  const byIndexNo = new Map<string, string>();
  const byComposite = new Map<string, string>();
  for (const [id, d] of docs) {
    if (!d.draft) continue;
    if (d.draft.index_no) byIndexNo.set(d.draft.index_no, id);
    if (orgOf.get(d.draft.id) === org.id) {
      const k = `k:${d.draft.document_number ?? ''}\u0001${d.draft.title}\u0001${dateStr(d.draft.written_date) ?? ''}`;
      if (!byComposite.has(k)) byComposite.set(k, id);
    }
  }
  for (const v of rows) {
    const id = v.documentId ? (docs.has(v.documentId) ? v.documentId : undefined) : v.indexNo ? byIndexNo.get(v.indexNo) : byComposite.get(v.key);
    if (!id) continue;
    const ex = existingOf(id);
    if (!ex) continue;
    if (ex.orgId !== org.id) {
      issues.push({ row: v.row, field: v.documentId ? 'documentId' : 'indexNo', reason: `${v.documentId ? `documentId ${v.documentId}` : `索引号 ${v.indexNo}`} 已属于其他机构的信息“${ex.draft.title}”，本行未导入`, severity: 'error' });
      (v as any).refused = true;
      continue;
    }
    v.existing = ex;
  }
}

/** Whether a row says exactly what its existing document holds (nothing to write). */
function sameContent(v: Row, ex: Existing, publish: boolean): boolean {
  const d = ex.draft;
  const want: Record<string, unknown> = {
    title: v.title, issuing_authority: v.issuingAuthority, document_number: v.documentNumber, written_date: v.writtenDate, publish_date: v.publishDate,
    genre: v.genre, disclosure_mode: v.disclosureMode, exemption_reason: v.exemptionReason, scope: v.scope, secrecy_level: v.secrecyLevel,
    keywords: v.keywords, summary: v.summary, body: v.body, validity: v.validity, is_normative: v.isNormative, expiry_date: v.expiryDate,
  };
  for (const c of CONTENT_COLUMNS) {
    const a = norm(c, want[c]);
    const b = norm(c, d[c]);
    if (a !== b && (c !== 'keywords' || JSON.stringify(a) !== JSON.stringify(b))) return false;
  }
  if (v.slug && v.slug !== d.slug) return false;
  if (v.internalNote !== undefined && (v.internalNote ?? null) !== (d.internal_note ?? null)) return false;
  if (publish !== !!ex.publishedId) return false;
  if (v.nodeIds.length !== ex.nodeIds.length || v.nodeIds.some((n, i) => Number(n) !== Number(ex.nodeIds[i]))) return false;
  if (Number(v.categoryId ?? 0) !== Number(ex.categoryId ?? 0)) return false;
  if ((v.interpretsIndexNo ?? null) !== (ex.interpretsIndexNo ?? null)) return false;
  return true;
}
