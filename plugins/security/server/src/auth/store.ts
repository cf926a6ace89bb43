import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { xactLock } from '../../../../../src/foundation/sql';

/**
 * The tables of identification and authentication (created at boot, idempotent, same SQL on SQLite and
 * PostgreSQL; times are epoch milliseconds in BIGINT columns):
 *
 *  - gov_password_history  (user_id, hash, changed_at)   the bcrypt hashes of the last passwords (reuse check)
 *  - gov_auth_state        (user_id PK, password_changed_at, totp_secret, totp_pending_secret, totp_enabled,
 *                          totp_last_step: the time step of the last code accepted, so that no code is used twice)
 *  - gov_totp_session      (session_id PK, user_id, verified_at)   admin sessions whose second factor was proven
 *  - gov_login_failures    (lock_key PK, failures, window_start, locked_until)   lock-out counters, `account:<email>` /
 *                          `address:<ip>`, shared by every node (UPSERT, lockout.ts)
 */
export const PASSWORD_HISTORY_TABLE = 'gov_password_history';
export const AUTH_STATE_TABLE = 'gov_auth_state';
export const TOTP_SESSION_TABLE = 'gov_totp_session';
export const LOGIN_FAILURES_TABLE = 'gov_login_failures';

export async function ensureAuthTables(strapi: Core.Strapi): Promise<void> {
  const knex = strapi.db.connection;
  const pg = strapi.db.dialect.client === 'postgres';
  const create = async (db: any) => {
    if (!(await db.schema.hasTable(PASSWORD_HISTORY_TABLE))) {
      await db.schema.createTable(PASSWORD_HISTORY_TABLE, (t: any) => {
        t.bigIncrements('id').primary();
        t.integer('user_id').notNullable();
        t.string('hash', 255).notNullable();
        t.bigInteger('changed_at').notNullable();
        t.index(['user_id', 'changed_at'], 'gov_password_history_user');
      });
    }
    if (!(await db.schema.hasTable(AUTH_STATE_TABLE))) {
      await db.schema.createTable(AUTH_STATE_TABLE, (t: any) => {
        t.integer('user_id').primary();
        t.bigInteger('password_changed_at').notNullable();
        t.text('totp_secret').nullable();
        t.text('totp_pending_secret').nullable();
        t.integer('totp_enabled').notNullable().defaultTo(0);
        t.bigInteger('totp_last_step').nullable();
      });
    } else if (!(await db.schema.hasColumn(AUTH_STATE_TABLE, 'totp_last_step'))) {
      await db.schema.alterTable(AUTH_STATE_TABLE, (t: any) => t.bigInteger('totp_last_step').nullable());
    }
    if (!(await db.schema.hasTable(TOTP_SESSION_TABLE))) {
      await db.schema.createTable(TOTP_SESSION_TABLE, (t: any) => {
        t.string('session_id', 255).primary();
        t.integer('user_id').notNullable();
        t.bigInteger('verified_at').notNullable();
      });
    }
    if (!(await db.schema.hasTable(LOGIN_FAILURES_TABLE))) {
      await db.schema.createTable(LOGIN_FAILURES_TABLE, (t: any) => {
        t.string('lock_key', 320).primary();
        t.integer('failures').notNullable();
        t.bigInteger('window_start').notNullable();
        t.bigInteger('locked_until').notNullable().defaultTo(0);
      });
    }
  };
  if (pg) {
    await knex.transaction(async (trx: any) => {
      await xactLock(trx, 'securitySchema');
      await create(trx);
    });
  } else {
    await create(knex);
  }
  // existing users without a record: their password's age counts from the first boot with this feature
  const now = Date.now();
  await knex.raw(
    `INSERT INTO ${AUTH_STATE_TABLE} (user_id, password_changed_at, totp_enabled)
     SELECT u.id, ?, 0 FROM admin_users u WHERE NOT EXISTS (SELECT 1 FROM ${AUTH_STATE_TABLE} s WHERE s.user_id = u.id)
     ON CONFLICT (user_id) DO NOTHING`,
    [now],
  );
}

export interface AuthState {
  user_id: number;
  password_changed_at: number;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_enabled: boolean;
}

export async function authStateOf(strapi: Core.Strapi, userId: number): Promise<AuthState | null> {
  const row = await strapi.db.connection(AUTH_STATE_TABLE).where({ user_id: userId }).first();
  if (!row) return null;
  return { ...row, user_id: Number(row.user_id), password_changed_at: Number(row.password_changed_at), totp_enabled: Number(row.totp_enabled) === 1 };
}

/** Creates or updates a user's row (UPSERT). */
export async function saveAuthState(strapi: Core.Strapi, userId: number, patch: Partial<Omit<AuthState, 'user_id'>>): Promise<void> {
  const knex = strapi.db.connection;
  const row: Record<string, unknown> = {};
  if (patch.password_changed_at !== undefined) row.password_changed_at = patch.password_changed_at;
  if (patch.totp_secret !== undefined) row.totp_secret = patch.totp_secret;
  if (patch.totp_pending_secret !== undefined) row.totp_pending_secret = patch.totp_pending_secret;
  if (patch.totp_enabled !== undefined) row.totp_enabled = patch.totp_enabled ? 1 : 0;
  const insert = { user_id: userId, password_changed_at: Date.now(), totp_enabled: 0, ...row };
  const q = knex(AUTH_STATE_TABLE).insert(insert).onConflict('user_id');
  await (Object.keys(row).length ? q.merge(row) : q.ignore());
}

/**
 * Claims a TOTP time step for a user: true once per step and user (later steps only), whichever node asks
 * first (one conditional UPDATE). RFC 6238 §5.2: a code accepted once is not accepted again.
 */
export async function claimTotpStep(strapi: Core.Strapi, userId: number, step: number): Promise<boolean> {
  const n = await strapi.db
    .connection(AUTH_STATE_TABLE)
    .where({ user_id: userId })
    .andWhere((q: any) => q.whereNull('totp_last_step').orWhere('totp_last_step', '<', step))
    .update({ totp_last_step: step });
  return Number(n) === 1;
}

// --- secrets at rest (TOTP): AES-256-GCM under a key derived from admin.secrets.encryptionKey ---------------

function keyOf(strapi: Core.Strapi): Buffer {
  const base = String(strapi.config.get('admin.secrets.encryptionKey') ?? '') || String(strapi.config.get('admin.auth.secret') ?? '');
  if (!base) throw new Error('未配置 ENCRYPTION_KEY，无法保存双因素认证密钥');
  return crypto.createHash('sha256').update(`gov-security-totp:${base}`).digest();
}

export function sealSecret(strapi: Core.Strapi, plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', keyOf(strapi), iv);
  const enc = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `v1:${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${enc.toString('base64')}`;
}

export function openSecret(strapi: Core.Strapi, sealed: string): string {
  const [v, iv, tag, enc] = sealed.split(':');
  if (v !== 'v1') throw new Error('unknown secret format');
  const decipher = crypto.createDecipheriv('aes-256-gcm', keyOf(strapi), Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(enc, 'base64')), decipher.final()]).toString('utf8');
}
