/**
 * The plugin's admin routes. Their answers' shapes are the server's (server/src/wire.ts, types only).
 */
import type { TargetWithStats } from '../../server/src/wire';
import { UID } from '../../../../src/foundation/constants';

export type { Delivery, DeliveryPage, DeliveryStatus, DocType, TargetAnswer, TargetStats, TargetsAnswer } from '../../server/src/wire';
/** A target with its figures, as the list and the target page show it. */
export type Target = TargetWithStats;

const enc = encodeURIComponent;
export const paths = {
  targets: '/sync/targets',
  target: (key: string) => `/sync/targets/${enc(key)}`,
  deliveries: (key: string) => `/sync/targets/${enc(key)}/deliveries`,
  deadLetters: (key: string) => `/sync/targets/${enc(key)}/dead-letters`,
  replay: (key: string) => `/sync/targets/${enc(key)}/replay`,
  skip: (key: string) => `/sync/targets/${enc(key)}/skip`,
};

export const CONTENT_TYPE: Record<string, string> = {
  item: UID.item,
  law: UID.law,
  annualReport: UID.annualReport,
};

/** Router path (inside /admin) of a document's Content Manager edit view, or null for an unknown type. */
export const editViewPath = (type: string, documentId: string) =>
  CONTENT_TYPE[type] ? `/content-manager/collection-types/${CONTENT_TYPE[type]}/${documentId}` : null;
