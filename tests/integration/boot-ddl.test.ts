import type { Core } from '@strapi/strapi';
import { setupStrapi, teardownStrapi } from '../helpers/strapi';
import { isPg } from '../helpers/env';
import { ensureSchema as ensureFoundationSchema } from '../../src/foundation/schema';
import { ensureRateLimitTable } from '../../src/requests/rate-limit';
import { ensureAppendOnly } from '../../plugins/review-workflow/server/src/append-only';
import { ensureSecurityLog } from '../../plugins/security/server/src/log';
import { ensureTables as ensureDeliveryTables } from '../../plugins/sync/server/src/delivery/schema';

/**
 * Boot-time DDL (src/foundation/sql.ts ddlOnce): a node booting beside nodes that write must take no lock on the
 * tables they write. On PostgreSQL, CREATE INDEX IF NOT EXISTS / DROP TRIGGER lock their table even when nothing
 * changes; so every set of boot DDL runs only when its fingerprint changed. Here every such set is run again while
 * other transactions hold ROW EXCLUSIVE on the tables it touches (as writers on other nodes do): it must finish at
 * once, not wait for them (and, holding one table, deadlock with the next).
 */
let strapi: Core.Strapi;
beforeAll(async () => {
  strapi = await setupStrapi();
});
afterAll(teardownStrapi);

const knex = () => strapi.db.connection as any;
const pg = () => isPg();

/** Every boot DDL set of the platform, as bootstrap runs it. */
const bootDdl = () => [
  ['foundation', () => ensureFoundationSchema(strapi)],
  ['rate-limit', () => ensureRateLimitTable(knex(), pg())],
  ['review-audit-append-only', () => ensureAppendOnly(strapi)],
  ['security-log', () => ensureSecurityLog(strapi)],
  ['sync-outbox', () => strapi.plugin('sync').service('outbox').ensureTable()],
  ['sync-targets', () => strapi.plugin('sync').service('targets').ensureTable()],
  ['sync-delivery', () => ensureDeliveryTables(strapi)],
  ['statistics-rollups', () => strapi.plugin('statistics').service('item-stats').ensureTable()],
  ['gov-api-read-model', () => strapi.plugin('gov-api').service('readModel').ensureSchema()],
  ['gov-api-search', () => strapi.plugin('gov-api').service('search').ensureSchema()],
] as const;

/** Tables other nodes write all the time (publishing, reviewing, logging in, pushing). */
const WRITTEN = ['disclosure_items', 'laws', 'organizations', 'review_audit_entries', 'gov_security_log', 'sync_outbox', 'sync_deliveries', 'item_daily_stats', 'item_node_daily_stats', 'disclosure_requests', 'site_group_memberships_user_lnk'];

describe('boot DDL (ddlOnce)', () => {
  it('every set is recorded once per change and runs again without waiting for writers', async () => {
    for (const [, run] of bootDdl()) await run(); // as at boot (already applied by this node's bootstrap)
    if (!pg()) {
      // SQLite: one process per database file; the sets simply run again (idempotent)
      for (const [, run] of bootDdl()) await run();
      const [t] = await knex().raw(`SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'review_audit_no_update'`);
      expect(Number(t.n)).toBe(1);
      return;
    }
    const { rows: state } = await knex().raw(`SELECT name, fingerprint FROM gov_schema_state`);
    const recorded = new Map(state.map((r: any) => [r.name, r.fingerprint]));
    for (const [name] of bootDdl()) expect(recorded.get(name)).toMatch(/^[0-9a-f]{40}$/);

    // one open transaction stands for the writers of the other nodes: it holds what their writes hold
    const writer = await knex().transaction();
    try {
      await writer.raw(`LOCK TABLE ${WRITTEN.join(', ')} IN ROW EXCLUSIVE MODE`);
      for (const [name, run] of bootDdl()) {
        const outcome = await Promise.race([
          Promise.resolve(run()).then(() => 'done'),
          new Promise((resolve) => setTimeout(() => resolve('blocked'), 5000)),
        ]);
        expect({ name, outcome }).toEqual({ name, outcome: 'done' });
      }
    } finally {
      await writer.rollback();
    }
    const { rows: after } = await knex().raw(`SELECT name, fingerprint FROM gov_schema_state`);
    expect(new Map(after.map((r: any) => [r.name, r.fingerprint]))).toEqual(recorded);
  }, 120_000);

  it('a protecting trigger that went missing is installed again at the next boot (the audit trail stays append-only)', async () => {
    if (pg()) await knex().raw('DROP TRIGGER review_audit_no_change ON review_audit_entries');
    else await knex().raw('DROP TRIGGER review_audit_no_update');
    await ensureAppendOnly(strapi);
    const present = pg()
      ? (await knex().raw(`SELECT COUNT(*) AS n FROM pg_trigger WHERE tgname = 'review_audit_no_change'`)).rows[0]
      : (await knex().raw(`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name = 'review_audit_no_update'`))[0];
    expect(Number(present.n)).toBe(1);
  });

  it('a changed set runs again, once, under its lock (an upgrade); on SQLite every boot runs it', async () => {
    const { ddlOnce } = await import('../../src/foundation/sql');
    let runs = 0;
    const set = (v: string) => ({ name: 'test-set', lock: 'schema' as const, fingerprint: [v], run: async () => void runs++ });
    if (!pg()) {
      expect([await ddlOnce(knex(), false, set('v1')), await ddlOnce(knex(), false, set('v1'))]).toEqual([true, true]);
      expect(runs).toBe(2);
      return;
    }
    expect(await ddlOnce(knex(), true, set('v1'))).toBe(true);
    expect(await ddlOnce(knex(), true, set('v1'))).toBe(false);
    // two nodes booting the upgrade at once: one runs it
    const both = await Promise.all([ddlOnce(knex(), true, set('v2')), ddlOnce(knex(), true, set('v2'))]);
    expect(both.filter(Boolean)).toHaveLength(1);
    expect(runs).toBe(2);
    await knex().raw(`DELETE FROM gov_schema_state WHERE name = 'test-set'`);
  });
});
