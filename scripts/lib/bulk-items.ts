import type { Core } from '@strapi/strapi';
import { formatIndexNo, DEFAULT_INDEX_NO_TEMPLATE } from '../../src/domain/index-no';
import { reserveSequenceBlock } from '../../src/foundation/sequences';
import { isPostgres } from '../../src/foundation/sql';
import { newDocumentId } from '../../src/foundation/ids';
import { renderStored } from '../../src/foundation/rich-text-fields';
import { rng, NEWS_TOPICS, BODY_PARAGRAPHS } from '../seed-data';
import { indexTokens, plainText } from '../../plugins/gov-api/server/src/search/text';
import { prepareText, type PreparedText } from '../../plugins/gov-api/server/src/search/index-store';

export { newDocumentId };

export interface BulkOptions {
  /** also write the search index rows of the published rows in the same transaction (gov-api's bulk path),
   * so no reindexAll is needed afterwards and a database can grow in steps */
  index?: boolean;
  /** seed of the generated data (default: from the count); a second call on the same database needs another */
  seed?: number;
}

/**
 * bodyHtml / summaryHtml as src/foundation/rich-text-fields.ts renders them, without running markdown-it
 * a million times: the generated bodies are the title and two of a few fixed paragraphs, so the HTML of
 * each paragraph pair is rendered once around a placeholder and the title put in. Titles outside the plain
 * set (anything markdown or HTML could read as markup) are rendered in full, and the first row of every
 * batch is checked against a full render (the bench refuses to go on if they differ).
 */
export function makeRenderer() {
  const PH = 'BULKTITLEPLACEHOLDER';
  const plain = /^[\p{Script=Han}\p{N}A-Za-z（）“”〔〕—/-]+$/u;
  const memo = new Map<string, string>();
  const around = (key: string, source: string) => {
    let t = memo.get(key);
    if (t === undefined) memo.set(key, (t = renderStored(source) ?? ''));
    return t;
  };
  return {
    body: (title: string, p1: string, p2: string) =>
      plain.test(title) ? around(`${p1}\u0000${p2}`, `${PH}\n\n${p1}\n\n${p2}`).replace(PH, title) : renderStored(`${title}\n\n${p1}\n\n${p2}`),
    summary: (title: string) => (plain.test(title) ? around('', PH).replace(PH, title) : renderStored(title)),
  };
}

/**
 * The search index's tokens (gov-api prepareText) of a generated item the same way: summary and body are the
 * title and two fixed paragraphs, separated by spaces after plainText, and Intl.Segmenter never joins words
 * across a space, so the body's tokens are the title's twice and each paragraph's once. Checked against
 * prepareText on the first row of every batch.
 */
export function makeTextPreparer() {
  const memo = new Map<string, string>();
  const para = (p: string) => {
    let t = memo.get(p);
    if (t === undefined) memo.set(p, (t = indexTokens(plainText(p))));
    return t;
  };
  return (title: string, p1: string, p2: string, body: string): PreparedText => {
    const titleTokens = indexTokens(title);
    return { title, summary: title, body, titleTokens, bodyTokens: [titleTokens, titleTokens, para(p1), para(p2)].filter(Boolean).join(' ') };
  };
}

/**
 * Bulk path for large datasets (benchmarks): N published items spread over the existing
 * organisations' leaf catalogue nodes, inserted in batches with raw SQL (a draft row and a published
 * row per document, as Strapi stores them, plus their relation rows). 索引号 serials are reserved
 * per organisation-year block in the same transaction as the rows, so numbers stay unique and
 * the Document Service continues after them. On PostgreSQL one INSERT … SELECT FROM unnest(arrays) per
 * batch and table (one binding per column, not per value): 1,000,000 items in minutes, not hours.
 */
export async function bulkInsertItems(strapi: Core.Strapi, count: number, log: (msg: string) => void, batchSize = 1000, opts: BulkOptions = {}) {
  const knex = strapi.db.connection;
  const pg = isPostgres(strapi);
  const r = rng(opts.seed ?? 4242 + count);
  const render = makeRenderer();
  const search: any = opts.index ? strapi.plugin('gov-api')?.service('search') : null;
  const prepare = makeTextPreparer();
  const template = String(strapi.config.get('disclosure.indexNoTemplate', DEFAULT_INDEX_NO_TEMPLATE));
  const nodes = await knex('catalogue_nodes as n')
    .join('catalogue_nodes_organization_lnk as l', 'l.catalogue_node_id', 'n.id')
    .join('organizations as o', 'o.id', 'l.organization_id')
    .leftJoin('catalogue_nodes_parent_lnk as c', 'c.inv_catalogue_node_id', 'n.id')
    .whereNull('c.id')
    .select('n.id as nodeId', 'o.id as orgId', 'o.code as orgCode', 'o.name as orgName');
  if (!nodes.length) throw new Error('没有可用的目录栏目：请先运行 npm run seed 生成演示数据');
  const started = Date.now();
  let done = 0;
  while (done < count) {
    const n = Math.min(batchSize, count - done);
    await knex.transaction(async (trx: any) => {
      const planned = Array.from({ length: n }, () => {
        const node = r.pick(nodes);
        const year = r.int(2016, 2026);
        const month = r.int(1, year === 2026 ? 10 : 12);
        const day = r.int(1, 28);
        return { node, year, date: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
      });
      // reserve serial blocks per organisation-year
      const groups = new Map<string, number>();
      for (const p of planned) groups.set(`${p.node.orgCode}|${p.year}`, (groups.get(`${p.node.orgCode}|${p.year}`) ?? 0) + 1);
      const next = new Map<string, number>();
      for (const [key, size] of groups) {
        const [orgCode, year] = key.split('|');
        next.set(key, await reserveSequenceBlock(strapi, trx, `item:${orgCode}`, Number(year), size));
      }
      const now = new Date();
      const rows: any[] = [];
      const meta: Array<{ nodeId: number; orgId: number }> = [];
      const texts = new Map<string, PreparedText>();
      for (const [k, p] of planned.entries()) {
        const key = `${p.node.orgCode}|${p.year}`;
        const seq = next.get(key)!;
        next.set(key, seq + 1);
        const indexNo = formatIndexNo(template, { orgCode: p.node.orgCode, year: p.year, seq });
        const title = `${p.node.orgName}${r.pick(NEWS_TOPICS)}（${indexNo}）`;
        const documentId = newDocumentId();
        const [p1, p2] = [r.pick(BODY_PARAGRAPHS), r.pick(BODY_PARAGRAPHS)];
        const body = `${title}\n\n${p1}\n\n${p2}`;
        const bodyHtml = render.body(title, p1, p2);
        const summaryHtml = render.summary(title);
        if (k === 0 && (bodyHtml !== renderStored(body) || summaryHtml !== renderStored(title))) {
          throw new Error(`批量写入：正文 HTML 与逐条渲染不一致（${title}）`);
        }
        if (search) {
          const text = prepare(title, p1, p2, body);
          if (k === 0) {
            const real = prepareText(title, title, body);
            if (real.titleTokens !== text.titleTokens || real.bodyTokens !== text.bodyTokens) throw new Error(`批量写入：检索分词与逐条分词不一致（${title}）`);
          }
          texts.set(documentId, text);
        }
        const base = {
          document_id: documentId, title, slug: `bulk-${indexNo.replace(/[^0-9a-zA-Z]+/g, '-').toLowerCase()}`, index_no: indexNo,
          issuing_authority: p.node.orgName, publish_date: p.date, written_date: p.date, genre: '其他', disclosure_mode: '主动公开',
          scope: '面向社会', secrecy_level: '非密', validity: '有效', is_normative: false, keywords: JSON.stringify(['批量数据']),
          summary: title, body, body_html: bodyHtml, summary_html: summaryHtml, created_at: now, updated_at: now,
        };
        rows.push({ ...base, published_at: null }, { ...base, published_at: now });
        meta.push({ nodeId: p.node.nodeId, orgId: p.node.orgId }, { nodeId: p.node.nodeId, orgId: p.node.orgId });
      }
      const ids: number[] = pg ? await insertUnnest(trx, rows) : await insertOneByOne(trx, rows);
      if (pg) {
        await trx.raw('INSERT INTO disclosure_items_organization_lnk (disclosure_item_id, organization_id) SELECT * FROM unnest(?::int4[], ?::int4[])', [ids, meta.map((m) => m.orgId)] as any);
        await trx.raw('INSERT INTO disclosure_items_catalogue_nodes_lnk (disclosure_item_id, catalogue_node_id, catalogue_node_ord) SELECT a, b, 1 FROM unnest(?::int4[], ?::int4[]) AS x(a, b)', [ids, meta.map((m) => m.nodeId)] as any);
      } else {
        const orgLinks = ids.map((id, i) => ({ disclosure_item_id: id, organization_id: meta[i].orgId }));
        const nodeLinks = ids.map((id, i) => ({ disclosure_item_id: id, catalogue_node_id: meta[i].nodeId, catalogue_node_ord: 1 }));
        for (let i = 0; i < orgLinks.length; i += 500) {
          await trx('disclosure_items_organization_lnk').insert(orgLinks.slice(i, i + 500));
          await trx('disclosure_items_catalogue_nodes_lnk').insert(nodeLinks.slice(i, i + 500));
        }
      }
      if (search) await search.indexNewItemRows(trx, rows.map((row, i) => ({ ...row, id: ids[i] })).filter((row) => row.published_at), texts);
    });
    done += n;
    const secs = (Date.now() - started) / 1000;
    log(`批量写入 ${done}/${count} 条（${Math.round(done / secs)} 条/秒）`);
  }
  // derived per-node figures (statistics plugin) for the rows written around the Document Service
  const stats: any = (strapi.plugin('statistics') as any)?.service?.('node-stats');
  if (stats) await stats.refresh();
  const itemStats: any = (strapi.plugin('statistics') as any)?.service?.('item-stats');
  if (itemStats) await itemStats.refresh();
  if (search) await search.invalidate?.('bulk-items');
}

const COLUMNS: Array<[string, string]> = [
  ['document_id', 'text'], ['title', 'text'], ['slug', 'text'], ['index_no', 'text'], ['issuing_authority', 'text'], ['publish_date', 'date'],
  ['written_date', 'date'], ['genre', 'text'], ['disclosure_mode', 'text'], ['scope', 'text'], ['secrecy_level', 'text'], ['validity', 'text'],
  ['is_normative', 'bool'], ['keywords', 'jsonb'], ['summary', 'text'], ['body', 'text'], ['body_html', 'text'], ['summary_html', 'text'],
  ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['published_at', 'timestamptz'],
];

/** The rows' ids in the rows' order (matched on document_id and draft/published, not on RETURNING's order). */
async function insertUnnest(trx: any, rows: any[]): Promise<number[]> {
  const cols = COLUMNS.map(([c]) => c).join(', ');
  const arrays = COLUMNS.map(([c]) => rows.map((row) => row[c] ?? null));
  const res = await trx.raw(
    `INSERT INTO disclosure_items (${cols}) SELECT * FROM unnest(${COLUMNS.map(([, t]) => `?::${t}[]`).join(', ')}) RETURNING id, document_id, published_at IS NOT NULL AS pub`,
    arrays as any,
  );
  const byKey = new Map<string, number>(res.rows.map((x: any) => [`${x.document_id}|${x.pub}`, Number(x.id)]));
  return rows.map((row) => byKey.get(`${row.document_id}|${row.published_at !== null}`)!);
}

async function insertOneByOne(trx: any, rows: any[]): Promise<number[]> {
  const ids: number[] = [];
  for (const row of rows) {
    const [id] = await trx('disclosure_items').insert(row);
    ids.push(typeof id === 'object' ? id.id : id);
  }
  return ids;
}
