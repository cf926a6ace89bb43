import type { Core } from '@strapi/strapi';
import { inList, organisationIds, sqlHelpers } from './sql';
import { narrow, type OrgScope } from '../../../../site-groups/server/src/scope';
import { todayInChina } from '../../../../../src/domain/dates';

export interface SummaryQuery {
  org?: string;
  includeDescendants?: boolean;
  from: string; // YYYY-MM-DD
  to: string; // YYYY-MM-DD
  granularity?: 'month' | 'quarter' | 'year';
  today?: string;
  /** the caller's organisations (plugins/site-groups); absent = all */
  scope?: OrgScope;
}

const num = (v: unknown) => Number(v ?? 0);

/**
 * Statistics as SQL aggregates (GROUP BY on the database, never loops over findMany):
 * items published by period / organisation / catalogue node / genre / subject category / disclosure mode,
 * 全文电子化率, laws issued / repealed / in force, 依申请公开 received / closed / on time / overdue / by
 * result / by channel, and review throughput (median and p90 time per stage, rejection rate).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async summary(q: SummaryQuery) {
    const h = sqlHelpers(strapi);
    const { knex, rows } = h;
    // the requested organisation(s), narrowed to the caller's (no ?org=: all of the caller's organisations)
    const orgIds = narrow(q.scope ?? { all: true }, await organisationIds(strapi, q.org, q.includeDescendants ?? true));
    const orgFilter = (alias: string) => (orgIds ? `AND ${alias}.organization_id IN (${inList(orgIds)})` : '');
    const g = q.granularity ?? 'month';
    const range = [q.from, q.to];
    const today = q.today ?? todayInChina();

    // Every item breakdown from the daily roll-ups (services/item-stats.ts), not from a scan of the items.
    const dayOrg = orgIds ? `AND s.organization_id IN (${inList(orgIds)})` : '';
    const dims = rows(await knex.raw(`WITH base AS ${h.pg ? 'MATERIALIZED ' : ''}(
        SELECT * FROM item_daily_stats s WHERE s.publish_date >= ? AND s.publish_date <= ? ${dayOrg}
      )
      SELECT 'total' AS dim, NULL AS k1, NULL AS k2, NULL AS k3, SUM(n) AS n, SUM(fulltext * n) AS f FROM base
      UNION ALL SELECT 'period', ${h.period('publish_date', g)}, NULL, NULL, SUM(n), NULL FROM base GROUP BY ${h.period('publish_date', g)}
      UNION ALL SELECT 'org', o.document_id, o.name, NULL, SUM(n), NULL FROM base b JOIN organizations o ON o.id = b.organization_id GROUP BY o.document_id, o.name
      UNION ALL SELECT 'node', c.document_id, c.code, c.name, SUM(s.n), NULL FROM item_node_daily_stats s JOIN catalogue_nodes c ON c.id = s.node_id
        WHERE s.publish_date >= ? AND s.publish_date <= ? ${dayOrg} GROUP BY c.document_id, c.code, c.name
      UNION ALL SELECT 'genre', genre, NULL, NULL, SUM(n), NULL FROM base GROUP BY genre
      UNION ALL SELECT 'mode', disclosure_mode, NULL, NULL, SUM(n), NULL FROM base GROUP BY disclosure_mode
      UNION ALL SELECT 'subject', subject, NULL, NULL, SUM(n), NULL FROM base GROUP BY subject`,
      [...range, ...range]));
    const dim = (name: string) => dims.filter((r: any) => r.dim === name);
    const byCount = (a: any, b: any) => Number(b.n) - Number(a.n) || String(a.k1).localeCompare(String(b.k1));
    const totals: any = dim('total')[0] ? { total: dim('total')[0].n, fulltext: dim('total')[0].f } : { total: 0, fulltext: 0 };
    const byPeriod = dim('period').map((r: any) => ({ period: r.k1, n: r.n })).sort((a: any, b: any) => String(a.period).localeCompare(String(b.period)));
    const byOrganization = dim('org').sort((a: any, b: any) => Number(b.n) - Number(a.n) || String(a.k2).localeCompare(String(b.k2))).map((r: any) => ({ documentId: r.k1, name: r.k2, n: r.n }));
    const byNode = dim('node').sort((a: any, b: any) => Number(b.n) - Number(a.n) || String(a.k2).localeCompare(String(b.k2))).map((r: any) => ({ documentId: r.k1, code: r.k2, name: r.k3, n: r.n }));
    const byGenre = dim('genre').sort(byCount).map((r: any) => ({ name: r.k1, n: r.n }));
    const byMode = dim('mode').sort(byCount).map((r: any) => ({ name: r.k1, n: r.n }));
    const bySubject = dim('subject').sort(byCount).map((r: any) => ({ name: r.k1, n: r.n }));

    // Laws and normative documents (published records)
    const lawOrg = orgIds ? `AND EXISTS (SELECT 1 FROM laws_organization_lnk lo WHERE lo.law_id = l.id AND lo.organization_id IN (${inList(orgIds)}))` : '';
    const laws = rows(await knex.raw(`SELECT l.level AS level,
        SUM(CASE WHEN l.publish_date >= ? AND l.publish_date <= ? THEN 1 ELSE 0 END) AS issued,
        SUM(CASE WHEN l.repealed_date >= ? AND l.repealed_date <= ? THEN 1 ELSE 0 END) AS repealed,
        SUM(CASE WHEN (l.effective_date IS NULL OR l.effective_date <= ?) AND (l.expiry_date IS NULL OR l.expiry_date > ?)
                  AND (l.repealed_date IS NULL OR l.repealed_date > ?) AND l.law_status NOT IN ('废止') THEN 1 ELSE 0 END) AS "inForce"
      FROM laws l WHERE l.published_at IS NOT NULL ${lawOrg} GROUP BY l.level ORDER BY l.level`, [q.from, q.to, q.from, q.to, q.to, q.to, q.to]));

    // 依申请公开
    const reqOrg = orgIds ? `AND EXISTS (SELECT 1 FROM disclosure_requests_organization_lnk ro WHERE ro.disclosure_request_id = r.id AND ro.organization_id IN (${inList(orgIds)}))` : '';
    const [req] = rows(await knex.raw(`SELECT
        SUM(CASE WHEN r.received_date >= ? AND r.received_date <= ? THEN 1 ELSE 0 END) AS received,
        SUM(CASE WHEN r.closed_date >= ? AND r.closed_date <= ? THEN 1 ELSE 0 END) AS closed,
        SUM(CASE WHEN r.closed_date >= ? AND r.closed_date <= ? AND r.due_date IS NOT NULL AND COALESCE(r.replied_date, r.closed_date) <= r.due_date THEN 1 ELSE 0 END) AS "onTime",
        SUM(CASE WHEN r.closed_date >= ? AND r.closed_date <= ? AND r.due_date IS NOT NULL AND COALESCE(r.replied_date, r.closed_date) > r.due_date THEN 1 ELSE 0 END) AS "closedLate",
        SUM(CASE WHEN r.closed_date IS NULL AND r.due_date IS NOT NULL AND r.due_date < ? THEN 1 ELSE 0 END) AS "openOverdue"
      FROM disclosure_requests r WHERE 1 = 1 ${reqOrg}`, [...range, ...range, ...range, ...range, today]));
    const byResult = rows(await knex.raw(`SELECT r.result_key AS name, COUNT(*) AS n FROM disclosure_requests r
      WHERE r.closed_date >= ? AND r.closed_date <= ? AND r.result_key IS NOT NULL ${reqOrg} GROUP BY r.result_key ORDER BY n DESC, 1`, range));
    const byChannel = rows(await knex.raw(`SELECT r.channel AS name, COUNT(*) AS n FROM disclosure_requests r
      WHERE r.received_date >= ? AND r.received_date <= ? ${reqOrg} GROUP BY r.channel ORDER BY n DESC, 1`, range));

    const review = await this.reviewThroughput(q, orgIds);

    return {
      query: { org: q.org ?? null, from: q.from, to: q.to, granularity: g, includeDescendants: q.includeDescendants ?? true },
      items: {
        published: num(totals?.total),
        fullText: num(totals?.fulltext),
        fullTextRate: num(totals?.total) ? Math.round((num(totals.fulltext) / num(totals.total)) * 1000) / 10 : null,
        byPeriod: byPeriod.map((r: any) => ({ period: r.period, count: num(r.n) })),
        byOrganization: byOrganization.map((r: any) => ({ documentId: r.documentId, name: r.name, count: num(r.n) })),
        byNode: byNode.map((r: any) => ({ documentId: r.documentId, code: r.code, name: r.name, count: num(r.n) })),
        byGenre: byGenre.map((r: any) => ({ name: r.name, count: num(r.n) })),
        byDisclosureMode: byMode.map((r: any) => ({ name: r.name, count: num(r.n) })),
        bySubjectCategory: bySubject.map((r: any) => ({ name: r.name, count: num(r.n) })),
      },
      laws: laws.map((r: any) => ({ level: r.level, issued: num(r.issued), repealed: num(r.repealed), inForce: num(r.inForce) })),
      requests: {
        received: num(req?.received), closed: num(req?.closed), onTime: num(req?.onTime), closedLate: num(req?.closedLate), openOverdue: num(req?.openOverdue),
        byResult: byResult.map((r: any) => ({ resultKey: r.name, count: num(r.n) })),
        byChannel: byChannel.map((r: any) => ({ channel: r.name, count: num(r.n) })),
      },
      review,
    };
  },

  /**
   * Time spent per review stage (nearest-rank median and p90, hours) and the rejection rate, from the audit trail.
   * Reads only the trail from `from` on (an entry's next transition is never earlier, so LEAD is unchanged), filtered
   * by the organisation each entry records (the document's owner when the action was taken), through the indexes on
   * (organization_id, at) and at.
   */
  async reviewThroughput(q: SummaryQuery, orgIds: number[] | null) {
    const h = sqlHelpers(strapi);
    const { knex, rows } = h;
    const fromMs = new Date(`${q.from}T00:00:00+08:00`).getTime();
    const toMs = new Date(`${q.to}T23:59:59.999+08:00`).getTime();
    const ts = (ms: number) => (h.pg ? new Date(ms) : ms);
    const atMs = h.epochMs('a.at');
    const docFilter = orgIds ? `AND a.organization_id IN (${inList(orgIds)})` : '';
    const perStage = rows(await knex.raw(`WITH t AS (
        SELECT a.to_stage AS stage, ${atMs} AS at_ms,
               LEAD(${atMs}) OVER (PARTITION BY a.target_uid, a.target_document_id ORDER BY a.at, a.id) AS next_ms
        FROM review_audit_entries a
        WHERE a.at >= ? AND a.action IN ('submit', 'approve', 'reject', 'withdraw', 'invalidate', 'publish', 'import-approve') ${docFilter}
      ), d AS (
        SELECT stage, (next_ms - at_ms) AS dur FROM t
        WHERE next_ms IS NOT NULL AND stage IS NOT NULL AND stage NOT IN ('draft', 'published') AND at_ms <= ${toMs}
      ), r AS (
        SELECT stage, dur, ROW_NUMBER() OVER (PARTITION BY stage ORDER BY dur) AS rn, COUNT(*) OVER (PARTITION BY stage) AS cnt FROM d
      )
      SELECT stage, MAX(cnt) AS cnt, MIN(CASE WHEN rn >= 0.5 * cnt THEN dur END) AS median, MIN(CASE WHEN rn >= 0.9 * cnt THEN dur END) AS p90
      FROM r GROUP BY stage ORDER BY stage`, [ts(fromMs)]));
    const [counts] = rows(await knex.raw(`SELECT SUM(CASE WHEN a.action = 'submit' THEN 1 ELSE 0 END) AS submitted,
        SUM(CASE WHEN a.action = 'reject' THEN 1 ELSE 0 END) AS rejected
      FROM review_audit_entries a WHERE a.at >= ? AND a.at <= ? AND a.action IN ('submit', 'reject') ${docFilter}`, [ts(fromMs), ts(toMs)]));
    const hours = (ms: unknown) => (ms === null || ms === undefined ? null : Math.round((Number(ms) / 3600000) * 100) / 100);
    return {
      stages: perStage.map((r: any) => ({ stage: r.stage, count: num(r.cnt), medianHours: hours(r.median), p90Hours: hours(r.p90) })),
      submitted: num(counts?.submitted),
      rejected: num(counts?.rejected),
      rejectionRate: num(counts?.submitted) ? Math.round((num(counts.rejected) / num(counts.submitted)) * 1000) / 10 : null,
    };
  },
});
