/**
 * Shapes of the sync plugin's admin routes (routes/index.ts, controllers/targets.ts): targets as
 * services/targets.ts view() shows them, with services/delivery.ts stats(); deliveries as delivery.ts list()
 * pages them. Types only, no Strapi code: the admin bundle (plugins/sync/admin) imports them from here.
 */
import type { Target } from './config';

export type DocType = 'item' | 'law' | 'annualReport';
export type TargetFormat = 'json' | 'xml';
export type DeliveryStatus = 'pending' | 'in_flight' | 'delivered' | 'dead' | 'skipped';

/** A target as admins see it: the secret never leaves the server. */
export type TargetView = Omit<Target, 'secret'> & { secretSet: boolean; readOnly: boolean };

/** Per-target figures (delivery.ts stats()). */
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

export type TargetWithStats = TargetView & { stats: TargetStats };

/** GET /sync/targets, GET /sync/targets/:key: `meta.canManage` — the caller may replay and skip (super admin) */
export interface TargetsAnswer { data: TargetWithStats[]; meta: { canManage: boolean } }
export interface TargetAnswer { data: TargetWithStats; meta: { canManage: boolean } }

/** A delivery of an outbox event to a target. */
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

/** GET /sync/targets/:key/deliveries and …/dead-letters */
export interface DeliveryPage { data: Delivery[]; meta: { page: number; pageSize: number; total: number } }
