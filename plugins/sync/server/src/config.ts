/**
 * Configuration of the sync plugin (config/plugins.ts → sync.config). Push targets can be defined
 * here (read-only in the admin) or in the admin (stored in the sync_targets table). Every target,
 * wherever it comes from, goes through validateTarget().
 */
import type { DocType, TargetFormat } from './wire';
import { SIGNATURE_ALGORITHMS, sm3Available, type SignatureAlgorithm } from './signature';

export type { DocType, TargetFormat };
export const DOC_TYPES: DocType[] = ['item', 'law', 'annualReport'];

export interface TargetMapping {
  /** our catalogue node code → the platform's code (replaces `code` in the body's catalogue entries) */
  catalogue?: Record<string, string>;
  /** our top-level field → the platform's field name; null drops the field */
  fields?: Record<string, string | null>;
}

export interface TargetInput {
  key: string;
  name?: string;
  url: string;
  secret: string;
  format?: TargetFormat;
  /** HMAC of the push signature: hmac-sha256 (default) or hmac-sm3 (国密 GB/T 32905, where OpenSSL has SM3) */
  signatureAlgorithm?: SignatureAlgorithm;
  /** organisation codes (统一社会信用代码 / 机构代码) whose documents go to this target; all when absent */
  organizations?: string[];
  /** catalogue node codes (a node includes its sub-nodes); only items linked to one of them are sent */
  catalogueCodes?: string[];
  /** document types sent (default all: item, law, annualReport) */
  types?: DocType[];
  mapping?: TargetMapping;
  maxAttempts?: number;
  backoffMs?: number;
  timeoutMs?: number;
  enabled?: boolean;
  /** a new target receives the whole outbox history (default) or only events recorded after it appeared */
  backfill?: boolean;
}

export interface Target extends Required<Omit<TargetInput, 'organizations' | 'catalogueCodes' | 'types' | 'mapping'>> {
  organizations: string[] | null;
  catalogueCodes: string[] | null;
  types: DocType[] | null;
  mapping: TargetMapping;
  source: 'config' | 'admin';
}

export interface WorkerConfig {
  /** start the delivery loop in bootstrap (env SYNC_WORKER; default on, off when NODE_ENV=test) */
  enabled: boolean;
  /** pause between polls when there is nothing to do */
  intervalMs: number;
  /** deliveries claimed per round */
  batchSize: number;
  /** parallel HTTP requests per round (each for a different document) */
  concurrency: number;
  /** a claim (status in_flight) expires after this long; a crashed worker's claims are then retried. At least timeout + 2 s. */
  leaseMs: number;
}

export interface SyncConfig {
  targets: TargetInput[];
  /** more read-only targets from the environment: SYNC_TARGETS='[{"key":…}]' (keeps secrets out of the code) */
  envTargets: TargetInput[];
  worker: WorkerConfig;
  /** defaults for targets that do not set their own */
  delivery: { timeoutMs: number; maxAttempts: number; backoffMs: number; maxBackoffMs: number };
  /** delivered rows older than this are purged (dead letters are kept) */
  retentionDays: number;
}

type Env = ((key: string, def?: any) => any) & { bool: (k: string, d?: boolean) => boolean; int: (k: string, d?: number) => number; json: (k: string, d?: unknown) => any };

export const defaultConfig = ({ env }: { env: Env }): SyncConfig => ({
  targets: [],
  envTargets: env.json('SYNC_TARGETS', []),
  worker: {
    enabled: env.bool('SYNC_WORKER', env('NODE_ENV') !== 'test'),
    intervalMs: env.int('SYNC_WORKER_INTERVAL_MS', 1000),
    batchSize: env.int('SYNC_WORKER_BATCH', 20),
    concurrency: env.int('SYNC_WORKER_CONCURRENCY', 4),
    leaseMs: env.int('SYNC_LEASE_MS', 60000),
  },
  delivery: {
    timeoutMs: env.int('SYNC_TIMEOUT_MS', 10000),
    maxAttempts: 12,
    backoffMs: 2000,
    maxBackoffMs: 3600000,
  },
  retentionDays: 30,
});

const KEY_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** XML element names we accept for mapped fields (ASCII names and CJK) */
const XML_NAME_RE = /^[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_.\-\u4e00-\u9fff]*$/;

export interface TargetIssue { path: string; message: string }

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string' && s.trim() !== '');
const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Validates one target and fills its defaults. Returns the issues (empty when valid). `secretOptional`
 * is used when an admin edits a target without re-entering its secret.
 */
export function validateTarget(input: unknown, defaults: SyncConfig['delivery'], source: Target['source'], opts: { secretOptional?: boolean } = {}): { target?: Target; issues: TargetIssue[] } {
  const issues: TargetIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  if (!isRecord(input)) return { issues: [{ path: '', message: '推送目标必须是对象' }] };
  const t = input as Record<string, any>;
  const known = new Set(['key', 'name', 'url', 'secret', 'format', 'signatureAlgorithm', 'organizations', 'catalogueCodes', 'types', 'mapping', 'maxAttempts', 'backoffMs', 'timeoutMs', 'enabled', 'backfill']);
  for (const k of Object.keys(t)) if (!known.has(k)) add(k, `未知字段“${k}”`);
  if (typeof t.key !== 'string' || !KEY_RE.test(t.key)) add('key', 'key 必须由字母、数字、- 或 _ 组成（1–64 位，字母或数字开头）');
  if (t.name !== undefined && (typeof t.name !== 'string' || t.name.length > 200)) add('name', 'name 必须是不超过 200 字的文本');
  let url: URL | null = null;
  try {
    url = typeof t.url === 'string' ? new URL(t.url) : null;
  } catch {
    url = null;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol)) add('url', 'url 必须是 http(s) 地址');
  else if (url.username || url.password) add('url', 'url 不能包含用户名或密码（用 secret 签名）');
  if (t.secret === undefined && opts.secretOptional) {
    // keep the stored one
  } else if (typeof t.secret !== 'string' || t.secret.length < 16 || t.secret.length > 512) add('secret', 'secret 必须是 16–512 个字符的文本');
  const format = t.format ?? 'json';
  if (format !== 'json' && format !== 'xml') add('format', 'format 只能是 json 或 xml');
  const signatureAlgorithm = t.signatureAlgorithm ?? 'hmac-sha256';
  if (!SIGNATURE_ALGORITHMS.includes(signatureAlgorithm)) add('signatureAlgorithm', `签名算法只能是 ${SIGNATURE_ALGORITHMS.join(' 或 ')}`);
  else if (signatureAlgorithm === 'hmac-sm3' && !sm3Available()) add('signatureAlgorithm', '本机 OpenSSL 不支持 SM3 杂凑算法，不能使用 hmac-sm3 签名，请改用 hmac-sha256');
  for (const f of ['organizations', 'catalogueCodes'] as const) {
    if (t[f] !== undefined && t[f] !== null && (!isStringArray(t[f]) || t[f].length === 0)) add(f, `${f} 必须是非空的代码列表（不限制时省略）`);
  }
  if (t.types !== undefined && t.types !== null && (!isStringArray(t.types) || t.types.length === 0 || t.types.some((x: string) => !DOC_TYPES.includes(x as DocType)))) add('types', `types 只能包含 ${DOC_TYPES.join('、')}`);
  const mapping = t.mapping ?? {};
  if (!isRecord(mapping)) add('mapping', 'mapping 必须是对象');
  else {
    for (const k of Object.keys(mapping)) if (k !== 'catalogue' && k !== 'fields') add(`mapping.${k}`, `未知映射“${k}”（支持 catalogue、fields）`);
    if (mapping.catalogue !== undefined && (!isRecord(mapping.catalogue) || Object.values(mapping.catalogue).some((v) => typeof v !== 'string' || v === ''))) add('mapping.catalogue', 'mapping.catalogue 必须是 { 本平台目录代码: 对方目录代码 }');
    if (mapping.fields !== undefined) {
      if (!isRecord(mapping.fields)) add('mapping.fields', 'mapping.fields 必须是 { 本平台字段: 对方字段 }');
      else {
        for (const [ours, theirs] of Object.entries(mapping.fields)) {
          if (theirs === null) continue;
          if (typeof theirs !== 'string' || !XML_NAME_RE.test(theirs)) add(`mapping.fields.${ours}`, `对方字段名“${String(theirs)}”无效（字母、数字、汉字、_ - .，不能以数字开头）`);
        }
        const targets = Object.values(mapping.fields).filter((v) => v !== null);
        if (new Set(targets).size !== targets.length) add('mapping.fields', 'mapping.fields 中有重复的对方字段名');
      }
    }
  }
  const int = (f: 'maxAttempts' | 'backoffMs' | 'timeoutMs', min: number, max: number, def: number) => {
    const v = t[f] ?? def;
    if (!Number.isInteger(v) || v < min || v > max) add(f, `${f} 必须是 ${min} 到 ${max} 之间的整数`);
    return v;
  };
  const maxAttempts = int('maxAttempts', 1, 100, defaults.maxAttempts);
  const backoffMs = int('backoffMs', 1, 86400000, defaults.backoffMs);
  const timeoutMs = int('timeoutMs', 100, 120000, defaults.timeoutMs);
  for (const f of ['enabled', 'backfill'] as const) if (t[f] !== undefined && typeof t[f] !== 'boolean') add(f, `${f} 必须是 true 或 false`);
  if (issues.length) return { issues };
  return {
    issues,
    target: {
      key: t.key,
      name: t.name ?? t.key,
      url: t.url,
      secret: t.secret,
      format,
      signatureAlgorithm,
      organizations: t.organizations ?? null,
      catalogueCodes: t.catalogueCodes ?? null,
      types: t.types ?? null,
      mapping: { ...(mapping.catalogue ? { catalogue: mapping.catalogue } : {}), ...(mapping.fields ? { fields: mapping.fields } : {}) },
      maxAttempts,
      backoffMs,
      timeoutMs,
      enabled: t.enabled ?? true,
      backfill: t.backfill ?? true,
      source,
    },
  };
}

/** Validates the whole plugin config at startup; throws with every problem listed. */
export function validateConfig(config: SyncConfig) {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const field of ['targets', 'envTargets'] as const) {
    const list = config[field] ?? [];
    const label = field === 'targets' ? 'targets' : 'SYNC_TARGETS';
    if (!Array.isArray(list)) {
      problems.push(`${label} 必须是数组`);
      continue;
    }
    for (const [i, t] of list.entries()) {
      const { issues } = validateTarget(t, config.delivery, 'config');
      for (const issue of issues) problems.push(`${label}[${i}]${issue.path ? `.${issue.path}` : ''}: ${issue.message}`);
      const key = (t as any)?.key;
      if (typeof key === 'string') {
        if (seen.has(key)) problems.push(`${label}[${i}].key: 重复的 key “${key}”`);
        seen.add(key);
      }
    }
  }
  const w = config.worker ?? ({} as WorkerConfig);
  for (const f of ['intervalMs', 'batchSize', 'concurrency', 'leaseMs'] as const) if (!Number.isInteger(w[f]) || w[f] < 1) problems.push(`worker.${f} 必须是正整数`);
  const d = config.delivery ?? ({} as SyncConfig['delivery']);
  for (const f of ['timeoutMs', 'maxAttempts', 'backoffMs', 'maxBackoffMs'] as const) if (!Number.isInteger(d[f]) || d[f] < 1) problems.push(`delivery.${f} 必须是正整数`);
  if (!(Number(config.retentionDays) > 0)) problems.push('retentionDays 必须是正数');
  if (problems.length) throw new Error(`[sync] 配置无效：\n  ${problems.join('\n  ')}`);
}

export default { default: defaultConfig, validator: validateConfig };
