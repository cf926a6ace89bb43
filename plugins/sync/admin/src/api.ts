import { isFetchError } from '@strapi/strapi/admin';

/**
 * Shapes of the plugin's admin routes (server/src/routes/index.ts, controllers/targets.ts,
 * services/targets.ts view(), delivery/admin-queries.ts stats() and list()). Kept by hand: the admin bundle
 * does not import server code.
 */

export type DocType = 'item' | 'law' | 'annualReport';
export type DeliveryStatus = 'pending' | 'in_flight' | 'delivered' | 'dead' | 'skipped';

export interface TargetStats {
  /** events not yet delivered: pending + in flight + dead + not yet fanned out */
  lag: number;
  pending: number;
  inFlight: number;
  delivered: number;
  dead: number;
  skipped: number;
  notFannedOut: number;
  /** pending deliveries that failed at least once */
  retrying: number;
  /** failed attempts */
  failures: number;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  lastError: string | null;
  oldestUndeliveredAt: string | null;
  cursor: number | null;
  outboxHead: number;
}

export interface Target {
  key: string;
  name?: string | null;
  url: string;
  format: 'json' | 'xml';
  organizations?: string[] | null;
  catalogueCodes?: string[] | null;
  types?: DocType[] | null;
  maxAttempts: number;
  backoffMs: number;
  timeoutMs: number;
  enabled: boolean;
  backfill: boolean;
  source: 'config' | 'admin';
  secretSet: boolean;
  readOnly: boolean;
  stats: TargetStats;
}

/** GET /sync/targets, GET /sync/targets/:key: `meta.canManage` — the caller may replay and skip (super admin) */
export interface TargetsAnswer { data: Target[]; meta: { canManage: boolean } }
export interface TargetAnswer { data: Target; meta: { canManage: boolean } }

export interface Delivery {
  id: number;
  eventId: number;
  idempotencyKey: string;
  type: DocType | string;
  documentId: string;
  op: 'upsert' | 'tombstone';
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  lastFailureAt: string | null;
  createdAt: string | null;
  deliveredAt: string | null;
}

export interface DeliveryPage { data: Delivery[]; meta: { page: number; pageSize: number; total: number } }

/** The message of a Strapi error answer (the server's messages are Chinese). */
export function errorMessage(error: unknown): string {
  if (isFetchError(error)) {
    const body = error.response?.data?.error as { message?: string } | undefined;
    return body?.message ?? error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

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
  item: 'api::disclosure-item.disclosure-item',
  law: 'api::law.law',
  annualReport: 'api::annual-report.annual-report',
};

/** Router path (inside /admin) of a document's Content Manager edit view, or null for an unknown type. */
export const editViewPath = (type: string, documentId: string) =>
  CONTENT_TYPE[type] ? `/content-manager/collection-types/${CONTENT_TYPE[type]}/${documentId}` : null;
