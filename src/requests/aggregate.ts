/**
 * 表三 and 表四 of the 2021 annual-report format, straight from the requests by SQL aggregation
 * (GROUP BY in the database; no loops over rows). For an organisation (optionally with all its
 * descendants, via a recursive CTE over the parent links) and a year Y:
 *
 * 表三 (per applicant category = column, APPLICANT_COLUMN):
 *   newReceived    received in Y;
 *   carriedOver    received before 1 January Y and not closed before it (still open on 1 January);
 *   results        closed in Y (办结日期 in Y, with its 表三 result key), grouped by result × category;
 *   carriedForward received by 31 December Y and not closed by then (open on 31 December).
 * A case counts as closed when it has both 办结日期 and 办理结果 (the middleware guarantees both
 * together), so rule 1 (newReceived + carriedOver = resultsTotal + carriedForward) holds by
 * construction; totals are derived (computeTotals), then rules 1–4 are checked (validateAnnualReport).
 *
 * 表四 (disputes JSON): records whose 提起日期 is in Y, by kind × result; a record not decided by
 * 31 December Y (or recorded as 尚未审结) counts as 尚未审结 in Y.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  APPLICANT_KEYS,
  computeTotals,
  emptyTables,
  RESULT_KEYS,
  TABLE4_GROUP_KEYS,
  TABLE4_OUTCOME_KEYS,
  validateAnnualReport,
  type ApplicantKey,
  type Table3,
  type Table4,
  type Violation,
} from '../domain/annual-report-2021';
import { APPLICANT_COLUMN } from '../foundation/constants';
import { isPostgres, rowsOf } from '../foundation/sql';
import { ORG_UID, REQUEST_UID } from './config';
import { fieldError } from '../foundation/errors';

export interface AggregateOptions {
  includeDescendants?: boolean;
}

export interface AggregateResult {
  organization: { documentId: string; name: string };
  year: number;
  includeDescendants: boolean;
  /** Organisations counted (the organisation itself, plus descendants when asked). */
  organizationCount: number;
  table3: Table3;
  table4: Table4;
  /** Rule 1–4 violations (empty on consistent data). */
  violations: Violation[];
  /** Rows that could not be placed exactly (unknown applicant category, unknown result key). */
  warnings: string[];
}

interface Names {
  requests: string;
  link: string;
  linkRequest: string;
  linkOrg: string;
  orgs: string;
  parentLink: string;
  parentChild: string;
  parentParent: string;
}

/** Table and column names from Strapi's metadata (not hard-coded). */
function names(strapi: Core.Strapi): Names {
  const req: any = strapi.db.metadata.get(REQUEST_UID as any);
  const org: any = strapi.db.metadata.get(ORG_UID as any);
  const link = req.attributes.organization.joinTable;
  const parent = org.attributes.parent.joinTable;
  return {
    requests: req.tableName,
    link: link.name,
    linkRequest: link.joinColumn.name,
    linkOrg: link.inverseJoinColumn.name,
    orgs: org.tableName,
    parentLink: parent.name,
    parentChild: parent.joinColumn.name,
    parentParent: parent.inverseJoinColumn.name,
  };
}

const q = (id: string) => `"${id.replace(/"/g, '""')}"`;

/** WITH RECURSIVE scope(id): the organisation, plus its descendants when asked. */
function scopeCte(n: Names, includeDescendants: boolean): string {
  const base = `SELECT o.id FROM ${q(n.orgs)} o WHERE o.document_id = ?`;
  if (!includeDescendants) return `scope(id) AS (${base})`;
  return `scope(id) AS (${base} UNION SELECT p.${q(n.parentChild)} FROM ${q(n.parentLink)} p JOIN scope s ON p.${q(n.parentParent)} = s.id)`;
}

function scopedRequests(n: Names): string {
  return `reqs AS (
    SELECT r.received_date, r.replied_date, r.closed_date, r.result_key, r.applicant_category, r.disputes
    FROM ${q(n.requests)} r
    JOIN ${q(n.link)} l ON l.${q(n.linkRequest)} = r.id
    WHERE l.${q(n.linkOrg)} IN (SELECT id FROM scope)
  )`;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

export async function aggregateTables(
  strapi: Core.Strapi,
  orgDocumentId: string,
  year: number,
  options: AggregateOptions = {},
): Promise<AggregateResult> {
  if (!Number.isInteger(year) || year < 2008 || year > 2100) throw fieldError('year', `年度“${year}”不正确`);
  const org = await strapi.db.query(ORG_UID as any).findOne({ where: { documentId: orgDocumentId }, select: ['documentId', 'name'] });
  if (!org) throw new errors.NotFoundError('机构不存在');
  const includeDescendants = Boolean(options.includeDescendants);
  const n = names(strapi);
  const knex = strapi.db.connection;
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const cte = `WITH RECURSIVE ${scopeCte(n, includeDescendants)}, ${scopedRequests(n)}`;
  const isClosed = (upTo: string) => `(closed_date IS NOT NULL AND result_key IS NOT NULL AND closed_date ${upTo})`;

  const counts = rowsOf(
    await knex.raw(
      `${cte}
       SELECT applicant_category AS category,
         SUM(CASE WHEN received_date >= ? AND received_date <= ? THEN 1 ELSE 0 END) AS new_received,
         SUM(CASE WHEN received_date < ? AND NOT ${isClosed('< ?')} THEN 1 ELSE 0 END) AS carried_over,
         SUM(CASE WHEN received_date <= ? AND NOT ${isClosed('<= ?')} THEN 1 ELSE 0 END) AS carried_forward,
         SUM(CASE WHEN received_date <= ? AND replied_date IS NOT NULL AND replied_date <= ? AND NOT ${isClosed('<= ?')} THEN 1 ELSE 0 END) AS replied_open
       FROM reqs GROUP BY applicant_category`,
      [orgDocumentId, start, end, start, start, end, end, end, end, end],
    ),
  );
  const results = rowsOf(
    await knex.raw(
      `${cte}
       SELECT result_key, applicant_category AS category, COUNT(*) AS n
       FROM reqs
       WHERE closed_date IS NOT NULL AND result_key IS NOT NULL AND closed_date >= ? AND closed_date <= ?
       GROUP BY result_key, applicant_category`,
      [orgDocumentId, start, end],
    ),
  );
  const pg = isPostgres(strapi);
  const el = pg
    ? (key: string) => `(d.value ->> '${key}')`
    : (key: string) => `json_extract(d.value, '$.${key}')`;
  const elements = pg
    ? `CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(reqs.disputes::jsonb) = 'array' THEN reqs.disputes::jsonb ELSE '[]'::jsonb END) AS d(value)`
    : `, json_each(CASE WHEN json_valid(reqs.disputes) AND json_type(reqs.disputes) = 'array' THEN reqs.disputes ELSE '[]' END) AS d`;
  const disputes = rowsOf(
    await knex.raw(
      `${cte}
       SELECT ${el('kind')} AS kind,
         CASE WHEN ${el('result')} = 'pending' OR ${el('decidedDate')} IS NULL OR ${el('decidedDate')} > ? THEN 'pending' ELSE ${el('result')} END AS result,
         COUNT(*) AS n
       FROM reqs ${elements}
       WHERE ${el('filedDate')} >= ? AND ${el('filedDate')} <= ?
       GROUP BY 1, 2`,
      [orgDocumentId, end, start, end],
    ),
  );
  const organizationCount = includeDescendants
    ? num(rowsOf(await knex.raw(`WITH RECURSIVE ${scopeCte(n, true)} SELECT COUNT(*) AS n FROM scope`, [orgDocumentId]))[0]?.n)
    : 1;

  const warnings: string[] = [];
  const columnOf = (category: unknown, count: number): ApplicantKey => {
    const c = APPLICANT_COLUMN[String(category)] as ApplicantKey | undefined;
    if (c && (APPLICANT_KEYS as readonly string[]).includes(c)) return c;
    if (count) warnings.push(`${count}件申请的申请人类别“${String(category ?? '')}”无法对应表三的列，计入“其他”`);
    return 'otherOrg';
  };

  const repliedOpen = counts.reduce((s, r) => s + num(r.replied_open), 0);
  if (repliedOpen) warnings.push(`${repliedOpen}件已答复但未登记办结的申请计入“结转下年度”（办结须登记“办结”事项）`);
  const tables = emptyTables();
  const t3 = tables.table3 as Record<string, Record<string, number>>;
  for (const row of counts) {
    const total = num(row.new_received) + num(row.carried_over) + num(row.carried_forward);
    const col = columnOf(row.category, total);
    t3.newReceived![col]! += num(row.new_received);
    t3.carriedOver![col]! += num(row.carried_over);
    t3.carriedForward![col]! += num(row.carried_forward);
  }
  for (const row of results) {
    const col = columnOf(row.category, num(row.n));
    const key = String(row.result_key);
    if ((RESULT_KEYS as readonly string[]).includes(key)) t3[key]![col]! += num(row.n);
    else {
      warnings.push(`${num(row.n)}件办结申请的办理结果“${key}”不是表三结果项，计入“（六）其他处理 3.其他”`);
      t3['other.other']![col]! += num(row.n);
    }
  }
  const t4 = tables.table4 as Record<string, Record<string, number>>;
  for (const row of disputes) {
    const kind = String(row.kind);
    const result = String(row.result);
    if (!(TABLE4_GROUP_KEYS as readonly string[]).includes(kind) || !(TABLE4_OUTCOME_KEYS as readonly string[]).includes(result)) {
      warnings.push(`${num(row.n)}条复议/诉讼记录的类型或结果无法识别（${kind} / ${result}），未计入表四`);
      continue;
    }
    t4[kind]![result]! += num(row.n);
  }
  const full = computeTotals(tables);
  const violations = validateAnnualReport(full).filter((v) => v.severity === 'error' && v.table !== 'table2');
  return {
    organization: { documentId: org.documentId, name: org.name },
    year,
    includeDescendants,
    organizationCount,
    table3: full.table3,
    table4: full.table4,
    violations,
    warnings,
  };
}
