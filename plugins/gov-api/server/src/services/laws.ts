/**
 * 法律法规与规范性文件: list (level, status, effectiveOn, org, year, q; cursor/page) and detail with
 * its 效力状态 and repeal/amend links (only to other published laws).
 */
import type { DetailResponse, LawDetail, LawLink, LawListEntryPartial, ListResponse } from '../../../../../client/src/types';
import { T } from '../constants';
import { lawDetail, lawLink, lawListEntry, pick } from '../serializers';
import { isoTime, query, type Knex } from '../sql';
import { notFound, type Parsed } from '../validation/params';
import { lawVisible } from '../visibility';
import { newest, type Ctx, type Rendered } from './context';
import { lawWhere, whereSql } from './filters';
import { afterCursor, limitOffset, orderBy, pageRequest, pagination } from './paging';
import { readModelDetail, readModelList } from '../read-model/read';

export const LAW_LIST_COLUMNS = `l.id, l.document_id, l.title, l.slug, l.level, l.law_status, l.issuing_authority, l.document_number, l.written_date,
  l.publish_date, l.effective_date, l.expiry_date, l.repealed_date, l.summary, l.published_at,
  (SELECT lo.${T.lawOrg.target} FROM ${T.lawOrg.table} lo WHERE lo.${T.lawOrg.owner} = l.id LIMIT 1) AS org_id`;

export class LawsService {
  constructor(private c: Ctx) {}

  async list(p: Parsed): Promise<Rendered> {
    const fast = await readModelList(this.c, 'law', p);
    if (fast) return fast;
    const refs = await this.c.refs();
    const where = lawWhere(p, refs, { pg: this.c.pg, maxTerms: this.c.settings().search.maxTerms });
    const req = pageRequest('laws', p);
    const page = { parts: [...where.parts], bindings: [...where.bindings] };
    if (req.cursor) {
      const k = afterCursor('l', req.cursor);
      page.parts.push(k.text);
      page.bindings.push(...k.bindings);
    }
    const { limit, offset } = limitOffset(req);
    const knex = this.c.knex();
    const [rows, [count]] = await Promise.all([
      query(knex, `SELECT ${LAW_LIST_COLUMNS} FROM ${T.laws} l WHERE ${whereSql(page)} ORDER BY ${orderBy('l', req.dir)} LIMIT ? OFFSET ?`, [...page.bindings, limit, offset]),
      query(knex, `SELECT COUNT(*) AS n FROM ${T.laws} l WHERE ${whereSql(where)}`, where.bindings),
    ]);
    const { rows: pageRows, pagination: pg } = pagination(req, rows, Number(count?.n ?? 0));
    const body: ListResponse<LawListEntryPartial> = {
      data: pageRows.map((r) => pick(lawListEntry(r, refs), p.fields as string[] | undefined)),
      meta: { pagination: pg },
    };
    return { body, lastModified: newest(pageRows.map((r) => isoTime(r.published_at))) };
  }

  /** The read model's answer, or null when it cannot give one (the route's own path answers: SQL, 400, 404). */
  async fromReadModel(p: Parsed, id: string | null): Promise<Rendered | null> {
    if (id === null) return readModelList(this.c, 'law', p);
    const rm = p.format === 'wx' ? null : this.c.readModel?.();
    const hit = rm ? await rm.detail('law', id) : undefined;
    return hit && hit.detail_json !== null ? readModelDetail({ detail_json: hit.detail_json, published_at: hit.published_at }) : null;
  }

  async findOne(id: string, opts: { wx?: boolean } = {}): Promise<Rendered> {
    // format=wx adds bodyNodes inside the detail object: rendered here, not stored
    const rm = opts.wx ? null : this.c.readModel?.();
    if (rm) {
      const hit = await rm.detail('law', id);
      if (!hit) notFound(`未找到法规文件“${id}”（或未公开）`);
      if (hit.detail_json !== null) return readModelDetail({ detail_json: hit.detail_json, published_at: hit.published_at });
    }
    const refs = await this.c.refs();
    const knex = this.c.knex();
    const [row] = await query(knex, `SELECT ${LAW_LIST_COLUMNS}, l.body, l.body_html, l.summary_html FROM ${T.laws} l WHERE ${lawVisible('l').text} AND l.document_id = ? ORDER BY l.id DESC LIMIT 1`, [id]);
    if (!row) notFound(`未找到法规文件“${id}”（或未公开）`);
    const rowId = Number(row.id);
    const [repealedBy] = await this.outgoing(knex, T.lawRepealedBy, rowId);
    const [amendedBy] = await this.outgoing(knex, T.lawAmendedBy, rowId);
    const data: LawDetail = lawDetail(row, refs, {
      repealedBy: repealedBy ?? null,
      repeals: await this.incoming(knex, T.lawRepealedBy, String(row.document_id)),
      amendedBy: amendedBy ?? null,
      amends: await this.incoming(knex, T.lawAmendedBy, String(row.document_id)),
    }, { wx: opts.wx });
    const body: DetailResponse<LawDetail> = { data, meta: {} };
    return { body, lastModified: isoTime(row.published_at) };
  }

  /** The law this published row links to (repealedBy / amendedBy), as that document's published row. */
  private async outgoing(knex: Knex, link: { table: string; owner: string; target: string }, rowId: number): Promise<LawLink[]> {
    const rows = await query(knex, `SELECT p.document_id, p.title, p.document_number, p.law_status
      FROM ${link.table} x JOIN ${T.laws} t ON t.id = x.${link.target}
      JOIN ${T.laws} p ON p.document_id = t.document_id AND ${lawVisible('p').text}
      WHERE x.${link.owner} = ? ORDER BY p.id DESC LIMIT 1`, [rowId]);
    return rows.map(lawLink);
  }

  /** Published laws whose published row links to this document (repeals / amends). */
  private async incoming(knex: Knex, link: { table: string; owner: string; target: string }, documentId: string): Promise<LawLink[]> {
    const rows = await query(knex, `SELECT DISTINCT s.document_id, s.title, s.document_number, s.law_status, s.publish_date
      FROM ${link.table} x JOIN ${T.laws} s ON s.id = x.${link.owner} JOIN ${T.laws} t ON t.id = x.${link.target}
      WHERE t.document_id = ? AND ${lawVisible('s').text}
      ORDER BY s.publish_date DESC, s.document_id`, [documentId]);
    return rows.map(lawLink);
  }
}
