import { factories } from '@strapi/strapi';
import { aggregateTables, type AggregateOptions } from '../../../requests/aggregate';
import { addDispute, addEvent, liveClock, updateDispute } from '../../../requests/events';
import { generateLetter } from '../../../requests/letters';
import { recomputeDeadlines, type RecomputeOptions } from '../../../requests/recompute';
import { eventBodySchema, parseRequestInput } from '../../../requests/schemas';

/**
 * Core service plus the 依申请公开 operations, for other code (e.g. the statistics plugin):
 *   strapi.service('api::disclosure-request.disclosure-request').aggregateTables(orgDocumentId, year, { includeDescendants })
 */
export default factories.createCoreService('api::disclosure-request.disclosure-request', ({ strapi }) => ({
  /** 表三 / 表四 of the 2021 format for an organisation and year, by SQL aggregation. */
  aggregateTables(orgDocumentId: string, year: number, options: AggregateOptions = {}) {
    return aggregateTables(strapi, orgDocumentId, year, options);
  },
  /** Records an event (validated like the admin route). */
  addEvent(documentId: string, body: unknown) {
    return addEvent(strapi, documentId, parseRequestInput(eventBodySchema, body));
  },
  addDispute(documentId: string, body: unknown) {
    return addDispute(strapi, documentId, body);
  },
  updateDispute(documentId: string, disputeId: string, body: unknown) {
    return updateDispute(strapi, documentId, disputeId, body);
  },
  clock(documentId: string, asOf?: string) {
    return liveClock(strapi, documentId, asOf);
  },
  generateLetter(documentId: string, kind: string, body: { date?: string; note?: string } = {}) {
    return generateLetter(strapi, documentId, kind, body);
  },
  /** Recomputes stored due dates with the current calendar (provisional ones, or every open request). */
  recomputeProvisional(options: RecomputeOptions = { scope: 'provisional' }) {
    return recomputeDeadlines(strapi, options);
  },
  recomputeDeadlines(options: RecomputeOptions = {}) {
    return recomputeDeadlines(strapi, options);
  },
}));
