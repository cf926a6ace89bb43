import fs from 'fs';
import type { Core } from '@strapi/strapi';
import { formatIndexNo, parseIndexNo, DEFAULT_INDEX_NO_TEMPLATE } from '../../../../../src/domain/index-no';
import { pinyinSlug } from '../../../../../src/domain/slug';
import { reserveSequenceBlock, bumpSequence } from '../../../../../src/foundation/sequences';
import { newDocumentId } from '../../../../../src/foundation/ids';
import { readSource } from './read';
import { resolveColumns } from './columns';
import { validateRow, type NormalisedItem, type RowIssue } from './validate';

export interface ImportOptions {
  file: string;
  orgCode: string;
  dryRun?: boolean;
  mappingFile?: string;
  /** publish imported items (default) or keep them as drafts */
  status?: 'published' | 'draft';
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface ImportReport {
  file: string;
  organization: { code: string; name: string };
  dryRun: boolean;
  total: number;
  valid: number;
  imported: number;
  invalidRows: number;
  issues: RowIssue[];
  unknownColumns: string[];
  durationMs: number;
  rowsPerSecond: number;
  documentIds?: string[];
}

const ITEM_UID = 'api::disclosure-item.disclosure-item';

/**
 * Bulk import of disclosure items from a legacy system (.xlsx/.csv/.json): every row validated with
 * the content model's rules and reported (row, field, reason); valid rows imported in batched
 * transactions (raw inserts: a draft and a published row per document, relation rows, review-workflow
 * import approval and audit entries), invalid rows left out and listed. A valid original 索引号 is kept,
 * otherwise one is assigned from the organisation's sequence. Catalogue nodes are linked by code or by
 * path of names ("法定主动公开内容/工作动态").
 */
export async function importItems(strapi: Core.Strapi, opts: ImportOptions): Promise<ImportReport> {
  const started = Date.now();
  const knex: any = strapi.db.connection;
  const pg = strapi.db.dialect.client === 'postgres';
  const org: any = await strapi.db.query('api::organization.organization').findOne({ where: { code: opts.orgCode } });
  if (!org) throw new Error(`机构代码 ${opts.orgCode} 不存在`);
  const overrides = opts.mappingFile ? JSON.parse(fs.readFileSync(opts.mappingFile, 'utf8')) : {};
  const source = await readSource(opts.file);
  const { map, unknown } = source.package ? { map: null, unknown: [] as string[] } : resolveColumns(source.headers, overrides);

  if (source.package && !opts.dryRun) await importPackageCatalogue(strapi, org, source.package);

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

  // validate every row
  const issues: RowIssue[] = [...unknown.map((h) => ({ row: 1, field: h, reason: `未识别的列“${h}”，已忽略（可用 --mapping 指定对应字段）`, severity: 'warning' as const }))];
  const valid: Array<NormalisedItem & { nodeIds: number[]; categoryId: number | null }> = [];
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
    if (!bad) valid.push({ ...item, nodeIds, categoryId });
  }

  // 索引号: keep valid originals that are free; duplicates (in the file or the database) get a new one
  const seen = new Set<string>();
  const candidates = valid.filter((v) => v.indexNo).map((v) => v.indexNo!);
  const taken = new Set<string>();
  for (let i = 0; i < candidates.length; i += 500) {
    const rows = await knex('disclosure_items').whereIn('index_no', candidates.slice(i, i + 500)).select('index_no');
    rows.forEach((r: any) => taken.add(r.index_no));
  }
  for (const v of valid) {
    if (!v.indexNo) continue;
    if (taken.has(v.indexNo) || seen.has(v.indexNo)) {
      issues.push({ row: v.row, field: 'indexNo', reason: `原索引号 ${v.indexNo} 已被使用，将重新分配`, value: v.indexNo, severity: 'warning' });
      v.indexNo = null;
    } else seen.add(v.indexNo);
  }
  const invalidRows = new Set(issues.filter((i) => i.severity === 'error').map((i) => i.row)).size;
  const report: ImportReport = {
    file: opts.file, organization: { code: org.code, name: org.name }, dryRun: !!opts.dryRun, total: source.rows.length, valid: valid.length,
    imported: 0, invalidRows, issues, unknownColumns: unknown, durationMs: 0, rowsPerSecond: 0,
  };
  if (opts.dryRun || !valid.length) {
    report.durationMs = Date.now() - started;
    return report;
  }

  const template = String(strapi.config.get('disclosure.indexNoTemplate', DEFAULT_INDEX_NO_TEMPLATE));
  const publishStatus = opts.status ?? 'published';
  const batchSize = opts.batchSize ?? 1000;
  const documentIds: string[] = [];
  const byIndexNo = new Map<string, { draftId: number; publishedId: number | null }>();
  const now = new Date();
  const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

  // raise the sequences above every kept original of this organisation first, so numbers assigned in
  // any batch can never collide with an original kept in a later batch
  const maxKept = new Map<number, number>();
  for (const v of valid) {
    const parts = v.indexNo ? parseIndexNo(template, v.indexNo) : null;
    if (parts && parts.orgCode === org.code) maxKept.set(parts.year, Math.max(maxKept.get(parts.year) ?? 0, parts.seq));
  }
  if (maxKept.size) await knex.transaction(async (trx: any) => {
    for (const [year, seq] of maxKept) await bumpSequence(strapi, trx, `item:${org.code}`, year, seq);
  });

  for (let start = 0; start < valid.length; start += batchSize) {
    const batch = valid.slice(start, start + batchSize);
    await knex.transaction(async (trx: any) => {
      // numbers: bump for kept originals of this organisation, reserve blocks for the rest
      const needs = new Map<number, number>();
      for (const v of batch) {
        const year = Number((v.publishDate ?? now.toISOString()).slice(0, 4));
        if (!v.indexNo) needs.set(year, (needs.get(year) ?? 0) + 1);
      }
      const next = new Map<number, number>();
      for (const [year, n] of needs) next.set(year, await reserveSequenceBlock(strapi, trx, `item:${org.code}`, year, n));
      // slugs: readable pinyin, unique against the database and the batch
      const bases = batch.map((v) => v.slug ?? pinyinSlug(v.title));
      const existing = new Set<string>((await trx('disclosure_items').whereIn('slug', [...new Set(bases)]).select('slug')).map((r: any) => r.slug));
      const used = new Set<string>();

      const drafts: any[] = [];
      const published: any[] = [];
      for (const [i, v] of batch.entries()) {
        const year = Number((v.publishDate ?? now.toISOString()).slice(0, 4));
        let indexNo = v.indexNo;
        if (!indexNo) {
          const seq = next.get(year)!;
          next.set(year, seq + 1);
          indexNo = formatIndexNo(template, { orgCode: org.code, year, seq });
        }
        v.indexNo = indexNo;
        let slug = bases[i];
        if (existing.has(slug) || used.has(slug)) slug = `${slug}-${indexNo.split('-').pop()}`;
        used.add(slug);
        const documentId = v.documentId ?? newDocumentId();
        v.documentId = documentId;
        documentIds.push(documentId);
        const row = {
          document_id: documentId, title: v.title, slug, index_no: indexNo, issuing_authority: v.issuingAuthority, document_number: v.documentNumber,
          written_date: v.writtenDate, publish_date: v.publishDate, genre: v.genre, disclosure_mode: v.disclosureMode, exemption_reason: v.exemptionReason,
          scope: v.scope, secrecy_level: v.secrecyLevel, keywords: json(v.keywords), summary: v.summary, body: v.body, validity: v.validity,
          is_normative: v.isNormative, expiry_date: v.expiryDate, internal_note: v.internalNote ?? null, created_at: now, updated_at: now,
        };
        drafts.push({ ...row, published_at: null });
        const shouldPublish = v.published ?? publishStatus === 'published';
        if (shouldPublish) published.push({ ...row, published_at: now, _i: i });
      }
      const insert = async (rows: any[]) => {
        const ids: number[] = [];
        for (let i = 0; i < rows.length; i += 200) {
          const chunk = rows.slice(i, i + 200).map(({ _i, ...r }) => r);
          if (pg) ids.push(...(await trx('disclosure_items').insert(chunk).returning('id')).map((x: any) => x.id));
          else for (const r of chunk) { const [id] = await trx('disclosure_items').insert(r); ids.push(typeof id === 'object' ? id.id : id); }
        }
        return ids;
      };
      const draftIds = await insert(drafts);
      const publishedIds = await insert(published);
      const pubIdByIndex = new Map<number, number>();
      published.forEach((p, k) => pubIdByIndex.set(p._i, publishedIds[k]));

      const orgLinks: any[] = [];
      const nodeLinks: any[] = [];
      const catLinks: any[] = [];
      batch.forEach((v, i) => {
        for (const id of [draftIds[i], pubIdByIndex.get(i)]) {
          if (id === undefined) continue;
          orgLinks.push({ disclosure_item_id: id, organization_id: org.id });
          v.nodeIds.forEach((n, k) => nodeLinks.push({ disclosure_item_id: id, catalogue_node_id: n, catalogue_node_ord: k + 1 }));
          if (v.categoryId) catLinks.push({ disclosure_item_id: id, subject_category_id: v.categoryId });
        }
        byIndexNo.set(v.indexNo!, { draftId: draftIds[i], publishedId: pubIdByIndex.get(i) ?? null });
      });
      for (const [table, rows] of [['disclosure_items_organization_lnk', orgLinks], ['disclosure_items_catalogue_nodes_lnk', nodeLinks], ['disclosure_items_subject_category_lnk', catLinks]] as const) {
        for (let i = 0; i < rows.length; i += 500) if (rows.length) await trx(table).insert(rows.slice(i, i + 500));
      }
      // review workflow: migrated content counts as reviewed in the old system — audited, per document;
      // an edit afterwards needs a full review again (no approved hash is recorded)
      const states = batch.map((v) => ({ document_id: newDocumentId(), target_uid: ITEM_UID, target_document_id: v.documentId, stage: 'readyToPublish', approvals: json([{ stage: 'import', by: null, byName: '迁移导入', at: now.toISOString(), hash: null }]), stage_entered_at: now, created_at: now, updated_at: now, published_at: now }));
      const audits = batch.map((v) => ({ document_id: newDocumentId(), target_uid: ITEM_UID, target_document_id: v.documentId, actor_name: '迁移导入', actor_roles: json([]), action: 'import-approve', from_stage: null, to_stage: 'readyToPublish', organization_id: org.id, comment: `迁移导入：${opts.file.split('/').pop()} 第${v.row}行`, at: now, created_at: now, updated_at: now, published_at: now }));
      for (let i = 0; i < states.length; i += 500) {
        await trx('review_states').insert(states.slice(i, i + 500));
        await trx('review_audit_entries').insert(audits.slice(i, i + 500));
      }
      await strapi.plugin('sync').service('outbox').recordBulk(trx, batch.filter((v, i) => pubIdByIndex.has(i)).map((v) => ({ uid: ITEM_UID, documentId: v.documentId!, op: 'upsert' })));
    });
    report.imported += batch.length;
    opts.onProgress?.(report.imported, valid.length);
  }

  // 政策解读 links by 索引号 (after every row exists)
  const links: any[] = [];
  const missing: RowIssue[] = [];
  for (const v of valid) {
    if (!v.interpretsIndexNo) continue;
    let target = byIndexNo.get(v.interpretsIndexNo);
    if (!target) {
      const rows = await knex('disclosure_items').where('index_no', v.interpretsIndexNo).select('id', 'published_at');
      const d = rows.find((r: any) => !r.published_at);
      const p = rows.find((r: any) => r.published_at);
      if (d) target = { draftId: d.id, publishedId: p?.id ?? null };
    }
    const self = byIndexNo.get(v.indexNo!)!;
    if (!target) { missing.push({ row: v.row, field: 'interpretsIndexNo', reason: `解读的政策（索引号 ${v.interpretsIndexNo}）不存在，未建立关联`, value: v.interpretsIndexNo, severity: 'warning' }); continue; }
    links.push({ disclosure_item_id: self.draftId, inv_disclosure_item_id: target.draftId, disclosure_item_ord: 1 });
    if (self.publishedId && target.publishedId) links.push({ disclosure_item_id: self.publishedId, inv_disclosure_item_id: target.publishedId, disclosure_item_ord: 1 });
  }
  for (let i = 0; i < links.length; i += 500) await knex('disclosure_items_interprets_lnk').insert(links.slice(i, i + 500));
  report.issues.push(...missing);

  // derived per-node figures of the statistics plugin, for the rows written around the Document Service
  const nodeStats: any = (strapi.plugin('statistics') as any)?.service?.('node-stats');
  if (nodeStats) await nodeStats.refresh([...new Set(valid.flatMap((v) => v.nodeIds))]);
  const itemStats: any = (strapi.plugin('statistics') as any)?.service?.('item-stats');
  if (itemStats) await itemStats.refresh(valid.filter((v) => v.publishDate).map((v) => ({ organizationId: org.id, date: String(v.publishDate).slice(0, 10) })));

  // search index and caches of the public API, when installed
  const search: any = (strapi.plugin('gov-api') as any)?.service?.('search');
  if (search?.reindexDocuments) await search.reindexDocuments(ITEM_UID, documentIds);
  else if (search?.reindexAll) await search.reindexAll();
  strapi.eventHub.emit('sync.imported', { uid: ITEM_UID, count: documentIds.length });

  if (source.package) await importPackageDocuments(strapi, org, source.package, report);

  report.durationMs = Date.now() - started;
  report.rowsPerSecond = Math.round(report.imported / Math.max(report.durationMs / 1000, 0.001));
  report.documentIds = documentIds;
  return report;
}

/** Export packages: create the catalogue nodes that do not exist yet (by code), parents first. */
async function importPackageCatalogue(strapi: Core.Strapi, org: any, pkg: any) {
  const docs = strapi.documents('api::catalogue-node.catalogue-node') as any;
  const existing = new Map<string, string>((await strapi.db.query('api::catalogue-node.catalogue-node').findMany({ where: { organization: { id: org.id } }, select: ['code', 'documentId'] })).map((n: any) => [n.code, n.documentId]));
  const pending = [...(pkg.catalogue ?? [])];
  for (let guard = 0; pending.length && guard < 1000; guard++) {
    const n = pending.shift();
    if (existing.has(n.code)) continue;
    if (n.parentCode && !existing.has(n.parentCode)) { pending.push(n); continue; }
    const created = await docs.create({ data: {
      code: n.code, name: n.name, provincialCode: n.provincialCode, sortOrder: n.sortOrder, kind: n.kind, cadence: n.cadence, requiredElements: n.requiredElements,
      publishDeadlineDays: n.publishDeadlineDays, isPublic: n.isPublic, description: n.description, organization: org.documentId, parent: n.parentCode ? existing.get(n.parentCode) : null,
    } });
    existing.set(n.code, created.documentId);
  }
}

/** Export packages: laws and annual reports through the Document Service (validation, review import approval). */
async function importPackageDocuments(strapi: Core.Strapi, org: any, pkg: any, report: ImportReport) {
  const workflow: any = strapi.plugin('review-workflow').service('workflow');
  const laws = strapi.documents('api::law.law') as any;
  const present = new Set((await strapi.db.query('api::law.law').findMany({ where: { documentId: { $in: (pkg.laws ?? []).map((l: any) => l.documentId) } }, select: ['documentId'] })).map((r: any) => r.documentId));
  const created: any[] = [];
  for (const l of pkg.laws ?? []) {
    if (present.has(l.documentId)) continue;
    const { documentId, repealedBy, amendedBy, published, ...data } = l;
    // keep the original document id so repeal/amend links and integrators' references survive
    await strapi.db.transaction(async ({ trx }: any) => {
      const doc = await laws.create({ data: { ...data, organization: org.documentId } });
      await trx('laws').where({ document_id: doc.documentId }).update({ document_id: documentId });
    });
    created.push(l);
  }
  for (const l of created) {
    if (l.repealedBy || l.amendedBy) await laws.update({ documentId: l.documentId, data: { repealedBy: l.repealedBy, amendedBy: l.amendedBy } });
    if (l.published) {
      await workflow.approveForImport('api::law.law', l.documentId, { comment: '迁移导入' });
      await laws.publish({ documentId: l.documentId });
    }
  }
  const reports = strapi.documents('api::annual-report.annual-report') as any;
  for (const r of pkg.annualReports ?? []) {
    const exists = await strapi.db.query('api::annual-report.annual-report').count({ where: { documentId: r.documentId } });
    if (exists) continue;
    const { documentId, published, ...data } = r;
    await strapi.db.transaction(async ({ trx }: any) => {
      const doc = await reports.create({ data: { ...data, organization: org.documentId } });
      await trx('annual_reports').where({ document_id: doc.documentId }).update({ document_id: documentId });
    });
    if (published) {
      await workflow.approveForImport('api::annual-report.annual-report', documentId, { comment: '迁移导入' });
      await reports.publish({ documentId });
    }
  }
}
