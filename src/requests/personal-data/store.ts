/**
 * Applicant data encrypted in `disclosure_requests` (issue 14), decrypted for every reader of the
 * application (see docs in README.md → 依申请公开 → 申请人个人信息).
 *
 * Where: database lifecycles of api::disclosure-request.disclosure-request (strapi.db.lifecycles), i.e.
 * below the whole Document Service pipeline AND below Strapi's own entity validation. Why not a stage of
 * src/document-pipeline.ts: the Document Service validates attributes (maxLength, …) after the
 * middlewares have run, so a stage that encrypted would hand it ciphertext; and several readers
 * (admin list, letters, clock, public status) read through strapi.db.query, which the pipeline does not
 * see. The lifecycles see both: every write (Document Service or db.query) is encrypted right before the
 * INSERT/UPDATE, every read (findOne/findMany, the rows returned by create/update) decrypted right after
 * the SELECT. Raw SQL (knex) sees ciphertext — by design: nothing reads these columns with raw SQL.
 *
 * Lists: the Content Manager list of requests gets masked values (mask.ts); the Content Manager edit
 * view gets plaintext only for users who may update requests (the clerks, who need the data to reply)
 * or hold the reveal permission, and each such view is written to the security log; anyone else sees
 * masked values there too (and cannot save them: they may not update).
 */
import type { Core } from '@strapi/strapi';
import { REQUEST_UID } from '../config';
import { decryptValue, deriveKeys, encryptValue, isEncrypted, type PersonalDataKeys } from './crypto';
import { ANONYMISED, maskRow, PERSONAL_FIELDS } from './mask';
import { canReveal, canUpdateRequests, logReveal } from './access';

const KEYS = Symbol.for('gov-disclosure.personal-data-keys');

export function personalDataKeys(strapi: Core.Strapi): PersonalDataKeys {
  const s = strapi as any;
  if (!s[KEYS]) s[KEYS] = deriveKeys((strapi.config.get('admin.secrets.encryptionKey') as string | undefined) || process.env.ENCRYPTION_KEY, process.env.CRYPTO_SUITE);
  return s[KEYS];
}

/** The stored form of one value: strings encrypted (the anonymisation marker and empty strings kept). */
export function sealValue(keys: PersonalDataKeys, v: unknown): unknown {
  if (typeof v !== 'string' || v === '' || v === ANONYMISED) return v;
  return encryptValue(keys, v);
}

export function sealData<T extends Record<string, any>>(keys: PersonalDataKeys, data: T): T {
  if (!data || typeof data !== 'object') return data;
  let out: any = data;
  for (const f of PERSONAL_FIELDS) {
    if (f in data) {
      const sealed = sealValue(keys, data[f]);
      if (sealed !== data[f]) {
        if (out === data) out = { ...data };
        out[f] = sealed;
      }
    }
  }
  return out;
}

/** Decrypts a row in place (a value that does not decrypt is replaced by null and logged, never shown as ciphertext). */
export function openRow(strapi: Core.Strapi, row: any): any {
  if (!row || typeof row !== 'object') return row;
  const keys = personalDataKeys(strapi);
  for (const f of PERSONAL_FIELDS) {
    if (isEncrypted(row[f])) {
      try {
        row[f] = decryptValue(keys, row[f]);
      } catch (e: any) {
        strapi.log.error(`[个人信息] 申请 ${row.trackingNo ?? row.documentId ?? row.id} 的 ${f} 无法解密：${e?.message ?? e}`);
        row[f] = null;
      }
    }
  }
  return row;
}

const CM_LIST = `/content-manager/collection-types/${REQUEST_UID}`;

/** What the current HTTP request may see: 'plain', or 'mask' for the Content Manager views (see the header). */
async function contentManagerView(strapi: Core.Strapi, rows: any[]): Promise<'plain' | 'mask'> {
  const ctx: any = strapi.requestContext.get();
  if (!ctx || ctx.method !== 'GET' || typeof ctx.path !== 'string' || !ctx.path.startsWith(CM_LIST)) return 'plain';
  const rest = ctx.path.slice(CM_LIST.length);
  if (rest === '' || rest === '/') return 'mask'; // the list: always masked (reveal: GET /disclosure-requests/:documentId/applicant?reveal=1)
  if (!/^\/[^/]+$/.test(rest)) return 'plain';
  // the edit view of one request
  if (!ctx.state.personalDataView) {
    const allowed = (await canReveal(strapi, ctx)) || (await canUpdateRequests(strapi, ctx));
    ctx.state.personalDataView = allowed ? 'plain' : 'mask';
  }
  if (ctx.state.personalDataView === 'plain' && !ctx.state.personalDataLogged) {
    // logged once per view, when a row with applicant data is actually read
    const row = rows.find((r) => r && PERSONAL_FIELDS.some((f) => r[f]));
    if (row) {
      ctx.state.personalDataLogged = true;
      await logReveal(strapi, ctx, row.trackingNo ?? row.documentId, { via: 'content-manager' });
    }
  }
  return ctx.state.personalDataView;
}

async function afterRead(strapi: Core.Strapi, rows: any[]): Promise<void> {
  const present = rows.filter((r) => r && typeof r === 'object');
  if (!present.length) return;
  present.forEach((r) => openRow(strapi, r));
  if ((await contentManagerView(strapi, present)) === 'mask') present.forEach(maskRow);
}

/** Subscribes the encryption to the content type's database lifecycles (call once, from bootstrap). */
export function subscribePersonalData(strapi: Core.Strapi): void {
  personalDataKeys(strapi); // fails the boot without ENCRYPTION_KEY
  const seal = (event: any) => {
    const keys = personalDataKeys(strapi);
    if (event.params?.data) {
      event.params.data = Array.isArray(event.params.data) ? event.params.data.map((d: any) => sealData(keys, d)) : sealData(keys, event.params.data);
    }
  };
  strapi.db.lifecycles.subscribe({
    models: [REQUEST_UID],
    beforeCreate: seal,
    beforeCreateMany: seal,
    beforeUpdate: seal,
    beforeUpdateMany: seal,
    async afterCreate(event: any) {
      openRow(strapi, event.result);
    },
    async afterUpdate(event: any) {
      openRow(strapi, event.result);
    },
    async afterFindOne(event: any) {
      await afterRead(strapi, [event.result]);
    },
    async afterFindMany(event: any) {
      await afterRead(strapi, Array.isArray(event.result) ? event.result : []);
    },
  } as any);
}
