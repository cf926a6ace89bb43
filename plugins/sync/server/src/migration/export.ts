import type { Core } from '@strapi/strapi';

export const EXPORT_FORMAT = 'gov-disclosure-export';

const dateOnly = (v: unknown) => (v ? String(v instanceof Date ? v.toISOString() : v).slice(0, 10) : null);

/**
 * npm run export -- --org <code>: the organisation's catalogue, items, laws and annual reports as one
 * JSON package that `npm run import` reads back losslessly (document ids, 索引号, slugs, links kept).
 */
export async function exportOrganization(strapi: Core.Strapi, orgCode: string) {
  const org: any = await strapi.db.query('api::organization.organization').findOne({ where: { code: orgCode } });
  if (!org) throw new Error(`机构代码 ${orgCode} 不存在`);
  const nodes: any[] = await strapi.db.query('api::catalogue-node.catalogue-node').findMany({ where: { organization: { id: org.id } }, populate: { parent: { select: ['code'] } }, orderBy: [{ id: 'asc' }] });
  const catalogue = nodes.map((n) => ({
    code: n.code, name: n.name, parentCode: n.parent?.code ?? null, provincialCode: n.provincialCode ?? null, sortOrder: n.sortOrder ?? 0, kind: n.kind,
    cadence: n.cadence, requiredElements: n.requiredElements ?? null, publishDeadlineDays: n.publishDeadlineDays ?? 20, isPublic: !!n.isPublic, description: n.description ?? null,
  }));
  const itemRows: any[] = await strapi.db.query('api::disclosure-item.disclosure-item').findMany({
    where: { organization: { id: org.id }, publishedAt: null },
    populate: { catalogueNodes: { select: ['code'] }, subjectCategory: { populate: { parent: { select: ['name'] } } }, interprets: { select: ['indexNo'] } },
    orderBy: [{ id: 'asc' }],
  });
  const publishedIds = new Set((await strapi.db.query('api::disclosure-item.disclosure-item').findMany({ where: { organization: { id: org.id }, publishedAt: { $notNull: true } }, select: ['documentId'] })).map((r: any) => r.documentId));
  const items = itemRows.map((r) => ({
    documentId: r.documentId, title: r.title, slug: r.slug, indexNo: r.indexNo, issuingAuthority: r.issuingAuthority ?? null, documentNumber: r.documentNumber ?? null,
    writtenDate: dateOnly(r.writtenDate), publishDate: dateOnly(r.publishDate), expiryDate: dateOnly(r.expiryDate),
    subjectCategory: r.subjectCategory ? (r.subjectCategory.parent ? `${r.subjectCategory.parent.name}\\${r.subjectCategory.name}` : r.subjectCategory.name) : null,
    genre: r.genre, disclosureMode: r.disclosureMode, exemptionReason: r.exemptionReason ?? null, scope: r.scope, secrecyLevel: r.secrecyLevel,
    keywords: r.keywords ?? null, summary: r.summary ?? null, body: r.body ?? null, catalogue: (r.catalogueNodes ?? []).map((n: any) => n.code),
    validity: r.validity, isNormative: !!r.isNormative, interpretsIndexNo: r.interprets?.indexNo ?? null, internalNote: r.internalNote ?? null,
    published: publishedIds.has(r.documentId),
  }));
  const lawRows: any[] = await strapi.db.query('api::law.law').findMany({ where: { organization: { id: org.id }, publishedAt: null }, populate: { repealedBy: { select: ['documentId'] }, amendedBy: { select: ['documentId'] } }, orderBy: [{ id: 'asc' }] });
  const publishedLaws = new Set((await strapi.db.query('api::law.law').findMany({ where: { organization: { id: org.id }, publishedAt: { $notNull: true } }, select: ['documentId'] })).map((r: any) => r.documentId));
  const laws = lawRows.map((r) => ({
    documentId: r.documentId, title: r.title, slug: r.slug, level: r.level, issuingAuthority: r.issuingAuthority ?? null, documentNumber: r.documentNumber ?? null,
    writtenDate: dateOnly(r.writtenDate), publishDate: dateOnly(r.publishDate), effectiveDate: dateOnly(r.effectiveDate), expiryDate: dateOnly(r.expiryDate),
    repealedDate: dateOnly(r.repealedDate), reviewByDate: dateOnly(r.reviewByDate), summary: r.summary ?? null, body: r.body ?? null, internalNote: r.internalNote ?? null,
    repealedBy: r.repealedBy?.documentId ?? null, amendedBy: r.amendedBy?.documentId ?? null, published: publishedLaws.has(r.documentId),
  }));
  const reportRows: any[] = await strapi.db.query('api::annual-report.annual-report').findMany({ where: { organization: { id: org.id }, publishedAt: null }, orderBy: [{ year: 'asc' }] });
  const publishedReports = new Set((await strapi.db.query('api::annual-report.annual-report').findMany({ where: { organization: { id: org.id }, publishedAt: { $notNull: true } }, select: ['documentId'] })).map((r: any) => r.documentId));
  const annualReports = reportRows.map((r) => ({
    documentId: r.documentId, title: r.title, year: r.year, formatVersion: r.formatVersion, overview: r.overview ?? null, table2: r.table2 ?? null, table3: r.table3 ?? null,
    table4: r.table4 ?? null, problems: r.problems ?? null, otherMatters: r.otherMatters ?? null, adjustments: r.adjustments ?? null, published: publishedReports.has(r.documentId),
  }));
  return {
    format: EXPORT_FORMAT, version: 1, exportedAt: new Date().toISOString(),
    organization: { code: org.code, name: org.name, shortName: org.shortName ?? null, level: org.level },
    catalogue, items, laws, annualReports,
  };
}
