import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { validateTarget, type SyncConfig, type Target, type TargetIssue } from '../config';
import { ddlStatementsOnce } from '../../../../../src/foundation/sql';
import type { TargetView } from '../wire';
import { errorItem, validationFailure } from '../../../../../src/foundation/errors';

/**
 * Push targets: those of config/plugins.ts (sync.config.targets, read-only here) and those defined in
 * the admin, stored in the sync_targets table with the secret encrypted (AES-256-GCM with the admin
 * encryption key, admin.secrets.encryptionKey). Secrets never leave the server: views() omits them.
 */
export type { TargetView };

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
const parse = (v: unknown) => (v === null || v === undefined || v === '' ? null : typeof v === 'string' ? JSON.parse(v) : v);

/**
 * A target URL as shown to admins: query-string values (tokens, keys) and a password in the URL replaced by
 * `***` — the real URL never leaves the server.
 */
export function maskUrl(raw: string): string {
  try {
    const u = new URL(raw);
    if (u.password) u.password = '***';
    const masked = [...u.searchParams.keys()].map((k) => `${encodeURIComponent(k)}=***`).join('&');
    u.search = masked ? `?${masked}` : '';
    return u.toString().replace(/%2A%2A%2A/g, '***');
  } catch {
    return '***';
  }
}

function validationError(issues: TargetIssue[]) {
  const message = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('；');
  return validationFailure(issues.map((i) => errorItem(i.path, i.message)), { message });
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const cfg = () => strapi.config.get('plugin::sync') as SyncConfig;
  const knex = () => strapi.db.connection;
  const encryption = () => strapi.service('admin::encryption') as any;

  const configTargets = (): Target[] =>
    [...(cfg().targets ?? []), ...(cfg().envTargets ?? [])].map((t) => {
      const { target, issues } = validateTarget(t, cfg().delivery, 'config');
      if (!target) throw new Error(`[sync] 配置的推送目标无效：${issues.map((i) => i.message).join('；')}`);
      return target;
    });

  const fromRow = (r: any): Target => {
    let secret = '';
    try {
      secret = r.secret_enc ? encryption().decrypt(r.secret_enc) ?? '' : '';
    } catch {
      secret = '';
    }
    return {
      key: r.target_key, name: r.name, url: r.url, secret, format: r.format, signatureAlgorithm: r.signature_algorithm || 'hmac-sha256',
      organizations: parse(r.organizations), catalogueCodes: parse(r.catalogue_codes), types: parse(r.types), mapping: parse(r.mapping) ?? {},
      maxAttempts: Number(r.max_attempts), backoffMs: Number(r.backoff_ms), timeoutMs: Number(r.timeout_ms),
      enabled: !!r.enabled, backfill: !!r.backfill, source: 'admin',
    };
  };

  const toRow = (t: Target) => ({
    name: t.name, url: t.url, format: t.format, signature_algorithm: t.signatureAlgorithm ?? 'hmac-sha256', organizations: json(t.organizations), catalogue_codes: json(t.catalogueCodes), types: json(t.types), mapping: json(t.mapping),
    max_attempts: t.maxAttempts, backoff_ms: t.backoffMs, timeout_ms: t.timeoutMs, enabled: t.enabled, backfill: t.backfill, updated_at: Date.now(),
  });

  const encrypt = (secret: string) => {
    const enc = encryption().encrypt(secret);
    if (!enc) throw new errors.ApplicationError('无法加密 secret：请配置 ENCRYPTION_KEY（admin.secrets.encryptionKey）');
    return enc;
  };

  return {
    async ensureTable() {
      const ddl = `CREATE TABLE IF NOT EXISTS sync_targets (
        target_key VARCHAR(64) PRIMARY KEY, name VARCHAR(200) NOT NULL, url TEXT NOT NULL, secret_enc TEXT NOT NULL, format VARCHAR(8) NOT NULL,
        organizations TEXT, catalogue_codes TEXT, types TEXT, mapping TEXT, max_attempts INTEGER NOT NULL, backoff_ms BIGINT NOT NULL, timeout_ms INTEGER NOT NULL,
        enabled BOOLEAN NOT NULL, backfill BOOLEAN NOT NULL, created_by VARCHAR(200), created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)`;
      if (strapi.db.dialect.client === 'postgres') {
        // issue 14: 国密 option per target (tables created before it lack the column); once per change (ddlOnce)
        const statements = [ddl, `ALTER TABLE sync_targets ADD COLUMN IF NOT EXISTS signature_algorithm VARCHAR(16) NOT NULL DEFAULT 'hmac-sha256'`];
        await ddlStatementsOnce(knex(), true, 'sync-targets', 'syncSchema', statements);
      } else {
        await knex().raw(ddl);
        if (!(await knex().schema.hasColumn('sync_targets', 'signature_algorithm'))) {
          await knex().raw(`ALTER TABLE sync_targets ADD COLUMN signature_algorithm VARCHAR(16) NOT NULL DEFAULT 'hmac-sha256'`);
        }
      }
    },

    /** every target, config first, then admin-defined ones by key */
    async list(): Promise<Target[]> {
      const rows: any[] = await knex()('sync_targets').orderBy('target_key', 'asc').select('*');
      const fromConfig = configTargets();
      const taken = new Set(fromConfig.map((t) => t.key));
      const clash = rows.filter((r) => taken.has(r.target_key));
      if (clash.length) strapi.log.warn(`[sync] 管理界面定义的推送目标 ${clash.map((r) => r.target_key).join('、')} 与配置文件中的 key 重复，已忽略（以配置为准）`);
      return [...fromConfig, ...rows.filter((r) => !taken.has(r.target_key)).map(fromRow)];
    },

    async get(key: string): Promise<Target | null> {
      return (await this.list()).find((t) => t.key === key) ?? null;
    },

    view(t: Target): TargetView {
      const { secret, ...rest } = t;
      return { ...rest, url: maskUrl(t.url), secretSet: !!secret, readOnly: t.source === 'config' };
    },

    async create(input: unknown, user?: { email?: string } | null): Promise<Target> {
      const { target, issues } = validateTarget(input, cfg().delivery, 'admin');
      if (!target) throw validationError(issues);
      if (await this.get(target.key)) throw validationError([{ path: 'key', message: `key “${target.key}”已存在` }]);
      const now = Date.now();
      await knex()('sync_targets').insert({ target_key: target.key, ...toRow(target), secret_enc: encrypt(target.secret), created_by: user?.email ?? null, created_at: now, updated_at: now });
      const created = (await this.get(target.key))!;
      // the cursor starts now: at 0 (backfill, the default) or after the current last outbox event
      await strapi.plugin('sync').service('delivery').ensureCursor(created);
      return created;
    },

    async update(key: string, input: unknown): Promise<Target> {
      const existing = await this.get(key);
      if (!existing) throw new errors.NotFoundError(`推送目标“${key}”不存在`);
      if (existing.source === 'config') throw new errors.ForbiddenError(`推送目标“${key}”在配置文件中定义，管理界面只读`);
      if (!input || typeof input !== 'object' || Array.isArray(input)) throw validationError([{ path: '', message: '请求体必须是对象' }]);
      const patch = input as Record<string, unknown>;
      if (patch.key !== undefined && patch.key !== key) throw validationError([{ path: 'key', message: 'key 不能修改' }]);
      const { secret, source, ...current } = existing;
      const merged = { ...current, ...patch, key } as Record<string, unknown>;
      for (const [k, v] of Object.entries(merged)) if (v === null && ['organizations', 'catalogueCodes', 'types'].includes(k)) delete merged[k];
      for (const k of ['secretSet', 'readOnly', 'source', 'stats']) delete merged[k];
      if (patch.secret === undefined) delete merged.secret;
      const { target, issues } = validateTarget(merged, cfg().delivery, 'admin', { secretOptional: true });
      if (!target) throw validationError(issues);
      await knex()('sync_targets').where({ target_key: key }).update({ ...toRow(target), ...(patch.secret !== undefined ? { secret_enc: encrypt(String(patch.secret)) } : {}) });
      return (await this.get(key))!;
    },

    async remove(key: string): Promise<void> {
      const existing = await this.get(key);
      if (!existing) throw new errors.NotFoundError(`推送目标“${key}”不存在`);
      if (existing.source === 'config') throw new errors.ForbiddenError(`推送目标“${key}”在配置文件中定义，管理界面只读`);
      await strapi.db.transaction(async ({ trx }: any) => {
        await trx('sync_targets').where({ target_key: key }).delete();
        await strapi.plugin('sync').service('delivery').forgetTarget(trx, key);
      });
    },
  };
};
