import type { Core } from '@strapi/strapi';
import { ddlOnce } from '../../../../src/foundation/sql';
import { clientIp } from '../../../../src/foundation/client-ip';
import { SECURITY_ACTIONS, type SecurityAction } from './wire';

export { SECURITY_ACTIONS, type SecurityAction };

/**
 * 安全审计日志 (等保 2.0 安全审计; 网络安全法第二十一条: network logs kept ≥ 6 months). Separate from the
 * editorial audit trail (review-workflow) and append-only like it: the database refuses every UPDATE, and
 * every DELETE of a row younger than the legal minimum (180 days), whoever connects. The daily purge
 * (purge.ts) removes only rows older than the configured retention.
 *
 * `at` is epoch milliseconds (BIGINT on both databases) so that the triggers and the range filters are the
 * same SQL on SQLite and PostgreSQL.
 */
export const SECURITY_LOG_TABLE = 'gov_security_log';
/** 网络安全法第二十一条: 留存相关的网络日志不少于六个月. */
export const MIN_RETENTION_DAYS = 180;



export interface SecurityEvent {
  action: SecurityAction;
  userId?: number | null;
  email?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  /** what was acted on: `admin::user:12`, `role:3`, `request:REQ-2026-0001`, … */
  target?: string | null;
  /** action-specific facts (never a password, a token or unmasked personal data) */
  detail?: Record<string, unknown> | null;
  /** defaults to now */
  at?: number;
}

/** Who and from where, for an HTTP request (admin user if authenticated, client address behind trusted proxies). */
export function actorOf(strapi: Core.Strapi, ctx: any): Pick<SecurityEvent, 'userId' | 'email' | 'ip' | 'userAgent'> {
  const user = ctx?.state?.user;
  return {
    userId: typeof user?.id === 'number' ? user.id : null,
    email: typeof user?.email === 'string' ? user.email : null,
    ip: ctx ? clientIp(strapi, ctx) : null,
    userAgent: ctx ? String(ctx.get?.('user-agent') ?? '').slice(0, 500) || null : null,
  };
}

/** Appends one entry (inside `trx` when given, so it commits or rolls back with the change it records). */
export async function recordSecurityEvent(strapi: Core.Strapi, event: SecurityEvent, trx?: any): Promise<void> {
  const row = {
    at: event.at ?? Date.now(),
    action: event.action,
    user_id: event.userId ?? null,
    email: event.email ? String(event.email).slice(0, 255) : null,
    ip: event.ip ? String(event.ip).slice(0, 64) : null,
    user_agent: event.userAgent ? String(event.userAgent).slice(0, 500) : null,
    target: event.target ? String(event.target).slice(0, 255) : null,
    detail: event.detail ? JSON.stringify(event.detail) : null,
  };
  await (trx ?? strapi.db.connection)(SECURITY_LOG_TABLE).insert(row);
}

/** The same, for an HTTP request: actor fields from `ctx`, overridable. Never throws (a log failure is logged). */
export async function recordFromContext(strapi: Core.Strapi, ctx: any, event: SecurityEvent, trx?: any): Promise<void> {
  try {
    await recordSecurityEvent(strapi, { ...actorOf(strapi, ctx), ...stripUndefined(event) }, trx);
  } catch (err: any) {
    strapi.log.error(`[安全审计] 写入安全日志失败（${event.action}）：${err?.message ?? err}`);
  }
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const REFUSE = '安全审计日志只能追加，不能修改；未满180天的记录不能删除';

/** The table, its indexes and the append-only triggers (idempotent; one node at a time on PostgreSQL). */
export async function ensureSecurityLog(strapi: Core.Strapi): Promise<void> {
  const knex = strapi.db.connection;
  const pg = strapi.db.dialect.client === 'postgres';
  const minMs = MIN_RETENTION_DAYS * 86400000;
  const create = async (db: any) => {
    if (!(await db.schema.hasTable(SECURITY_LOG_TABLE))) {
      await db.schema.createTable(SECURITY_LOG_TABLE, (t: any) => {
        t.bigIncrements('id').primary();
        t.bigInteger('at').notNullable();
        t.string('action', 64).notNullable();
        t.integer('user_id').nullable();
        t.string('email', 255).nullable();
        t.string('ip', 64).nullable();
        t.string('user_agent', 500).nullable();
        t.string('target', 255).nullable();
        t.text('detail').nullable();
        t.index(['at'], 'gov_security_log_at');
        t.index(['action', 'at'], 'gov_security_log_action_at');
        t.index(['user_id', 'at'], 'gov_security_log_user_at');
      });
    }
  };
  if (pg) {
    // once per change (ddlOnce): DROP TRIGGER locks the log every login of every node writes to
    const triggers = [
      `CREATE OR REPLACE FUNCTION gov_security_log_append_only() RETURNS trigger AS $$
        BEGIN
          IF TG_OP = 'DELETE' AND OLD.at < (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint - ${minMs} THEN RETURN OLD; END IF;
          RAISE EXCEPTION '${REFUSE}';
        END; $$ LANGUAGE plpgsql`,
      `DROP TRIGGER IF EXISTS gov_security_log_no_change ON ${SECURITY_LOG_TABLE}`,
      `CREATE TRIGGER gov_security_log_no_change BEFORE UPDATE OR DELETE ON ${SECURITY_LOG_TABLE} FOR EACH ROW EXECUTE FUNCTION gov_security_log_append_only()`,
    ];
    await ddlOnce(knex, true, {
      name: 'security-log',
      lock: 'securitySchema',
      fingerprint: [create.toString(), ...triggers],
      triggers: ['gov_security_log_no_change'],
      run: async (trx) => {
        await create(trx);
        for (const sql of triggers) await trx.raw(sql);
      },
    });
  } else {
    await create(knex);
    await knex.raw(`CREATE TRIGGER IF NOT EXISTS gov_security_log_no_update BEFORE UPDATE ON ${SECURITY_LOG_TABLE} BEGIN SELECT RAISE(ABORT, '${REFUSE}'); END`);
    await knex.raw(
      `CREATE TRIGGER IF NOT EXISTS gov_security_log_no_delete BEFORE DELETE ON ${SECURITY_LOG_TABLE} ` +
        `WHEN OLD.at >= CAST(strftime('%s','now') AS INTEGER) * 1000 - ${minMs} BEGIN SELECT RAISE(ABORT, '${REFUSE}'); END`,
    );
  }
}
