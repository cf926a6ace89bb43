/**
 * 年度报告: list (org, year; pages) and detail with 表二/表三/表四 under the stable keys of the 2021
 * national format (src/domain/annual-report-2021) and their official HTML rendering.
 */
import type { AnnualReportDetail, AnnualReportListEntry, DetailResponse, ListResponse } from '../../../../../client/src/types';
import { T } from '../constants';
import { reportDetail, reportListEntry } from '../serializers';
import { isoTime, query } from '../sql';
import { notFound, type Parsed } from '../validation/params';
import { reportVisible } from '../visibility';
import { newest, type Ctx, type Rendered } from './context';
import { resolveOrgId, whereSql, type Where } from './filters';

const COLUMNS = `r.id, r.document_id, r.title, r.year, r.format_version, r.published_at,
  (SELECT lo.${T.reportOrg.target} FROM ${T.reportOrg.table} lo WHERE lo.${T.reportOrg.owner} = r.id LIMIT 1) AS org_id`;

export class ReportsService {
  constructor(private c: Ctx) {}

  async list(p: Parsed): Promise<Rendered> {
    const refs = await this.c.refs();
    const w: Where = { parts: [reportVisible('r').text], bindings: [] };
    const orgId = resolveOrgId(refs, p.org as string | undefined);
    if (orgId !== undefined) {
      w.parts.push(`EXISTS (SELECT 1 FROM ${T.reportOrg.table} lo WHERE lo.${T.reportOrg.owner} = r.id AND lo.${T.reportOrg.target} = ?)`);
      w.bindings.push(orgId);
    }
    if (p.year !== undefined) {
      w.parts.push('r.year = ?');
      w.bindings.push(p.year);
    }
    const limit = Number(p.limit);
    const page = typeof p.page === 'number' ? p.page : 1;
    const knex = this.c.knex();
    const [rows, [count]] = await Promise.all([
      query(knex, `SELECT ${COLUMNS} FROM ${T.reports} r WHERE ${whereSql(w)} ORDER BY r.year DESC, r.document_id LIMIT ? OFFSET ?`, [...w.bindings, limit, (page - 1) * limit]),
      query(knex, `SELECT COUNT(*) AS n FROM ${T.reports} r WHERE ${whereSql(w)}`, w.bindings),
    ]);
    const total = Number(count?.n ?? 0);
    const body: ListResponse<AnnualReportListEntry> = {
      data: rows.map((r) => reportListEntry(r, refs)),
      meta: { pagination: { limit, total, page, pageCount: Math.ceil(total / limit), nextCursor: null } },
    };
    return { body, lastModified: newest(rows.map((r) => isoTime(r.published_at))) };
  }

  async findOne(id: string): Promise<Rendered> {
    const refs = await this.c.refs();
    const [row] = await query(this.c.knex(), `SELECT ${COLUMNS}, r.overview, r.table_2, r.table_3, r.table_4, r.problems, r.other_matters
      FROM ${T.reports} r WHERE ${reportVisible('r').text} AND r.document_id = ? ORDER BY r.id DESC LIMIT 1`, [id]);
    if (!row) notFound(`未找到年度报告“${id}”（或未公开）`);
    const body: DetailResponse<AnnualReportDetail> = { data: reportDetail(row, refs), meta: {} };
    return { body, lastModified: isoTime(row.published_at) };
  }
}
