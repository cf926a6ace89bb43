import type { Core } from '@strapi/strapi';
import type { InspectionThresholds, StatisticsConfig } from '../config';
import { inList, organisationIds, sqlHelpers } from './sql';
import { narrow, type OrgScope } from '../../../../site-groups/server/src/scope';
import { UID } from '../../../../../src/foundation/constants';
import { addDays, addMonths, daysBetween, todayInChina } from '../../../../../src/domain/dates';
import type { InspectionEntry, RuleKey, RuleResult } from '../wire';

// the answer's shapes live in ../wire.ts (the admin bundle imports them); re-exported for the server's callers
export type { InspectionEntry as Entry, RuleKey, RuleResult };

/**
 * Website inspection rules computable from the CMS's own data (政府网站与政务新媒体检查指标,
 * 国办秘函〔2019〕19号; shared/domain/inspection-indicators.md). The SQL returns one aggregated row per
 * catalogue node (last publish date, item count); the rules below read those rows.
 */

export const RULE_NAMES: Record<RuleKey, string> = {
  newsStale: '动态、要闻类栏目2周内未更新',
  noticePolicyStale: '通知公告、政策文件类栏目6个月内未更新',
  longStale: '栏目长期未按更新频率更新',
  emptyColumns: '空白栏目',
  homePage: '首页（网站）2周内未更新',
  requestsOverdue: '依申请公开逾期未答复',
  lawsReviewDue: '规范性文件已到评估清理期限',
  expiredStillValid: '已过失效日期仍标注有效',
};

/** How long a node may stay silent, per cadence (before multiplying by cadenceFactor): days or months. */
const CADENCE_PERIOD: Record<string, { days?: number; months?: number } | null> = {
  实时: { days: 7 }, 每日: { days: 1 }, 每周: { days: 7 }, 每两周: { days: 14 }, 每月: { months: 1 }, 每季: { months: 3 }, 每年: { months: 12 },
  常年: null, 不定期: null,
};

// day arithmetic: src/domain/dates.ts (re-exported: the inspection rules' callers import them from here)
export { addDays, addMonths, daysBetween };

interface NodeRow {
  documentId: string; code: string; name: string; kind: string; cadence: string; isPublic: boolean; createdDay: string;
  orgDocumentId: string; orgName: string; lastDate: string | null; itemCount: number; hasChildren: boolean;
}

const dayOf = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return todayInChina(v);
  if (typeof v === 'number') return todayInChina(new Date(v));
  return String(v).slice(0, 10);
};

/** Pure evaluation of the node rules (exported for unit tests). */
export function evaluateNodeRules(nodes: NodeRow[], t: InspectionThresholds, today: string): RuleResult[] {
  const org = (n: NodeRow) => ({ documentId: n.orgDocumentId, name: n.orgName });
  const publicNodes = nodes.filter((n) => n.isPublic);
  const results: RuleResult[] = [];

  const newsLimit = addDays(today, -t.newsStaleDays);
  const news = publicNodes.filter((n) => n.kind === '动态要闻类' && n.itemCount > 0 && n.lastDate! < newsLimit);
  const policyLimit = addMonths(today, -t.noticePolicyStaleMonths);
  const notices = publicNodes.filter((n) => (n.kind === '通知公告类' || n.kind === '政策文件类') && n.itemCount > 0 && n.lastDate! < policyLimit);
  const combinedVeto = news.length + notices.length >= t.staleCombinedVeto;
  results.push({
    rule: 'newsStale', name: RULE_NAMES.newsStale, count: news.length, threshold: t.staleCombinedVeto, veto: combinedVeto,
    entries: news.map((n) => {
      const since = addDays(n.lastDate!, t.newsStaleDays + 1);
      return { type: 'node', documentId: n.documentId, code: n.code, name: n.name, organization: org(n), lastUpdate: n.lastDate, failingSince: since, failingDays: daysBetween(since, today) + 1 };
    }),
  });
  results.push({
    rule: 'noticePolicyStale', name: RULE_NAMES.noticePolicyStale, count: notices.length, threshold: t.staleCombinedVeto, veto: combinedVeto,
    entries: notices.map((n) => {
      const since = addDays(addMonths(n.lastDate!, t.noticePolicyStaleMonths), 1);
      return { type: 'node', documentId: n.documentId, code: n.code, name: n.name, organization: org(n), lastUpdate: n.lastDate, failingSince: since, failingDays: daysBetween(since, today) + 1 };
    }),
  });

  const longStale = publicNodes.flatMap((n) => {
    const p = CADENCE_PERIOD[n.cadence];
    if (!p || n.itemCount === 0) return [];
    const allowedUntil = p.days ? addDays(n.lastDate!, p.days * t.cadenceFactor) : addMonths(n.lastDate!, (p.months ?? 0) * t.cadenceFactor);
    if (allowedUntil >= today) return [];
    const since = addDays(allowedUntil, 1);
    return [{ type: 'node' as const, documentId: n.documentId, code: n.code, name: `${n.name}（${n.cadence}）`, organization: org(n), lastUpdate: n.lastDate, failingSince: since, failingDays: daysBetween(since, today) + 1 }];
  });
  results.push({ rule: 'longStale', name: RULE_NAMES.longStale, count: longStale.length, threshold: t.longStaleVeto, veto: longStale.length >= t.longStaleVeto, entries: longStale });

  const empty = publicNodes.filter((n) => !n.hasChildren && n.itemCount === 0);
  results.push({
    rule: 'emptyColumns', name: RULE_NAMES.emptyColumns, count: empty.length, threshold: t.emptyColumnsVeto, veto: empty.length >= t.emptyColumnsVeto,
    entries: empty.map((n) => ({ type: 'node', documentId: n.documentId, code: n.code, name: n.name, organization: org(n), lastUpdate: null, failingSince: n.createdDay, failingDays: Math.max(0, daysBetween(n.createdDay, today)) + 1 })),
  });
  return results;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  thresholds(): InspectionThresholds {
    return (strapi.config.get('plugin::statistics') as StatisticsConfig).inspection;
  },

  async run(opts: { org?: string; today?: string; scope?: OrgScope } = {}) {
    const today = opts.today ?? todayInChina();
    const t = this.thresholds();
    const { knex, rows, epochMs } = sqlHelpers(strapi) as any;
    // the requested organisation(s), narrowed to the caller's (no ?org=: all of the caller's organisations)
    const orgIds = narrow(opts.scope ?? { all: true }, await organisationIds(strapi, opts.org, true));
    const orgWhere = orgIds ? `WHERE co.organization_id IN (${inList(orgIds)})` : '';

    const nodeRows = rows(await knex.raw(`
      SELECT c.document_id AS "documentId", c.code AS code, c.name AS name, c.kind AS kind, c.cadence AS cadence, c.is_public AS "isPublic",
             ${epochMs('c.created_at')} AS "createdMs", o.document_id AS "orgDocumentId", o.name AS "orgName",
             s.last_date AS "lastDate", COALESCE(s.n, 0) AS "itemCount",
             CASE WHEN EXISTS (SELECT 1 FROM catalogue_nodes_parent_lnk p WHERE p.inv_catalogue_node_id = c.id) THEN 1 ELSE 0 END AS "hasChildren"
      FROM catalogue_nodes c
      JOIN catalogue_nodes_organization_lnk co ON co.catalogue_node_id = c.id
      JOIN organizations o ON o.id = co.organization_id
      LEFT JOIN (
        SELECT node_id, last_publish_date AS last_date, item_count AS n FROM catalogue_node_stats
      ) s ON s.node_id = c.id
      ${orgWhere}
      ORDER BY o.name, c.code`)).map((r: any): NodeRow => ({
        documentId: r.documentId, code: r.code, name: r.name, kind: r.kind, cadence: r.cadence, isPublic: r.isPublic === true || r.isPublic === 1,
        createdDay: dayOf(Number(r.createdMs))!, orgDocumentId: r.orgDocumentId, orgName: r.orgName, lastDate: dayOf(r.lastDate),
        itemCount: Number(r.itemCount), hasChildren: Number(r.hasChildren) === 1,
      }));

    const results = evaluateNodeRules(nodeRows, t, today);

    // 首页不更新: nothing published by the organisation (and its units) within N days
    const orgItems = orgIds ? `AND io.organization_id IN (${inList(orgIds)})` : '';
    // newest first along the publish-date index, stopping at the first item of the organisation(s)
    const [last] = rows(await knex.raw(`SELECT i.publish_date AS last FROM disclosure_items i
      WHERE i.published_at IS NOT NULL AND i.publish_date IS NOT NULL
        AND EXISTS (SELECT 1 FROM disclosure_items_organization_lnk io WHERE io.disclosure_item_id = i.id ${orgItems})
      ORDER BY i.publish_date DESC LIMIT 1`));
    const lastDay = dayOf(last?.last);
    const homeLimit = addDays(today, -t.homePageStaleDays);
    const homeFail = !lastDay || lastDay < homeLimit;
    const orgRow = opts.org ? await strapi.db.query(UID.organization).findOne({ where: { documentId: opts.org }, select: ['documentId', 'name'] }) : null;
    const homeSince = lastDay ? addDays(lastDay, t.homePageStaleDays + 1) : today;
    results.push({
      rule: 'homePage', name: RULE_NAMES.homePage, count: homeFail ? 1 : 0, threshold: 1, veto: homeFail,
      entries: homeFail ? [{ type: 'organization', documentId: orgRow?.documentId ?? '*', name: orgRow?.name ?? '全站', organization: orgRow ? { documentId: orgRow.documentId, name: orgRow.name } : null, lastUpdate: lastDay, failingSince: homeSince, failingDays: daysBetween(homeSince, today) + 1 }] : [],
    });

    // 依申请公开 overdue (open, past the due date)
    const reqOrg = orgIds ? `AND ro.organization_id IN (${inList(orgIds)})` : '';
    const overdue = rows(await knex.raw(`SELECT r.document_id AS "documentId", r.tracking_no AS code, r.due_date AS "dueDate", o.document_id AS "orgDocumentId", o.name AS "orgName"
      FROM disclosure_requests r JOIN disclosure_requests_organization_lnk ro ON ro.disclosure_request_id = r.id JOIN organizations o ON o.id = ro.organization_id
      WHERE r.closed_date IS NULL AND r.due_date IS NOT NULL AND r.due_date < ? ${reqOrg} ORDER BY r.due_date`, [today]));
    results.push({
      rule: 'requestsOverdue', name: RULE_NAMES.requestsOverdue, count: overdue.length, threshold: null, veto: false,
      entries: overdue.map((r: any) => {
        const since = addDays(dayOf(r.dueDate)!, 1);
        return { type: 'request', documentId: r.documentId, code: r.code, name: `申请 ${r.code}`, organization: { documentId: r.orgDocumentId, name: r.orgName }, lastUpdate: null, failingSince: since, failingDays: daysBetween(since, today) + 1 };
      }),
    });

    // Laws past their review-by date; items / laws still 有效 after 失效日期
    const lawOrg = orgIds ? `AND lo.organization_id IN (${inList(orgIds)})` : '';
    const reviewDue = rows(await knex.raw(`SELECT l.document_id AS "documentId", l.document_number AS code, l.title AS title, l.review_by_date AS d, o.document_id AS "orgDocumentId", o.name AS "orgName"
      FROM laws l JOIN laws_organization_lnk lo ON lo.law_id = l.id JOIN organizations o ON o.id = lo.organization_id
      WHERE l.published_at IS NOT NULL AND l.review_by_date IS NOT NULL AND l.review_by_date < ? AND l.law_status = '有效' ${lawOrg} ORDER BY l.review_by_date`, [today]));
    results.push({
      rule: 'lawsReviewDue', name: RULE_NAMES.lawsReviewDue, count: reviewDue.length, threshold: null, veto: false,
      entries: reviewDue.map((r: any) => ({ type: 'law', documentId: r.documentId, code: r.code, name: r.title, organization: { documentId: r.orgDocumentId, name: r.orgName }, lastUpdate: null, failingSince: dayOf(r.d)!, failingDays: daysBetween(dayOf(r.d)!, today) })),
    });
    const expiredLaws = rows(await knex.raw(`SELECT l.document_id AS "documentId", l.document_number AS code, l.title AS title, l.expiry_date AS d, o.document_id AS "orgDocumentId", o.name AS "orgName"
      FROM laws l LEFT JOIN laws_organization_lnk lo ON lo.law_id = l.id LEFT JOIN organizations o ON o.id = lo.organization_id
      WHERE l.published_at IS NOT NULL AND l.expiry_date IS NOT NULL AND l.expiry_date <= ? AND l.law_status = '有效' ${orgIds ? lawOrg : ''}`, [today]));
    const itemOrg = orgIds ? `AND io.organization_id IN (${inList(orgIds)})` : '';
    const expiredItems = rows(await knex.raw(`SELECT i.document_id AS "documentId", i.index_no AS code, i.title AS title, i.expiry_date AS d, o.document_id AS "orgDocumentId", o.name AS "orgName"
      FROM disclosure_items i JOIN disclosure_items_organization_lnk io ON io.disclosure_item_id = i.id JOIN organizations o ON o.id = io.organization_id
      WHERE i.published_at IS NOT NULL AND i.expiry_date IS NOT NULL AND i.expiry_date <= ? AND i.validity = '有效' ${itemOrg}`, [today]));
    const expired = [...expiredLaws.map((r: any) => ({ ...r, type: 'law' as const })), ...expiredItems.map((r: any) => ({ ...r, type: 'item' as const }))];
    results.push({
      rule: 'expiredStillValid', name: RULE_NAMES.expiredStillValid, count: expired.length, threshold: null, veto: false,
      entries: expired.map((r: any) => ({ type: r.type, documentId: r.documentId, code: r.code, name: r.title, organization: r.orgDocumentId ? { documentId: r.orgDocumentId, name: r.orgName } : null, lastUpdate: null, failingSince: dayOf(r.d)!, failingDays: daysBetween(dayOf(r.d)!, today) + 1 })),
    });

    const failing = results.filter((r) => r.count > 0);
    return {
      org: opts.org ?? null,
      today,
      thresholds: t,
      singleVeto: results.some((r) => r.veto),
      vetoReasons: results.filter((r) => r.veto).map((r) => (r.rule === 'newsStale' || r.rule === 'noticePolicyStale' ? '栏目不更新：动态要闻类2周未更新与通知公告/政策文件类6个月未更新合计达到阈值' : `${r.name}：${r.count} 个（阈值 ${r.threshold}）`)).filter((v, i, a) => a.indexOf(v) === i),
      failing,
      passing: results.filter((r) => r.count === 0).map((r) => r.rule),
    };
  },
});
