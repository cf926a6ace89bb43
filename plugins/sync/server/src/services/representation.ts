import type { Core } from '@strapi/strapi';
import { UID } from '../../../../../src/foundation/constants';
import { hasPublicMetadata } from '../../../../../src/domain/visibility';

/**
 * The public representation of a document for the change feed and pushes: this plugin's whitelist per type.
 * Returns null when the document is not public (not published; items also 仅对内, not 主动公开 or not 非密 —
 * the rule of src/domain/visibility.ts): such a document must never be sent anywhere. Items and laws carry their body and
 * summary both as the Markdown source and as the sanitized HTML rendered at write time (bodyHtml, summaryHtml).
 */
const ITEM_FIELDS = ['documentId', 'title', 'indexNo', 'issuingAuthority', 'documentNumber', 'writtenDate', 'publishDate', 'genre', 'keywords', 'summary', 'summaryHtml', 'body', 'bodyHtml', 'validity', 'isNormative', 'expiryDate', 'slug'];
const LAW_FIELDS = ['documentId', 'title', 'level', 'issuingAuthority', 'documentNumber', 'writtenDate', 'publishDate', 'effectiveDate', 'expiryDate', 'repealedDate', 'lawStatus', 'summary', 'summaryHtml', 'body', 'bodyHtml', 'slug'];
const REPORT_FIELDS = ['documentId', 'title', 'year', 'formatVersion', 'overview', 'table2', 'table3', 'table4', 'problems', 'otherMatters'];

const pick = (row: any, fields: string[]) => Object.fromEntries(fields.map((f) => [f, row[f] ?? null]));

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async get(uid: string, documentIds: string[]): Promise<Map<string, Record<string, unknown> | null>> {
    const out = new Map<string, Record<string, unknown> | null>(documentIds.map((id) => [id, null]));
    if (!documentIds.length) return out;
    const populate: Record<string, unknown> = { organization: { select: ['documentId', 'name', 'code'] } };
    if (uid === UID.item) Object.assign(populate, { catalogueNodes: { select: ['documentId', 'code', 'name', 'provincialCode'] }, subjectCategory: { select: ['name', 'code'] }, attachments: { select: ['name', 'url', 'mime', 'size'] }, interprets: { select: ['documentId'] } });
    if (uid === UID.law) Object.assign(populate, { repealedBy: { select: ['documentId'] }, amendedBy: { select: ['documentId'] } });
    const rows: any[] = await strapi.db.query(uid as any).findMany({ where: { documentId: { $in: documentIds }, publishedAt: { $notNull: true } }, populate });
    for (const row of rows) {
      if (uid === UID.item) {
        if (!hasPublicMetadata(row)) continue;
        out.set(row.documentId, {
          type: 'item', ...pick(row, ITEM_FIELDS),
          organization: row.organization ? pick(row.organization, ['documentId', 'name', 'code']) : null,
          catalogue: (row.catalogueNodes ?? []).map((n: any) => pick(n, ['documentId', 'code', 'name', 'provincialCode'])),
          subjectCategory: row.subjectCategory ? pick(row.subjectCategory, ['name', 'code']) : null,
          attachments: (row.attachments ?? []).map((a: any) => pick(a, ['name', 'url', 'mime', 'size'])),
          interprets: row.interprets?.documentId ?? null,
        });
      } else if (uid === UID.law) {
        out.set(row.documentId, { type: 'law', ...pick(row, LAW_FIELDS), organization: row.organization ? pick(row.organization, ['documentId', 'name', 'code']) : null, repealedBy: row.repealedBy?.documentId ?? null, amendedBy: row.amendedBy?.documentId ?? null });
      } else {
        out.set(row.documentId, { type: 'annualReport', ...pick(row, REPORT_FIELDS), organization: row.organization ? pick(row.organization, ['documentId', 'name', 'code']) : null });
      }
    }
    return out;
  },
});
