import type { Core } from '@strapi/strapi';
import { UID } from '../../../../../src/foundation/constants';

const ORG = UID.organization;
const LAW = UID.law;
const REPORT = UID.annualReport;

export type OnExisting = 'update' | 'skip' | 'error';

/** created / updated / unchanged / skipped of one kind of document in an import. */
export interface DocumentCounts { created: number; updated: number; unchanged: number; skipped: number; errors: string[] }
export const emptyCounts = (): DocumentCounts => ({ created: 0, updated: 0, unchanged: 0, skipped: 0, errors: [] });

/** An organisation as a package carries it (and its parents, root first, in organization.parents). */
export function orgEntry(o: any) {
  return { code: o.code, name: o.name, shortName: o.shortName ?? null, level: o.level, sortOrder: o.sortOrder ?? 0, parentCode: o.parent?.code ?? null };
}

const dateOnly = (v: unknown) => (v ? String(v instanceof Date ? v.toISOString() : v).slice(0, 10) : null);

/**
 * The organisation of a package (and its parent chain, root first): found by code, created when missing
 * (restore into an empty database). Returns the organisation row.
 */
export async function ensureOrganizationChain(strapi: Core.Strapi, entry: any, dryRun: boolean): Promise<any> {
  const chain = [...(entry.parents ?? []), entry];
  let parentDocId: string | null = null;
  let found: any = null;
  for (const o of chain) {
    found = await strapi.db.query(ORG).findOne({ where: { code: o.code } });
    if (!found) {
      if (dryRun) return null;
      found = await strapi.documents(ORG).create({ data: { code: o.code, name: o.name, shortName: o.shortName ?? null, level: o.level, sortOrder: o.sortOrder ?? 0, parent: parentDocId } as any });
      found = await strapi.db.query(ORG).findOne({ where: { id: found.id } });
    }
    parentDocId = found.documentId;
  }
  return found;
}

/** 主题分类 of a package that do not exist yet (by code), parents first. */
export async function ensureSubjectCategories(strapi: Core.Strapi, pkg: any) {
  const uid = UID.subjectCategory;
  const existing = new Map<string, string>((await strapi.db.query(uid).findMany({ select: ['code', 'documentId'] })).map((c: any) => [c.code, c.documentId]));
  const pending = [...(pkg.subjectCategories ?? [])].filter((c: any) => c.code);
  for (let guard = 0; pending.length && guard < 10000; guard++) {
    const c = pending.shift();
    if (existing.has(c.code)) continue;
    if (c.parentCode && !existing.has(c.parentCode)) { if (pending.some((p) => p.code === c.parentCode)) pending.push(c); continue; }
    const created = await strapi.documents(uid).create({ data: { code: c.code, name: c.name, parent: c.parentCode ? existing.get(c.parentCode) : null } as any });
    existing.set(c.code, created.documentId);
  }
}

/** Export packages: create the catalogue nodes that do not exist yet (by code), parents first. */
export async function importPackageCatalogue(strapi: Core.Strapi, org: any, pkg: any) {
  const docs = strapi.documents(UID.catalogueNode) as any;
  const existing = new Map<string, string>((await strapi.db.query(UID.catalogueNode).findMany({ where: { organization: { id: org.id } }, select: ['code', 'documentId'] })).map((n: any) => [n.code, n.documentId]));
  const pending = [...(pkg.catalogue ?? [])];
  for (let guard = 0; pending.length && guard < 10000; guard++) {
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

/** A law as the export writes it (the comparison basis of re-imports). */
export function lawEntry(r: any, published: boolean) {
  return {
    documentId: r.documentId, title: r.title, slug: r.slug, level: r.level, issuingAuthority: r.issuingAuthority ?? null, documentNumber: r.documentNumber ?? null,
    writtenDate: dateOnly(r.writtenDate), publishDate: dateOnly(r.publishDate), effectiveDate: dateOnly(r.effectiveDate), expiryDate: dateOnly(r.expiryDate),
    repealedDate: dateOnly(r.repealedDate), reviewByDate: dateOnly(r.reviewByDate), summary: r.summary ?? null, body: r.body ?? null, internalNote: r.internalNote ?? null,
    repealedBy: r.repealedBy?.documentId ?? null, amendedBy: r.amendedBy?.documentId ?? null, published,
  };
}

/** An annual report as the export writes it. */
export function reportEntry(r: any, published: boolean) {
  return {
    documentId: r.documentId, title: r.title, year: r.year, formatVersion: r.formatVersion, overview: r.overview ?? null, table2: r.table2 ?? null, table3: r.table3 ?? null,
    table4: r.table4 ?? null, problems: r.problems ?? null, otherMatters: r.otherMatters ?? null, adjustments: r.adjustments ?? null, published,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

async function currentLaw(strapi: Core.Strapi, documentId: string) {
  const draft: any = await strapi.db.query(LAW).findOne({ where: { documentId, publishedAt: null }, populate: { repealedBy: { select: ['documentId'] }, amendedBy: { select: ['documentId'] } } });
  if (!draft) return null;
  const published = (await strapi.db.query(LAW).count({ where: { documentId, publishedAt: { $notNull: true } } })) > 0;
  return lawEntry(draft, published);
}

async function currentReport(strapi: Core.Strapi, documentId: string) {
  const draft: any = await strapi.db.query(REPORT).findOne({ where: { documentId, publishedAt: null } });
  if (!draft) return null;
  const published = (await strapi.db.query(REPORT).count({ where: { documentId, publishedAt: { $notNull: true } } })) > 0;
  return reportEntry(draft, published);
}

/**
 * Export packages: laws and annual reports through the Document Service (validation, review import approval,
 * search index, outbox), identified by documentId: created with their original documentId when missing,
 * updated when their content differs (per onExisting), reported unchanged otherwise.
 */
export async function importPackageDocuments(strapi: Core.Strapi, org: any, pkg: any, onExisting: OnExisting, dryRun: boolean) {
  const workflow: any = strapi.plugin('review-workflow').service('workflow');
  const result = { laws: emptyCounts(), annualReports: emptyCounts() };
  const kinds = [
    { uid: LAW, table: 'laws', entries: pkg.laws ?? [], counts: result.laws, current: currentLaw, links: ['repealedBy', 'amendedBy'] },
    { uid: REPORT, table: 'annual_reports', entries: pkg.annualReports ?? [], counts: result.annualReports, current: currentReport, links: [] as string[] },
  ];
  for (const k of kinds) {
    const docs = strapi.documents(k.uid as any) as any;
    const linkLater: any[] = [];
    for (const entry of k.entries) {
      const now = await k.current(strapi, entry.documentId);
      const wanted = { ...entry, ...Object.fromEntries(k.links.map((l) => [l, entry[l] ?? null])) };
      if (now && same(now, wanted)) { k.counts.unchanged++; continue; }
      if (now && onExisting === 'skip') { k.counts.skipped++; continue; }
      if (now && onExisting === 'error') { k.counts.errors.push(`${entry.title}（${entry.documentId}）已存在且内容不同（--on-existing=error）`); continue; }
      if (dryRun) { k.counts[now ? 'updated' : 'created']++; continue; }
      const { documentId, published, ...rest } = entry;
      const data: any = { ...rest };
      for (const l of k.links) delete data[l];
      try {
        if (!now) {
          // keep the original document id so links and integrators' references survive
          await strapi.db.transaction(async ({ trx }: any) => {
            const doc = await docs.create({ data: { ...data, organization: org.documentId } });
            await trx(k.table).where({ document_id: doc.documentId }).update({ document_id: documentId });
          });
        } else {
          await docs.update({ documentId, data: { ...data, organization: org.documentId } });
        }
        linkLater.push({ entry, existed: !!now, wasPublished: !!now?.published });
      } catch (e: any) {
        strapi.log.debug(`[import] ${k.uid} ${documentId}: ${e?.stack ?? e}`);
        k.counts.errors.push(`${entry.title}（${documentId}）写入失败：${chineseReason(e)}`);
      }
    }
    for (const { entry, existed, wasPublished } of linkLater) {
      try {
        const links = Object.fromEntries(k.links.map((l) => [l, entry[l] ?? null]));
        if (k.links.length) await docs.update({ documentId: entry.documentId, data: links });
        if (entry.published) {
          await workflow.approveForImport(k.uid, entry.documentId, { comment: '迁移导入' });
          await docs.publish({ documentId: entry.documentId });
        } else if (wasPublished) {
          await docs.unpublish({ documentId: entry.documentId });
        }
        k.counts[existed ? 'updated' : 'created']++;
      } catch (e: any) {
        strapi.log.debug(`[import] ${k.uid} ${entry.documentId}: ${e?.stack ?? e}`);
        k.counts.errors.push(`${entry.title}（${entry.documentId}）写入失败：${chineseReason(e)}`);
      }
    }
  }
  return result;
}

/** A database / validation error in words for the report: never the SQL text (that goes to the debug log). */
export function chineseReason(e: any): string {
  const msg = String(e?.message ?? e ?? '');
  const code = String(e?.code ?? '');
  if (e?.name === 'ValidationError' || e?.details?.errors) return /[\u4e00-\u9fa5]/.test(msg) ? msg : '数据校验未通过';
  if (code === '23505' || /UNIQUE constraint failed|duplicate key/i.test(msg)) return '与数据库中已有记录冲突（唯一约束）';
  if (code === '23503' || /FOREIGN KEY/i.test(msg)) return '引用的记录不存在（外键约束）';
  if (/deadlock|could not serialize|SQLITE_BUSY|database is locked/i.test(msg)) return '数据库繁忙或并发冲突，可重新运行导入';
  if (/[\u4e00-\u9fa5]/.test(msg) && !/\b(insert|update|delete|select)\b/i.test(msg)) return msg;
  return '数据库写入失败（详细信息见调试日志 LOG_LEVEL=debug）';
}
