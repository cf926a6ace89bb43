import type { Core } from '@strapi/strapi';
import { UID } from './constants';
import { lawStatusOn } from '../domain/law-status';
import { todayInChina } from '../domain/dates';
import { runOnce } from './jobs';

/**
 * Laws change status with time (尚未生效 → 有效 on 施行日期, 有效 → 失效 on 失效日期). Recompute the stored
 * status daily, once across all nodes. Raw update of both draft and published rows: the status is
 * derived data, not an editorial change, so it must not send the document back through review.
 */
export async function refreshLawStatuses(strapi: Core.Strapi, today = todayInChina()): Promise<number> {
  const rows = await strapi.db.query(UID.law as any).findMany({
    select: ['id', 'lawStatus', 'effectiveDate', 'expiryDate', 'repealedDate'],
    populate: { repealedBy: { select: ['id'] }, amendedBy: { select: ['id'] } },
  });
  let changed = 0;
  for (const r of rows as any[]) {
    const status = lawStatusOn({ effectiveDate: r.effectiveDate, expiryDate: r.expiryDate, repealedDate: r.repealedDate, repealed: !!r.repealedBy, amended: !!r.amendedBy }, today);
    if (status !== r.lawStatus) {
      await strapi.db.query(UID.law as any).update({ where: { id: r.id }, data: { lawStatus: status } });
      changed++;
    }
  }
  return changed;
}

export function scheduleLawStatusJob(strapi: Core.Strapi) {
  strapi.cron.add({
    lawStatusDaily: {
      task: async () => {
        await runOnce(strapi, 'law-status', todayInChina(), async () => {
          const n = await refreshLawStatuses(strapi);
          strapi.log.info(`[法规效力] 已更新 ${n} 件文件的效力状态`);
        });
      },
      options: { rule: '10 0 * * *', tz: 'Asia/Shanghai' },
    },
  });
}
