/**
 * Retention (个人信息保护法第十九条 / 第四十七条): applicant data of requests closed more than
 * `requests.retentionYears` years ago (config/requests.ts, default 5; “closed” = closedDate set, i.e. the
 * 办结 event of src/requests/events.ts) is anonymised by a daily job that runs once across the nodes
 * (src/foundation/jobs.ts runOnce, plus the advisory lock `personalDataRetention`):
 *  - 申请人姓名/名称, 证件号码, 联系电话, 电子邮箱, 通讯地址 → `已匿名化` (null stays null);
 *  - the keyed hash of the query code (queryCodeHash) is cleared: the status query ends for these requests;
 *  - the stored letters (.docx) get the applicant's name replaced by the marker (content, size, sha256);
 *  - one security-log entry `personal-data-anonymised` with the counts.
 * Everything 表三/表四 count (category, dates, result, disputes) is left as it is, so the annual report of
 * any year is unchanged (tests/integration/requests-personal-data.test.ts computes it before and after).
 */
import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import JSZip from 'jszip';
import { todayInChina } from '../../domain/dates';
import { runOnce } from '../../foundation/jobs';
import { isPostgres, rowsOf, xactLock } from '../../foundation/sql';
import { recordSecurityEvent } from '../../../plugins/security/server/src/log';
import { LETTER_UID, REQUEST_UID, requestsConfig } from '../config';
import { ANONYMISED } from './mask';
import { personalColumns } from './migrate';
import { openRow } from './store';

const q = (id: string) => `"${id.replace(/"/g, '""')}"`;
const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** YYYY-MM-DD `years` years before `today` (29 February → 28 February). */
export function cutoffDate(today: string, years: number): string {
  const [y, m, d] = today.split('-').map(Number);
  const day = m === 2 && d === 29 ? 28 : d;
  return `${String(y - years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The letter with the applicant's name replaced by the marker (null: nothing to replace). The name appears
 * only in the salutation (`<name>：`, src/requests/letter-text.ts); only that is replaced, so a short name
 * that also occurs in the agency's name or the requested content is not blanked there.
 */
export async function anonymiseLetter(contentBase64: string, name: string): Promise<Buffer | null> {
  if (!name || name === ANONYMISED) return null;
  const zip = await JSZip.loadAsync(Buffer.from(contentBase64, 'base64'));
  let changed = false;
  for (const path of Object.keys(zip.files).filter((p) => /^word\/.*\.xml$/.test(p))) {
    const text = await zip.file(path)!.async('string');
    const next = text.split(`${xml(name.trim())}：`).join(`${ANONYMISED}：`);
    if (next !== text) {
      zip.file(path, next);
      changed = true;
    }
  }
  return changed ? zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }) : null;
}

export interface AnonymiseResult {
  requests: number;
  letters: number;
  cutoff: string;
}

/** Anonymises the requests closed before the cutoff; returns the counts (0 when nothing is due). */
export async function anonymiseExpiredRequests(strapi: Core.Strapi, today = todayInChina()): Promise<AnonymiseResult> {
  const years = requestsConfig(strapi).retentionYears;
  const cutoff = cutoffDate(today, years);
  const meta: any = strapi.db.metadata.get(REQUEST_UID as any);
  const cols = personalColumns(strapi);
  const anyLeft = Object.values(cols)
    .map((c) => `(${q(c)} IS NOT NULL AND ${q(c)} <> ?)`)
    .join(' OR ');
  // Strapi's transaction: the db.query calls below (letters) run in it too
  const result = await strapi.db.transaction(async ({ trx }: any) => {
    await xactLock(trx, 'personalDataRetention', isPostgres(strapi));
    const rows = rowsOf(
      await trx.raw(
        `SELECT id, document_id, tracking_no, ${Object.values(cols).map(q).join(', ')} FROM ${q(meta.tableName)}
         WHERE closed_date IS NOT NULL AND closed_date < ? AND (${anyLeft} OR query_code_hash IS NOT NULL) ORDER BY id`,
        [cutoff, ...Object.values(cols).map(() => ANONYMISED)],
      ),
    );
    let letters = 0;
    for (const raw of rows) {
      const name = openRow(strapi, { trackingNo: raw.tracking_no, applicantName: raw[cols.applicantName] }).applicantName;
      const set: Record<string, unknown> = { query_code_hash: null };
      for (const c of Object.values(cols)) if (raw[c] !== null && raw[c] !== undefined) set[c] = ANONYMISED;
      await trx(meta.tableName).where({ id: raw.id }).update(set);
      const stored: any[] = await strapi.db.query(LETTER_UID as any).findMany({ where: { request: { id: raw.id } }, select: ['id', 'content'] });
      for (const letter of stored) {
        const buffer = typeof name === 'string' && letter.content ? await anonymiseLetter(String(letter.content), name) : null;
        if (!buffer) continue;
        await strapi.db
          .query(LETTER_UID as any)
          .update({ where: { id: letter.id }, data: { content: buffer.toString('base64'), size: buffer.length, sha256: crypto.createHash('sha256').update(buffer).digest('hex') } });
        letters++;
      }
    }
    if (rows.length) {
      await recordSecurityEvent(strapi, { action: 'personal-data-anonymised', target: 'requests', detail: { count: rows.length, letters, cutoff, retentionYears: years } }, trx);
    }
    return { requests: rows.length, letters, cutoff };
  });
  return result;
}

export function scheduleRetentionJob(strapi: Core.Strapi): void {
  strapi.cron.add({
    personalDataRetentionDaily: {
      task: async () => {
        try {
          await runOnce(strapi, 'personal-data-retention', todayInChina(), async () => {
            const r = await anonymiseExpiredRequests(strapi);
            strapi.log.info(`[个人信息] 已对 ${r.requests} 件办结满期的申请匿名化（办结日期早于 ${r.cutoff}），文书 ${r.letters} 件`);
          });
        } catch (e: any) {
          strapi.log.error(`[个人信息] 到期匿名化失败：${e?.message ?? e}`);
        }
      },
      options: { rule: '20 0 * * *', tz: 'Asia/Shanghai' },
    },
  });
}
