import { factories } from '@strapi/strapi';
import { getCalendar } from '../../../requests/calendar';
import { clockOf } from '../../../requests/events';

const UID = 'api::disclosure-request.disclosure-request';

/**
 * Standard REST controller; each returned request also carries its live clock, read-only and not
 * stored: `daysLeft` (working days, negative when late), `overdue` and `clockState` (as of today in China).
 */
export default factories.createCoreController(UID, ({ strapi }) => {
  async function withClock(items: any[]): Promise<void> {
    const list = items.filter((i) => i && typeof i.documentId === 'string');
    if (!list.length) return;
    const rows: any[] = await strapi.db.query(UID as any).findMany({
      where: { documentId: { $in: list.map((i) => i.documentId) } },
      select: ['documentId', 'receivedDate', 'events'],
    });
    const byDoc = new Map(rows.map((r) => [r.documentId, r]));
    const calendar = await getCalendar(strapi);
    for (const item of list) {
      const row = byDoc.get(item.documentId);
      if (!row?.receivedDate) continue;
      const c = clockOf(row, calendar);
      Object.assign(item, { daysLeft: c.daysLeft, overdue: c.overdue, clockState: c.state });
    }
  }

  return {
    async find(ctx: any) {
      const result: any = await super.find(ctx);
      await withClock(Array.isArray(result?.data) ? result.data : []);
      return result;
    },
    async findOne(ctx: any) {
      const result: any = await super.findOne(ctx);
      if (result?.data) await withClock([result.data]);
      return result;
    },
  };
});
