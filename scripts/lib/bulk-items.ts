import type { Core } from '@strapi/strapi';
import { formatIndexNo, DEFAULT_INDEX_NO_TEMPLATE } from '../../src/domain/index-no';
import { reserveSequenceBlock } from '../../src/foundation/sequences';
import { isPostgres } from '../../src/foundation/sql';
import { newDocumentId } from '../../src/foundation/ids';
import { rng, NEWS_TOPICS, BODY_PARAGRAPHS } from '../seed-data';

export { newDocumentId };

/**
 * Bulk path for large datasets (benchmarks): N published items spread over the existing
 * organisations' leaf catalogue nodes, inserted in batches with raw SQL (a draft row and a published
 * row per document, as Strapi stores them, plus their relation rows). 索引号 serials are reserved
 * per organisation-year block in the same transaction as the rows, so numbers stay unique and
 * the Document Service continues after them.
 */
export async function bulkInsertItems(strapi: Core.Strapi, count: number, log: (msg: string) => void, batchSize = 1000) {
  const knex = strapi.db.connection;
  const r = rng(4242 + count);
  const template = String(strapi.config.get('disclosure.indexNoTemplate', DEFAULT_INDEX_NO_TEMPLATE));
  const nodes = await knex('catalogue_nodes as n')
    .join('catalogue_nodes_organization_lnk as l', 'l.catalogue_node_id', 'n.id')
    .join('organizations as o', 'o.id', 'l.organization_id')
    .leftJoin('catalogue_nodes_parent_lnk as c', 'c.inv_catalogue_node_id', 'n.id')
    .whereNull('c.id')
    .select('n.id as nodeId', 'o.id as orgId', 'o.code as orgCode', 'o.name as orgName');
  if (!nodes.length) throw new Error('没有可用的目录栏目：请先运行 npm run seed 生成演示数据');
  const started = Date.now();
  const json = (v: unknown) => (isPostgres(strapi) ? JSON.stringify(v) : JSON.stringify(v));
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
      for (const p of planned) {
        const key = `${p.node.orgCode}|${p.year}`;
        const seq = next.get(key)!;
        next.set(key, seq + 1);
        const indexNo = formatIndexNo(template, { orgCode: p.node.orgCode, year: p.year, seq });
        const title = `${p.node.orgName}${r.pick(NEWS_TOPICS)}（${indexNo}）`;
        const documentId = newDocumentId();
        const base = {
          document_id: documentId, title, slug: `bulk-${indexNo.replace(/[^0-9a-zA-Z]+/g, '-').toLowerCase()}`, index_no: indexNo,
          issuing_authority: p.node.orgName, publish_date: p.date, written_date: p.date, genre: '其他', disclosure_mode: '主动公开',
          scope: '面向社会', secrecy_level: '非密', validity: '有效', is_normative: false, keywords: json(['批量数据']),
          summary: title, body: `${title}\n\n${r.pick(BODY_PARAGRAPHS)}\n\n${r.pick(BODY_PARAGRAPHS)}`, created_at: now, updated_at: now,
        };
        rows.push({ ...base, published_at: null }, { ...base, published_at: now });
        meta.push({ nodeId: p.node.nodeId, orgId: p.node.orgId }, { nodeId: p.node.nodeId, orgId: p.node.orgId });
      }
      const inserted: Array<{ id: number }> = [];
      for (let i = 0; i < rows.length; i += 250) {
        const chunk = rows.slice(i, i + 250);
        if (isPostgres(strapi)) {
          inserted.push(...(await trx('disclosure_items').insert(chunk).returning('id')));
        } else {
          for (const row of chunk) {
            const [id] = await trx('disclosure_items').insert(row);
            inserted.push({ id: typeof id === 'object' ? id.id : id });
          }
        }
      }
      const orgLinks = inserted.map((row, i) => ({ disclosure_item_id: row.id, organization_id: meta[i].orgId }));
      const nodeLinks = inserted.map((row, i) => ({ disclosure_item_id: row.id, catalogue_node_id: meta[i].nodeId, catalogue_node_ord: 1 }));
      for (let i = 0; i < orgLinks.length; i += 500) {
        await trx('disclosure_items_organization_lnk').insert(orgLinks.slice(i, i + 500));
        await trx('disclosure_items_catalogue_nodes_lnk').insert(nodeLinks.slice(i, i + 500));
      }
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
}
