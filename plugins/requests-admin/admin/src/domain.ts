/**
 * The law's vocabulary, imported from the app's pure domain modules (no Strapi code, so the admin
 * bundle can include them): 表三 result keys with their official labels, the event types of the
 * clock, and the enumerations stored on a request. One source of truth with the server.
 */
import {
  RESULT_GROUPS,
  RESULT_KEYS,
  TABLE3_ROW_LABELS,
  TABLE3_ROW_QUALIFIED_LABELS,
  type ResultKey,
} from '../../../../src/domain/annual-report-2021/keys';
import { CLOCK_EVENT_LABELS, CLOCK_EVENT_TYPES, type ClockEventType } from '../../../../src/domain/request-clock/types';
import { ENUMS, UID } from '../../../../src/foundation/constants';

export { CLOCK_EVENT_LABELS, CLOCK_EVENT_TYPES, RESULT_GROUPS, RESULT_KEYS, TABLE3_ROW_LABELS };
export type { ClockEventType, ResultKey };

export const REQUEST_UID = UID.request;
export const ORG_UID = UID.organization;

export const REQUEST_STATUSES: readonly string[] = ENUMS.requestStatus;
export const APPLICANT_CATEGORIES: readonly string[] = ENUMS.applicantCategory;

/** "（三）不予公开 1.属于国家秘密" — a result label that is unambiguous on its own. */
export const resultLabel = (key: string | null | undefined): string =>
  key ? ((TABLE3_ROW_QUALIFIED_LABELS as Record<string, string>)[key] ?? key) : '';

/** Which optional fields each event type takes (docs/requests.md, POST …/events). */
export const EVENT_FIELDS: Readonly<Record<ClockEventType, { days?: 'extension' | 'correction' | 'consultation' | 'fee'; extension?: boolean; result?: 'optional' | 'required'; paidAt?: boolean; category?: boolean }>> = {
  accepted: {},
  correctionRequested: { days: 'correction' },
  correctionReceived: {},
  extended: { days: 'extension', extension: true },
  consultationSent: { days: 'consultation' },
  consultationAnswered: {},
  feeNoticeSent: { days: 'fee', paidAt: true },
  replied: { result: 'optional' },
  closed: { result: 'required', category: true },
};

export const LETTER_KINDS = ['receipt', 'correction', 'extension', 'reply'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];
