import type { Core } from '@strapi/strapi';
import type { StatisticsConfig } from '../config';
import { addDays } from './inspection';
import { inList, organisationIds, sqlHelpers } from './sql';
import { narrow, type OrgScope } from '../../../../site-groups/server/src/scope';
import { UID } from '../../../../../src/foundation/constants';
import { todayInChina } from '../../../../../src/domain/dates';

/** Upcoming deadlines for the dashboard: requests due this week, nodes about to go stale, the annual report (第四十九条). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async deadlines(opts: { org?: string; today?: string; scope?: OrgScope } = {}) {
    const today = opts.today ?? todayInChina();
    const cfg = strapi.config.get('plugin::statistics') as StatisticsConfig;
    const { knex, rows } = sqlHelpers(strapi);
    // the requested organisation(s), narrowed to the caller's (no ?org=: all of the caller's organisations)
    const orgIds = narrow(opts.scope ?? { all: true }, await organisationIds(strapi, opts.org, true));
    const weekEnd = addDays(today, 7);
    const requestsDue = rows(await knex.raw(`SELECT r.document_id AS "documentId", r.tracking_no AS "trackingNo", r.due_date AS "dueDate"
      FROM disclosure_requests r ${orgIds ? `JOIN disclosure_requests_organization_lnk ro ON ro.disclosure_request_id = r.id AND ro.organization_id IN (${inList(orgIds)})` : ''}
      WHERE r.closed_date IS NULL AND r.due_date IS NOT NULL AND r.due_date >= ? AND r.due_date <= ? ORDER BY r.due_date`, [today, weekEnd]));
    // news columns whose 2-week window closes within 3 days
    const t = cfg.inspection;
    const soon = rows(await knex.raw(`SELECT c.document_id AS "documentId", c.code AS code, c.name AS name, MAX(i.publish_date) AS "lastDate"
      FROM catalogue_nodes c JOIN catalogue_nodes_organization_lnk co ON co.catalogue_node_id = c.id
      JOIN disclosure_items_catalogue_nodes_lnk ic ON ic.catalogue_node_id = c.id JOIN disclosure_items i ON i.id = ic.disclosure_item_id AND i.published_at IS NOT NULL
      WHERE c.kind = '动态要闻类' ${orgIds ? `AND co.organization_id IN (${inList(orgIds)})` : ''}
      GROUP BY c.document_id, c.code, c.name
      HAVING MAX(i.publish_date) >= ? AND MAX(i.publish_date) < ?`, [addDays(today, -t.newsStaleDays), addDays(today, -t.newsStaleDays + 3)]));
    // annual report: departments by 31 January, governments by 31 March (条例第四十九条)
    let report = null;
    if (opts.org) {
      const org: any = await strapi.db.query(UID.organization).findOne({ where: { documentId: opts.org } });
      if (org) {
        const year = Number(today.slice(0, 4));
        const due = org.level === '部门' ? `${year}-01-31` : `${year}-03-31`;
        const published = await strapi.db.query(UID.annualReport).count({ where: { year: year - 1, organization: { documentId: opts.org }, publishedAt: { $notNull: true } } });
        const remind = !published && today <= due && today >= addDays(due, -cfg.reportReminderDays);
        report = { year: year - 1, due, published: published > 0, remind, overdue: !published && today > due };
      }
    }
    return { today, requestsDueThisWeek: requestsDue, nodesAboutToGoStale: soon, annualReport: report };
  },
});
