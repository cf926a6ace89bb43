import type { Core } from '@strapi/strapi';
import type { DocType, SyncConfig, Target } from '../config';
import { isPostgres } from '../../../../../src/foundation/sql';
import { UID } from '../../../../../src/foundation/constants';
import type { DeliveryStatus } from '../wire';

/**
 * The vocabulary the delivery modules share (see README.md, “Push: delivery to configured targets”):
 * which content types are pushed and under which type name, the states of a delivery row, the shape of a
 * claimed row, and the database clock.
 *
 * Times in the sync tables are epoch milliseconds taken from the DATABASE clock (BIGINT columns), never
 * from a Node process: with several nodes claiming from one queue, leases and retry times must be compared
 * against one clock, or a node whose clock runs ahead would steal leases that have not expired.
 */

/** the pushed content types and their type name in payloads, headers and the admin page */
export const TYPE_OF: Record<string, DocType> = {
  [UID.item]: 'item',
  [UID.law]: 'law',
  [UID.annualReport]: 'annualReport',
};

/**
 * DeliveryStatus (declared in ../wire.ts, which the admin bundle imports):
 * pending → in_flight (claimed, under lease) → delivered | pending (retry later) | dead (dead letter);
 * dead → pending (replay) | skipped (given up by the admin). delivered and skipped are final.
 */
export type { DeliveryStatus };

/** the public representation of a document (null: not public) */
export type Rep = Record<string, unknown> | null;

/** what one worker round did */
export interface RunResult { fannedOut: number; created: number; claimed: number; delivered: number; failed: number; dead: number }

/** a sync_deliveries row as returned by a claim (numeric columns as numbers) */
export interface ClaimedDelivery {
  id: number;
  target_key: string;
  event_id: number;
  uid: string;
  document_id: string;
  op: 'upsert' | 'tombstone';
  idempotency_key: string;
  /** attempts including the current one (the claim counts it) */
  attempts: number;
  /** proves the claim is still ours when the outcome is recorded */
  claim_token: string;
  [column: string]: unknown;
}

/** the database clock in epoch ms, as an SQL expression */
export function nowSql(pg: boolean): string {
  return pg ? '(extract(epoch from clock_timestamp()) * 1000)::bigint' : "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
}

/** the database clock of this Strapi's dialect, as an SQL expression */
export const dbNow = (strapi: Core.Strapi) => nowSql(isPostgres(strapi));

export const syncConfig = (strapi: Core.Strapi) => strapi.config.get('plugin::sync') as SyncConfig;

/** the enabled targets (database and configuration), in the targets service's order */
export async function enabledTargets(strapi: Core.Strapi): Promise<Target[]> {
  return ((await strapi.plugin('sync').service('targets').list()) as Target[]).filter((t) => t.enabled);
}

export const chunks = <T>(arr: T[], n: number): T[][] => Array.from({ length: Math.ceil(arr.length / n) }, (_, i) => arr.slice(i * n, i * n + n));
export const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
export const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(Number(v)).toISOString());
