/**
 * 政府信息: the list (filters, cursor/page pagination, sparse fields) and the detail (by documentId
 * or 索引号), in raw SQL over the published rows.
 */
import type { CatalogueNodeRef, ItemLink, ItemListEntryPartial, ListResponse, DetailResponse, ItemDetail } from '../../../../../client/src/types';
import { T, UID } from '../constants';
import { attachment, itemDetail, itemLink, itemListEntry, nodeRef, pick } from '../serializers';
import { isoTime, query } from '../sql';
import { notFound, type Parsed } from '../validation/params';
import { itemVisible } from '../visibility';
import { newest, type Ctx, type Rendered } from './context';
import { itemWhere, whereSql } from './filters';
import { afterCursor, limitOffset, orderBy, pageRequest, pagination } from './paging';
import { readModelDetail, readModelList } from '../read-model/read';

export const ITEM_LIST_COLUMNS = `d.id, d.document_id, d.index_no, d.title, d.slug, d.issuing_authority, d.document_number, d.written_date,
  d.publish_date, d.genre, d.validity, d.is_normative, d.expiry_date, d.keywords, d.summary, d.published_at,
  (SELECT lo.${T.itemOrg.target} FROM ${T.itemOrg.table} lo WHERE lo.${T.itemOrg.owner} = d.id LIMIT 1) AS org_id,
  (SELECT lc.${T.itemCategory.target} FROM ${T.itemCategory.table} lc WHERE lc.${T.itemCategory.owner} = d.id LIMIT 1) AS category_id`;

export class ItemsService {
  constructor(private c: Ctx) {}

  async list(p: Parsed): Promise<Rendered> {
    const fast = await readModelList(this.c, 'item', p);
    if (fast) return fast;
    const refs = await this.c.refs();
    const where = itemWhere(p, refs, { pg: this.c.pg, maxTerms: this.c.settings().search.maxTerms });
    const req = pageRequest('items', p);
    const page = { parts: [...where.parts], bindings: [...where.bindings] };
    if (req.cursor) {
      const k = afterCursor('d', req.cursor);
      page.parts.push(k.text);
      page.bindings.push(...k.bindings);
    }
    const { limit, offset } = limitOffset(req);
    const knex = this.c.knex();
    // two steps: the page's row ids from the narrow partial indexes, then only those rows' columns
    const [rows, [count]] = await Promise.all([
      query(knex, `SELECT ${ITEM_LIST_COLUMNS} FROM ${T.items} d
        JOIN (SELECT d.id AS page_id FROM ${T.items} d WHERE ${whereSql(page)} ORDER BY ${orderBy('d', req.dir)} LIMIT ? OFFSET ?) p ON p.page_id = d.id
        ORDER BY ${orderBy('d', req.dir)}`, [...page.bindings, limit, offset]),
      query(knex, `SELECT COUNT(*) AS n FROM ${T.items} d WHERE ${whereSql(where)}`, where.bindings),
    ]);
    const { rows: pageRows, pagination: pg } = pagination(req, rows, Number(count?.n ?? 0));
    const fields = p.fields as string[] | undefined;
    const body: ListResponse<ItemListEntryPartial> = {
      data: pageRows.map((r) => pick(itemListEntry(r, refs), fields)),
      meta: { pagination: pg },
    };
    return { body, lastModified: newest(pageRows.map((r) => isoTime(r.published_at))) };
  }

  /** The read model's answer, or null when it cannot give one (the route's own path answers: SQL, 400, 404). */
  async fromReadModel(p: Parsed, id: string | null): Promise<Rendered | null> {
    if (id === null) return readModelList(this.c, 'item', p);
    const rm = p.format === 'wx' ? null : this.c.readModel?.();
    const hit = rm ? await rm.detail('item', id) : undefined;
    return hit && hit.detail_json !== null ? readModelDetail({ detail_json: hit.detail_json, published_at: hit.published_at }) : null;
  }

  /** By documentId or 索引号. */
  async findOne(id: string, opts: { wx?: boolean } = {}): Promise<Rendered> {
    // format=wx adds bodyNodes inside the detail object: rendered here, not stored
    const rm = opts.wx ? null : this.c.readModel?.();
    if (rm) {
      const hit = await rm.detail('item', id);
      if (!hit) notFound(`未找到政府信息“${id}”（或未公开）`);
      if (hit.detail_json !== null) return readModelDetail({ detail_json: hit.detail_json, published_at: hit.published_at });
    }
    const refs = await this.c.refs();
    const knex = this.c.knex();
    const vis = itemVisible('d');
    const [row] = await query(knex, `SELECT ${ITEM_LIST_COLUMNS}, d.body, d.body_html, d.summary_html, d.disclosure_mode FROM ${T.items} d
      WHERE ${vis.text} AND (d.document_id = ? OR d.index_no = ?) ORDER BY d.id DESC LIMIT 1`, [...vis.bindings, id, id]);
    if (!row) notFound(`未找到政府信息“${id}”（或未公开）`);
    const rowId = Number(row.id);

    const files = await query(knex, `SELECT f.name, f.url, f.mime, f.ext, f.size FROM ${T.filesMorph} m JOIN ${T.files} f ON f.id = m.file_id
      WHERE m.related_id = ? AND m.related_type = ? AND m.field = ? ORDER BY m."order", m.id`, [rowId, UID.item, 'attachments']);

    const nodeLinks = await query(knex, `SELECT ${T.itemNodes.target} AS node_id FROM ${T.itemNodes.table} WHERE ${T.itemNodes.owner} = ? ORDER BY id`, [rowId]);
    const cataloguePaths: CatalogueNodeRef[][] = [];
    for (const l of nodeLinks) {
      const path = refs.pathOf(Number(l.node_id));
      if (path) cataloguePaths.push(path.map(nodeRef));
    }

    // The policy this item interprets: the link of this published row, resolved to that document's public published row.
    const pv = itemVisible('p');
    const [interpreted] = await query(knex, `SELECT p.document_id, p.index_no, p.title, p.publish_date
      FROM ${T.itemInterprets.table} li
      JOIN ${T.items} t ON t.id = li.${T.itemInterprets.target}
      JOIN ${T.items} p ON p.document_id = t.document_id AND ${pv.text}
      WHERE li.${T.itemInterprets.owner} = ? ORDER BY p.id DESC LIMIT 1`, [...pv.bindings, rowId]);
    // Its interpretations: public published rows linking to any row of this document.
    const sv = itemVisible('s');
    const interpretations = await query(knex, `SELECT DISTINCT s.document_id, s.index_no, s.title, s.publish_date
      FROM ${T.itemInterprets.table} li
      JOIN ${T.items} s ON s.id = li.${T.itemInterprets.owner}
      JOIN ${T.items} t ON t.id = li.${T.itemInterprets.target}
      WHERE t.document_id = ? AND ${sv.text}
      ORDER BY s.publish_date DESC, s.document_id`, [row.document_id, ...sv.bindings]);

    const links: ItemLink[] = interpretations.map(itemLink);
    const data: ItemDetail = itemDetail(row, refs, {
      attachments: files.map(attachment),
      cataloguePaths,
      interprets: interpreted ? itemLink(interpreted) : null,
      interpretations: links,
      wx: opts.wx,
    });
    const body: DetailResponse<ItemDetail> = { data, meta: {} };
    return { body, lastModified: isoTime(row.published_at) };
  }
}
