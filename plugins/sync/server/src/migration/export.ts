import type { Core } from '@strapi/strapi';
import { lawEntry, orgEntry, reportEntry } from './package';
import { UID } from '../../../../../src/foundation/constants';

export const EXPORT_FORMAT = 'gov-disclosure-export';

const dateOnly = (v: unknown) => (v ? String(v instanceof Date ? v.toISOString() : v).slice(0, 10) : null);

/**
 * npm run export -- --org <code>: the organisation's catalogue, items, laws and annual reports as one
 * JSON package that `npm run import` reads back losslessly (document ids, 索引号, slugs, links kept).
 */
export async function exportOrganization(strapi: Core.Strapi, orgCode: string) {
  const org: any = await strapi.db.query(UID.organization).findOne({ where: { code: orgCode }, populate: { parent: { select: ['code'] } } });
  if (!org) throw new Error(`机构代码 ${orgCode} 不存在`);
  const nodes: any[] = await strapi.db.query(UID.catalogueNode).findMany({ where: { organization: { id: org.id } }, populate: { parent: { select: ['code'] } }, orderBy: [{ id: 'asc' }] });
  const catalogue = nodes.map((n) => ({
    code: n.code, name: n.name, parentCode: n.parent?.code ?? null, provincialCode: n.provincialCode ?? null, sortOrder: n.sortOrder ?? 0, kind: n.kind,
    cadence: n.cadence, requiredElements: n.requiredElements ?? null, publishDeadlineDays: n.publishDeadlineDays ?? 20, isPublic: !!n.isPublic, description: n.description ?? null,
  }));
  const itemRows: any[] = await strapi.db.query(UID.item).findMany({
    where: { organization: { id: org.id }, publishedAt: null },
    populate: { catalogueNodes: { select: ['code'] }, subjectCategory: { populate: { parent: { select: ['id', 'name'] } } }, interprets: { select: ['indexNo'] } },
    orderBy: [{ id: 'asc' }],
  });
  const publishedIds = new Set((await strapi.db.query(UID.item).findMany({ where: { organization: { id: org.id }, publishedAt: { $notNull: true } }, select: ['documentId'] })).map((r: any) => r.documentId));
  const items = itemRows.map((r) => ({
    documentId: r.documentId, title: r.title, slug: r.slug, indexNo: r.indexNo, issuingAuthority: r.issuingAuthority ?? null, documentNumber: r.documentNumber ?? null,
    writtenDate: dateOnly(r.writtenDate), publishDate: dateOnly(r.publishDate), expiryDate: dateOnly(r.expiryDate),
    subjectCategory: r.subjectCategory ? (r.subjectCategory.parent ? `${r.subjectCategory.parent.name}\\${r.subjectCategory.name}` : r.subjectCategory.name) : null,
    genre: r.genre, disclosureMode: r.disclosureMode, exemptionReason: r.exemptionReason ?? null, scope: r.scope, secrecyLevel: r.secrecyLevel,
    keywords: r.keywords ?? null, summary: r.summary ?? null, body: r.body ?? null, catalogue: (r.catalogueNodes ?? []).map((n: any) => n.code),
    validity: r.validity, isNormative: !!r.isNormative, interpretsIndexNo: r.interprets?.indexNo ?? null, internalNote: r.internalNote ?? null,
    published: publishedIds.has(r.documentId),
  }));
  const lawRows: any[] = await strapi.db.query(UID.law).findMany({ where: { organization: { id: org.id }, publishedAt: null }, populate: { repealedBy: { select: ['documentId'] }, amendedBy: { select: ['documentId'] } }, orderBy: [{ id: 'asc' }] });
  const publishedLaws = new Set((await strapi.db.query(UID.law).findMany({ where: { organization: { id: org.id }, publishedAt: { $notNull: true } }, select: ['documentId'] })).map((r: any) => r.documentId));
  const laws = lawRows.map((r) => lawEntry(r, publishedLaws.has(r.documentId)));
  const reportRows: any[] = await strapi.db.query(UID.annualReport).findMany({ where: { organization: { id: org.id }, publishedAt: null }, orderBy: [{ year: 'asc' }] });
  const publishedReports = new Set((await strapi.db.query(UID.annualReport).findMany({ where: { organization: { id: org.id }, publishedAt: { $notNull: true } }, select: ['documentId'] })).map((r: any) => r.documentId));
  const annualReports = reportRows.map((r) => reportEntry(r, publishedReports.has(r.documentId)));
  // the parent chain (root first), so a restore into an empty database can create it
  const parents: any[] = [];
  const seen = new Set<number>([org.id]);
  for (let cur: any = await strapi.db.query(UID.organization).findOne({ where: { id: org.id }, populate: { parent: true } }); cur?.parent && !seen.has(cur.parent.id);) {
    seen.add(cur.parent.id);
    cur = await strapi.db.query(UID.organization).findOne({ where: { id: cur.parent.id }, populate: { parent: true } });
    parents.unshift(orgEntry(cur));
  }
  // the 主题分类 the items use (global, not per organisation), parents first
  const catIds = new Set<number>(itemRows.filter((r) => r.subjectCategory).flatMap((r) => [r.subjectCategory.id, r.subjectCategory.parent?.id].filter(Boolean)));
  const catRows: any[] = catIds.size ? await strapi.db.query(UID.subjectCategory).findMany({ where: { id: { $in: [...catIds] } }, populate: { parent: { select: ['code'] } }, orderBy: [{ id: 'asc' }] }) : [];
  const subjectCategories = catRows
    .map((c) => ({ code: c.code ?? null, name: c.name, parentCode: c.parent?.code ?? null }))
    .sort((a, b) => Number(!!a.parentCode) - Number(!!b.parentCode) || String(a.code).localeCompare(String(b.code)));
  return {
    format: EXPORT_FORMAT, version: 1, exportedAt: new Date().toISOString(),
    organization: { ...orgEntry(org), parents },
    subjectCategories, catalogue, items, laws, annualReports,
  };
}
