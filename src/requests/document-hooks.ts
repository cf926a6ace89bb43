/**
 * Document Service middleware of this feature (registered from the disclosure-request API's
 * register()):
 * - 工作日调整 (working-day overrides): validation with Chinese messages (valid date, one entry per
 *   date, 来源 from the list); after any write or delete the calendar cache is dropped and the due
 *   dates of open and provisional requests are recomputed;
 * - 依申请公开 requests: deleting one deletes its stored letters.
 * (Request validation and the clock itself run in prepareRequest, src/requests/prepare.ts.)
 */
import type { Core } from '@strapi/strapi';
import type { DocumentMiddleware } from '../document-pipeline-types';
import { FieldErrors } from '../foundation/errors';
import { isValidDay } from '../domain/working-days';
import { statutoryDays } from '../domain/working-days/predicted';
import { dateOnly } from '../foundation/validators';
import { invalidateCalendar } from './calendar';
import { LETTER_UID, OVERRIDE_SOURCES, OVERRIDE_UID, REQUEST_UID } from './config';
import { recomputeDeadlines } from './recompute';

async function prepareOverride(strapi: Core.Strapi, action: string, params: any): Promise<void> {
  const data = (params.data ??= {});
  const errs = new FieldErrors();
  const existing = action === 'update' ? await strapi.db.query(OVERRIDE_UID as any).findOne({ where: { documentId: params.documentId } }) : null;
  if (action === 'update' && !existing) return;
  if ('date' in data) data.date = dateOnly(data.date);
  const merged = { ...(existing ?? {}), ...data };
  if (action === 'create' && !merged.date) errs.add('date', '必须填写日期');
  else if (!isValidDay(merged.date)) errs.add('date', `日期“${String(merged.date)}”不是有效日期，格式应为 YYYY-MM-DD`, merged.date);
  else {
    const dups: any[] = await strapi.db.query(OVERRIDE_UID as any).findMany({ where: { date: merged.date }, select: ['documentId'] });
    if (dups.some((d) => d.documentId !== existing?.documentId)) errs.add('date', `${merged.date} 已有工作日调整记录，请修改该记录`, merged.date);
  }
  if (action === 'create' && (merged.working === undefined || merged.working === null)) errs.add('working', '必须选择当日是否上班（工作日）');
  // a statutory day (《全国年节及纪念日放假办法》) is never a working day, whatever is entered
  if (merged.working === true && isValidDay(merged.date)) {
    const statutory = statutoryDays(Number(String(merged.date).slice(0, 4))).get(merged.date);
    if (statutory) errs.add('working', `${merged.date}是法定节假日（${statutory}），不能设为工作日`, merged.date);
  }
  if ('working' in data && data.working !== null && typeof data.working !== 'boolean') errs.add('working', '是否工作日应为是或否');
  if (merged.source !== undefined && merged.source !== null && !(OVERRIDE_SOURCES as readonly string[]).includes(merged.source)) {
    errs.add('source', `来源“${String(merged.source)}”不是有效值，可选值：${OVERRIDE_SOURCES.join('、')}`, merged.source);
  }
  errs.throwIfAny();
}

const OVERRIDE_WRITES = new Set(['create', 'update', 'delete', 'clone']);

export function requestStage(strapi: Core.Strapi): DocumentMiddleware {
  return async (context: any, next: () => Promise<any>) => {
    if (context.uid === OVERRIDE_UID && OVERRIDE_WRITES.has(context.action)) {
      if (context.action !== 'delete') await prepareOverride(strapi, context.action, context.params);
      const result = await next();
      invalidateCalendar(strapi);
      await recomputeDeadlines(strapi, { scope: 'open' });
      return result;
    }
    if (context.uid === REQUEST_UID && context.action === 'delete') {
      const documentId = context.params?.documentId;
      const letterIds: number[] = documentId
        ? (
            await strapi.db.query(LETTER_UID as any).findMany({ where: { request: { documentId } }, select: ['id'] })
          ).map((r: any) => r.id)
        : [];
      const result = await next();
      if (letterIds.length) await strapi.db.query(LETTER_UID as any).deleteMany({ where: { id: { $in: letterIds } } });
      return result;
    }
    return next();
  };
}
